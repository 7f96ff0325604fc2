package org.framefork.app.health;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;
import org.framefork.app.AnimationClock;
import org.framefork.app.Theme;

/**
 * A dot that bounces for as long as the UI thread is free: it is moved by the animation clock (a
 * Swing timer), so it
 * stops the moment the EDT stops, which is what the eye notices first.
 */
public final class BusyIndicator extends JComponent {
  private static final double PERIOD_SECONDS = 1.2;
  private final AnimationClock.Listener step = tick -> repaint();

  public BusyIndicator() {
    setPreferredSize(new Dimension(96, 16));
    setMinimumSize(getPreferredSize());
    // Opaque: a repaint then draws this component alone, not the panel behind it as well.
    setOpaque(true);
    setToolTipText("Moved by a Swing timer on the UI thread: when it stops, the UI thread is blocked.");
  }

  @Override
  public void addNotify() {
    super.addNotify();
    AnimationClock.add(step);
  }

  @Override
  public void removeNotify() {
    AnimationClock.remove(step);
    super.removeNotify();
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    try {
      int w = getWidth();
      int h = getHeight();
      int d = h - 4;
      g.setColor(Theme.color("Panel.background", getBackground()));
      g.fillRect(0, 0, w, h);
      g.setColor(Theme.gridLine());
      g.fillRect(0, h / 2 - 2, w, 4);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON); // for the dot only
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
