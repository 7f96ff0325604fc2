package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * The window stays usable at common small sizes while a job runs: the workers' lanes and the preview
 * keep a readable height, every queue button shows whole, the UI-thread strip's demo switch and read
 * button show whole and its hint uncut, and the settings scroll rather than squeezing the rest.
 * Screenshots of each size go to target/screenshots.
 */
class SmallWindowTest {
  /** A laptop's 1024×680 work area, the window's minimum, and less (setSize keeps the minimum: checked there). */
  private static final List<Dimension> SIZES = List.of(new Dimension(1024, 680), new Dimension(800, 600), new Dimension(760, 520));

  @Test
  void smallSizesKeepTheLanesThePreviewAndTheQueueButtons() throws Exception {
    UiTestSupport.requireDisplay();
    Path input = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false);
    Path out = UiTestSupport.emptyFolder("small-window");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel", "--preset",
        "slow", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)));
      UiTestSupport.waitUntil("the input is probed", 30, () -> entries.getFirst().info() != null);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("the encode is under way", 120, () -> entries.getFirst().fraction() >= 0.15);
      List<String> problems = new ArrayList<>();
      for (Dimension size : SIZES) {
        UiTestSupport.onEdt(() -> {
          frame.setSize(size);
          frame.validate();
        });
        Thread.sleep(400);
        UiTestSupport.screenshot(frame, "small-window-" + size.width + "x" + size.height);
        problems.addAll(UiTestSupport.onEdt(() -> check(frame, size)));
      }
      UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(List.of(), problems);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void theSettingsFoldAwayWithTheirSummaryShownAndStaySoAtTheNextStart() {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--codec", "h264", "--preset", "veryfast", "--crf", "25",
        "--mode", "parallel", "--workers", "2")) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> {
        frame.setSize(1024, 680);
        frame.validate();
      });
      javax.swing.JButton fold = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "foldSettings",
          javax.swing.JButton.class));
      if (!UiTestSupport.onEdt(() -> frame.settings().isShowing())) {
        UiTestSupport.onEdt(() -> fold.doClick()); // folded by an earlier run
      }
      int lanesOpen = UiTestSupport.onEdt(() -> ofType(frame.workers(), "LaneChart").getHeight());
      UiTestSupport.onEdt(() -> {
        fold.doClick();
        frame.validate();
      });
      assertEquals(false, UiTestSupport.onEdt(() -> frame.settings().isShowing()), "folded away");
      assertEquals("h264 veryfast · CRF 25 · mp4 · parallel, 2 workers", UiTestSupport.onEdt(() -> UiTestSupport.find(
          frame.getContentPane(), "settingsSummary", javax.swing.JLabel.class).getText()));
      int lanesFolded = UiTestSupport.onEdt(() -> ofType(frame.workers(), "LaneChart").getHeight());
      assertTrue(lanesFolded > lanesOpen + 60, "the lanes take the room: " + lanesOpen + " -> " + lanesFolded + " px");
      UiTestSupport.screenshot(frame, "settings-folded");
    }
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      assertEquals(false, UiTestSupport.onEdt(() -> frame.settings().isShowing()), "still folded after a restart");
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "foldSettings", javax.swing.JButton.class).doClick());
      UiTestSupport.onEdt(() -> frame.validate());
      assertEquals(true, UiTestSupport.onEdt(() -> frame.settings().isShowing()), "unfolded");
    }
  }

  /** What is squeezed at {@code size}, in words; empty when the window is usable. EDT. */
  private static List<String> check(MainFrame frame, Dimension size) {
    List<String> problems = new ArrayList<>();
    String at = size.width + "x" + size.height + " (window " + frame.getWidth() + "x" + frame.getHeight() + "): ";
    JComponent lanes = ofType(frame.workers(), "LaneChart");
    if (visibleHeight(lanes) < 150) { // two lanes as bars over the CPU graph (at 128 px they were 8 px lines)
      problems.add(at + "the lane chart shows " + visibleHeight(lanes) + " px high");
    }
    JComponent preview = ofType(frame.getContentPane(), "PreviewPanel");
    if (visibleHeight(preview) < 100) {
      problems.add(at + "the preview shows " + visibleHeight(preview) + " px high");
    }
    for (AbstractButton b : buttons(frame.queue())) {
      Rectangle shown = SwingUtilities.convertRectangle(b.getParent(), b.getBounds(), frame.queue());
      if (!b.isShowing() || !new Rectangle(frame.queue().getSize()).contains(shown) || b.getWidth() < b.getPreferredSize().width) {
        problems.add(at + "the queue's button '" + b.getToolTipText() + "' is cut or hidden: " + shown);
      }
    }
    JComponent list = UiTestSupport.find(frame.queue(), "queueList", JComponent.class);
    if (list.getVisibleRect().width < 220) {
      problems.add(at + "the queue list is " + list.getVisibleRect().width + " px wide");
    }
    problems.addAll(uiThreadStrip(frame, at));
    return problems;
  }

  /** The UI-thread strip's demo switch and read button whole and in the window, its hint not cut. EDT. */
  private static List<String> uiThreadStrip(MainFrame frame, String at) {
    List<String> problems = new ArrayList<>();
    Container content = frame.getContentPane();
    for (String name : List.of("onUiThread", "readOnUiThread")) {
      AbstractButton b = UiTestSupport.find(content, name, AbstractButton.class);
      Rectangle shown = SwingUtilities.convertRectangle(b.getParent(), b.getBounds(), content);
      if (!b.isShowing() || !new Rectangle(content.getSize()).contains(shown) || b.getWidth() < b.getPreferredSize().width) {
        problems.add(at + "the UI thread's '" + b.getText() + "' is cut or hidden: " + shown + ", wants "
            + b.getPreferredSize().width + " px");
      }
    }
    javax.swing.JLabel hint = UiTestSupport.find(content, "heartbeatHint", javax.swing.JLabel.class);
    java.awt.Insets in = hint.getInsets();
    int needs = hint.getFontMetrics(hint.getFont()).stringWidth(hint.getText()) + in.left + in.right;
    if (needs > hint.getWidth()) {
      problems.add(at + "the UI thread's hint '" + hint.getText() + "' needs " + needs + " px, has " + hint.getWidth());
    }
    return problems;
  }

  /** The component of the class named {@code simpleName} under {@code root} (the views' own classes are not public). */
  private static JComponent ofType(Container root, String simpleName) {
    JComponent found = ofTypeOrNull(root, simpleName);
    if (found == null) {
      throw new AssertionError("no " + simpleName);
    }
    return found;
  }

  private static JComponent ofTypeOrNull(Container root, String simpleName) {
    for (Component c : root.getComponents()) {
      if (c instanceof JComponent j && c.getClass().getSimpleName().equals(simpleName)) {
        return j;
      }
      if (c instanceof Container k && ofTypeOrNull(k, simpleName) instanceof JComponent j) {
        return j;
      }
    }
    return null;
  }

  private static int visibleHeight(JComponent c) {
    return c.isShowing() ? c.getVisibleRect().height : 0;
  }

  private static List<AbstractButton> buttons(Container root) {
    List<AbstractButton> all = new ArrayList<>();
    for (Component c : root.getComponents()) {
      if (c instanceof AbstractButton b && b.getAction() != null) {
        all.add(b);
      } else if (c instanceof Container k && !(c instanceof javax.swing.JList)) {
        all.addAll(buttons(k));
      }
    }
    return all;
  }
}
