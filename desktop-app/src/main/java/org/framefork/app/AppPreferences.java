package org.framefork.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (theme, settings, window size), in java.util.prefs.
 * {@code -Dframefork.prefs.node} picks another node, so tests never touch a user's choices; a
 * scripted run reads the remembered values but never writes them. The file behind it is read when
 * the preferences are opened, before the window is built, and written on a thread of its own: no
 * disk access on the UI thread.
 */
public final class AppPreferences {
  private final Preferences node;
  private final boolean readOnly;

  private AppPreferences(Preferences node, boolean readOnly) {
    this.node = node;
    this.readOnly = readOnly;
  }

  /** Opens and reads the preferences; call it off the UI thread (java.util.prefs reads a file). */
  public static AppPreferences open(boolean readOnly) {
    String path = System.getProperty("framefork.prefs.node", "/org/framefork/app");
    Preferences node = Preferences.userRoot().node(path);
    node.getBoolean("dark", false); // the first get loads the backing file: here, not on the UI thread
    return new AppPreferences(node, readOnly);
  }

  public boolean dark() {
    return node.getBoolean("dark", false);
  }

  public void setDark(boolean dark) {
    putBoolean("dark", dark);
  }

  public String get(String key, String def) {
    return node.get(key, def);
  }

  public int getInt(String key, int def) {
    return node.getInt(key, def);
  }

  public void put(String key, String value) {
    if (!readOnly && value != null) {
      node.put(key, value);
    }
  }

  public void putInt(String key, int value) {
    if (!readOnly) {
      node.putInt(key, value);
    }
  }

  public void putBoolean(String key, boolean value) {
    if (!readOnly) {
      node.putBoolean(key, value);
    }
  }

  /**
   * Writes soon rather than at the JVM's next sync (30 s), so a quick quit keeps the choice; on a
   * thread of its own, which ends when idle. java.util.prefs also writes at the JVM's exit.
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

  private static final ExecutorService WRITER = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> new Thread(r, "framefork-prefs-writer"));
}
