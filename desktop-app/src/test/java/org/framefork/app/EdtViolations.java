package org.framefork.app;

import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.RepaintManager;
import javax.swing.SwingUtilities;

/**
 * A RepaintManager that records every component repainted or revalidated off the event dispatch
 * thread (with the offending stack), so a test can fail on any Swing access from another thread.
 */
final class EdtViolations extends RepaintManager {
  private final List<String> violations = new ArrayList<>();

  /** Installs a fresh checker; call on the EDT. */
  static EdtViolations install() {
    EdtViolations v = new EdtViolations();
    RepaintManager.setCurrentManager(v);
    return v;
  }

  @Override
  public synchronized void addInvalidComponent(JComponent c) {
    check("revalidate", c);
    super.addInvalidComponent(c);
  }

  @Override
  public void addDirtyRegion(JComponent c, int x, int y, int w, int h) {
    check("repaint", c);
    super.addDirtyRegion(c, x, y, w, h);
  }

  @Override
  public void addDirtyRegion(Window window, int x, int y, int w, int h) {
    check("repaint", window);
    super.addDirtyRegion(window, x, y, w, h);
  }

  private void check(String what, Object c) {
    if (!SwingUtilities.isEventDispatchThread()) {
      StringBuilder sb = new StringBuilder(what + " of " + c.getClass().getName() + " on " + Thread.currentThread().getName());
      for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
        sb.append("\n\tat ").append(e);
      }
      synchronized (violations) {
        violations.add(sb.toString());
      }
    }
  }

  List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }
}
