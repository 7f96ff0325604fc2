package org.framefork.app.health;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Insets;
import java.awt.Window;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.framefork.app.Icons;
import org.framefork.app.SectionBorder;
import org.framefork.app.Theme;

/**
 * The UI thread's health: a bouncing dot, the heartbeat graph, latency percentiles of the last ten
 * seconds, skipped frames, the watchdog's reports, and the demo switch that runs a job on the UI
 * thread to show what all of these look like when it is blocked.
 */
public final class UiHealthPanel extends JPanel {
  private static final long WINDOW_NANOS = 10_000_000_000L;

  private final HeartbeatMonitor heartbeat;
  private final EdtWatchdog watchdog;
  private final JLabel p50 = tileValue();
  private final JLabel p99 = tileValue();
  private final JLabel max = tileValue();
  private final JLabel skipped = tileValue();
  private final JLabel blocks = tileValue();
  private final JCheckBox onUiThread = new JCheckBox("Run on the UI thread (demo of what not to do: the window freezes)");
  private final JPanel banner = new JPanel(new BorderLayout(8, 0));
  private final JLabel bannerText = new JLabel();
  private final Timer refresher = new Timer(250, e -> refresh());
  private UiBlock lastBlock;

  public UiHealthPanel(HeartbeatMonitor heartbeat, EdtWatchdog watchdog) {
    super(new BorderLayout(10, 6));
    this.heartbeat = heartbeat;
    this.watchdog = watchdog;
    setBorder(new SectionBorder(true, false, false, false, new Insets(6, 10, 8, 10)));

    JPanel header = new JPanel();
    header.setLayout(new BoxLayout(header, BoxLayout.X_AXIS));
    JLabel title = new JLabel("UI thread");
    title.putClientProperty("FlatLaf.styleClass", "h4");
    header.add(title);
    header.add(Box.createHorizontalStrut(10));
    BusyIndicator dot = new BusyIndicator();
    dot.setMaximumSize(dot.getPreferredSize());
    header.add(dot);
    header.add(Box.createHorizontalStrut(10));
    JLabel hint = new JLabel("heartbeat every 16 ms: how long each waits to run");
    hint.putClientProperty("FlatLaf.styleClass", "small");
    hint.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    header.add(hint);
    header.add(Box.createHorizontalGlue());
    onUiThread.setIcon(null);
    onUiThread.setName("onUiThread");
    onUiThread.setToolTipText("<html>Off: each job runs in a SwingWorker and the window stays live.<br>"
        + "On: the next job runs directly on the event dispatch thread, as a naive app would;<br>"
        + "the window freezes until it ends and the watchdog reports the block.</html>");
    header.add(new JLabel(Icons.get("warning")));
    header.add(Box.createHorizontalStrut(4));
    header.add(onUiThread);
    add(header, BorderLayout.NORTH);

    add(new HeartbeatGraph(heartbeat), BorderLayout.CENTER);

    JPanel tiles = new JPanel(new GridLayout(1, 5, 8, 0));
    tiles.add(tile(p50, "p50 (10 s)"));
    tiles.add(tile(p99, "p99 (10 s)"));
    tiles.add(tile(max, "max (10 s)"));
    tiles.add(tile(skipped, "skipped frames"));
    tiles.add(tile(blocks, "blocks > " + seconds(watchdog.thresholdMillis())));
    add(tiles, BorderLayout.EAST);

    banner.setVisible(false);
    banner.setOpaque(false);
    bannerText.setIcon(Icons.get("warning"));
    banner.add(bannerText, BorderLayout.CENTER);
    JButton details = new JButton("Stack trace…");
    details.addActionListener(e -> showStack());
    banner.add(details, BorderLayout.EAST);
    add(banner, BorderLayout.SOUTH);

    watchdog.addListener(this::blockReported);
    refresh();
  }

  @Override
  public void addNotify() {
    super.addNotify();
    refresher.start();
  }

  @Override
  public void removeNotify() {
    refresher.stop(); // a disposed window leaves no timer behind to keep the EDT awake
    super.removeNotify();
  }

