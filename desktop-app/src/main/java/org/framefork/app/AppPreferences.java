package org.framefork.app;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (theme, settings, window size), in java.util.prefs.
 * {@code -Dframefork.prefs.node} picks another node, so tests never touch a user's choices; a
 * scripted run reads the remembered values but never writes them. The node is read once, when the
 * preferences are opened, before the window is built; from then on the values live here, and every
 * change reaches the node, and its file, on a thread of its own. The UI thread never touches the
 * node: java.util.prefs holds a node's lock while it writes the file, and a put from the UI thread
 * waited for it (121 ms, from the split pane's divider).
 */
public final class AppPreferences {
  private final Preferences node;
  private final boolean readOnly;
  private final Map<String, String> values = new ConcurrentHashMap<>();

  private AppPreferences(Preferences node, boolean readOnly) {
    this.node = node;
    this.readOnly = readOnly;
  }

  /** Opens and reads the preferences; call it off the UI thread (java.util.prefs reads a file). */
  public static AppPreferences open(boolean readOnly) {
    String path = System.getProperty("framefork.prefs.node", "/org/framefork/app");
    return of(Preferences.userRoot().node(path), readOnly);
  }

  /** The values of {@code node}, read now (after this process's earlier changes are in it); off the UI thread. */
  static AppPreferences of(Preferences node, boolean readOnly) {
    awaitWritten(10_000);
    OPENED.add(node);
    AppPreferences prefs = new AppPreferences(node, readOnly);
    try {
      for (String key : node.keys()) {
        String value = node.get(key, null);
        if (value != null) {
          prefs.values.put(key, value);
        }
      }
    } catch (BackingStoreException | IllegalStateException e) {
      AppLog.warn("could not read the preferences: " + e.getMessage());
    }
    return prefs;
  }

  public boolean dark() {
    return getBoolean("dark", false);
  }

  public void setDark(boolean dark) {
    putBoolean("dark", dark);
  }

  public String get(String key, String def) {
    return values.getOrDefault(key, def);
  }

  /** As {@link Preferences#getInt}: {@code def} when there is no value or it is not a number. */
  public int getInt(String key, int def) {
    String v = values.get(key);
    try {
      return v == null ? def : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return def;
    }
  }

  /** As {@link Preferences#getBoolean}: "true" or "false" in any case, else {@code def}. */
  public boolean getBoolean(String key, boolean def) {
    String v = values.get(key);
    return v == null ? def : v.equalsIgnoreCase("true") || (!v.equalsIgnoreCase("false") && def);
  }

  /** Keeps {@code value} (null: nothing) and hands it to the writer thread: it never waits for the node. */
  public void put(String key, String value) {
    if (!readOnly && value != null && !value.equals(values.put(key, value))) {
      WRITER.execute(() -> node.put(key, value));
    }
  }

  public void putInt(String key, int value) {
    put(key, Integer.toString(value));
  }

  public void putBoolean(String key, boolean value) {
    put(key, Boolean.toString(value));
  }

  /**
   * Writes soon rather than at the JVM's next sync (30 s), so a quick quit keeps the choice; on the
   * writer thread, after the changes handed to it, and it ends when idle. java.util.prefs also writes at the JVM's exit.
   */
  public void flush() {
    if (readOnly) {
      return;
    }
    WRITER.execute(() -> {
      try {
        node.flush();
      } catch (BackingStoreException e) {
        AppLog.warn("could not save preferences: " + e.getMessage());
      }
    });
  }

  /** Waits until the changes and flushes handed to the writer so far are done (a quit, a test); false after {@code millis}. */
  public static boolean awaitWritten(long millis) {
    return WRITER.awaitIdle(millis);
  }

  private static final DiskWriter WRITER = new DiskWriter("framefork-prefs-writer");
  /** The nodes opened here: only these are flushed at exit (userRoot() there would load java.util.prefs in a dying JVM). */
  private static final Set<Preferences> OPENED = ConcurrentHashMap.newKeySet();

  static {
    // A System.exit (a scripted run's end, StrictMode's death penalty, a quit) does not wait for the writer: the
    // changes handed to it would be lost. java.util.prefs writes its nodes at exit, in a hook of its own that may run
    // first, so the nodes are flushed here once the writer is done.
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("framefork-prefs-at-exit").unstarted(() -> {
      if (!awaitWritten(2_000)) {
        AppLog.warn("the preferences were still being written at exit");
      }
      for (Preferences node : OPENED) {
        try {
          node.flush();
        } catch (BackingStoreException | RuntimeException | Error e) {
          // An Error too: a preferences class first loaded now fails its init ("Shutdown in progress").
          AppLog.warn("could not save preferences at exit: " + e);
        }
      }
    }));
  }
}
