package org.framefork.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.FontMetrics;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.framefork.app.UiScaled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UI-thread strip's tiles at FlatLaf's UI scale 1.5 and 2: each number (the widest, "999 ms")
 * and each caption fit their tile whole; they were cut ("skipp…", "Strict…", numbers clipped at the
 * top) in cells of 104×48 px whatever the scale. A screenshot goes to target/screenshots.
 */
class ScaledTilesTest {
  @ParameterizedTest(name = "UI scale {0}")
  @ValueSource(floats = {1f, 1.5f, 2f})
  void numbersAndCaptionsFitTheirTiles(float scale) throws Exception {
    EdtWatchdog watchdog = new EdtWatchdog(2000);
    assertEquals(List.of(), UiScaled.check(scale,
        () -> cutTexts(new UiHealthPanel(new HeartbeatMonitor(), watchdog, null, () -> null), scale)));
  }

  /** The tiles' texts that do not fit their labels, in words. EDT. */
  private static List<String> cutTexts(UiHealthPanel panel, float scale) {
    panel.setSize(Math.round(1280 * scale), panel.getPreferredSize().height);
    layOut(panel); // validate() lays out only a shown window's components
    Container tiles = find(panel, "uiThreadTiles");
    List<JLabel> labels = new ArrayList<>();
    collect(tiles, labels);
    assertEquals(12, labels.size(), "six numbers and six captions");
    List<String> problems = new ArrayList<>();
    for (JLabel l : labels) {
      if ("h3".equals(l.getClientProperty("FlatLaf.styleClass"))) {
        l.setText(UiHealthPanel.WIDEST_VALUE);
      }
      FontMetrics fm = l.getFontMetrics(l.getFont());
      Insets in = l.getInsets();
      int needW = fm.stringWidth(l.getText()) + in.left + in.right;
      int needH = fm.getAscent() + fm.getDescent() + in.top + in.bottom;
      Rectangle shown = SwingUtilities.convertRectangle(l.getParent(), l.getBounds(), tiles);
      Rectangle clip = SwingUtilities.convertRectangle(l.getParent().getParent(), l.getParent().getBounds(), tiles);
      if (l.getWidth() < needW || l.getHeight() < needH || !clip.contains(shown)) {
        problems.add("at " + scale + " '" + l.getText() + "' needs " + needW + "x" + needH + ", has " + shown + " in " + clip);
      }
    }
    assertTrue(scale == 1f || labels.getFirst().getFont().getSize() >= 20, "the premise: the font is scaled");
    BufferedImage image = new BufferedImage(panel.getWidth(), panel.getHeight(), BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    panel.printAll(g);
    g.dispose();
    UiScaled.save(image, "ui-thread-tiles-scale" + scale);
    return problems;
  }

  private static void layOut(Container c) {
    c.doLayout();
    for (Component k : c.getComponents()) {
      if (k instanceof Container kc) {
        layOut(kc);
      }
    }
  }

  private static Container find(Container root, String name) {
    for (Component c : root.getComponents()) {
      if (name.equals(c.getName()) && c instanceof Container k) {
        return k;
      }
      if (c instanceof Container k && find(k, name) instanceof Container found) {
        return found;
      }
    }
    return null;
  }

  private static void collect(Container root, List<JLabel> out) {
    for (Component c : root.getComponents()) {
      if (c instanceof JLabel l) {
        out.add(l);
      } else if (c instanceof Container k) {
        collect(k, out);
      }
    }
  }
}
