package org.framefork.app.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.swing.JList;
import org.framefork.app.UiScaled;
import org.framefork.encoder.preset.EncodePreset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The presets dialog at FlatLaf's UI scale 1.5 shows every built-in preset's lines whole: it opened
 * 849×476 px there, its list 600 px wide whatever the scale, and the descriptions were cut.
 */
class ScaledPresetsDialogTest {
  @ParameterizedTest(name = "UI scale {0}")
  @ValueSource(floats = {1f, 1.5f})
  void everyPresetsLinesShowWhole(float scale) throws Exception {
    assertEquals(List.of(), UiScaled.check(scale, () -> cutRows(scale)));
  }

  /** The presets whose row does not fit the list, in words. EDT. */
  private static List<String> cutRows(float scale) {
    List<String> problems = new ArrayList<>();
    PresetsDialog dialog = new PresetsDialog(null, PresetLibrary.load(null, true), () -> null, p -> {}, null);
    try {
      @SuppressWarnings("unchecked")
      JList<EncodePreset> list = (JList<EncodePreset>) find(dialog);
      assertTrue(list.getFont().getSize() >= 12 * scale, "the premise: the font is scaled");
      screenshot(dialog, "presets-scale" + scale);
      int shown = list.getParent().getWidth(); // the scroll pane's viewport
      for (int i = 0; i < list.getModel().getSize(); i++) {
        EncodePreset p = list.getModel().getElementAt(i);
        int needs = list.getCellRenderer().getListCellRendererComponent(list, p, i, false, false).getPreferredSize().width;
        if (needs > shown) {
          problems.add("at " + scale + " '" + p.name() + "' needs " + needs + " px, the list " + shown + " (the dialog "
              + dialog.getWidth() + "x" + dialog.getHeight() + ")");
        }
      }
    } finally {
      dialog.dispose();
    }
    return problems;
  }

  /** The dialog's content as drawn, to target/screenshots/{@code name}.png. */
  private static void screenshot(PresetsDialog dialog, String name) {
    java.awt.Container content = dialog.getContentPane();
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(content.getWidth(), content.getHeight(),
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    content.printAll(g);
    g.dispose();
    UiScaled.save(image, name);
  }

  private static JList<?> find(java.awt.Container root) {
    for (java.awt.Component c : root.getComponents()) {
      if (c instanceof JList<?> l && "presetList".equals(l.getName())) {
        return l;
      }
      if (c instanceof java.awt.Container k && find(k) instanceof JList<?> l) {
        return l;
      }
    }
    return null;
  }
}
