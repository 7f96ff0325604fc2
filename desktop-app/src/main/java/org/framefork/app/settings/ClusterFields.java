package org.framefork.app.settings;

import java.awt.BorderLayout;
import java.nio.file.Path;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import org.framefork.app.AppArgs;
import org.framefork.app.AppPreferences;
import org.framefork.app.Icons;

/**
 * The settings' cluster fields: the nodes' addresses, the credentials folder and this machine's
 * workers beside the nodes. Empty addresses: jobs run here only, as without {@code --cluster}.
 */
final class ClusterFields {
  final JTextField addresses = new JTextField(16);
  final JTextField credentials = new JTextField(16);
  final SpinnerNumberModel localWorkersModel =
      new SpinnerNumberModel(Runtime.getRuntime().availableProcessors(), 0, AppArgs.maxWorkers(), 1);
  final JSpinner localWorkers = new JSpinner(localWorkersModel);
  final JPanel credentialsRow = new JPanel(new BorderLayout(4, 0));

  ClusterFields() {
    addresses.setName("clusterAddresses");
    addresses.setToolTipText("Worker nodes that encode chunks too, HOST:PORT[,...] (started with 'framefork node'); "
        + "empty: this machine only");
    credentials.setName("clusterCredentials");
    credentials.setToolTipText("The cluster's credentials: the folder 'framefork node --init DIR' made, copied from the nodes");
    localWorkers.setName("clusterWorkers");
    localWorkers.setToolTipText("Chunks this machine encodes at once beside the nodes; 0 leaves them all to the nodes "
        + "(used when a cluster is set)");
    JButton browse = new JButton(Icons.get("folder"));
    browse.setToolTipText("Choose the credentials folder");
    browse.addActionListener(e -> SettingsPanel.chooseFolder(credentials, "The cluster's credentials folder"));
    credentialsRow.setOpaque(false);
    credentialsRow.add(credentials, BorderLayout.CENTER);
    credentialsRow.add(browse, BorderLayout.EAST);
  }

  /** The cluster as the fields stand; null when no address is given. */
  ClusterSetting current() {
    String text = addresses.getText().strip();
    if (text.isEmpty()) {
      return null;
    }
    String dir = credentials.getText().strip();
    return new ClusterSetting(text, dir.isEmpty() ? null : Path.of(dir), localWorkersModel.getNumber().intValue());
  }

  void load(AppPreferences prefs) {
    addresses.setText(prefs.get("clusterAddresses", ""));
    credentials.setText(prefs.get("clusterCredentials", ""));
    int n = prefs.getInt("clusterWorkers", Runtime.getRuntime().availableProcessors());
    localWorkersModel.setValue(Math.max(0, Math.min(AppArgs.maxWorkers(), n)));
  }

  /** What is remembered, by preference key, into {@code values}. */
  void values(java.util.Map<String, String> values) {
    values.put("clusterAddresses", addresses.getText().strip());
    values.put("clusterCredentials", credentials.getText().strip());
    values.put("clusterWorkers", Integer.toString(localWorkersModel.getNumber().intValue()));
  }

  /** What the command line gave: {@code --cluster}, {@code --credentials}, and {@code --workers} as this machine's. */
  void apply(AppArgs args) {
    addresses.setText(args.cluster());
    if (args.credentials() != null) {
      credentials.setText(args.credentials().toAbsolutePath().toString());
    }
    if (args.workers() != null) {
      localWorkersModel.setValue(args.workers());
    }
  }
}
