package org.framefork.app;

import java.awt.Component;
import java.awt.Graphics;
import java.awt.Insets;
import javax.swing.border.AbstractBorder;

/**
 * Hairlines between the window's sections plus padding. The colour is read when painting, so the
 * lines follow a theme change without rebuilding any border.
 */
public final class SectionBorder extends AbstractBorder {
  private final boolean top;
  private final boolean left;
  private final boolean bottom;
  private final boolean right;
  private final Insets padding;

  public SectionBorder(boolean top, boolean left, boolean bottom, boolean right, Insets padding) {
    this.top = top;
    this.left = left;
    this.bottom = bottom;
    this.right = right;
    this.padding = padding;
  }

  public static SectionBorder top(int pad) {
    return new SectionBorder(true, false, false, false, new Insets(pad, pad + 4, pad, pad + 4));
  }

  @Override
  public void paintBorder(Component c, Graphics g, int x, int y, int w, int h) {
    g.setColor(Theme.gridLine());
    if (top) {
      g.fillRect(x, y, w, 1);
    }
    if (bottom) {
      g.fillRect(x, y + h - 1, w, 1);
    }
    if (left) {
      g.fillRect(x, y, 1, h);
    }
    if (right) {
      g.fillRect(x + w - 1, y, 1, h);
    }
  }

  @Override
  public Insets getBorderInsets(Component c, Insets insets) {
    insets.set(padding.top + (top ? 1 : 0), padding.left + (left ? 1 : 0), padding.bottom + (bottom ? 1 : 0),
        padding.right + (right ? 1 : 0));
    return insets;
  }
}
