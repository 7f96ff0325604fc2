package org.framefork.app;

import java.awt.Frame;
import java.awt.GraphicsConfiguration;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the window was, in the preferences: its bounds while it was neither maximised nor
 * minimised (what it comes back to), and whether it was maximised. Saved as it changes, not only
 * when the window closes, so that a crash keeps it.
 */
final class WindowPlace {
  private WindowPlace() {}

  /** Keeps {@code bounds} and {@code state} (a Frame's extended state) and has them written; never waits for the disk. */
  static void save(AppPreferences prefs, Rectangle bounds, int state) {
    if ((state & Frame.ICONIFIED) == 0) { // minimised, some systems drop MAXIMIZED_BOTH: it comes back as it was
      prefs.putBoolean("maximized", (state & Frame.MAXIMIZED_BOTH) == Frame.MAXIMIZED_BOTH);
    }
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

  /**
   * Where the window opens: the saved {@code bounds} when they overlap one of the {@code screens}
   * (their usable bounds) by a quarter of the window or more, moved and shrunk into that screen; null
   * when they overlap none so (a monitor unplugged, a place saved mostly off-screen): open centred.
   */
  static Rectangle onScreen(Rectangle saved, List<Rectangle> screens) {
    Rectangle screen = screenOf(saved, screens);
    if (overlap(saved, screen) * 4 < (long) saved.width * saved.height) {
      return null;
    }
    return clampInto(saved, screen);
  }

  /** {@code r} no larger than {@code screen} and moved into it. */
  static Rectangle clampInto(Rectangle r, Rectangle screen) {
    int w = Math.min(r.width, screen.width);
    int h = Math.min(r.height, screen.height);
    int x = Math.max(screen.x, Math.min(r.x, screen.x + screen.width - w));
    int y = Math.max(screen.y, Math.min(r.y, screen.y + screen.height - h));
    return new Rectangle(x, y, w, h);
  }

  /** The usable bounds (less task bars and docks) of every screen; the first is the default one. */
  static List<Rectangle> screens() {
    GraphicsEnvironment env = GraphicsEnvironment.getLocalGraphicsEnvironment();
    List<Rectangle> all = new ArrayList<>();
    all.add(env.getMaximumWindowBounds());
    for (GraphicsDevice d : env.getScreenDevices()) {
      GraphicsConfiguration gc = d.getDefaultConfiguration();
      if (d != env.getDefaultScreenDevice()) {
        Insets in = Toolkit.getDefaultToolkit().getScreenInsets(gc);
        Rectangle b = gc.getBounds();
        all.add(new Rectangle(b.x + in.left, b.y + in.top, b.width - in.left - in.right, b.height - in.top - in.bottom));
      }
    }
    return all;
  }

  /** The screen of {@code screens} that holds most of {@code r}; the first when it overlaps none. */
  static Rectangle screenOf(Rectangle r, List<Rectangle> screens) {
    Rectangle best = screens.getFirst();
    for (Rectangle screen : screens) {
      if (overlap(r, screen) > overlap(r, best)) {
        best = screen;
      }
    }
    return best;
  }

  private static long overlap(Rectangle a, Rectangle b) {
    Rectangle common = a.intersection(b);
    return common.isEmpty() ? 0 : (long) common.width * common.height;
  }

  /** The extended state to open in: maximised when it was, else normal (never minimised). */
  static int state(AppPreferences prefs) {
    return prefs.getBoolean("maximized", false) ? Frame.MAXIMIZED_BOTH : Frame.NORMAL;
  }
}
