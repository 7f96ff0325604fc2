package org.framefork.app.settings;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.framefork.app.AppArgs;
import org.framefork.app.AppPreferences;
import org.framefork.app.Icons;
import org.framefork.app.presets.PresetLibrary;
import org.framefork.app.presets.PresetPrompts;
import org.framefork.app.presets.PresetsDialog;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.preset.EncodePreset;

/**
 * Encoding settings for the next jobs: a preset to start from, codec, speed, quality, bit depth,
 * tone map, audio, filters, execution mode, workers, chunk length, the image sequences' rate and gaps, format,
 * output folder, and the cluster whose nodes encode chunks too. Remembered between runs.
 */
public final class SettingsPanel extends JPanel implements javax.swing.Scrollable {
  private static final List<Double> CHUNK_SECONDS = List.of(0.0, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0);

  private final AppPreferences prefs;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final JComboBox<VideoCodec> codec = new JComboBox<>(VideoCodec.values());
  private final JComboBox<String> preset = new JComboBox<>(VideoCodec.PRESETS.toArray(String[]::new));
  private final SpinnerNumberModel crfModel = new SpinnerNumberModel(23, 0, 51, 1);
  private final JComboBox<ExecutionMode> mode = new JComboBox<>(ExecutionMode.values());
  private final SpinnerNumberModel workersModel = new SpinnerNumberModel(cores, 1, AppArgs.maxWorkers(), 1);
  private final JSpinner workers = new JSpinner(workersModel);
  private final JComboBox<Double> chunk = new JComboBox<>(CHUNK_SECONDS.toArray(Double[]::new));
  private final JComboBox<Container> container = new JComboBox<>(Container.values());
  private final JTextField outputFolder = new JTextField(24);
  private final JTextField targetQuality = new JTextField(8);
  private final JComboBox<AudioMode> audio = new JComboBox<>(AudioMode.values());
  private final JTextField filters = new JTextField(16);
  private final JComboBox<String> depth = new JComboBox<>(new String[] {AUTO_DEPTH, "8", "10"});
  private final JComboBox<String> toneMap = new JComboBox<>(new String[] {NO_TONE_MAP, "bt2390", "hable"});
  private final JTextField sequenceRate = new JTextField(6);
  private final javax.swing.JCheckBox allowGaps = new javax.swing.JCheckBox("Allow gaps");
  /** "Custom settings" first, then the presets; shows the preset the settings match. */
  private final JComboBox<Object> presetChoice = new JComboBox<>();
  private final ClusterFields cluster = new ClusterFields();
  private static final String CUSTOM = "Custom settings";
  private static final String AUTO_DEPTH = "auto";
  private static final String NO_TONE_MAP = "off";
  private final PresetLibrary presets;
  private boolean syncingPresetChoice;
  /**
   * Writes the remembered settings shortly after the last change of a burst (typing a path), so a
   * crash soon after keeps them: java.util.prefs alone writes every 30 s. The write itself runs on the
   * preferences' own thread, never the UI thread.
   */
  private final javax.swing.Timer writeSoon;
  private final List<Runnable> changeListeners = new java.util.ArrayList<>();
  /**
   * The settings the command line gave, each with the value it left: for this session only. Saving
   * keeps the remembered value of such a setting until it is changed in the window.
   */
  private final java.util.Map<String, String> fromCommandLine = new java.util.HashMap<>();
  private boolean applying;

