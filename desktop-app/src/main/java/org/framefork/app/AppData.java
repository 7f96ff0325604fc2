package org.framefork.app;

import java.nio.file.Path;
import org.framefork.app.presets.PresetLibrary;
import org.framefork.app.queue.QueueStore;

/**
 * What the app keeps between runs besides its preferences, in its data folder: the queue
 * ({@code queue.json}) and the user's presets ({@code presets.json}, the command line's preset
 * format). Read once at start-up, before the window is built and off the UI thread.
 *
 * @param queue the queue file; null when the queue is not kept (a scripted run without --data-dir)
 * @param savedQueue what the queue file held, and a message when it had to be set aside
 * @param instance this window's hold on the folder (see {@link AppInstance}); null when the queue is not kept
 */
public record AppData(Path folder, QueueStore queue, QueueStore.Loaded savedQueue, PresetLibrary presets,
    AppInstance instance) {
  /**
   * Opens the data folder {@code args} names (or the default) and reads it, {@code instance} holding
   * it (null when the queue is not kept); call it off the UI thread.
   */
  public static AppData open(AppArgs args, AppInstance instance) {
    Path folder = folderOf(args);
    boolean keepQueue = keepsQueue(args);
    QueueStore queue = keepQueue ? new QueueStore(folder.resolve("queue.json")) : null;
    QueueStore.Loaded saved = queue != null ? queue.load() : new QueueStore.Loaded(java.util.List.of(), null);
    PresetLibrary presets = PresetLibrary.load(folder.resolve("presets.json"), !keepQueue);
    return new AppData(folder, queue, saved, presets, instance);
  }

  /** The data folder {@code args} names, else the default; absolute. */
  public static Path folderOf(AppArgs args) {
    return (args.dataDir() != null ? args.dataDir() : defaultFolder()).toAbsolutePath().normalize();
  }

  /** Whether the window keeps its queue in the data folder: always but in a scripted run without --data-dir. */
  public static boolean keepsQueue(AppArgs args) {
    return !args.scripted() || args.dataDir() != null;
  }

  /** {@code -Dframefork.data.dir}, else the platform's folder for an application's data. */
  static Path defaultFolder() {
    String property = System.getProperty("framefork.data.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path home = Path.of(System.getProperty("user.home"));
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("mac")) {
      return home.resolve("Library/Application Support/FrameFork");
    }
    if (os.contains("win")) {
      String appData = System.getenv("APPDATA");
      return (appData != null ? Path.of(appData) : home).resolve("FrameFork");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("framefork");
  }
}
