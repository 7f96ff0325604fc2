package org.framefork.app.queue;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;
import com.formdev.flatlaf.util.UIScale;
import org.framefork.app.AppLog;
import org.framefork.app.AppPreferences;
import org.framefork.app.Icons;
import org.framefork.app.Theme;
import org.framefork.encoder.cli.InputExpander;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.source.ImageSequences;

/**
 * The queue: videos to encode, in order, each with its status. Files come in through a dialog, by
 * dropping them on the list, or from the bundled samples; entries can be removed and moved while
 * they are not being encoded.
 */
public final class QueuePanel extends JPanel {
  private final QueueModel model = new QueueModel();
  private final JList<QueueEntry> list = new QueueList(model);
  private final MediaProber prober = new MediaProber();
  private final AppPreferences prefs;

  private final Action addFiles = action("Add videos…", "add", "Add videos to the queue (or drop them on the list)",
      this::chooseFiles);
  private final Action addSamples = action("Add bundled samples", "samples", "Add the sample videos in samples/media",
      this::addSamples);
  private final Action remove = action("Remove", "remove",
      "Remove the selected videos from the queue (and a stopped job's finished chunks)", this::removeSelected);
  private final Action moveUp = action("Move up", "up", "Encode the selected video earlier", () -> moveSelected(-1));
  private final Action moveDown = action("Move down", "down", "Encode the selected video later", () -> moveSelected(1));
  private final EntryActions entryActions = new EntryActions(list);

  public QueuePanel(AppPreferences prefs) {
    super(new BorderLayout());
    this.prefs = prefs;
    entryActions.removeOnMenu(remove);
    JPanel header = header();
    add(header, BorderLayout.NORTH);

    list.setName("queueList");
    list.setCellRenderer(new EntryRenderer());
    // Every row is as tall as this one: a progress event then repaints one row instead of measuring all.
    list.setPrototypeCellValue(new QueueEntry(Path.of("prototype.mp4")));
    model.onRowRepaint(i -> {
      java.awt.Rectangle row = list.getCellBounds(i, i);
      if (row != null) {
        list.repaint(row);
      }
    });
    list.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
    list.setTransferHandler(new FileDrop());
    list.addListSelectionListener(e -> updateActions());
    model.onAnyChange(this::updateActions);
    bindKey(KeyEvent.VK_DELETE, 0, remove);
    bindKey(KeyEvent.VK_UP, KeyEvent.ALT_DOWN_MASK, moveUp);
    bindKey(KeyEvent.VK_DOWN, KeyEvent.ALT_DOWN_MASK, moveDown);
    JScrollPane scroll = new JScrollPane(list);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    // Drops onto the empty area below the rows land on the list's handler too.
    scroll.setTransferHandler(list.getTransferHandler());
    add(scroll, BorderLayout.CENTER);
    setPreferredSize(UIScale.scale(new Dimension(330, 400)));
    // No narrower than the row of buttons: the split pane keeps the queue at least this wide.
    setMinimumSize(new Dimension(Math.max(UIScale.scale(220), header.getPreferredSize().width), UIScale.scale(200)));
    updateActions();
  }

  /**
   * The title, and under it the buttons in one row: beside the title they were cut off once the
   * queue was narrower than about 320 px (a 1024 px window).
   */
  private JPanel header() {
    JLabel title = new JLabel("Queue");
    title.putClientProperty("FlatLaf.styleClass", "h4");
    title.setBorder(BorderFactory.createEmptyBorder(0, 0, 2, 0));
    JPanel buttons = new JPanel();
    buttons.setLayout(new BoxLayout(buttons, BoxLayout.X_AXIS));
    for (Action a : List.of(addFiles, addSamples, remove, moveUp, moveDown)) {
      buttons.add(toolButton(a));
    }
    buttons.add(Box.createHorizontalStrut(6));
    for (Action a : entryActions.all()) {
      buttons.add(toolButton(a));
    }
    buttons.add(Box.createHorizontalGlue());
    JPanel header = new JPanel(new BorderLayout());
    header.setBorder(BorderFactory.createEmptyBorder(6, 10, 4, 4));
    header.add(title, BorderLayout.NORTH);
    header.add(buttons, BorderLayout.CENTER);
    return header;
  }

  public QueueModel model() {
    return model;
  }

  public Action addFilesAction() {
    return addFiles;
  }

  public Action addSamplesAction() {
    return addSamples;
  }

