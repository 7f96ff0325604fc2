package org.framefork.app;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.framefork.app.health.StrictMode;
import org.framefork.app.script.ScriptedRun;

/**
 * The desktop app's entry point: reads the command line, sets what must be set before AWT starts,
 * then builds and shows the window on the event dispatch thread.
 */
public final class FrameForkApp {
  private FrameForkApp() {}

  public static void main(String[] args) {
    AppArgs parsed;
    try {
      parsed = AppArgs.parse(args);
      parsed.watchdogThresholdMillis(); // a bad -Dframefork.watchdog.ms is a bad argument too
      parsed.strictMode(); // and so is a bad -Dframefork.strictmode
    } catch (IllegalArgumentException e) {
      System.err.println("framefork gui: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      System.out.print(AppArgs.usage());
      return;
    }
    AppInstance instance = null;
    if (AppData.keepsQueue(parsed)) {
      instance = AppInstance.claim(AppData.folderOf(parsed));
      if (instance == null) {
        handOff(parsed); // exits
        return;
      }
    }
    configureBeforeAwt();
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("framefork gui: no display to open a window on (DISPLAY is not set); run it on a desktop, "
          + "or under Xvfb: xvfb-run -a ./framefork gui");
      System.exit(2);
      return;
    }
    launch(parsed, parsed.exitWhenDone() ? FrameForkApp::exit : null, instance);
  }

  /**
   * Another window has the data folder: the inputs go to its queue, and this launch says so in one
   * line and ends (0). A scripted run needs a queue of its own, and settings given with the files
   * would be dropped (the window encodes with its own): both are refused (2), nothing handed over.
   */
  private static void handOff(AppArgs args) {
    Path folder = AppData.folderOf(args);
    if (args.scripted()) {
      System.err.println("framefork gui: FrameFork is already open on " + folder + "; a scripted run needs a data folder of its own "
          + "(another --data-dir)");
      System.exit(2);
      return;
    }
    if (!args.settingFlags().isEmpty()) {
      System.err.println("framefork gui: FrameFork is already open on " + folder + "; set " + String.join(", ", args.settingFlags())
          + " in its window, or close it first");
      System.exit(2);
      return;
    }
    if (!args.windowFlags().isEmpty()) {
      System.err.println("framefork gui: FrameFork is already open on " + folder + "; " + String.join(", ", args.windowFlags())
          + " only set up a window as it opens: close it first");
      System.exit(2);
      return;
    }
    AppInstance.Answer answer = AppInstance.handOff(folder, args.files().stream().map(p -> p.toAbsolutePath().normalize()).toList());
    if (answer.refused()) {
      System.err.println("framefork gui: " + answer.line());
      System.exit(2);
      return;
    }
    System.out.println(answer.line());
    System.exit(0);
  }

  /**
   * System properties that AWT and Swing read once, when they start: they must be set before the
   * first AWT class is touched. The look and feel itself is set on the EDT.
   */
  static void configureBeforeAwt() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("mac")) {
      System.setProperty("apple.laf.useScreenMenuBar", "true");
      System.setProperty("apple.awt.application.name", "FrameFork");
      System.setProperty("apple.awt.application.appearance", "system");
    }
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> AppLog.warn("uncaught exception on " + t.getName(), e));
  }

  /**
   * Builds and shows the window on the EDT and returns it; called from any thread but the EDT.
   * With {@code --autorun} the scripted run begins once the window is up; {@code exit} (null: never)
   * receives its exit code. The window holds its data folder (see {@link AppInstance}); another window
   * on that folder in this process or another is an IllegalStateException.
   */
  public static MainFrame launch(AppArgs args, IntConsumer exit) {
    AppInstance instance = null;
    if (AppData.keepsQueue(args)) {
      instance = AppInstance.claim(AppData.folderOf(args));
      if (instance == null) {
        throw new IllegalStateException("FrameFork is already open on " + AppData.folderOf(args));
      }
    }
    return launch(args, exit, instance);
  }

  /** {@code instance}: the window's hold on its data folder, taken; null when the queue is not kept. */
  private static MainFrame launch(AppArgs args, IntConsumer exit, AppInstance instance) {
    if (EventQueue.isDispatchThread()) {
      throw new IllegalStateException("launch waits for the EDT; call it from another thread");
    }
    AtomicReference<MainFrame> frame = new AtomicReference<>();
    // Before the window is built, so that its start-up is watched too.
    StrictMode strictMode = args.strictMode() == null ? null
        : StrictMode.start(args.strictMode(), StrictMode.DEFAULT_WAIT_THRESHOLD);
    AppPreferences prefs = AppPreferences.open(args.scripted()); // reads a file: not on the UI thread
    AppData data = AppData.open(args, instance); // the queue and the presets: files too
    boolean opened = false;
    try {
      EventQueue.invokeAndWait(() -> {
        Theme.install(args.dark() != null ? args.dark() : prefs.dark());
        MainFrame f = new MainFrame(prefs, args, strictMode, data);
        f.setVisible(true);
        if (!args.files().isEmpty()) {
          f.queue().addFiles(args.files());
        }
        if (args.scripted()) {
          new ScriptedRun(f, args, exit).begin();
        }
        frame.set(f);
      });
      opened = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the window", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the window could not be built: " + e.getCause(), e.getCause());
    } finally {
      if (!opened && instance != null) {
        instance.close(); // no window holds the folder
      }
    }
    return frame.get();
  }

  private static void exit(int code) {
    System.exit(code);
  }
}