  public SettingsPanel(AppPreferences prefs, PresetLibrary presets) {
    super(new GridBagLayout());
    this.prefs = prefs;
    this.presets = presets;
    writeSoon = new javax.swing.Timer(250, e -> prefs.flush());
    writeSoon.setRepeats(false);
    presetChoice.setName("presetChoice");
    audio.setName("audio");
    filters.setName("filters");
    filters.setToolTipText("Filters run on every picture, as --vf: e.g. scale=-1:720,denoise=4");
    audio.setToolTipText("auto copies the audio when the format can hold it, else AAC or Opus");
    setBorder(BorderFactory.createEmptyBorder(0, 12, 8, 12)); // under the window's "Settings" header
    codec.setName("codec");
    mode.setName("mode");
    workers.setName("workers");
    outputFolder.setName("outputFolder");
    targetQuality.setName("targetQuality");
    targetQuality.setToolTipText("Target quality, e.g. vmaf=93 or ssim=0.985: each chunk gets the CRF that reaches it "
        + "(found by probe encodes); empty uses the CRF");
    describePictureSettings();
    load();
    describeChoices();
    JSpinner crf = new JSpinner(crfModel);
    crf.setName("crf");
    crf.setToolTipText("Constant rate factor: lower is better quality and a bigger file");
    workers.setToolTipText("Chunks encoded at once in parallel mode (this machine has " + cores + " cores); "
        + "with a cluster set, Workers here counts instead");
    chunk.setToolTipText("Target chunk length; chunks start at the source's keyframes");
    layOut(crf);
    fillPresetChoice();
    presets.onChange(this::fillPresetChoice);
    presetChoice.addActionListener(e -> {
      if (!syncingPresetChoice && presetChoice.getSelectedItem() instanceof EncodePreset p) {
        applyPreset(p);
      }
    });
    saveOnEveryChange();
    enableTheWorkersThatApply();
    checkWhenLeft(filters, JobSettings::filtersSyntaxProblem); // no disk on the UI thread: Start looks for overlays
    checkWhenLeft(targetQuality, JobSettings::targetProblem);
    checkWhenLeft(sequenceRate, JobSettings::sequenceProblem);
    sayTheCrfRange(((JSpinner.DefaultEditor) crf.getEditor()).getTextField());
  }

  /**
   * A CRF typed outside the codec's range (99 for h264) is put back to the value before when the
   * field is left, as a spinner does; that is said where Start says things, with the range, and the
   * field is outlined until a CRF in range is typed, or set with the arrows or by a codec change.
   * Read before the spinner puts the value back, and judged by the spinner's own formatter, so that
   * what it takes ("23.7" is 23) is not said to stay as it was, and what it puts back (" 30") is
   * quoted as typed, not said to be out of range.
   */
  private void sayTheCrfRange(javax.swing.JFormattedTextField text) {
    Runnable inRange = () -> {
      if (text.getClientProperty("JComponent.outline") != null) { // a CRF in range is set: the problem is gone
        text.putClientProperty("JComponent.outline", null);
        fieldProblem.accept(null);
      }
    };
    crfModel.addChangeListener(e -> inRange.run());
    codec.addActionListener(e -> inRange.run()); // its default CRF, even where that is the value already
    text.addFocusListener(new java.awt.event.FocusAdapter() {
      @Override
      public void focusLost(java.awt.event.FocusEvent e) {
        if (e.isTemporary()) {
          return;
        }
        String problem = crfProblem(text.getFormatter(), text.getText(), (Number) crfModel.getMinimum(),
            (Number) crfModel.getMaximum(), String.valueOf(codec.getSelectedItem()), crfModel.getNumber());
        boolean wasWrong = text.getClientProperty("JComponent.outline") != null;
        text.putClientProperty("JComponent.outline", problem == null ? null : "error");
        if (problem != null || wasWrong) {
          fieldProblem.accept(problem);
        }
      }
    });
  }

