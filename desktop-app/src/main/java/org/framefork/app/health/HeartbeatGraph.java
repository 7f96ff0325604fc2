package org.framefork.app.health;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;
import org.framefork.app.AnimationClock;
import org.framefork.app.Theme;

/**
 * A bar per heartbeat, newest on the right: how long each waited for the UI thread, against the
 * 16 ms frame budget. The scale stops at 50 ms; longer waits are drawn full height with their value.
 */
public final class HeartbeatGraph extends JComponent {
  private static final double SCALE_MS = 50;
  private static final int BAR = 3;
  /** Redrawn on every other clock tick (15 a second), not on every heartbeat: it must cost the UI thread little. */
  private final AnimationClock.Listener redraw = tick -> {
    if (tick % 2 == 0) {
      repaint();
    }
  };
  private final HeartbeatMonitor monitor;

  public HeartbeatGraph(HeartbeatMonitor monitor) {
    this.monitor = monitor;
    setPreferredSize(new Dimension(400, 84));
    setMinimumSize(new Dimension(120, 48));
    setOpaque(true); // it fills its own background, so its repaints need not draw what is behind it
    setToolTipText("Each bar is one heartbeat posted to the UI thread every 16 ms: how long it waited to run. "
        + "Above the dashed line the UI missed a frame.");
  }

  @Override
  public void addNotify() {
    super.addNotify();
    AnimationClock.add(redraw);
  }

  @Override
  public void removeNotify() {
    AnimationClock.remove(redraw);
    super.removeNotify();
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      int w = getWidth();
      int h = getHeight();
      g.setColor(Theme.chartBackground());
      g.fillRect(0, 0, w, h);
      int top = 4;
      int plotH = h - top - 1;
      double[] ms = monitor.recentMillis(Math.max(1, w / BAR));
      double max = 0;
      java.awt.Color good = Theme.good();
      java.awt.Color warning = Theme.warning();
      java.awt.Color bad = Theme.bad();
      for (int i = 0; i < ms.length; i++) {
        double v = ms[i];
        max = Math.max(max, v);
        int bh = (int) Math.max(1, Math.round(Math.min(v, SCALE_MS) / SCALE_MS * plotH));
        g.setColor(v <= 16 ? good : v <= 33 ? warning : bad);
        int x = w - (ms.length - i) * BAR;
        g.fillRect(x, h - 1 - bh, BAR - 1, bh);
      }
      int y16 = h - 1 - (int) Math.round(16 / SCALE_MS * plotH);
      g.setColor(Theme.foreground());
      // Dashes as plain rectangles: a dashed stroke goes through the antialiasing rasteriser, 15 times a second.
      for (int x = 0; x < w; x += 7) {
        g.fillRect(x, y16, 4, 1);
      }
      g.setFont(getFont().deriveFont(getFont().getSize2D() - 2f));
      java.awt.FontMetrics small = g.getFontMetrics();
      g.setColor(Theme.chartBackground());
      g.fillRect(2, y16 - small.getAscent() - 3, small.stringWidth("16 ms") + 4, small.getAscent());
      g.setColor(Theme.foreground());
      g.drawString("16 ms", 4, y16 - 3);
      String right = max > SCALE_MS ? String.format("peak %.0f ms (off scale)", max) : "scale 0–50 ms";
      java.awt.FontMetrics fm = g.getFontMetrics();
      int tw = fm.stringWidth(right);
      // A backdrop keeps the caption readable over tall bars.
      g.setColor(Theme.chartBackground());
      g.fillRect(w - tw - 8, top, tw + 8, fm.getHeight());
      g.setColor(Theme.dimForeground());
      g.drawString(right, w - tw - 4, top + fm.getAscent());
    } finally {
      g.dispose();
    }
  }
}