  /** Resume and Retry run their entry through {@code startWith} (null: started, else why not). */
  public void wireEntryActions(java.util.function.Function<QueueEntry, String> startWith) {
    entryActions.wire(e -> {
      boolean failed = e.state() == QueueEntry.State.FAILED;
      String problem = startWith.apply(e);
      if (failed && e.state() != QueueEntry.State.FAILED) {
        readAgain(e); // a Retry taken: its input may have been made good since it was added (or last read)
      }
      return problem;
    });
  }

  /**
   * Reads {@code e}'s input again in the background, as at its add: one that waits (its Retry waits
   * for the running queue) and still cannot be read fails again, saying why.
   */
  private void readAgain(QueueEntry e) {
    e.readAgain();
    model.changed(e);
    prober.probe(e, e.settings() != null ? e.settings().allowGaps() : allowGaps.getAsBoolean(), (source, error) -> {
      e.probed(source, error);
      model.changed(e);
    });
  }

  public List<Action> entryActions() {
    return entryActions.all();
  }

  /** Selects {@code e} alone, as a click on its row does. */
  public void select(QueueEntry e) {
    list.setSelectedValue(e, true);
  }

  /** Puts back the entries the queue file kept, and reads their videos' details again in the background. */
  public void restore(List<QueueEntry.Saved> saved) {
    for (QueueEntry.Saved s : saved) {
      QueueEntry e = QueueEntry.restore(s);
      model.add(e);
      KeptWork.countFor(e, () -> model.changed(e));
      prober.probe(e, e.settings() != null ? e.settings().allowGaps() : allowGaps.getAsBoolean(), (source, error) -> {
        e.probed(source, error);
        model.changed(e);
      });
    }
  }

  /**
   * Whether an image sequence with gaps is taken (the Allow gaps setting), asked on the UI thread as
   * each input is added: one the job would refuse fails on its row at once.
   */
  public void allowGapsFrom(java.util.function.BooleanSupplier setting) {
    allowGaps = setting;
  }

  private java.util.function.BooleanSupplier allowGaps = () -> false;

  /** Where the queue's sentences for the user go (the line beside Start); on the UI thread. */
  public void onMessage(java.util.function.Consumer<String> say) {
    this.say = say;
  }

  private java.util.function.Consumer<String> say = text -> {};

  /**
   * Adds videos to the end of the queue and reads their details in the background. One already in
   * the queue and still to be encoded (waiting, being encoded, cancelled or interrupted), or done
   * there to an output still in place and not changed since, is not added again, and the message
   * line says so; one named twice in {@code files} (a folder and a video in it) is added once,
   * without a word.
   */
  public List<QueueEntry> addFiles(List<Path> files) {
    return addFiles(files, List.of());
  }

  /**
   * As {@link #addFiles(List)}; {@code problems}, the sentences of what was named and brings nothing
   * (a folder with no video, a missing file, a web address), go on the line beside Start too: after
   * "Nothing to add: " where nothing was added, as the Add dialog says it.
   */
  private List<QueueEntry> addFiles(List<Path> files, List<String> problems) {
    List<QueueEntry> added = new ArrayList<>();
    List<Path> already = new ArrayList<>();
    List<Path> done = new ArrayList<>();
    java.util.Set<Path> batch = new java.util.HashSet<>();
    for (Path f : files) {
      if (!batch.add(f.toAbsolutePath().normalize())) {
        continue; // this add's own repeat: not "already in the queue"
      }
      if (model.contains(f)) {
        already.add(f); // a second copy would encode the same file twice
        continue;
      }
      if (model.done(f)) {
        done.add(f); // a folder added again: its videos done the first time would be encoded again
        continue;
      }
      QueueEntry e = new QueueEntry(f);
      model.add(e);
      added.add(e);
      java.util.concurrent.CompletableFuture<Void> read = new java.util.concurrent.CompletableFuture<>();
      reading.put(e, read);
      prober.probe(e, allowGaps.getAsBoolean(), (source, error) -> {
        e.probed(source, error);
        model.changed(e);
        reading.remove(e);
        read.complete(null);
      });
    }
    if (!added.isEmpty()) {
      list.ensureIndexIsVisible(model.getSize() - 1);
    }
    List<String> line = new ArrayList<>();
    if (!problems.isEmpty()) {
      line.add((added.isEmpty() ? "Nothing to add: " : "Not added: ") + firstFew(problems));
    }
    if (!already.isEmpty()) {
      line.add(alreadyQueued(already));
    }
    if (!done.isEmpty()) {
      line.add(alreadyDone(done));
    }
    if (!line.isEmpty()) {
      say.accept(String.join("; ", line));
    }
    return added;
  }

