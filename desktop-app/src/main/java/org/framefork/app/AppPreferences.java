package org.framefork.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (theme, settings, window size), in java.util.prefs.
 * {@code -Dframefork.prefs.node} picks another node, so tests never touch a user's choices; a
 * scripted run reads the remembered values but never writes them.
 */
public final class AppPreferences {
  private final Preferences node;
  private final boolean readOnly;

  private AppPreferences(Preferences node, boolean readOnly) {
    this.node = node;
    this.readOnly = readOnly;
  }

  public static AppPreferences open(boolean readOnly) {
    String path = System.getProperty("framefork.prefs.node", "/org/framefork/app");
    return new AppPreferences(Preferences.userRoot().node(path), readOnly);
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

  /** Writes now rather than at the JVM's next sync, so a quick quit keeps the choice. */
  public void flush() {
    if (readOnly) {
      return;
    }
    try {
      node.flush();
    } catch (BackingStoreException e) {
      AppLog.warn("could not save preferences: " + e.getMessage());
    }
  }
}
