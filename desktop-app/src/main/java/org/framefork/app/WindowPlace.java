package org.framefork.app;

import java.awt.Frame;
import java.awt.Rectangle;

/**
 * Where the window was, in the preferences: its bounds while it was neither maximised nor
 * minimised (what it comes back to), and whether it was maximised. Saved as it changes, not only
 * when the window closes, so that a crash keeps it.
 */
final class WindowPlace {
  private WindowPlace() {}

  /** Keeps {@code bounds} and {@code state} (a Frame's extended state) and has them written; never waits for the disk. */
  static void save(AppPreferences prefs, Rectangle bounds, int state) {
    prefs.putBoolean("maximized", (state & Frame.MAXIMIZED_BOTH) == Frame.MAXIMIZED_BOTH);
    if ((state & (Frame.MAXIMIZED_BOTH | Frame.ICONIFIED)) == 0) {
      prefs.putInt("x", bounds.x);
      prefs.putInt("y", bounds.y);
      prefs.putInt("w", bounds.width);
      prefs.putInt("h", bounds.height);
    }
    prefs.flush();
  }

  /** The bounds saved last; x and y are -1 when none were, and the size then {@code defaultWidth} x {@code defaultHeight}. */
  static Rectangle bounds(AppPreferences prefs, int defaultWidth, int defaultHeight) {
    return new Rectangle(prefs.getInt("x", -1), prefs.getInt("y", -1), prefs.getInt("w", defaultWidth),
        prefs.getInt("h", defaultHeight));
  }

  /** The extended state to open in: maximised when it was, else normal (never minimised). */
  static int state(AppPreferences prefs) {
    return prefs.getBoolean("maximized", false) ? Frame.MAXIMIZED_BOTH : Frame.NORMAL;
  }
}
