package org.framefork.app.health;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;
import javax.swing.Timer;
import org.framefork.app.Theme;

/**
 * A dot that bounces for as long as the UI thread is free: it is moved by a Swing timer, so it
 * stops the moment the EDT stops, which is what the eye notices first.
 */
public final class BusyIndicator extends JComponent {
  private static final double PERIOD_SECONDS = 1.2;
  // 30 steps a second: smooth enough to see it stop, and half the UI-thread work of 60.
  private final Timer timer = new Timer(33, e -> repaint());

  public BusyIndicator() {
    setPreferredSize(new Dimension(96, 16));
    setMinimumSize(getPreferredSize());
    setToolTipText("Moved by a Swing timer on the UI thread: when it stops, the UI thread is blocked.");
  }

  @Override
  public void addNotify() {
    super.addNotify();
    timer.start();
  }

  @Override
  public void removeNotify() {
    timer.stop();
    super.removeNotify();
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int w = getWidth();
      int h = getHeight();
      int d = h - 4;
      g.setColor(Theme.gridLine());
      g.fillRoundRect(0, h / 2 - 2, w, 4, 4, 4);
      // Position from the clock, not from a step count: a late tick jumps, it does not slow down.
      double phase = (System.nanoTime() / 1e9 / PERIOD_SECONDS) % 1.0;
      double tri = phase < 0.5 ? phase * 2 : 2 - phase * 2;
      double eased = tri * tri * (3 - 2 * tri);
      int x = (int) Math.round(eased * (w - d));
      g.setColor(Theme.good());
      g.fillOval(x, 2, d, d);
    } finally {
      g.dispose();
    }
  }
}
