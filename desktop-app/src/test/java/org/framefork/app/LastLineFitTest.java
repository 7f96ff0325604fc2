package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.nio.file.Path;
import javax.swing.JFrame;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueModel;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.run.ProgressPanel;
import org.framefork.app.run.QueueRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Last:" line of a failed job in a window too narrow for it: the label gives up the middle of
 * the sentence's paths, not its end, the instruction (QA at 1280 px lost "press Retry to start it
 * over"), and says it whole again once the window is wide enough.
 */
class LastLineFitTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aNarrowWindowCutsThePathsAndKeepsTheInstruction() throws Exception {
    Path out = UiTestSupport.emptyFolder("last-line-fit");
    String work = out.resolve(".a-rather-long-name-for-a-trip-h264.mp4.framefork-work").toString();
    String failure = "the input " + out.resolve("usb/a-rather-long-name-for-a-trip.mp4") + " has changed since the job in "
        + work + " was interrupted; press Retry to start it over";
    QueueModel queue = new QueueModel();
    QueueEntry entry = new QueueEntry(out.resolve("usb/a-rather-long-name-for-a-trip.mp4"));
    queue.add(entry);
    JFrame frame = UiTestSupport.onEdt(() -> {
      ProgressPanel panel = new ProgressPanel(new QueueRunner(queue, () -> null, () -> false));
      JFrame f = new JFrame("last line");
      f.add(panel);
      f.setSize(new Dimension(420, 200));
      f.setVisible(true);
      panel.jobEnded(entry, new JobRun(entry, null, false, 0, 0, 0, new JobOutcome.Failed(failure)));
      return f;
    });
    try {
      ProgressPanel panel = (ProgressPanel) frame.getContentPane().getComponent(0);
      String full = "Last: a-rather-long-name-for-a-trip.mp4 failed: " + failure;
      UiTestSupport.onEdt(() -> {
        frame.validate();
        return null;
      });
      String shown = UiTestSupport.onEdt(panel::figuresShown);
      assertEquals(full, UiTestSupport.onEdt(panel::figuresText), "the whole line for whoever asks for it");
      assertTrue(shown.endsWith("was interrupted; press Retry to start it over") && shown.contains("…"), shown);
      assertTrue(shown.length() < full.length(), shown);

      UiTestSupport.onEdt(() -> {
        frame.setSize(new Dimension(2400, 200));
        frame.validate();
        return null;
      });
      assertEquals(full, UiTestSupport.onEdt(panel::figuresShown), "whole again where it fits");
    } finally {
      UiTestSupport.onEdt(() -> {
        frame.dispose();
        return null;
      });
    }
  }
}
