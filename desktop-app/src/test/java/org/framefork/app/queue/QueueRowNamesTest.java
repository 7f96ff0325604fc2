package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Component;
import java.awt.Container;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import org.framefork.app.AppPreferences;
import org.framefork.app.UiScaled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two parts of one long name in a queue of its default width: each row shows the end of its name
 * ("… part 1.mov", "… part 2.mov"), where both showed "2026-12-05 Birthday part…" once the status
 * kept its whole width; at UI scale 1.5 too, where the queue kept its 330 px. A done row with
 * notes still says how long it took.
 */
class QueueRowNamesTest {
  private static QueueEntry done(String name, List<String> notes) {
    return done(name, name, 321_536, 5.1, notes);
  }

  private static QueueEntry done(String name, String output, long bytes, double seconds, List<String> notes) {
    return QueueEntry.restore(new QueueEntry.Saved(Path.of("/videos", name), QueueEntry.State.DONE, Path.of("/out", output),
        bytes, seconds, null, null, List.of(), notes, List.of()));
  }

  /**
   * The QA run's rows: "→ we…64.mp4" and "→ clip on…64-3.mp4" where the output names fit the row,
   * which has no bar under a done row's status: the detail line has the row's width, not the name's
   * column beside the status.
   */
  @ParameterizedTest(name = "UI scale {0}")
  @ValueSource(floats = {1f, 1.5f})
  void aDoneRowShowsAnOutputNameThatFitsItsLine(float scale) throws Exception {
    List<String> shown = UiScaled.check(scale, () -> shownTexts("queue-output-names-scale" + scale,
        done("web.webm", "web-h264.mp4", 48_538, 7.5, List.of("the source's last 3 frames were cut")),
        done("clip one.mp4", "clip one-h264-3.mp4", 694_272, 18.2, List.of()),
        done("2026-12-05 Birthday party at the lake, the whole afternoon.mov",
            "2026-12-05 Birthday party at the lake, the whole afternoon-h264-2.mp4", 694_272, 18.2, List.of())));
    assertEquals(9, shown.size(), shown.toString());
    // Per row: the name, the status, its output's name.
    assertEquals("→ web-h264.mp4", shown.get(2), shown.toString());
    assertTrue(shown.get(1).startsWith("done · 1 note"), shown.toString());
    assertEquals("→ clip one-h264-3.mp4", shown.get(5), shown.toString());
    // Too long for any row: cut in the middle, its end whole.
    assertTrue(shown.get(8).startsWith("→ 2026") && shown.get(8).contains("…") && shown.get(8).endsWith("-h264-2.mp4"), shown.get(8));
  }

  @ParameterizedTest(name = "UI scale {0}")
  @ValueSource(floats = {1f, 1.5f})
  void eachPartShowsTheEndOfItsName(float scale) throws Exception {
    List<String> shown = UiScaled.check(scale, () -> shownTexts("queue-two-parts-scale" + scale,
        done("2026-12-05 Birthday part 1.mov", List.of()),
        done("2026-12-05 Birthday part 2.mov", List.of("the source's last 3 frames were cut"))));
    assertEquals(6, shown.size(), shown.toString());
    // Per row: the name, the status, its output's name.
    String name1 = shown.get(0);
    String name2 = shown.get(3);
    assertTrue(name1.endsWith("part 1.mov") && name2.endsWith("part 2.mov"), "at " + scale + ": " + shown);
    assertTrue(name1.startsWith("2026-12"), name1);
    assertTrue(shown.get(2).endsWith("part 1.mov") && shown.get(5).endsWith("part 2.mov"), "the outputs: " + shown);
    assertTrue(shown.get(1).startsWith("done"), "the status shows, in part at least: " + shown);
  }

  /** What the rows show of their names, outputs and statuses in a queue of its default width. EDT. */
  private static List<String> shownTexts(String screenshot, QueueEntry... rows) {
    List<String> shown = new ArrayList<>();
    QueuePanel queue = new QueuePanel(AppPreferences.open(true));
    for (QueueEntry row : rows) {
      queue.model().add(row);
    }
    @SuppressWarnings("unchecked")
    JList<QueueEntry> list = (JList<QueueEntry>) find(queue, "queueList");
    list.setSize(queue.getPreferredSize().width - UIScale.scale(12), 400); // less a scroll bar
    screenshot(list, screenshot);
    for (int i = 0; i < rows.length; i++) {
      Container row = (Container) list.getCellRenderer().getListCellRendererComponent(list, list.getModel().getElementAt(i), i,
          false, false);
      row.setSize(list.getWidth(), row.getPreferredSize().height);
      layOut(row);
      for (JLabel l : labels(row)) {
        if ("semibold".equals(l.getClientProperty("FlatLaf.styleClass")) || l.getText().startsWith("done")
            || l.getText().startsWith("→")) {
          shown.add(shownText(l));
        }
      }
    }
    return shown;
  }