  /** The demo switch: when selected, the next job runs on the EDT. */
  public JCheckBox onUiThreadSwitch() {
    return onUiThread;
  }

  public boolean runOnUiThread() {
    return onUiThread.isSelected();
  }

  /** The banner's text once a block has been reported, else empty. */
  public String blockBannerText() {
    return banner.isVisible() ? bannerText.getText() : "";
  }

  private void blockReported(UiBlock block) {
    lastBlock = block;
    bannerText.setText(block.summary() + ", at " + topFrame(block) + ".");
    bannerText.setToolTipText("<html><pre>" + block.stackText().lines().limit(20).reduce("", (a, b) -> a + b + "\n")
        + "</pre></html>");
    banner.setVisible(true);
    refresh();
    revalidate();
  }

  private static String topFrame(UiBlock block) {
    // The frame of ours nearest the top says more than a JDK or native frame would.
    for (StackTraceElement e : block.stack()) {
      if (e.getClassName().startsWith("org.framefork.")) {
        String cls = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1);
        return cls + "." + e.getMethodName();
      }
    }
    return block.stack().length > 0 ? block.stack()[0].getMethodName() : "an unknown place";
  }

  private void showStack() {
    if (lastBlock == null) {
      return;
    }
    Window owner = SwingUtilities.getWindowAncestor(this);
    JDialog dialog = new JDialog(owner, "UI thread block", java.awt.Dialog.ModalityType.MODELESS);
    JTextArea text = new JTextArea(lastBlock.summary() + "\nStack of " + lastBlock.thread() + " when the watchdog caught it ("
        + lastBlock.detectedAt() + "):\n" + lastBlock.stackText());
    text.setEditable(false);
    text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
    text.setCaretPosition(0);
    JScrollPane scroll = new JScrollPane(text);
    scroll.setPreferredSize(new Dimension(760, 420));
    dialog.add(scroll);
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
  }

  private void refresh() {
    long now = System.nanoTime();
    LatencyStats s = heartbeat.stats(now - WINDOW_NANOS, now);
    p50.setText(ms(s.p50Ms()));
    p99.setText(ms(s.p99Ms()));
    max.setText(ms(s.maxMs()));
    paintLevel(p99, s.p99Ms());
    paintLevel(max, s.maxMs());
    skipped.setText(Integer.toString(heartbeat.skippedFramesTotal()));
    blocks.setText(Integer.toString(watchdog.blocks().size()));
    blocks.setForeground(watchdog.blocks().isEmpty() ? Theme.foreground() : Theme.bad());
  }

  private static void paintLevel(JLabel l, double ms) {
    l.setForeground(ms <= 16 ? Theme.foreground() : ms <= 50 ? Theme.warning() : Theme.bad());
  }

  private static String ms(double v) {
    return v >= 1000 ? String.format("%.1f s", v / 1000) : v >= 10 ? String.format("%.0f ms", v) : String.format("%.1f ms", v);
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
  }

  private static JLabel tileValue() {
    JLabel l = new JLabel("–", JLabel.CENTER);
    l.putClientProperty("FlatLaf.styleClass", "h3");
    return l;
  }

  private static Component tile(JLabel value, String caption) {
    JPanel p = new JPanel(new BorderLayout());
    p.setOpaque(false);
    p.add(value, BorderLayout.CENTER);
    JLabel c = new JLabel(caption, JLabel.CENTER);
    c.putClientProperty("FlatLaf.styleClass", "small");
    p.add(c, BorderLayout.SOUTH);
    p.setPreferredSize(new Dimension(104, 48));
    JPanel wrap = new JPanel(new FlowLayout(FlowLayout.CENTER, 0, 0));
    wrap.setOpaque(false);
    wrap.add(p);
    return wrap;
  }

  /**
   * Labels here change text several times a second; stopping their revalidation at this panel keeps
   * each change from laying out the whole window again on the UI thread.
   */
  @Override
  public boolean isValidateRoot() {
    return true;
  }
}
