package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import javax.swing.JLabel;
import org.junit.jupiter.api.Test;

/**
 * A failure's sentence in a line too short for it keeps its end, the instruction, and gives up the
 * middle of its paths: the QA run's "Last:" line at 1280 px cut "press Retry to start it over" off.
 */
class SentenceFitTest {
  private static final String INPUT = "/tmp/qa20/media/usb/trip2.mp4";
  private static final String WORK = "/tmp/qa20/home/FrameFork/.trip2-h264.mp4.work";
  private static final String FAILED = "Last: trip2.mp4 failed: the input " + INPUT + " has changed since the job in " + WORK
      + " was interrupted; press Retry to start it over";

  @Test
  void theInstructionStaysAndThePathsGiveWay() {
    FontMetrics fm = new JLabel().getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int width = fm.stringWidth(FAILED) - fm.stringWidth(WORK) / 2;
    String fitted = Wordings.fitByPaths(FAILED, fm, width);
    assertTrue(fm.stringWidth(fitted) <= width, fitted);
    assertTrue(fitted.startsWith("Last: trip2.mp4 failed: the input " + INPUT + " has changed"), "the shorter path whole: " + fitted);
    assertTrue(fitted.endsWith(".work was interrupted; press Retry to start it over"), "the longer one keeps its end: " + fitted);
    assertTrue(fitted.contains(" in /tmp/") && fitted.contains("…"), fitted);
    assertEquals(FAILED, Wordings.fitByPaths(FAILED, fm, fm.stringWidth(FAILED)), "whole where it fits");
    // Narrower still: both paths give way before the sentence does.
    int narrow = fm.stringWidth(FAILED) - (fm.stringWidth(INPUT) + fm.stringWidth(WORK)) * 4 / 5;
    String both = Wordings.fitByPaths(FAILED, fm, narrow);
    assertTrue(both.endsWith("press Retry to start it over") && fm.stringWidth(both) <= narrow, both);
    assertEquals(2, both.chars().filter(c -> c == '…').count(), both);
    // No path to give: the text as it is, for the label to cut.
    String plain = "Last: clip.mp4 cancelled; nothing at the destination";
    assertEquals(plain, Wordings.fitByPaths(plain, fm, 40));
  }

  /** A path narrower than "…" cannot be cut: it stays, and the fit ends (it looped for ever: review 47). */
  @Test
  void aPathNarrowerThanTheEllipsisStays() {
    FontMetrics fm = new JLabel().getFontMetrics(new Font(Font.DIALOG, Font.PLAIN, 13));
    String text = "Failed: wrote /i then stopped; press Retry to start it over";
    assertTrue(fm.stringWidth("/i") <= fm.stringWidth("…"), "the case: " + fm.stringWidth("/i") + " px");
    String fitted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> Wordings.fitByPaths(text, fm, 200));
    assertEquals(text, fitted, "nothing to cut: the label cuts its end");
    String two = "Failed: wrote /i and /tmp/qa20/home/FrameFork/.trip2-h264.mp4.work; press Retry to start it over";
    String both = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> Wordings.fitByPaths(two, fm, fm.stringWidth(two) - 40));
    assertTrue(both.startsWith("Failed: wrote /i and /tmp") && both.contains("…") && fm.stringWidth(both) <= fm.stringWidth(two) - 40, both);
  }
}