  @Test
  void aDoneRowWithNotesKeepsItsTime() {
    assertEquals("done · 1 note · 314 KiB in 5.1 s", done("a.mov", List.of("the source's last 3 frames were cut")).statusText());
    assertEquals("done · 314 KiB in 5.1 s", done("a.mov", List.of()).statusText());
  }

  @Test
  void aNameIsCutInTheMiddleKeepingItsEnd() {
    FontMetrics fm = new JLabel().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
    String name = "2026-12-05 Birthday part 1.mov";
    String cut = QueuePanel.middleCut(name, fm, fm.stringWidth(name) / 2);
    assertTrue(cut.contains("…") && cut.endsWith("1.mov") && cut.startsWith("2026"), cut);
    assertTrue(fm.stringWidth(cut) <= fm.stringWidth(name) / 2, cut);
    assertEquals(name, QueuePanel.middleCut(name, fm, fm.stringWidth(name)), "whole where it fits");
    // A dot that starts no extension: the start is kept as for any name, not given up for a long "extension".
    String plain = "v1.2 final cut of the birthday party";
    String plainCut = QueuePanel.middleCut(plain, fm, fm.stringWidth(plain) / 2);
    assertTrue(plainCut.startsWith("v1.2 f") && plainCut.contains("…") && plainCut.endsWith("party"), plainCut);
    assertTrue(fm.stringWidth(plainCut) <= fm.stringWidth(plain) / 2, plainCut);
    // Narrower than "…": nothing, not "…" past the room.
    int dots = fm.stringWidth("…");
    assertEquals("…", QueuePanel.middleCut(name, fm, dots));
    assertEquals("", QueuePanel.middleCut(name, fm, dots - 1));
    assertEquals("", QueuePanel.middleCut(name, fm, 0));
  }

  /** What a label draws in its width: its text, or the text cut with "…" as Swing cuts it. */
  private static String shownText(JLabel l) {
    java.awt.Insets in = l.getInsets();
    Rectangle view = new Rectangle(in.left, in.top, l.getWidth() - in.left - in.right, l.getHeight() - in.top - in.bottom);
    return SwingUtilities.layoutCompoundLabel(l, l.getFontMetrics(l.getFont()), l.getText(), null, l.getVerticalAlignment(),
        l.getHorizontalAlignment(), l.getVerticalTextPosition(), l.getHorizontalTextPosition(), view, new Rectangle(),
        new Rectangle(), 0);
  }

  /** The list's rows as its renderer draws them, to target/screenshots/{@code name}.png. */
  @SuppressWarnings("unchecked")
  private static void screenshot(JList<QueueEntry> list, String name) {
    int rowH = list.getCellRenderer().getListCellRendererComponent(list, list.getModel().getElementAt(0), 0, false, false)
        .getPreferredSize().height;
    int rows = list.getModel().getSize();
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(list.getWidth(), rowH * rows,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    javax.swing.CellRendererPane pane = new javax.swing.CellRendererPane();
    for (int i = 0; i < rows; i++) {
      Component c = list.getCellRenderer().getListCellRendererComponent(list, list.getModel().getElementAt(i), i, i == 1, false);
      c.setSize(list.getWidth(), rowH);
      layOut((Container) c); // validate() lays out only a shown window's components
      pane.paintComponent(g, c, list, 0, i * rowH, list.getWidth(), rowH, false);
    }
    g.dispose();
    UiScaled.save(image, name);
  }

  private static void layOut(Container c) {
    c.doLayout();
    for (Component k : c.getComponents()) {
      if (k instanceof Container kc) {
        layOut(kc);
      }
    }
  }

  private static List<JLabel> labels(Container root) {
    List<JLabel> all = new ArrayList<>();
    for (Component c : root.getComponents()) {
      if (c instanceof JLabel l) {
        all.add(l);
      } else if (c instanceof Container k) {
        all.addAll(labels(k));
      }
    }
    return all;
  }

  private static Component find(Container root, String name) {
    for (Component c : root.getComponents()) {
      if (name.equals(c.getName())) {
        return c;
      }
      if (c instanceof Container k && find(k, name) instanceof Component found) {
        return found;
      }
    }
    return null;
  }
}
