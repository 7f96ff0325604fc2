package org.framefork.app;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Insets;
import java.awt.LayoutManager;

/**
 * The right-hand column: the settings on top, the progress under them, the live views (workers'
 * lanes, preview) taking the rest. When the column is short the live views keep {@code liveMinimum}
 * pixels and the settings give way down to their minimum (they sit in a scroll pane), so a 680 px
 * window still shows the lanes instead of squeezing them to a line. The components are added in that order: settings,
 * progress, live.
 */
final class ColumnLayout implements LayoutManager {
  private final int liveMinimum;

  ColumnLayout(int liveMinimum) {
    this.liveMinimum = liveMinimum;
  }

  @Override
  public void layoutContainer(Container parent) {
    Insets in = parent.getInsets();
    int width = parent.getWidth() - in.left - in.right;
    int height = parent.getHeight() - in.top - in.bottom;
    Component settings = parent.getComponent(0);
    Component progress = parent.getComponent(1);
    Component live = parent.getComponent(2);
    int progressHeight = Math.min(progress.getPreferredSize().height, height);
    int room = height - progressHeight; // for the settings and the live views
    // The settings' own minimum (their header and two rows) wins over the live views' when both do not fit.
    int settingsPreferred = settings.getPreferredSize().height;
    int settingsLeast = Math.min(settings.getMinimumSize().height, settingsPreferred);
    int settingsHeight = Math.min(room, Math.max(settingsLeast, Math.min(settingsPreferred, room - liveMinimum)));
    int y = in.top;
    settings.setBounds(in.left, y, width, settingsHeight);
    y += settingsHeight;
    progress.setBounds(in.left, y, width, progressHeight);
    y += progressHeight;
    live.setBounds(in.left, y, width, Math.max(0, in.top + height - y));
  }

  @Override
  public Dimension preferredLayoutSize(Container parent) {
    return stacked(parent, false);
  }

  @Override
  public Dimension minimumLayoutSize(Container parent) {
    return stacked(parent, true);
  }

  /** The three stacked: their preferred sizes, or the least that keeps the progress and the live views. */
  private Dimension stacked(Container parent, boolean minimum) {
    Insets in = parent.getInsets();
    int w = 0;
    int h = 0;
    for (int i = 0; i < parent.getComponentCount(); i++) {
      Dimension d = minimum ? parent.getComponent(i).getMinimumSize() : parent.getComponent(i).getPreferredSize();
      w = Math.max(w, d.width);
      h += i == 0 && minimum ? 0 : i == 2 && minimum ? liveMinimum : d.height;
    }
    return new Dimension(w + in.left + in.right, h + in.top + in.bottom);
  }

  @Override
  public void addLayoutComponent(String name, Component comp) {}

  @Override
  public void removeLayoutComponent(Component comp) {}
}