  /**
   * Why {@code typed} is no CRF of {@code codec}'s range, saying the range and the value kept; null
   * when the spinner's {@code formatter} takes it as one (and so commits it) in {@code min} to {@code max}.
   */
  static String crfProblem(javax.swing.JFormattedTextField.AbstractFormatter formatter, String typed, Number min, Number max,
      String codec, Number kept) {
    try {
      if (formatter != null && formatter.stringToValue(typed) instanceof Number n
          && n.doubleValue() >= min.doubleValue() && n.doubleValue() <= max.doubleValue()) {
        return null;
      }
    } catch (java.text.ParseException e) {
      // Refused: out of range (99), or no number at all to a number format (" 30", "+30", "abc"),
      // which is said as typed, quoted, not as a number out of range.
      java.text.ParsePosition at = new java.text.ParsePosition(0);
      if (java.text.NumberFormat.getInstance().parse(typed, at) == null || at.getIndex() == 0) {
        return "Quality (CRF) takes a number from " + min + " to " + max + " with " + codec + "; \"" + typed
            + "\" is none, so it stays " + kept;
      }
    }
    return "Quality (CRF) takes " + min + " to " + max + " with " + codec + ", not " + typed.trim() + "; it stays " + kept;
  }

  /** Hears each field's check: the problem Start would say, or null once the field is right. EDT. */
  public void onFieldProblem(java.util.function.Consumer<String> listener) {
    fieldProblem = listener;
  }

  private java.util.function.Consumer<String> fieldProblem = p -> {};

  /**
   * Checks {@code field} when it is left or Enter is pressed in it, by the check Start makes of it
   * ({@code check}, the engine's parser): a problem outlines the field as an error and is said where
   * Start says it; a field put right loses its outline, and its sentence goes.
   */
  private void checkWhenLeft(JTextField field, java.util.function.Function<JobSettings, String> check) {
    Runnable run = () -> {
      JobSettings now;
      try {
        now = current();
      } catch (java.nio.file.InvalidPathException e) { // Windows: a folder name with : or * in it
        fieldProblem.accept("Output folder " + e.getInput() + " is no folder's name here (" + e.getReason()
            + "); choose one with Browse");
        return;
      }
      String problem = check.apply(now);
      boolean wasWrong = field.getClientProperty("JComponent.outline") != null;
      field.putClientProperty("JComponent.outline", problem == null ? null : "error");
      if (problem != null || wasWrong) {
        fieldProblem.accept(problem);
      }
    };
    field.addActionListener(e -> run.run());
    field.addFocusListener(new java.awt.event.FocusAdapter() {
      @Override
      public void focusLost(java.awt.event.FocusEvent e) {
        run.run();
      }
    });
  }

  /**
   * Bit depth, tone map and the image sequences' rate and gaps: the command line's --depth, --tonemap,
   * --fps and --allow-gaps.
   */
  private void describePictureSettings() {
    depth.setName("depth");
    depth.setToolTipText("Bits per sample of the output: auto keeps a 10-bit source 10-bit with h265 and av1 "
        + "(h264 and vp9 write 8); 10 to 8 bits is dithered");
    toneMap.setName("toneMap");
    toneMap.setToolTipText("Tone-map an HDR10 (PQ) source to SDR (BT.709, 8-bit) with this curve; other sources are "
        + "left as they are (a note says so)");
    sequenceRate.setName("sequenceRate");
    sequenceRate.putClientProperty("JTextField.placeholderText", "24");
    sequenceRate.setToolTipText("Frame rate of the image sequences in the queue: 24, 23.976 or 30000/1001; empty for 24. "
        + "Videos keep their own");
    allowGaps.setName("allowGaps");
    allowGaps.setToolTipText("Take an image sequence with missing numbers: each missing frame holds the image before it "
        + "(else the sequence is refused, with the list of them)");
  }

  /**
   * "Workers" counts this machine's chunks at once for a job here, "Workers here" for a cluster job:
   * only the one that the next job uses is editable (neither outside the parallel mode).
   */
  private void enableTheWorkersThatApply() {
    boolean parallel = mode.getSelectedItem() == ExecutionMode.PARALLEL;
    boolean onCluster = !cluster.addresses.getText().isBlank();
    workers.setEnabled(parallel && !onCluster);
    cluster.localWorkers.setEnabled(parallel && onCluster);
  }