  /**
   * "ten.mkv is already done; remove its row to encode it again", or "ten.mkv and 2 more are already
   * done; remove their rows to encode them again".
   */
  public static String alreadyDone(List<Path> done) {
    String first = done.getFirst().getFileName().toString();
    return done.size() == 1 ? first + " is already done; remove its row to encode it again"
        : first + " and " + (done.size() - 1) + " more are already done; remove their rows to encode them again";
  }

  /** The first three sentences, then how many more: a drop of many missing files is one line. */
  private static String firstFew(List<String> problems) {
    int shown = Math.min(3, problems.size());
    return String.join("; ", problems.subList(0, shown)) + (problems.size() > shown ? "; and " + (problems.size() - shown)
        + " more that bring nothing" : "");
  }

  /** "ten.mkv is already in the queue", or "ten.mkv and 2 more are already in the queue". */
  public static String alreadyQueued(List<Path> already) {
    String first = already.getFirst().getFileName().toString();
    return already.size() == 1 ? first + " is already in the queue"
        : first + " and " + (already.size() - 1) + " more are already in the queue";
  }

  /** The added entries whose videos are still being read, each with the future their result completes. */
  private final java.util.Map<QueueEntry, java.util.concurrent.CompletableFuture<Void>> reading =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Completes (on the EDT) once each of {@code entries}, added by {@link #addFiles}, has been read or
   * found unreadable: their own results only, not those of every probe asked for before them.
   */
  public java.util.concurrent.CompletableFuture<Void> read(List<QueueEntry> entries) {
    return java.util.concurrent.CompletableFuture.allOf(entries.stream().map(reading::get).filter(java.util.Objects::nonNull)
        .toArray(java.util.concurrent.CompletableFuture[]::new));
  }

  public void shutdown() {
    for (Runnable waiting : lister.shutdownNow()) {
      if (waiting instanceof InTurn t) {
        EventQueue.invokeLater(t.onEdt()); // a hand-off is answered, closing or not
      }
    }
    prober.shutdown();
  }

  /**
   * Runs {@code onEdt} on the UI thread once the adds made before it have been listed and added (a
   * folder dropped a moment ago): for an add made elsewhere ({@link #addFiles} of a hand-off), so that
   * adds come into the queue in the order made. It runs even once the window has closed.
   */
  public void inTurn(Runnable onEdt) {
    try {
      lister.execute(new InTurn(onEdt));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      EventQueue.invokeLater(onEdt);
    }
  }

  /** {@link #inTurn}'s task on the lister: the adds before it have been handed to the UI thread. */
  private record InTurn(Runnable onEdt) implements Runnable {
    @Override
    public void run() {
      EventQueue.invokeLater(onEdt);
    }
  }

  private void chooseFiles() {
    JFileChooser chooser = new JFileChooser(prefs.get("lastAddFolder", System.getProperty("user.home")));
    chooser.setDialogTitle("Add videos or image sequences");
    chooser.setMultiSelectionEnabled(true);
    // A folder of images is a sequence, so folders can be chosen too; a pattern such as frame_%04d.png can be typed.
    chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
    java.util.Set<String> extensions = new java.util.TreeSet<>(InputExpander.VIDEO_EXTENSIONS);
    extensions.addAll(ImageSequences.imageExtensions());
    chooser.setFileFilter(new FileNameExtensionFilter("Videos and images", extensions.toArray(String[]::new)));
    if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
      File[] files = chooser.getSelectedFiles();
      if (files.length == 0 && chooser.getSelectedFile() != null) {
        files = new File[] {chooser.getSelectedFile()}; // a typed name that is no file (a pattern) comes only here
      }
      if (files.length > 0 && files[0].getParentFile() != null) {
        prefs.put("lastAddFolder", files[0].getParentFile().getPath());
        prefs.flush(); // now, not at the JVM's next sync: a crash keeps it too
      }
      addNamed(Stream.of(files).map(File::toPath).toList(), List.of(), problems ->
          JOptionPane.showMessageDialog(this, "Nothing to add: choose videos, a folder of images, or type a pattern such as "
              + "frame_%04d.png" + (problems.isEmpty() ? "" : "\n\n" + String.join("\n", problems)), "Add videos",
              JOptionPane.INFORMATION_MESSAGE));
    }
  }

