package org.framefork.app;

import com.formdev.flatlaf.util.UIScale;
import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import org.framefork.app.health.EdtWatchdog;
import org.framefork.app.health.HeartbeatMonitor;
import org.framefork.app.health.StrictMode;
import org.framefork.app.health.UiHealthPanel;
import org.framefork.app.preview.PreviewPanel;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueuePanel;
import org.framefork.app.run.EngineWarmup;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobRun;
import org.framefork.app.run.ProgressPanel;
import org.framefork.app.run.QueueRunner;
import org.framefork.app.settings.SettingsPanel;
import org.framefork.app.workers.WorkersView;
import org.framefork.encoder.job.JobOptions;

/**
 * The window: the queue on the left; settings, progress, the workers' lanes and a preview on the
 * right; the UI thread's health along the bottom. It composes the panels and wires Start, Cancel
 * and the theme; each panel keeps its own logic.
 */
public final class MainFrame extends JFrame {
  private final AppPreferences prefs;
  private final HeartbeatMonitor heartbeat = new HeartbeatMonitor();
  private final EdtWatchdog watchdog;
  private final QueuePanel queue;
  private final SettingsPanel settings;
  private final UiHealthPanel uiHealth;
  private final QueueRunner runner;
  private final ProgressPanel progress;
  private final WorkersView workers = new WorkersView();
  private final PreviewPanel preview = new PreviewPanel();
  private final JLabel message = new JLabel();
  private final JToggleButton darkToggle = new JToggleButton();
  private final JCheckBoxMenuItem darkMenuItem = new JCheckBoxMenuItem("Dark theme");
  private final Action start = new AbstractAction("Start", Icons.get("start")) {
    @Override
    public void actionPerformed(ActionEvent e) {
      startQueue();
    }
  };
  private final Action cancel = new AbstractAction("Cancel", Icons.get("cancel")) {
    @Override
    public void actionPerformed(ActionEvent e) {
      runner.cancel();
    }
  };
  private final StrictMode strictMode;
  private final AppData data;
  private boolean closing;
  /** The last sentence a settings field's check said beside Start. */
  private String fieldSaid = "";
  /** A scripted run ({@code --autorun}): it takes no hand-offs. */
  private final boolean scripted;

  /**
   * {@code strictMode}: the app's StrictMode, closed with the window; null when it is off. {@code
   * data}: the saved queue, which comes back, and the presets.
   */
  public MainFrame(AppPreferences prefs, AppArgs args, StrictMode strictMode, AppData data) {
    super("FrameFork");
    this.prefs = prefs;
    this.data = data;
    this.scripted = args.scripted();
    this.watchdog = new EdtWatchdog(args.watchdogThresholdMillis());
    this.queue = new QueuePanel(prefs);
    this.settings = new SettingsPanel(prefs, data.presets());
    settings.apply(args);
    this.strictMode = strictMode;
    this.uiHealth = new UiHealthPanel(heartbeat, watchdog, strictMode,
        () -> queue.model().entries().stream().map(QueueEntry::input).findFirst().orElse(null));
    this.runner = new QueueRunner(queue.model(), settings::current, uiHealth::runOnUiThread);
    this.progress = new ProgressPanel(runner);
    runner.addObserver(progress);
    runner.addObserver(workers);
    runner.addObserver(preview);
    runner.addObserver(runActionsFollowTheQueue());
    restoreQueue();
    // A field Start would refuse is said when it is left, in Start's words; its sentence goes once it is put right.
    settings.onFieldProblem(problem -> {
      if (problem != null) {
        say(fieldSaid = QueueRunner.asSentence(problem));
      } else if (message.getText().equals(fieldSaid)) {
        say("");
      }
    });

    setIconImages(Icons.windowIcons());
    setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
    addWindowListener(windowEvents());
    setJMenuBar(menuBar());
    getContentPane().add(toolBar(), BorderLayout.NORTH);
    getContentPane().add(body(), BorderLayout.CENTER);
    getContentPane().add(uiHealth, BorderLayout.SOUTH);
    takeDropsEverywhere();
    // The settings scroll and the queue keeps its buttons, so a laptop's small window still works. In logical
    // pixels, as FlatLaf scales the content (-Dflatlaf.uiScale=1.5: 1200x900), but never more than the screen.
    quitThroughRequestClose();
    restoreBounds();
    Rectangle screen = WindowPlace.screenOf(getBounds(), WindowPlace.screens()); // the one it opens on
    setMinimumSize(new Dimension(Math.min(UIScale.scale(800), screen.width), Math.min(UIScale.scale(600), screen.height)));
    updateRunActions();
  }

