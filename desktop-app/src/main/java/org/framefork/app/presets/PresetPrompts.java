package org.framefork.app.presets;

import java.awt.Component;
import java.io.File;
import java.nio.file.Path;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * The questions the presets dialog asks: a name, a file to import, a file to export to. Swing's
 * dialogs by default; a test answers them itself. Each returns null when the user cancels.
 */
public interface PresetPrompts {
  String name(Component parent, String question, String initial);

  Path fileToImport(Component parent);

  Path fileToExport(Component parent, String suggestedName);

  /** JOptionPane and JFileChooser. */
  PresetPrompts SWING = new PresetPrompts() {
    @Override
    public String name(Component parent, String question, String initial) {
      Object answer = JOptionPane.showInputDialog(parent, question, "Preset", JOptionPane.QUESTION_MESSAGE, null, null, initial);
      return answer == null ? null : answer.toString();
    }

    @Override
    public Path fileToImport(Component parent) {
      JFileChooser chooser = chooser("Import presets");
      return chooser.showOpenDialog(parent) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }

    @Override
    public Path fileToExport(Component parent, String suggestedName) {
      JFileChooser chooser = chooser("Export preset");
      chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), suggestedName));
      return chooser.showSaveDialog(parent) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }

    private JFileChooser chooser(String title) {
      JFileChooser chooser = new JFileChooser();
      chooser.setDialogTitle(title);
      chooser.setFileFilter(new FileNameExtensionFilter("FrameFork presets (*.json)", "json"));
      return chooser;
    }
  };
}