  /** Each mode with what it does, each chunk length in seconds ("auto" for 0). */
  private void describeChoices() {
    mode.setRenderer(new DefaultListCellRenderer() {
      @Override
      public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean sel, boolean focus) {
        super.getListCellRendererComponent(list, value, index, sel, focus);
        if (value instanceof ExecutionMode m) {
          setText(index < 0 ? m.toString() : m + switch (m) {
            case SEQUENTIAL -> " — one chunk after another";
            case CONCURRENT -> " — chunks interleaved on one thread";
            case PARALLEL -> " — chunks on several workers at once";
          });
        }
        return this;
      }
    });
    presetChoice.setRenderer(new DefaultListCellRenderer() {
      @Override
      public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean sel, boolean focus) {
        super.getListCellRendererComponent(list, value, index, sel, focus);
        if (value instanceof EncodePreset p) {
          setText(p.name());
          setToolTipText(p.description());
        }
        return this;
      }
    });
    chunk.setRenderer(new DefaultListCellRenderer() {
      @Override
      public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean sel, boolean focus) {
        super.getListCellRendererComponent(list, value, index, sel, focus);
        double s = (Double) value;
        setText(s == 0 ? "auto" : String.format(Locale.ROOT, "%.0f s", s));
        return this;
      }
    });
  }

  /** Two settings a row, then the output folder with its Browse button across the width. */
  private void layOut(JSpinner crf) {
    JButton browse = new JButton(Icons.get("folder"));
    browse.setToolTipText("Choose the output folder");
    browse.addActionListener(e -> chooseFolder(outputFolder, "Output folder"));
    JPanel folderRow = new JPanel(new BorderLayout(4, 0));
    folderRow.setOpaque(false);
    folderRow.add(outputFolder, BorderLayout.CENTER);
    folderRow.add(browse, BorderLayout.EAST);

    JButton manage = new JButton("Presets…", Icons.get("presets"));
    manage.setName("managePresets");
    manage.setToolTipText("Save, rename, delete, import and export presets");
    manage.addActionListener(e -> openPresets(PresetPrompts.SWING));
    JPanel presetRow = new JPanel(new BorderLayout(6, 0));
    presetRow.setOpaque(false);
    presetRow.add(presetChoice, BorderLayout.CENTER);
    presetRow.add(manage, BorderLayout.EAST);
    int row = 0;
    addWideRow(row++, "Preset", presetRow);
    addRow(row++, "Codec", codec, "Speed", preset);
    addRow(row++, "Quality (CRF)", crf, "Format", container);
    addRow(row++, "Bit depth", depth, "Tone map", toneMap);
    addRow(row++, "Audio", audio, "Filters", filters);
    addRow(row++, "Mode", mode, "Workers", workers);
    addRow(row++, "Chunk length", chunk, "Target quality", targetQuality);
    addRow(row++, "Sequence fps", sequenceRate, "Sequence gaps", allowGaps);
    addWideRow(row++, "Output folder", folderRow);
    addRow(row++, "Cluster", cluster.addresses, "Workers here", cluster.localWorkers);
    addWideRow(row, "Credentials", cluster.credentialsRow);
  }

  /** A label and one field across the width. */
  private void addWideRow(int row, String label, JComponent field) {
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = 0;
    c.gridy = row;
    c.anchor = GridBagConstraints.LINE_END;
    c.insets = new Insets(4, 0, 4, 8);
    add(new JLabel(label), c);
    c.gridx = 1;
    c.gridwidth = 3;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.weightx = 1;
    c.insets = new Insets(4, 0, 4, 0);
    add(field, c);
  }

  /** The presets dialog, for this panel's settings; {@code prompts} asks for names and files. */
  public PresetsDialog openPresets(PresetPrompts prompts) {
    PresetsDialog d = new PresetsDialog(javax.swing.SwingUtilities.getWindowAncestor(this), presets, this::current,
        this::applyPreset, prompts);
    d.setVisible(true);
    return d;
  }

  /** Takes a preset's codec, quality, speed, audio and filters; the rest stays. */
  public void applyPreset(EncodePreset p) {
    codec.setSelectedItem(p.codec()); // first: a codec change resets the CRF to the codec's default
    if (!VideoCodec.PRESETS.contains(p.speed())) {
      preset.addItem(p.speed()); // a codec's own number (vp9, av1)
    }
    preset.setSelectedItem(p.speed());
    crfModel.setValue(p.crf());
    audio.setSelectedItem(p.audio());
    filters.setText(p.filters());
    syncPresetChoice();
  }

  private void fillPresetChoice() {
    syncingPresetChoice = true;
    try {
      presetChoice.removeAllItems();
      presetChoice.addItem(CUSTOM);
      presets.all().forEach(presetChoice::addItem);
    } finally {
      syncingPresetChoice = false;
    }
    syncPresetChoice();
  }

  /** Shows the preset the settings match, or "Custom settings". */
  private void syncPresetChoice() {
    JobSettings s = current();
    Object match = presets.all().stream().filter(s::matches).findFirst().map(p -> (Object) p).orElse(CUSTOM);
    if (match != presetChoice.getSelectedItem()) {
      syncingPresetChoice = true;
      try {
        presetChoice.setSelectedItem(match);
      } finally {
        syncingPresetChoice = false;
      }
    }
  }

  /** The preset the settings match, or null. */
  public EncodePreset matchingPreset() {
    return presetChoice.getSelectedItem() instanceof EncodePreset p ? p : null;
  }

  /** Every change is remembered at once; a codec change also resets the CRF to that codec's default. */
  private void saveOnEveryChange() {
    codec.addActionListener(e -> {
      VideoCodec v = (VideoCodec) codec.getSelectedItem();
      crfModel.setMaximum(v.maxCrf());
      crfModel.setValue(v.defaultCrf());
      save();
    });
    mode.addActionListener(e -> save());
    preset.addActionListener(e -> save());
    container.addActionListener(e -> save());
    audio.addActionListener(e -> save());
    saveOnEdit(filters);
    depth.addActionListener(e -> save());
    toneMap.addActionListener(e -> save());
    saveOnEdit(sequenceRate);
    allowGaps.addActionListener(e -> save());
    chunk.addActionListener(e -> save());
    crfModel.addChangeListener(e -> save());
    workersModel.addChangeListener(e -> save());
    saveOnEdit(outputFolder);
    saveOnEdit(targetQuality);
    saveOnEdit(cluster.addresses);
    saveOnEdit(cluster.credentials);
    cluster.localWorkersModel.addChangeListener(e -> save());
  }

  private void saveOnEdit(JTextField field) {
    field.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent e) {
        save();
      }

      @Override
      public void removeUpdate(DocumentEvent e) {
        save();
      }

      @Override
      public void changedUpdate(DocumentEvent e) {
        save();
      }
    });
  }

  private void addRow(int row, String label1, JComponent field1, String label2, JComponent field2) {
    GridBagConstraints c = new GridBagConstraints();
    c.gridy = row;
    c.insets = new Insets(4, 0, 4, 8);
    c.anchor = GridBagConstraints.LINE_END;
    c.gridx = 0;
    add(new JLabel(label1), c);
    c.gridx = 1;
    c.anchor = GridBagConstraints.LINE_START;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.weightx = 1;
    c.insets = new Insets(4, 0, 4, 16);
    add(field1, c);
    if (label2 != null) {
      c.gridx = 2;
      c.weightx = 0;
      c.fill = GridBagConstraints.NONE;
      c.anchor = GridBagConstraints.LINE_END;
      c.insets = new Insets(4, 0, 4, 8);
      add(new JLabel(label2), c);
      c.gridx = 3;
      c.weightx = 1;
      c.fill = GridBagConstraints.HORIZONTAL;
      c.anchor = GridBagConstraints.LINE_START;
      c.insets = new Insets(4, 0, 4, 0);
      add(field2, c);
    }
  }

  /** Runs {@code r} on the UI thread after every change of a setting. */
  public void onChange(Runnable r) {
    changeListeners.add(r);
  }

  // In a scroll pane the panel keeps the viewport's width (its fields narrow) and scrolls only up and down.
  @Override
  public java.awt.Dimension getPreferredScrollableViewportSize() {
    return getPreferredSize();
  }

  @Override
  public int getScrollableUnitIncrement(java.awt.Rectangle visible, int orientation, int direction) {
    return 16;
  }

  @Override
  public int getScrollableBlockIncrement(java.awt.Rectangle visible, int orientation, int direction) {
    return Math.max(16, visible.height - 16);
  }

  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  @Override
  public boolean getScrollableTracksViewportHeight() {
    return getParent() != null && getParent().getHeight() > getPreferredSize().height;
  }

  /** The settings as they stand. */
  public JobSettings current() {
    return new JobSettings((VideoCodec) codec.getSelectedItem(), (String) preset.getSelectedItem(),
        crfModel.getNumber().intValue(), (ExecutionMode) mode.getSelectedItem(), workersModel.getNumber().intValue(),
        (Double) chunk.getSelectedItem(), (Container) container.getSelectedItem(), Path.of(outputFolder.getText().trim()),
        (AudioMode) audio.getSelectedItem(), filters.getText(), targetQuality.getText().trim(), cluster.current(),
        AUTO_DEPTH.equals(depth.getSelectedItem()) ? 0 : Integer.parseInt((String) depth.getSelectedItem()),
        NO_TONE_MAP.equals(toneMap.getSelectedItem()) ? null : HdrToSdr.Curve.parse((String) toneMap.getSelectedItem()),
        sequenceRate.getText(), allowGaps.isSelected());
  }

  /** Whether Allow gaps is ticked: an image sequence with missing numbers is taken. */
  public boolean allowGaps() {
    return allowGaps.isSelected();
  }

  /**
   * Takes what the command line set, for this session: the remembered settings stay, and a setting
   * it gave is remembered only once it is changed in the window (a codec's CRF reset counts as given).
   */
  public void apply(AppArgs args) {
    java.util.Map<String, String> before = values();
    applying = true;
    try {
      applyFields(args);
    } finally {
      applying = false;
    }
    values().forEach((key, value) -> {
      if (value != null && !value.equals(before.get(key))) {
        fromCommandLine.put(key, value);
      }
    });
    save();
  }

  private void applyFields(AppArgs args) {
    if (args.codec() != null) {
      codec.setSelectedItem(args.codec());
    }
    if (args.preset() != null) {
      if (!VideoCodec.PRESETS.contains(args.preset())) {
        preset.addItem(args.preset()); // a codec's own number (vp9, av1); the engine checks it
      }
      preset.setSelectedItem(args.preset());
    }
    if (args.crf() != null) {
      crfModel.setValue(Math.min(args.crf(), ((Number) crfModel.getMaximum()).intValue()));
    }
    if (args.mode() != null) {
      mode.setSelectedItem(args.mode());
    }
    if (args.workers() != null && args.cluster() == null) {
      workersModel.setValue(args.workers());
    }
    if (args.outputDir() != null) {
      outputFolder.setText(args.outputDir().toAbsolutePath().toString());
    }
    if (args.cluster() != null) {
      cluster.apply(args);
    }
  }

  public void setMode(ExecutionMode m, int w) {
    mode.setSelectedItem(m);
    workersModel.setValue(w);
  }

  /** The output folder, as if typed (a folder dropped on its field). */
  public void setOutputFolder(Path folder) {
    outputFolder.setText(folder.toAbsolutePath().toString());
  }

  public void setPreset(String p) {
    preset.setSelectedItem(p);
  }

  /** A folder chosen in a file dialog, into {@code field}. */
  static void chooseFolder(JTextField field, String title) {
    JFileChooser chooser = new JFileChooser(field.getText());
    chooser.setDialogTitle(title);
    chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
    if (chooser.showDialog(field, "Choose") == JFileChooser.APPROVE_OPTION) {
      field.setText(chooser.getSelectedFile().getAbsolutePath());
    }
  }

  private void load() {
    VideoCodec v = parseOr(() -> VideoCodec.parse(prefs.get("codec", "h264")), VideoCodec.H264);
    codec.setSelectedItem(v);
    crfModel.setMaximum(v.maxCrf());
    crfModel.setValue(Math.max(0, Math.min(v.maxCrf(), prefs.getInt("crf", v.defaultCrf()))));
    preset.setSelectedItem(prefs.get("preset", v.defaultPreset()));
    mode.setSelectedItem(parseOr(() -> ExecutionMode.parse(prefs.get("mode", "parallel")), ExecutionMode.PARALLEL));
    workersModel.setValue(Math.max(1, Math.min(AppArgs.maxWorkers(), prefs.getInt("workers", cores))));
    double s = parseOr(() -> Double.parseDouble(prefs.get("chunkSeconds", "0")), 0.0);
    chunk.setSelectedItem(CHUNK_SECONDS.contains(s) ? s : 0.0);
    container.setSelectedItem(parseOr(() -> Container.parse(prefs.get("container", "mp4")), Container.MP4));
    outputFolder.setText(prefs.get("outputFolder", defaultOutputFolder().toString()));
    targetQuality.setText(prefs.get("targetQuality", ""));
    audio.setSelectedItem(parseOr(() -> AudioMode.parse(prefs.get("audio", "auto")), AudioMode.AUTO));
    filters.setText(prefs.get("filters", ""));
    depth.setSelectedItem(prefs.get("depth", AUTO_DEPTH)); // an unknown value leaves the first choice
    toneMap.setSelectedItem(prefs.get("toneMap", NO_TONE_MAP));
    sequenceRate.setText(prefs.get("sequenceRate", ""));
    allowGaps.setSelected(prefs.getBoolean("allowGaps", false));
    cluster.load(prefs);
  }

  /** What {@link #save} remembers, by preference key. */
  private java.util.Map<String, String> values() {
    JobSettings s = current();
    java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put("codec", s.codec().cliName());
    v.put("preset", s.preset());
    v.put("crf", Integer.toString(s.crf()));
    v.put("mode", s.mode().toString());
    v.put("workers", Integer.toString(s.workers()));
    v.put("chunkSeconds", Double.toString(s.chunkSeconds()));
    v.put("container", s.container().extension());
    v.put("outputFolder", outputFolder.getText().trim());
    v.put("targetQuality", targetQuality.getText().trim());
    v.put("audio", s.audio().toString());
    v.put("filters", s.filters());
    v.put("depth", (String) depth.getSelectedItem());
    v.put("toneMap", (String) toneMap.getSelectedItem());
    v.put("sequenceRate", s.sequenceRate());
    v.put("allowGaps", Boolean.toString(s.allowGaps()));
    cluster.values(v);
    return v;
  }

  private void save() {
    if (applying) {
      return; // apply() sorts out what the command line set, then saves
    }
    values().forEach((key, value) -> {
      if (value == null || value.equals(fromCommandLine.get(key))) {
        return; // the command line's, for this session: the remembered value stays
      }
      fromCommandLine.remove(key); // changed in the window: the user's from now on
      prefs.put(key, value);
    });
    writeSoon.restart();
    enableTheWorkersThatApply();
    changeListeners.forEach(Runnable::run);
    if (presetChoice.getItemCount() > 0) {
      syncPresetChoice();
    }
  }

  /** ~/Videos/FrameFork where a Videos folder exists, else ~/FrameFork; made when the first job starts. */
  static Path defaultOutputFolder() {
    Path home = Path.of(System.getProperty("user.home"));
    Path videos = home.resolve("Videos");
    return (Files.isDirectory(videos) ? videos : home).resolve("FrameFork");
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parseOr(Parse<T> p, T fallback) {
    try {
      return p.get();
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
