package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * A video that could not be read when it was added (still empty, as a download or an export being
 * written), made good and retried: its row then says what it is, as a row added healthy does, and
 * the queue's progress counts its frames.
 */
class RetryAfterUnreadableTest {
  @Test
  void aRetriedVideoThatFailedToBeReadShowsWhatItIs() throws Exception {
    UiTestSupport.requireDisplay();
    Path out = UiTestSupport.emptyFolder("retry-unreadable");
    Path healthy = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path late = Files.createFile(out.resolve("being-written.mp4")); // zero bytes: nothing to read yet
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(late, healthy)));
      QueueEntry retried = entries.get(0);
      QueueEntry added = entries.get(1);
      UiTestSupport.waitUntil("both are read", 30, () -> !retried.probing() && !added.probing());
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(retried::state), "an empty file fails when added");
      assertEquals("", UiTestSupport.onEdt(retried::mediaSummary));
      String summary = UiTestSupport.onEdt(added::mediaSummary);
      assertEquals("640×360 · 3.0 s · 90 frames · h264 + audio", summary, "what a row added healthy shows");

      // The file is written in place (the same name, the same entry), then Retry.
      DebianFfmpeg.ffmpeg("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=3", "-f", "lavfi", "-i",
          "sine=frequency=440:sample_rate=48000:duration=3", "-c:a", "aac", "-c:v", "libx264", "-preset", "veryfast",
          "-g", "15", "-pix_fmt", "yuv420p", "-f", "mp4", late.toString());
      JobRecorder recorder = JobRecorder.attach(frame);
      UiTestSupport.pressRetry(frame, retried);
      JobRun run = recorder.awaitRun(180);
      recorder.stopped.get(30, TimeUnit.SECONDS);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.valueOf(run.outcome()));
      assertEquals(retried, run.entry());
      assertEquals(90, DebianFfmpeg.decodedFrames(UiTestSupport.onEdt(retried::output)), "frames by Debian's ffprobe");

      assertEquals(summary, UiTestSupport.onEdt(retried::mediaSummary), "the retried row says what it is");
      // The run's bar counted its frames (none, when the queue knew none): a whole queue of one job.
      assertEquals("Queue 1 of 1 · 100%", UiTestSupport.onEdt(() -> frame.progress().overallText()));
      assertEquals(90, UiTestSupport.onEdt(() -> frame.runner().overall().framesDone()), "the run counts its 90 frames");
      assertEquals(90, UiTestSupport.onEdt(() -> frame.runner().overall().framesTotal()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * Retry while the queue encodes other videos: the entry waits for its turn, and its row reads the
   * file again meanwhile ("reading…", then what it is), as at its add. The file is made good before
   * Start, and two videos are queued before it (Retry is pressed while the first encodes), so that the
   * queue still runs when Retry is pressed
   * (a Retry of a stopped queue starts the entry at once, and its row says "encoding…").
   */
  @Test
  void aRetryThatWaitsReadsTheVideoAgain() throws Exception {
    UiTestSupport.requireDisplay();
    Path out = UiTestSupport.emptyFolder("retry-unreadable-waits");
    Path longer = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, true);
    Path after = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path late = Files.createFile(out.resolve("being-written.mp4"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      // The retried video last: first, it would be the next job as soon as it waits, and the others no margin.
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(longer, after, late)));
      QueueEntry retried = entries.get(2);
      UiTestSupport.waitUntil("all are read", 30, () -> entries.stream().noneMatch(QueueEntry::probing));
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(retried::state));
      DebianFfmpeg.ffmpeg("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-c:v", "libx264",
          "-preset", "veryfast", "-pix_fmt", "yuv420p", "-f", "mp4", late.toString());
      assertEquals("", UiTestSupport.onEdt(retried::mediaSummary), "not read again before Retry");
      JobRecorder recorder = JobRecorder.attach(frame);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("the longer video encodes", 60, () -> frame.runner().current() == entries.get(0));
      // Retry while the queue runs answers in a message box: pressed later, so this thread can close it.
      javax.swing.Action retry = UiTestSupport.onEdt(() -> {
        frame.queue().select(retried);
        return frame.queue().entryActions().get(1);
      });
      java.awt.EventQueue.invokeLater(() -> retry.actionPerformed(null));
      UiTestSupport.waitUntil("the retried row says what it is", 30,
          () -> "320×240 · 2.0 s · 50 frames · h264".equals(retried.detailText()));
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(retried::state), "it waits for the running job");
      UiTestSupport.waitUntil("Retry's message shows", 30, () -> messageBox() != null);
      UiTestSupport.onEdt(() -> messageBox().dispose());
      recorder.stopped.get(240, TimeUnit.SECONDS);
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(retried::state), () -> String.join("\n", retried.logLines()));
      assertEquals(50, DebianFfmpeg.decodedFrames(UiTestSupport.onEdt(retried::output)), "frames by Debian's ffprobe");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /** The message box a Retry answers with while it shows, else null; on the EDT. */
  private static javax.swing.JDialog messageBox() {
    return java.util.Arrays.stream(java.awt.Window.getWindows())
        .filter(w -> w.isShowing() && w instanceof javax.swing.JDialog d && "FrameFork".equals(d.getTitle()))
        .map(w -> (javax.swing.JDialog) w).findFirst().orElse(null);
  }
}
