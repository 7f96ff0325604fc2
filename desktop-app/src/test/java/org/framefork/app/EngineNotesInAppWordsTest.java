package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.swing.Action;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JTextArea;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * The engine's notes on a finished job, where the app shows them (the row, its tooltip, the job's
 * log with its report), name the app's settings, not the command line's options the user cannot
 * type: an image sequence with alpha, its rate the default, says "Sequence fps", and that its alpha
 * was dropped without pointing at --alpha-over, which the app has no setting for.
 */
class EngineNotesInAppWordsTest {
  @Test
  void anImageSequencesNotesNameTheSettings() throws Exception {
    UiTestSupport.requireDisplay();
    Path shots = rgbaImages(UiTestSupport.emptyFolder("engine-notes-app-words").resolve("shots"));
    Path out = Files.createDirectories(shots.resolveSibling("out"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = JobRecorder.queueAndStart(frame, shots);
      JobRun run = recorder.awaitRunAndStop(120);
      JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.valueOf(run.outcome()));
      assertEquals(12, DebianFfmpeg.decodedFrames(entry.output()), "frames by Debian's ffprobe");
      // The engine's own words, as the command line prints them: the options the app turns into its settings.
      assertTrue(done.report().notes().stream().anyMatch(n -> n.contains("(--alpha-over COLOUR")), done.report().notes()::toString);
      assertTrue(done.report().notes().stream().anyMatch(n -> n.contains("(--fps sets another)")), done.report().notes()::toString);

      List<String> notes = UiTestSupport.onEdt(entry::notes);
      assertTrue(notes.contains("the images' alpha channel was dropped"), "said, without the option: " + notes);
      assertTrue(notes.stream().anyMatch(n -> n.endsWith("fps, the default for an image sequence (Sequence fps sets another)")),
          notes.toString());
      String row = UiTestSupport.onEdt(entry::detailText);
      assertTrue(row.endsWith(" · the images' alpha channel was dropped"), "the row's first warning: " + row);
      String tip = UiTestSupport.onEdt(() -> {
        JList<?> list = UiTestSupport.find(frame.queue(), "queueList", JList.class);
        Rectangle r = list.getCellBounds(0, 0);
        return list.getToolTipText(new MouseEvent(list, MouseEvent.MOUSE_MOVED, 0, 0, r.x + 5, r.y + 5, 0, false));
      });
      assertTrue(tip.contains("(Sequence fps sets another)") && tip.contains("alpha channel was dropped"), tip);
      assertFalse(tip.contains("--"), "no command-line option in the row's tooltip: " + tip);

      // Show log: the job's events and its report, the report's notes in the app's words too.
      Action showLog = UiTestSupport.onEdt(() -> {
        frame.queue().select(entry);
        return frame.queue().entryActions().get(3);
      });
      assertEquals("Show log", showLog.getValue(Action.NAME));
      UiTestSupport.onEdt(() -> showLog.actionPerformed(null));
      UiTestSupport.waitUntil("the log shows", 30, () -> logDialog() != null);
      String log = UiTestSupport.onEdt(() -> UiTestSupport.find(logDialog(), "logText", JTextArea.class).getText());
      UiTestSupport.onEdt(() -> logDialog().dispose());
      assertTrue(log.contains("Sequence fps sets another") && log.contains("alpha channel was dropped"), log);
      assertFalse(log.contains("--"), "no command-line option in the job's log: " + log);
    }
  }

  /** A folder {@code shots} of 12 RGBA PNGs, written by Debian ffmpeg: an image sequence with an alpha channel. */
  private static Path rgbaImages(Path shots) throws java.io.IOException {
    Files.createDirectories(shots);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1,format=rgba", "-frames:v", "12",
        shots.resolve("frame_%04d.png").toString());
    return shots;
  }

  /** The log dialog while it shows, else null; on the EDT. */
  private static JDialog logDialog() {
    return Arrays.stream(Window.getWindows())
        .filter(w -> w.isShowing() && w instanceof JDialog d && d.getTitle().startsWith("Log: "))
        .map(w -> (JDialog) w).findFirst().orElse(null);
  }
}