  /**
   * Brings back the saved queue (an entry that was encoding is interrupted), says so when the file
   * had to be set aside, and from then on saves the queue at every change; Resume and Retry run an entry.
   */
  private void restoreQueue() {
    queue.onMessage(this::say);
    queue.allowGapsFrom(settings::allowGaps);
    queue.restore(data.savedQueue().entries());
    String problem = data.savedQueue().message() != null ? data.savedQueue().message() : data.presets().loadProblem();
    if (problem != null) {
      say(problem);
    }
    if (data.queue() != null) {
      data.queue().save(queue.model().saved()); // interrupted entries are saved as such at once
      queue.model().onSaveableChange(() -> data.queue().save(queue.model().saved()));
    }
    queue.wireEntryActions(entry -> {
      say("");
      String p = runner.start(entry);
      updateRunActions();
      return p;
    });
  }

  /**
   * Files dropped anywhere on the window are queued as on the list: the root pane takes a drop where
   * no component under it does, and each text field takes files as the queue does (its text as
   * before); a folder dropped on the Output folder field is the output folder.
   */
  private void takeDropsEverywhere() {
    getRootPane().setTransferHandler(queue.fileDrop());
    java.util.ArrayDeque<java.awt.Component> left = new java.util.ArrayDeque<>(java.util.List.of(getContentPane()));
    while (!left.isEmpty()) {
      java.awt.Component c = left.poll();
      if (c instanceof javax.swing.text.JTextComponent t) {
        t.setTransferHandler("outputFolder".equals(t.getName())
            ? queue.folderDropOr(t.getTransferHandler(), settings::setOutputFolder) : queue.fileDropOr(t.getTransferHandler()));
      } else if (c instanceof java.awt.Container k) {
        left.addAll(java.util.List.of(k.getComponents()));
      }
    }
  }

  /** Start and Cancel follow the queue; a close asked for while a job ran happens when the queue stops. */
  private JobObserver runActionsFollowTheQueue() {
    return new JobObserver() {
      @Override
      public void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {
        updateRunActions();
      }

      @Override
      public void jobEnded(QueueEntry entry, JobRun run) {
        updateRunActions();
      }

      @Override
      public void queueStopped() {
        updateRunActions();
        if (closing) {
          dispose();
        }
      }
    };
  }

  /**
   * A close goes through requestClose (which asks while a job runs); the heartbeat, the watchdog and the
   * engine's warm-up start once the window is up.
   */
  private WindowAdapter windowEvents() {
    return new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        requestClose();
      }

