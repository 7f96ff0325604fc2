package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A job that fails in the engine reaches the user through done()/get(), and the queue goes on. */
class FailedJobTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aJobThatFailsShowsTheEnginesReasonInItsQueueEntry() throws Exception {
    Path out = UiTestSupport.emptyFolder("failed-job");
    Path gone = out.resolve("moved-away.mp4");
    Files.copy(UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true), gone, StandardCopyOption.REPLACE_EXISTING);
    Path notVideo = out.resolve("notes.mp4");
    Files.writeString(notVideo, "not a video");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(gone, notVideo)));
      UiTestSupport.waitUntil("both are read", 30, () -> entries.get(0).info() != null
          && entries.get(1).state() == QueueEntry.State.FAILED);
      // Unreadable input is caught when it is added, before any job.
      String probeFailure = UiTestSupport.onEdt(() -> entries.get(1).failure());
      assertTrue(probeFailure.contains("notes.mp4"), probeFailure);
      String probeRow = UiTestSupport.onEdt(() -> entries.get(1).detailText());
      assertTrue(probeFailure.endsWith(probeRow) && !probeRow.startsWith("/"), "the row has the reason, less the path: " + probeRow);

      // The first file disappears after it was added: the engine's InputException must reach the entry.
      Files.delete(gone);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(60);
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);

      JobOutcome.Failed failed = assertInstanceOf(JobOutcome.Failed.class, run.outcome(), () -> run.outcome().toString());
      QueueEntry entry = entries.get(0);
      assertEquals("failed", UiTestSupport.onEdt(entry::statusText));
      assertEquals(failed.message(), UiTestSupport.onEdt(entry::failure));
      assertTrue(failed.message().startsWith(entry.input() + ": "), failed.message());
      // The row's title names the input: its second line is the reason alone, not cut off behind the path.
      assertEquals(failed.message().substring((entry.input() + ": ").length()), UiTestSupport.onEdt(entry::detailText));

      // The file is back: Retry encodes the failed entry again from the start, and it is done.
      Files.copy(UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true), gone, StandardCopyOption.REPLACE_EXISTING);
      javax.swing.Action retry = UiTestSupport.onEdt(() -> {
        frame.queue().select(entry);
        return frame.queue().entryActions().get(1);
      });
      assertEquals("Retry", retry.getValue(javax.swing.Action.NAME));
      assertTrue(UiTestSupport.onEdt(retry::isEnabled));
      JobRecorder again = JobRecorder.attach(frame);
      UiTestSupport.onEdt(() -> retry.actionPerformed(null));
      JobRun retried = again.awaitRun(120);
      assertInstanceOf(JobOutcome.Done.class, retried.outcome(), () -> retried.outcome().toString());
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(entry::state));
      assertEquals(90, org.framefork.encoder.testing.DebianFfmpeg.decodedFrames(entry.output()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