  /**
   * What the user added (a drop, the Add dialog, the samples): the line beside Start then speaks of
   * this add alone, its "already in the queue" or nothing; a sentence of an add before it is gone.
   */
  private List<QueueEntry> addChosen(List<Path> inputs) {
    return addChosen(inputs, List.of());
  }

  private List<QueueEntry> addChosen(List<Path> inputs, List<String> problems) {
    say.accept("");
    return addFiles(inputs, problems);
  }

  /**
   * Lists what is dropped or chosen off the UI thread (5000 PNGs took 110 ms on it, a network share
   * froze it), one add after another: adds come into the queue in the order they were made.
   */
  private final java.util.concurrent.ExecutorService lister = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "framefork-list-inputs");
    t.setDaemon(true);
    return t;
  });

  /**
   * Queues what was dropped or chosen: the inputs {@code named} brings, as {@link QueueInputs} takes
   * them, listed off the UI thread and added on it; then says what brought nothing ({@code problems}:
   * what the drop could not take itself). {@code whenNothing}, where not null, hears the sentences
   * first when nothing at all is to be added.
   */
  private void addNamed(List<Path> named, List<String> problems, java.util.function.Consumer<List<String>> whenNothing) {
    lister.execute(() -> listAndAdd(named, problems, whenNothing));
  }

  /** {@link #addNamed}'s work, on the lister's thread. */
  private void listAndAdd(List<Path> named, List<String> problems, java.util.function.Consumer<List<String>> whenNothing) {
    List<String> names = named.stream().map(Path::toString).toList();
    List<String> all = new ArrayList<>(problems);
    List<Path> inputs;
    try {
      inputs = QueueInputs.of(names, all);
    } catch (RuntimeException e) {
      AppLog.warn("could not list " + names, e);
      inputs = List.of();
      all.add(String.join(", ", names) + ": cannot be read (" + e + ")");
    }
    List<Path> found = inputs;
    EventQueue.invokeLater(() -> {
      if (lister.isShutdown()) {
        return; // the window has closed: its queue was saved for the last time
      }
      if (found.isEmpty() && whenNothing != null) {
        whenNothing.accept(all);
      }
      addChosen(found, all);
    });
  }

  /**
   * What takes files dropped on the window where nothing else takes them (the settings, the workers,
   * the preview, the toolbar): the queue's own handler, so they are queued as on the list.
   */
  public TransferHandler fileDrop() {
    return list.getTransferHandler();
  }

  /**
   * A text field's handler: files dropped on it are queued as on the list, text goes to {@code text},
   * the field's own handler, as before (typing, copy and paste, dragging text); a paste is the field's:
   * its text, or the paths of copied files that come with no text (a paste queues on the list only).
   */
  public TransferHandler fileDropOr(TransferHandler text) {
    return new FileDropOr(text, null);
  }

  /**
   * The Output folder field's handler: one folder dropped on it is the output folder ({@code
   * setFolder}, on the UI thread); files are queued as on the list; text goes to the field's own.
   */
  public TransferHandler folderDropOr(TransferHandler text, java.util.function.Consumer<Path> setFolder) {
    return new FileDropOr(text, setFolder);
  }

  private void addSamples() {
    List<Path> samples = BundledSamples.find();
    if (samples.isEmpty()) {
      JOptionPane.showMessageDialog(this, "No bundled samples were found. Looked for *.mp4 in:\n"
          + String.join("\n", BundledSamples.searchedFolders().stream().map(Path::toString).toList()),
          "Add bundled samples", JOptionPane.INFORMATION_MESSAGE);
      return;
    }
    addNamed(samples, List.of(), null); // after the adds still being listed: in the order made
  }

  /**
   * Removes the selected entries that are not being encoded. A cancelled or interrupted one's work
   * folder goes too, off the UI thread, as does a failed one's that kept it for Retry, or whose resume the
   * engine refused (that stale folder is its own, left by the engine): nothing could
   * resume it any more, and a hidden folder of chunks would be left beside the output for no one (its
   * row said it was kept for Resume, or Retry). It is
   * deleted under its output's job lock, and kept when a job writing that output holds the lock.
   */
  private void removeSelected() {
    java.util.Map<Path, Path> work = new java.util.LinkedHashMap<>(); // work folder → output
    int first = list.getMinSelectionIndex();
    java.util.Map<Path, Path> stale = new java.util.LinkedHashMap<>();
    boolean removed = false;
    for (QueueEntry e : list.getSelectedValuesList()) {
      if (e.state() != QueueEntry.State.ENCODING) {
        if (e.workFolder() != null) {
          work.put(e.workFolder(), e.output());
        } else if (e.staleWorkFolder() != null) {
          stale.put(e.staleWorkFolder(), e.output()); // the work a refused resume left: its own, continued from by no one
        }
        model.remove(e);
        removed = true;
      }
    }
    // The keyboard goes on from the row after the removed ones (the last row, where they ended the list).
    if (removed && first >= 0 && model.getSize() > 0) {
      int next = Math.min(first, model.getSize() - 1);
      list.setSelectedIndex(next);
      list.ensureIndexIsVisible(next);
    }
    // Not where an entry left in the queue holds that output (its name was taken again since).
    java.util.Set<Path> held = OutputNames.heldBy(model.entries(), null);
    stale.forEach((dir, output) -> {
      if (!held.contains(output.toAbsolutePath().normalize())) {
        work.put(dir, output);
      }
    });
    if (!work.isEmpty()) {
      Thread.ofPlatform().daemon().name("framefork-remove-work").start(() -> work.forEach(JobWorkspace::discardUnlessRunning));
    }
  }

  private void moveSelected(int delta) {
    List<QueueEntry> selected = list.getSelectedValuesList();
    if (selected.size() != 1) {
      return;
    }
    int i = model.move(selected.get(0), delta);
    list.setSelectedIndex(i);
    list.ensureIndexIsVisible(i);
  }

  private void updateActions() {
    List<QueueEntry> selected = list.getSelectedValuesList();
    boolean removable = !selected.isEmpty() && selected.stream().noneMatch(e -> e.state() == QueueEntry.State.ENCODING);
    remove.setEnabled(removable);
    int i = list.getSelectedIndex();
    moveUp.setEnabled(selected.size() == 1 && i > 0);
    moveDown.setEnabled(selected.size() == 1 && i < model.getSize() - 1);
    entryActions.update();
  }

  private void bindKey(int key, int modifiers, Action a) {
    String name = (String) a.getValue(Action.NAME);
    list.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, modifiers), name);
    list.getActionMap().put(name, a);
  }

  private static JButton toolButton(Action a) {
    JButton b = new JButton(a);
    b.setHideActionText(true);
    b.putClientProperty("JButton.buttonType", "toolBarButton");
    // Focusable: Tab reaches each of them, the only keyboard route to Resume, Retry, Open output folder and Show log
    // besides the list's menu (Shift+F10). A click leaves the focus where it was (on the list), so Alt+Up after
    // clicking Move up still moves the entry and Space does not press the button again.
    b.setRequestFocusEnabled(false);
    return b;
  }

  /** An action with its name, icon, tooltip and what it runs. */
  static Action action(String name, String icon, String tip, Runnable run) {
    AbstractAction a = new AbstractAction(name, Icons.get(icon)) {
      @Override
      public void actionPerformed(ActionEvent e) {
        run.run();
      }
    };
    a.putValue(Action.SHORT_DESCRIPTION, tip);
    return a;
  }

  /**
   * What to queue for what was dropped or chosen, as {@code framefork gui} takes its arguments
   * ({@link QueueInputs}); what brings nothing (an unreadable folder, one with no video) adds nothing.
   * It lists the disk: not on the UI thread (the queue lists a drop on a thread of its own).
   */
  public static List<Path> inputsIn(List<Path> chosen) {
    return QueueInputs.of(chosen.stream().map(Path::toString).toList(), new ArrayList<>());
  }

  /**
   * The files a drop or paste {@code s} offers, or null when it cannot be read (said beside Start, as
   * a drop or a paste; for a paste {@code intoField}, one that would be the field's text, what to type).
   */
  private DroppedFiles read(TransferHandler.TransferSupport s, boolean intoField) {
    try {
      return DroppedFiles.of(s.getTransferable());
    } catch (IOException | java.awt.datatransfer.UnsupportedFlavorException e) {
      boolean paste = !s.isDrop();
      say.accept("The " + (paste ? "paste" : "drop") + " could not be read (" + e.getMessage() + "); "
          + (paste && intoField ? "type the path into the field instead" : "add the videos with Add videos"));
      return null;
    }
  }

  /**
   * What a paste into a field left out, beside Start ("Nothing to paste: https://...: not a file on
   * this computer; ..."), as a drop says it; nothing where it left out nothing.
   */
  private void sayLeftOut(DroppedFiles pasted) {
    if (!pasted.problems().isEmpty()) {
      say.accept((pasted.files().isEmpty() ? "Nothing to paste: " : "Not pasted: ")
          + firstFew(pasted.problems().stream().map(p -> p.replace(", then drop ", ", then paste ")).toList()));
    }
  }

  /**
   * Accepts files dropped from a file manager: a Java file list, or the text/uri-list X11 file
   * managers send. A drop that adds nothing says why on the line beside Start.
   */
  private final class FileDrop extends TransferHandler {
    @Override
    public boolean canImport(TransferSupport s) {
      return DroppedFiles.offered(s::isDataFlavorSupported);
    }

    @Override
    public boolean importData(TransferSupport s) {
      if (!canImport(s)) {
        return false;
      }
      DroppedFiles dropped = read(s, false);
      if (dropped == null) {
        return false;
      }
      addNamed(dropped.files(), dropped.problems(), null);
      return !dropped.files().isEmpty() || !dropped.problems().isEmpty();
    }
  }

  /** Files as the queue takes them (a folder for {@code setFolder} where there is one), text as the field does. */
  private final class FileDropOr extends TransferHandler {
    private final TransferHandler text;
    private final java.util.function.Consumer<Path> setFolder;

    FileDropOr(TransferHandler text, java.util.function.Consumer<Path> setFolder) {
      this.text = text;
      this.setFolder = setFolder;
    }

    @Override
    public boolean canImport(TransferSupport s) {
      return DroppedFiles.offered(s::isDataFlavorSupported) || (text != null && text.canImport(s));
    }

    @Override
    public boolean importData(TransferSupport s) {
      if (!DroppedFiles.offered(s::isDataFlavorSupported) || !s.isDrop() && text != null && text.canImport(s)) {
        // A paste is the field's, as before: a file copied in a file manager pastes its path as text
        // (the overlay typed in Filters); only a drop queues.
        return text != null && text.importData(s);
      }
      DroppedFiles dropped = read(s, text != null);
      if (dropped == null) {
        return false;
      }
      if (!s.isDrop()) {
        // A paste of files with no text (a file list alone, a uri-list) is the field's too: their paths,
        // as a file manager's text of them pastes; the queue's list is where a paste queues. What is no
        // file here (a web address) is said, as a drop says it.
        sayLeftOut(dropped);
        return text != null && !dropped.files().isEmpty() && text.importData(new TransferSupport(s.getComponent(),
            new java.awt.datatransfer.StringSelection(String.join(" ", dropped.files().stream().map(Path::toString).toList()))));
      }
      if (dropped.files().isEmpty() && text != null && text.canImport(s)) {
        return text.importData(s); // a web address dropped on a field is text
      }
      if (setFolder == null || dropped.files().size() != 1 || !dropped.problems().isEmpty()) {
        addNamed(dropped.files(), dropped.problems(), null);
        return !dropped.files().isEmpty() || !dropped.problems().isEmpty();
      }
      Path one = dropped.files().getFirst();
      lister.execute(() -> { // whether it is a folder is a look at the disk: not on the UI thread
        if (java.nio.file.Files.isDirectory(one)) {
          EventQueue.invokeLater(() -> {
            say.accept("");
            setFolder.accept(one);
          });
        } else {
          listAndAdd(List.of(one), List.of(), null);
        }
      });
      return true;
    }

    @Override
    public int getSourceActions(JComponent c) {
      return text == null ? NONE : text.getSourceActions(c);
    }

    @Override
    public void exportAsDrag(JComponent c, java.awt.event.InputEvent e, int action) {
      if (text != null) {
        text.exportAsDrag(c, e, action);
      }
    }

    @Override
    public void exportToClipboard(JComponent c, java.awt.datatransfer.Clipboard clip, int action) {
      if (text != null) {
        text.exportToClipboard(c, clip, action);
      }
    }

    @Override
    public Icon getVisualRepresentation(java.awt.datatransfer.Transferable t) {
      return text == null ? null : text.getVisualRepresentation(t);
    }
  }

  /** The list, with a hint painted where the rows would be while the queue is empty. */
  private static final class QueueList extends JList<QueueEntry> {
    QueueList(QueueModel model) {
      super(model);
    }

    @Override
    protected void paintComponent(Graphics g0) {
      super.paintComponent(g0);
      if (getModel().getSize() > 0) {
        return;
      }
      Graphics2D g = (Graphics2D) g0.create();
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Theme.dimForeground());
      FontMetrics fm = g.getFontMetrics();
      String[] lines = {"Drop videos here", "or add them with the + button above"};
      int y = Math.max(40, getParent().getHeight() / 2 - fm.getHeight());
      for (String l : lines) {
        g.drawString(l, (getWidth() - fm.stringWidth(l)) / 2, y);
        y += fm.getHeight() + 2;
      }
      g.dispose();
    }

    /** The tooltip of the row under the mouse, built once per change of its entry (Swing asks on every mouse move). */
    private QueueEntry tipEntry;
    private int tipRevision;
    private String tip;

    @Override
    public String getToolTipText(java.awt.event.MouseEvent e) {
      int i = locationToIndex(e.getPoint());
      if (i < 0 || !getCellBounds(i, i).contains(e.getPoint())) {
        return null;
      }
      QueueEntry q = getModel().getElementAt(i);
      if (q != tipEntry || q.revision() != tipRevision) {
        tipEntry = q;
        tipRevision = q.revision();
        tip = tipOf(q);
      }
      return tip;
    }
  }

  /**
   * A row's tooltip: the input's full path, the status, where the output is (its full path, once
   * there is one: the row shows its name only), the second line where it says more, and the notes.
   */
  static String tipOf(QueueEntry q) {
    StringBuilder tip = new StringBuilder("<html><b>").append(escape(q.input().toString())).append("</b><br>")
        .append(escape(q.statusText()));
    if (q.output() != null) {
      tip.append("<br>→ ").append(escape(q.output().toString()));
    }
    if (q.state() != QueueEntry.State.DONE) {
      tip.append("<br>").append(escape(q.detailText()));
    }
    if (q.keepsWork()) {
      tip.append("<br>work kept in ").append(escape(q.workFolder().toString()));
    }
    q.notes().forEach(n -> tip.append("<br>• ").append(escape(n)));
    return tip.append("</html>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * {@code text} cut in the middle to fit {@code width} pixels: its start, "…" and its end, the end
   * (the part of a name that tells "… part 1.mov" from "… part 2.mov", and the extension) whole
   * where it can be. The text itself where it fits; empty where not even "…" does. An extension is
   * what follows the last dot where that is 1 to 5 characters without a space ("v1.2 final cut" has
   * none).
   */
  public static String middleCut(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    int dot = text.lastIndexOf('.');
    String after = text.substring(dot + 1);
    boolean extension = dot > 0 && !after.isEmpty() && after.length() <= 5 && !after.contains(" ");
    int ending = extension ? text.length() - dot + 2 : 0; // the extension and the two characters before it
    for (int keep = text.length() - 1; keep > 0; keep--) {
      int tail = Math.min(keep, Math.max(keep - keep / 2, ending));
      String cut = text.substring(0, keep - tail) + "…" + text.substring(text.length() - tail);
      if (fm.stringWidth(cut) <= width) {
        return cut;
      }
    }
    return fm.stringWidth("…") <= width ? "…" : "";
  }

  /**
   * Two lines per entry: the name with the status at its right, then the detail, with a bar at its
   * right while encoding. The detail (a done row's output name, "→ clip one-h264-3.mp4") has the
   * line's whole width where no bar is, not the name's column only. Where the name and the status do
   * not both fit, the status gives way to the name down to two fifths of the row (cut at its end),
   * and the name is cut in the middle.
   */
  static final class EntryRenderer extends JPanel implements ListCellRenderer<QueueEntry> {
    private static final int GAP = 8;
    private final JLabel icon = new JLabel();
    private final JLabel name = new JLabel();
    private final JLabel detail = new JLabel();
    private final JLabel status = new JLabel();
    private final JProgressBar bar = new JProgressBar(0, 1000);
    /** The bar, centred on the detail's line at its own height. */
    private final JPanel barCell = new JPanel(new java.awt.GridBagLayout());

    EntryRenderer() {
      super(new BorderLayout(GAP, 0));
      setBorder(BorderFactory.createEmptyBorder(6, 10, 6, 10));
      JPanel lines = new JPanel(new BorderLayout(0, 2));
      lines.setOpaque(false);
      JPanel top = new JPanel(new BorderLayout(GAP, 0));
      top.setOpaque(false);
      JPanel bottom = new JPanel(new BorderLayout(GAP, 0));
      bottom.setOpaque(false);
      name.putClientProperty("FlatLaf.styleClass", "semibold");
      detail.putClientProperty("FlatLaf.styleClass", "small");
      status.setHorizontalAlignment(JLabel.RIGHT);
      status.putClientProperty("FlatLaf.styleClass", "small");
      bar.setPreferredSize(UIScale.scale(new Dimension(90, 4)));
      barCell.setOpaque(false);
      barCell.add(bar);
      top.add(name, BorderLayout.CENTER);
      top.add(status, BorderLayout.EAST);
      bottom.add(detail, BorderLayout.CENTER);
      bottom.add(barCell, BorderLayout.EAST);
      lines.add(top, BorderLayout.NORTH);
      lines.add(bottom, BorderLayout.CENTER);
      add(icon, BorderLayout.WEST);
      add(lines, BorderLayout.CENTER);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends QueueEntry> list, QueueEntry e, int index,
        boolean selected, boolean focused) {
      setBackground(selected ? list.getSelectionBackground() : list.getBackground());
      java.awt.Color fg = selected ? list.getSelectionForeground() : list.getForeground();
      name.setForeground(fg);
      detail.setForeground(e.state() == QueueEntry.State.FAILED && !selected ? Theme.bad()
          : selected ? fg : Theme.dimForeground());
      status.setText(e.statusText());
      status.setForeground(selected ? fg : switch (e.state()) {
        case DONE -> e.warnings().isEmpty() ? Theme.good() : Theme.warning();
        case FAILED -> Theme.bad();
        case ENCODING -> fg;
        default -> Theme.dimForeground();
      });
      barCell.setVisible(e.state() == QueueEntry.State.ENCODING);
      bar.setValue((int) Math.round(e.fraction() * 1000));
      icon.setIcon(e.state() == QueueEntry.State.DONE && !e.warnings().isEmpty() ? Icons.get("warning") : stateIcon(e.state()));
      share(list, e.name(), e.detailText());
      return this;
    }

    /**
     * Shares the first line's width between the name and the status, and gives the detail its line
     * less the bar (the list's width: 0 while it measures its prototype).
     */
    private void share(JList<?> list, String text, String detailText) {
      status.setPreferredSize(null);
      java.awt.Insets li = list.getInsets();
      java.awt.Insets in = getInsets();
      int line = list.getWidth() - li.left - li.right - in.left - in.right - icon.getPreferredSize().width - GAP;
      int room = line - GAP;
      FontMetrics fm = name.getFontMetrics(name.getFont());
      java.awt.Insets ni = name.getInsets();
      int nameNeeds = fm.stringWidth(text) + ni.left + ni.right;
      int statusNeeds = status.getPreferredSize().width;
      int statusGets = Math.max(Math.min(statusNeeds, room * 2 / 5), Math.min(statusNeeds, room - nameNeeds));
      boolean cramped = list.getWidth() > 0 && nameNeeds + statusNeeds > room;
      if (cramped) {
        status.setPreferredSize(new Dimension(Math.max(0, statusGets), status.getPreferredSize().height));
      }
      int textRoom = room - (cramped ? statusGets : statusNeeds);
      name.setText(list.getWidth() <= 0 ? text : middleCut(text, fm, textRoom - ni.left - ni.right));
      // A done row's output name ("→ NAME") is cut in the middle too, where even its line is too short:
      // its end tells two parts apart.
      boolean outputName = detailText.startsWith("→ ") && !detailText.contains(" · ");
      FontMetrics dm = detail.getFontMetrics(detail.getFont());
      int detailRoom = line - (barCell.isVisible() ? barCell.getPreferredSize().width + GAP : 0);
      detail.setText(list.getWidth() <= 0 || !outputName ? detailText
          : "→ " + middleCut(detailText.substring(2), dm, detailRoom - dm.stringWidth("→ ") - detail.getInsets().left
              - detail.getInsets().right));
    }

    private final java.util.Map<QueueEntry.State, Icon> icons = new java.util.EnumMap<>(QueueEntry.State.class);

    private Icon stateIcon(QueueEntry.State s) {
      return icons.computeIfAbsent(s, k -> Icons.get(k.name().toLowerCase(Locale.ROOT)));
    }
  }
}