      @Override
      public void windowOpened(WindowEvent e) {
        // Measured from the first frame on: building the window is start-up, not what the graph is for.
        EventQueue.invokeLater(() -> {
          if (isDisplayable()) { // not closed in the meantime
            heartbeat.start();
            watchdog.start();
            EngineWarmup.start();
            if (data.instance() != null) {
              // A scripted run's queue is its one job: a later launch's videos are refused, not queued.
              data.instance().watch(scripted ? (inputs, answerMillis) -> AppInstance.refusal("FrameFork is running a scripted job on "
                  + data.instance().folder() + "; use another --data-dir") : MainFrame.this::takeHandOff);
            }
          }
        });
      }
    };
  }

  private JSplitPane body() {
    // The live views keep 230 px, where two lanes are still bars with their chunk numbers (at 190 px they were 8 px
    // lines); in a shorter window the settings scroll, or fold away. The default 1280x860 shows them whole.
    JPanel right = new JPanel(new ColumnLayout(230));
    right.add(settingsSection());
    progress.setBorder(BorderFactory.createCompoundBorder(new SectionBorder(false, false, true, false, new Insets(0, 0, 0, 0)),
        progress.getBorder()));
    right.add(progress);
    JPanel live = new JPanel(new BorderLayout());
    live.add(workers, BorderLayout.CENTER);
    live.add(preview, BorderLayout.EAST);
    right.add(live);

    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, queue, right);
    split.setResizeWeight(0.25);
    split.setDividerLocation(prefs.getInt("divider", 340));
    split.setContinuousLayout(true);
    split.setBorder(BorderFactory.createEmptyBorder());
    split.addPropertyChangeListener(JSplitPane.DIVIDER_LOCATION_PROPERTY, e -> prefs.putInt("divider", split.getDividerLocation()));
    // A narrower window moves the divider left; the split pane does not stop it at the queue's minimum (its buttons) itself.
    split.addComponentListener(new java.awt.event.ComponentAdapter() {
      @Override
      public void componentResized(java.awt.event.ComponentEvent e) {
        if (split.getDividerLocation() < queue.getMinimumSize().width) {
          split.setDividerLocation(queue.getMinimumSize().width);
        }
      }
    });
    return split;
  }

  /**
   * The settings under a header that folds them away (remembered), with a one-line summary of them;
   * in a scroll pane, so a short window scrolls them rather than squeezing the workers' lanes.
   */
  private JPanel settingsSection() {
    JScrollPane scroll = new JScrollPane(settings, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
        ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    scroll.getVerticalScrollBar().setUnitIncrement(16);
    scroll.setMinimumSize(new Dimension(0, 70)); // two rows of settings at the least, scrolled
    JButton fold = new JButton("Settings");
    fold.setName("foldSettings");
    fold.putClientProperty("JButton.buttonType", "borderless");
    fold.putClientProperty("FlatLaf.styleClass", "h4");
    fold.setMargin(new Insets(0, 2, 0, 2)); // a slim header: its height is taken from the lanes
    JLabel summary = new JLabel();
    summary.setName("settingsSummary");
    summary.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    Runnable show = () -> {
      boolean open = !Boolean.parseBoolean(prefs.get("settingsFolded", "false"));
      scroll.setVisible(open);
      fold.setIcon(javax.swing.UIManager.getIcon(open ? "Tree.expandedIcon" : "Tree.collapsedIcon"));
      fold.setToolTipText(open ? "Fold the settings away (more room for the workers)" : "Show the settings");
      summary.setText(settings.current().summary());
      fold.getParent().getParent().revalidate();
    };
    fold.addActionListener(e -> {
      prefs.put("settingsFolded", Boolean.toString(scroll.isVisible()));
      show.run();
    });
    settings.onChange(() -> summary.setText(settings.current().summary()));
    JPanel header = new JPanel(new BorderLayout(8, 0));
    header.setBorder(BorderFactory.createEmptyBorder(2, 4, 0, 12));
    header.add(fold, BorderLayout.WEST);
    header.add(summary, BorderLayout.CENTER);
    JPanel section = new JPanel(new BorderLayout());
    section.setBorder(new SectionBorder(false, false, true, false, new Insets(0, 0, 0, 0)));
    section.add(header, BorderLayout.NORTH);
    section.add(scroll, BorderLayout.CENTER);
    show.run();
    return section;
  }

  private JToolBar toolBar() {
    JToolBar bar = new JToolBar();
    bar.setFloatable(false);
    bar.setBorder(BorderFactory.createCompoundBorder(new SectionBorder(false, false, true, false, new Insets(0, 0, 0, 0)),
        BorderFactory.createEmptyBorder(4, 8, 4, 8)));
    JButton startButton = new JButton(start);
    startButton.setName("start");
    // Styled as the window's default action; in a panel, since FlatLaf paints a toolbar's own buttons flat.
    startButton.putClientProperty("FlatLaf.style", "font: bold; background: $Button.default.background; "
        + "foreground: $Button.default.foreground; borderColor: $Button.default.borderColor");
    start.putValue(Action.SHORT_DESCRIPTION, "Encode the waiting videos, one after another (Ctrl+Enter)");
    JButton cancelButton = new JButton(cancel);
    cancelButton.setName("cancel");
    cancel.putValue(Action.SHORT_DESCRIPTION, "Stop the current job and the queue; nothing is left at the destination");
    JPanel runButtons = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 6, 0));
    runButtons.setOpaque(false);
    runButtons.add(startButton);
    runButtons.add(cancelButton);
    runButtons.setMaximumSize(runButtons.getPreferredSize());
    bar.add(runButtons);
    bar.add(Box.createHorizontalStrut(12));
    message.setName("message");
    message.putClientProperty("FlatLaf.style", "foreground: $Component.error.focusedBorderColor");
    // It takes the room between Start and Add videos and no more: a longer sentence ends in "…", whole in its
    // tooltip, rather than pushing Add videos and the theme toggle out of a small window.
    message.setMinimumSize(new Dimension(0, 0));
    message.setPreferredSize(new Dimension(0, message.getFontMetrics(message.getFont()).getHeight()));
    message.setMaximumSize(new Dimension(Integer.MAX_VALUE, Integer.MAX_VALUE));
    bar.add(message);
    bar.add(Box.createHorizontalStrut(12));
    JButton add = new JButton(queue.addFilesAction());
    add.setName("addVideos");
    add.setHideActionText(false);
    bar.add(add);
    bar.add(Box.createHorizontalStrut(12));
    darkToggle.setName("darkToggle");
    darkToggle.putClientProperty("JButton.buttonType", "toolBarButton");
    darkToggle.addActionListener(e -> setDark(darkToggle.isSelected()));
    bar.add(darkToggle);
    syncThemeControls();
    return bar;
  }

  private JMenuBar menuBar() {
    int menuMask = java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
    JMenuBar mb = new JMenuBar();
    JMenu file = new JMenu("File");
    file.setMnemonic('F');
    JMenuItem add = file.add(queue.addFilesAction());
    add.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_O, menuMask));
    add.setMnemonic(KeyEvent.VK_A);
    file.add(queue.addSamplesAction()).setMnemonic(KeyEvent.VK_B);
    file.add(new AbstractAction("Presets…", Icons.get("presets")) {
      @Override
      public void actionPerformed(ActionEvent e) {
        settings.openPresets(org.framefork.app.presets.PresetPrompts.SWING);
      }
    }).setMnemonic(KeyEvent.VK_P);
    file.addSeparator();
    JMenuItem startItem = file.add(start);
    startItem.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, menuMask));
    startItem.setMnemonic(KeyEvent.VK_S);
    JMenuItem cancelItem = file.add(cancel);
    cancelItem.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_PERIOD, menuMask));
    cancelItem.setMnemonic(KeyEvent.VK_C);
    file.addSeparator();
    JMenuItem quit = file.add(new AbstractAction("Quit") {
      @Override
      public void actionPerformed(ActionEvent e) {
        requestClose();
      }
    });
    quit.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Q, menuMask));
    quit.setMnemonic(KeyEvent.VK_Q);
    JMenu view = new JMenu("View");
    view.setMnemonic('V');
    darkMenuItem.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_D, menuMask | InputEvent.SHIFT_DOWN_MASK));
    darkMenuItem.setMnemonic(KeyEvent.VK_D);
    darkMenuItem.addActionListener(e -> setDark(darkMenuItem.isSelected()));
    view.add(darkMenuItem);
    JMenu help = new JMenu("Help");
    help.setMnemonic('H');
    help.add(new AbstractAction("About FrameFork") {
      @Override
      public void actionPerformed(ActionEvent e) {
        // The versions load FFmpeg's natives (when the warm-up has not yet): off the UI thread.
        Thread.ofPlatform().daemon().name("framefork-about").start(() -> {
          String text = aboutText();
          EventQueue.invokeLater(() -> JOptionPane.showMessageDialog(MainFrame.this, text, "About FrameFork",
              JOptionPane.INFORMATION_MESSAGE, Icons.get("app", 32)));
        });
      }
    }).setMnemonic(KeyEvent.VK_A);
    mb.add(file);
    mb.add(view);
    mb.add(help);
    return mb;
  }

  /**
   * Help > About: FrameFork's, FFmpeg's and Java's versions as {@code ./framefork --version} prints
   * them (its own code), then what the window shows. Not on the UI thread: it may load FFmpeg.
   */
  static String aboutText() {
    String versions;
    try {
      versions = String.join("\n", new org.framefork.encoder.cli.Main.VersionInfo().getVersion());
    } catch (RuntimeException | LinkageError e) {
      versions = "FrameFork (its versions cannot be read here: " + e + ")";
    }
    return versions + """


        FrameFork: a chunk-parallel video encoder for the JVM.
        Jobs run in a SwingWorker, so this window stays live while every core encodes.
        The UI thread panel shows how long the window takes to answer; the demo switch
        runs a job on the UI thread to show what a blocked window looks like.""";
  }

  /**
   * How long a hand-off waits for the queue to read its own videos before it answers that they are still
   * being read: a few seconds of the launch's wait (15 s), so that the answer says what was added. The
   * inbox takes hand-offs one after another; each answers within what is left of its own launch's
   * wait ({@link AppInstance#answerMillis}), however long those before it took.
   */
  private static final int HAND_OFF_PROBE_SECONDS = 3;

  /**
   * The inputs a later {@code framefork gui FILES} on this data folder handed over, queued as this
   * window's own arguments were; the window comes to the front. Called on the inbox's thread; the
   * answer is the line that launch prints. It waits for the UI thread as long as the launch still
   * waits ({@code answerMillis}, at most {@link AppInstance#ANSWER_MILLIS}): a UI thread busy for
   * seconds still queues them in time to say so. Past that, a hand-off queued but not yet answered
   * (its videos read, the UI thread busy again) says what was queued; "busy" only when the UI thread
   * has not taken it at all.
   */
  private String takeHandOff(java.util.List<java.nio.file.Path> inputs, long answerMillis) {
    // Not invokeAndWait: its lock, held by this thread until it waits, is one the UI thread must take when done.
    java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicReference<String> queued = new java.util.concurrent.atomic.AtomicReference<>();
    queue.inTurn(() -> { // after a drop still being listed: adds come in the order made
      try {
        queueHandOff(inputs, answer, queued);
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    });
    try {
      return answer.get(answerMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      String line = answer.isDone() && !answer.isCompletedExceptionally() ? answer.join() : queued.get();
      return line != null ? line : "it is busy; it queues them once it can";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "it is closing; run this again";
    } catch (java.util.concurrent.ExecutionException e) {
      AppLog.warn("could not queue the videos handed over: " + e.getCause(), e.getCause());
      return "it could not queue them (" + e.getCause() + ")";
    }
  }

  /**
   * {@link #takeHandOff}'s work on the UI thread: completes {@code answer} once the queue has read
   * the added videos, so that one it cannot encode is not counted as added; sets {@code queued} to
   * what it says as soon as they are queued, still being read.
   */
  private void queueHandOff(java.util.List<java.nio.file.Path> inputs, java.util.concurrent.CompletableFuture<String> answer,
      java.util.concurrent.atomic.AtomicReference<String> queued) {
    if (!isDisplayable()) {
      answer.complete("it is closing; run this again once it has");
      return;
    }
    if ((getExtendedState() & ICONIFIED) != 0) {
      setExtendedState(getExtendedState() & ~ICONIFIED); // toFront leaves a minimised window minimised
    }
    toFront();
    if (inputs.isEmpty()) {
      answer.complete("");
      return;
    }
    java.util.List<java.nio.file.Path> already = inputs.stream().filter(queue.model()::contains).toList();
    java.util.List<java.nio.file.Path> done = inputs.stream().filter(p -> !queue.model().contains(p) && queue.model().done(p))
        .toList();
    java.util.List<QueueEntry> added = queue.addFiles(inputs);
    queued.set(handOffAnswer(added, already, done));
    // Closing answers with what was added so far: its probes are dropped, and the launch must not wait for them.
    handOffsBeingRead.put(answer, () -> handOffAnswer(added, already, done));
    answer.whenComplete((line, e) -> handOffsBeingRead.remove(answer));
    // Only these entries' own results, not those of every probe before them (a restored queue's): capped.
    queue.read(added).completeOnTimeout(null, HAND_OFF_PROBE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
        .thenRun(() -> EventQueue.invokeLater(() -> answer.complete(handOffAnswer(added, already, done))));
  }

  /** The hand-offs queued whose videos are still being read: their answers, and what each says so far. */
  private final java.util.Map<java.util.concurrent.CompletableFuture<String>, java.util.function.Supplier<String>> handOffsBeingRead =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** "added 2 videos to its queue", then what could not be read, what was queued already and what is done there. */
  static String handOffAnswer(java.util.List<QueueEntry> added, java.util.List<java.nio.file.Path> already,
      java.util.List<java.nio.file.Path> done) {
    java.util.List<QueueEntry> failed = added.stream().filter(e -> e.state() == QueueEntry.State.FAILED).toList();
    boolean reading = added.stream().anyMatch(QueueEntry::probing);
    StringBuilder line = new StringBuilder("added " + AppInstance.videos(added.size() - failed.size()) + " to its queue"
        + (reading ? ", still being read" : ""));
    if (!failed.isEmpty()) {
      line.append("; ").append(failed.getFirst().failure());
      if (failed.size() > 1) {
        line.append(" (and ").append(failed.size() - 1).append(" more it cannot read)");
      }
    }
    if (!already.isEmpty()) {
      line.append("; ").append(QueuePanel.alreadyQueued(already));
    }
    if (!done.isEmpty()) {
      line.append("; ").append(QueuePanel.alreadyDone(done));
    }
    return line.toString();
  }

  /** What Start does, from the button, the menu, the keyboard or a scripted run. */
  private void startQueue() {
    say("");
    String problem = runner.start();
    if (problem != null) {
      say(problem);
    }
  }

  /** The sentence beside Start (empty: none), whole in its tooltip where the window cuts it. */
  private void say(String text) {
    message.setText(text);
    message.setToolTipText(text.isEmpty() ? null : text);
  }

  private void updateRunActions() {
    start.setEnabled(!runner.isRunning());
    cancel.setEnabled(runner.isRunning());
  }

  /** Switches the theme and remembers it. */
  public void setDark(boolean dark) {
    if (dark != Theme.isDark()) {
      Theme.switchTo(dark);
      prefs.setDark(dark);
      prefs.flush();
    }
    syncThemeControls();
  }

  private void syncThemeControls() {
    boolean dark = Theme.isDark();
    darkToggle.setSelected(dark);
    darkToggle.setIcon(Icons.get(dark ? "light" : "dark"));
    darkToggle.setToolTipText(dark ? "Switch to the light theme" : "Switch to the dark theme");
    darkMenuItem.setSelected(dark);
  }

  /** The quit dialog's buttons while a job runs. */
  static final String STOP_AND_QUIT = "Stop encoding and quit";
  static final String KEEP_ENCODING = "Keep encoding";

  private void requestClose() {
    if (runner.isRunning()) {
      // The buttons say what they do: with OK and Cancel, "Cancel" meant keep encoding. Keeping on is the default.
      Object[] choices = {STOP_AND_QUIT, KEEP_ENCODING};
      int answer = JOptionPane.showOptionDialog(this, "A video is being encoded. Stop encoding and quit?", "Quit FrameFork",
          JOptionPane.DEFAULT_OPTION, JOptionPane.WARNING_MESSAGE, null, choices, KEEP_ENCODING);
      if (answer == 0) {
        closing = true;
        runner.cancel(); // the window closes when the queue has stopped and the engine has cleaned up
      }
      return;
    }
    dispose();
  }

  /**
   * The system's Quit (the application menu's, Cmd+Q on macOS) asks as File > Quit does, where the
   * platform has one: the default handler ended the JVM at once, with a job running and the queue unsaved.
   */
  private void quitThroughRequestClose() {
    if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.APP_QUIT_HANDLER)) {
      java.awt.Desktop.getDesktop().setQuitHandler((e, response) -> EventQueue.invokeLater(() -> quit(response)));
    }
  }

  /**
   * The system's Quit, on the UI thread: with no job running the window closes and the app quits
   * once the queue's last save is on disk; while one runs the quit is cancelled and the user asked,
   * as File > Quit does (Stop and quit closes the window once the job has stopped).
   */
  void quit(java.awt.desktop.QuitResponse response) {
    if (isDisplayable() && runner.isRunning()) {
      response.cancelQuit();
      requestClose();
      return;
    }
    dispose();
    org.framefork.app.queue.QueueStore store = data.queue();
    Thread.ofPlatform().daemon().name("framefork-quit").start(() -> {
      if (store != null && !store.awaitWritten(10_000)) {
        AppLog.warn("the queue was still being written at quit");
      }
      AppPreferences.awaitWritten(2_000);
      response.performQuit();
    });
  }

  @Override
  public void dispose() {
    saveBoundsSoon.stop();
    if (isDisplayable()) {
      saveBounds();
    }
    heartbeat.stop();
    watchdog.stop();
    workers.shutdown();
    preview.shutdown();
    runner.shutdown();
    // Before the prober drops their probes: each launch gets its line, and its hand-off leaves the inbox.
    java.util.List.copyOf(handOffsBeingRead.entrySet()).forEach(h -> h.getKey().complete(h.getValue().get()));
    queue.shutdown();
    if (strictMode != null) {
      strictMode.close();
    }
    if (data.queue() != null) {
      data.queue().save(queue.model().saved()); // the queue as it is now, then no more saves
      data.queue().close();
    }
    if (data.instance() != null) {
      // Once the queue's last save is on disk: the next window on this folder reads this one's queue whole.
      data.queue().afterWrites(data.instance()::close);
    }
    super.dispose();
  }

  /**
   * The window where it was, maximised if it was; from then on its place is saved whenever it
   * changes, half a second after the last change (a drag is one save), so a crash keeps it too.
   */
  private void restoreBounds() {
    Rectangle saved = WindowPlace.bounds(prefs, UIScale.scale(1280), UIScale.scale(860)); // the saved size is the screen's
    // Any monitor's, left of or above the first one too (negative x, y); none saved: -1, -1, centred.
    boolean none = saved.x == -1 && saved.y == -1;
    Rectangle place = none ? null : WindowPlace.onScreen(saved, WindowPlace.screens());
    if (place != null) {
      setBounds(place);
    } else {
      Rectangle screen = WindowPlace.screens().getFirst();
      setSize(Math.min(saved.width, screen.width), Math.min(saved.height, screen.height));
      setLocationRelativeTo(null);
    }
    setExtendedState(WindowPlace.state(prefs));
    saveBoundsSoon.setRepeats(false);
    enableEvents(AWTEvent.COMPONENT_EVENT_MASK); // moves and resizes: processComponentEvent
    addWindowStateListener(e -> saveBoundsSoon.restart());
  }

  @Override
  protected void processComponentEvent(ComponentEvent e) {
    super.processComponentEvent(e);
    if (e.getID() == ComponentEvent.COMPONENT_MOVED || e.getID() == ComponentEvent.COMPONENT_RESIZED) {
      saveBoundsSoon.restart();
    }
  }

  private final javax.swing.Timer saveBoundsSoon = new javax.swing.Timer(500, e -> saveBounds());

  /** Hands the window's place to the preferences' writer: nothing here waits for the disk. */
  private void saveBounds() {
    if (isDisplayable()) {
      WindowPlace.save(prefs, getBounds(), getExtendedState());
    }
  }

  public Action startAction() {
    return start;
  }

  public Action cancelAction() {
    return cancel;
  }

  public QueuePanel queue() {
    return queue;
  }

  public SettingsPanel settings() {
    return settings;
  }

  public QueueRunner runner() {
    return runner;
  }

  public HeartbeatMonitor heartbeat() {
    return heartbeat;
  }

  public EdtWatchdog watchdog() {
    return watchdog;
  }

  /** The app's StrictMode, or null when it is off. */
  public StrictMode strictMode() {
    return strictMode;
  }

  public UiHealthPanel uiHealth() {
    return uiHealth;
  }

  public ProgressPanel progress() {
    return progress;
  }

  public WorkersView workers() {
    return workers;
  }

  public String messageText() {
    return message.getText();
  }

  public AppData data() {
    return data;
  }
}
