package org.framefork.app.presets;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.awt.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import com.formdev.flatlaf.util.UIScale;
import org.framefork.app.Theme;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.preset.PresetFile;
import org.framefork.encoder.preset.PresetFileException;

/**
 * The presets, as HandBrake's presets window: pick one and apply it, save the current settings as
 * a preset, rename or delete your own, import and export preset files (the command line's
 * {@code --preset-file} reads them). Files are read and written off the UI thread.
 */
public final class PresetsDialog extends JDialog {
  private final PresetLibrary library;
  private final Supplier<JobSettings> current;
  private final Consumer<EncodePreset> apply;
  private final PresetPrompts prompts;
  private final DefaultListModel<EncodePreset> model = new DefaultListModel<>();
  private final JList<EncodePreset> list = new JList<>(model);
  /** The last action's result: wrapped over as many lines as it takes (a file's path and a command are long), selectable. */
  private final JTextArea status = new JTextArea(" ");
  /** The library's listener for this dialog, taken off when it is disposed. */
  private final Runnable reloadOnChange = this::reload;
  private final JButton applyButton = button("Apply", "applyPreset", this::applySelected);
  private final JButton save = button("Save current…", "savePreset", this::saveCurrent);
  private final JButton rename = button("Rename…", "renamePreset", this::renameSelected);
  private final JButton delete = button("Delete", "deletePreset", this::deleteSelected);
  private final JButton importButton = button("Import…", "importPreset", this::importFile);
  private final JButton export = button("Export…", "exportPreset", this::exportSelected);

  public PresetsDialog(Window owner, PresetLibrary library, Supplier<JobSettings> current, Consumer<EncodePreset> apply,
      PresetPrompts prompts) {
    super(owner, "Presets", ModalityType.MODELESS);
    this.library = library;
    this.current = current;
    this.apply = apply;
    this.prompts = prompts;
    setName("presetsDialog");
    list.setName("presetList");
    list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    list.setCellRenderer(new PresetRenderer());
    list.addListSelectionListener(e -> updateButtons());
    status.setName("presetStatus");
    status.setEditable(false);
    status.setLineWrap(true);
    status.setWrapStyleWord(true);
    status.setOpaque(false);
    status.setBorder(BorderFactory.createEmptyBorder());
    status.setFont(javax.swing.UIManager.getFont("Label.font"));
    JPanel buttons = new JPanel(new GridLayout(0, 1, 0, 6));
    for (JButton b : List.of(applyButton, save, rename, delete, importButton, export)) {
      buttons.add(b);
    }
    JPanel east = new JPanel(new BorderLayout());
    east.add(buttons, BorderLayout.NORTH);
    JButton close = button("Close", "closePresets", this::dispose);
    east.add(close, BorderLayout.SOUTH);
    org.framefork.app.Dialogs.closeOnEscape(this);
    JScrollPane scroll = new JScrollPane(list, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED, JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
    JPanel content = new JPanel(new BorderLayout(10, 8));
    content.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
    content.add(scroll, BorderLayout.CENTER);
    content.add(east, BorderLayout.EAST);
    content.add(status, BorderLayout.SOUTH);
    setContentPane(content);
    library.onChange(reloadOnChange);
    reload();
    list.setSelectedIndex(0);
    scroll.setPreferredSize(listSize(scroll, east, owner));
    pack();
    setLocationRelativeTo(owner);
  }

  /**
   * Room for every preset's lines whole (their fonts grow with {@code -Dflatlaf.uiScale}), at least
   * 600×420 px scaled, and no wider than nine tenths of the screen leaves beside the buttons.
   */
  private Dimension listSize(JScrollPane scroll, JPanel east, Window owner) {
    java.awt.GraphicsConfiguration gc = owner != null ? owner.getGraphicsConfiguration() : getGraphicsConfiguration();
    java.awt.Rectangle screen = gc == null ? new java.awt.Rectangle(0, 0, 1280, 1024) : gc.getBounds();
    int rows = list.getPreferredSize().width + scroll.getVerticalScrollBar().getPreferredSize().width + UIScale.scale(4);
    int most = screen.width * 9 / 10 - east.getPreferredSize().width - UIScale.scale(40);
    return new Dimension(Math.max(UIScale.scale(300), Math.min(most, Math.max(UIScale.scale(600), rows))), UIScale.scale(420));
  }

  /**
   * Also stops hearing of the library's changes: each open makes a new dialog, and the library (the
   * app's own, for the whole session) kept every closed one and reloaded it at each change.
   */
  @Override
  public void dispose() {
    library.removeOnChange(reloadOnChange);
    super.dispose();
  }

  private void reload() {
    EncodePreset selected = list.getSelectedValue();
    model.clear();
    library.all().forEach(model::addElement);
    if (selected != null && model.contains(selected)) {
      list.setSelectedValue(selected, true);
    }
    updateButtons();
  }

  private void updateButtons() {
    EncodePreset p = list.getSelectedValue();
    boolean own = p != null && !library.isBuiltIn(p);
    applyButton.setEnabled(p != null);
    rename.setEnabled(own);
    delete.setEnabled(own);
    export.setEnabled(p != null);
  }

  /** Selects the preset of that name; false when there is none. */
  public boolean select(String name) {
    EncodePreset p = library.find(name);
    if (p != null) {
      list.setSelectedValue(p, true);
    }
    return p != null;
  }

  private void applySelected() {
    EncodePreset p = list.getSelectedValue();
    if (p != null) {
      apply.accept(p);
      say("Applied \"" + p.name() + "\".");
    }
  }

  private void saveCurrent() {
    JobSettings s = current.get();
    String name = askName("Name for a preset of the current settings (" + s.asPreset("x", "").summary() + "):", "");
    if (name != null) {
      EncodePreset p = s.asPreset(name, "Saved from the settings on " + java.time.LocalDate.now());
      library.add(p);
      list.setSelectedValue(p, true);
      say("Saved \"" + p.name() + "\".");
    }
  }

  private void renameSelected() {
    EncodePreset p = list.getSelectedValue();
    if (p == null || library.isBuiltIn(p)) {
      return;
    }
    String name = askName("New name for \"" + p.name() + "\":", p.name());
    if (name != null) {
      list.setSelectedValue(library.rename(p, name), true);
      say("Renamed to \"" + name.strip() + "\".");
    }
  }

  /** Asks for a name until it is free, or the user cancels (null). */
  private String askName(String question, String initial) {
    String answer = prompts.name(this, question, initial);
    while (answer != null && library.nameProblem(answer) != null && !answer.strip().equals(initial)) {
      answer = prompts.name(this, library.nameProblem(answer) + "\n" + question, answer);
    }
    return answer == null || answer.strip().equals(initial) ? null : answer.strip();
  }

  private void deleteSelected() {
    EncodePreset p = list.getSelectedValue();
    if (p != null && !library.isBuiltIn(p)) {
      library.delete(p);
      say("Deleted \"" + p.name() + "\".");
    }
  }

  private void importFile() {
    Path file = prompts.fileToImport(this);
    if (file != null) {
      offUiThread(() -> PresetFile.read(file), presets -> {
        List<EncodePreset> added = library.addImported(presets);
        list.setSelectedValue(added.getLast(), true);
        say("Imported " + String.join(", ", added.stream().map(p -> "\"" + p.name() + "\"").toList()) + " from " + file.getFileName() + ".");
      });
    }
  }

  private void exportSelected() {
    EncodePreset p = list.getSelectedValue();
    Path file = p == null ? null : prompts.fileToExport(this, PresetLibrary.fileNameFor(p));
    if (file != null) {
      offUiThread(() -> {
        PresetFile.write(file, List.of(p));
        return file;
      }, f -> say("Exported \"" + p.name() + "\" to " + f + "; ./framefork encode IN --preset-file "
          + shellWord(f.toAbsolutePath().toString()) + " uses it."));
    }
  }

  /**
   * {@code text} as one word of a POSIX shell's command line, so that the line can be pasted: as it
   * is when it has only characters no shell treats specially, else in single quotes (a quote in it
   * as {@code '\''}).
   */
  static String shellWord(String text) {
    return !text.isEmpty() && text.matches("[A-Za-z0-9_@%+=:,./-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  /** Runs {@code work} on a worker thread; its result, or its one-line failure, comes back to the UI thread. */
  private <T> void offUiThread(Callable<T> work, Consumer<T> then) {
    say("Working…");
    new SwingWorker<T, Void>() {
      @Override
      protected T doInBackground() throws Exception {
        return work.call();
      }

      @Override
      protected void done() {
        try {
          then.accept(get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          sayProblem(c instanceof PresetFileException ? c.getMessage() : "Failed: " + c.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void say(String text) {
    show(text, Theme.dimForeground());
  }

  private void sayProblem(String text) {
    show(text, Theme.bad());
  }

  private void show(String text, java.awt.Color colour) {
    status.setForeground(colour);
    status.setText(text);
    status.setToolTipText(text);
    getContentPane().revalidate(); // a longer sentence takes more lines
  }

  public String statusText() {
    return status.getText();
  }

  private static JButton button(String text, String name, Runnable run) {
    JButton b = new JButton(text);
    b.setName(name);
    b.addActionListener(e -> run.run());
    return b;
  }

  /** Three lines a preset: its name (and "built-in"), its description, its settings. */
  private final class PresetRenderer extends JPanel implements ListCellRenderer<EncodePreset> {
    private final JLabel name = new JLabel();
    private final JLabel detail = new JLabel();
    private final JLabel settings = new JLabel();

    PresetRenderer() {
      super(new BorderLayout(0, 1));
      setBorder(BorderFactory.createEmptyBorder(5, 8, 5, 8));
      name.putClientProperty("FlatLaf.styleClass", "semibold");
      settings.putClientProperty("FlatLaf.styleClass", "small");
      add(name, BorderLayout.NORTH);
      add(detail, BorderLayout.CENTER);
      add(settings, BorderLayout.SOUTH);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends EncodePreset> l, EncodePreset p, int index, boolean selected,
        boolean focused) {
      setBackground(selected ? l.getSelectionBackground() : l.getBackground());
      name.setForeground(selected ? l.getSelectionForeground() : l.getForeground());
      detail.setForeground(selected ? l.getSelectionForeground() : l.getForeground());
      settings.setForeground(selected ? l.getSelectionForeground() : Theme.dimForeground());
      name.setText(p.name() + (library.isBuiltIn(p) ? "   · built-in" : ""));
      detail.setText(p.description());
      settings.setText(p.summary());
      return this;
    }
  }
}
