package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.swing.Action;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Resume that fails before it encodes: with its source moved away, the entry keeps its finished
 * chunks, and once the file is back Retry continues from them to the same output; with its source
 * changed, Retry starts it over to the same output, and the stale work folder and its lock go.
 */
class ResumeThatFailsTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aMissingSourceKeepsTheChunksAndRetryContinuesToTheSameOutput() throws Exception {
    Path folder = UiTestSupport.emptyFolder("resume-fails-missing");
    Path source = Files.copy(UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false), folder.resolve("trip.mp4"));
    Path out = UiTestSupport.emptyFolder("resume-fails-missing-out");
    try (UiTestSupport.Launched app = launch(out)) {
      MainFrame frame = app.frame();
      QueueEntry entry = cancelAfterAChunk(frame, source);
      Path output = UiTestSupport.onEdt(entry::output);
      Path work = JobWorkspace.defaultFor(output);
      int finished = JobWorkspace.finishedChunks(work);
      Path away = Files.move(source, folder.resolve("trip-moved.mp4"));

      JobRecorder resumed = JobRecorder.attach(frame);
      pressResume(frame, entry);
      JobRun run = resumed.awaitRunAndStop(60);
      assertInstanceOf(JobOutcome.Failed.class, run.outcome(), () -> run.outcome().toString());
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(entry::state));
      assertEquals(output, UiTestSupport.onEdt(entry::output), "the output it was writing");
      assertEquals(finished, JobWorkspace.finishedChunks(work), "the finished chunks are still there");
      String kept = "its " + finished + " finished chunk" + (finished == 1 ? " is" : "s are") + " kept";
      UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains(" kept in "));
      String detail = UiTestSupport.onEdt(entry::detailText);
      assertTrue(detail.contains("no such file") && detail.endsWith("; " + kept + " in " + work.getFileName()
          + " for Retry (Remove deletes them)"), detail);
      List<String> log = UiTestSupport.onEdt(entry::logLines);
      assertTrue(log.stream().anyMatch(l -> l.endsWith("failed; " + kept + " for Retry")), log::toString);

      Files.move(away, source);
      JobRecorder retried = JobRecorder.attach(frame);
      UiTestSupport.pressRetry(frame, entry);
      JobRun again = retried.awaitRunAndStop(300);
      assertInstanceOf(JobOutcome.Done.class, again.outcome(), () -> again.outcome().toString());
      long reused = UiTestSupport.onEdt(() -> retried.events.stream().filter(e -> e instanceof JobEvent.ChunkReused).count());
      assertEquals(finished, reused, "every kept chunk is reused");
      assertEquals(output, UiTestSupport.onEdt(entry::output), "the same output name");
      assertEquals(180, DebianFfmpeg.decodedFrames(output));
      assertEquals(List.of(output.getFileName().toString()), names(out), "no work folder nor lock file left");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void aChangedSourceIsStartedOverByRetryToTheSameOutputAndItsStaleWorkGoes() throws Exception {
    Path folder = UiTestSupport.emptyFolder("resume-fails-changed");
    Path source = Files.copy(UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false), folder.resolve("trip2.mp4"));
    Path other = UiTestSupport.video("ui-720p-4s.mp4", 1280, 720, 4, false);
    Path out = UiTestSupport.emptyFolder("resume-fails-changed-out");
    try (UiTestSupport.Launched app = launch(out)) {
      MainFrame frame = app.frame();
      QueueEntry entry = cancelAfterAChunk(frame, source);
      Path output = UiTestSupport.onEdt(entry::output);
      Files.copy(other, source, StandardCopyOption.REPLACE_EXISTING);

      JobRecorder resumed = JobRecorder.attach(frame);
      pressResume(frame, entry);
      JobRun run = resumed.awaitRunAndStop(60);
      assertInstanceOf(JobOutcome.Failed.class, run.outcome(), () -> run.outcome().toString());
      String detail = UiTestSupport.onEdt(entry::detailText);
      assertTrue(detail.endsWith("press Retry to start it over"), detail);
      assertFalse(UiTestSupport.onEdt(entry::continuable), "the refused work is not continued from");

      JobRecorder retried = JobRecorder.attach(frame);
      UiTestSupport.pressRetry(frame, entry);
      JobRun again = retried.awaitRunAndStop(300);
      assertInstanceOf(JobOutcome.Done.class, again.outcome(), () -> again.outcome().toString());
      assertEquals(output, UiTestSupport.onEdt(entry::output), "the same output name");
      assertEquals(120, DebianFfmpeg.decodedFrames(output), "the changed source, encoded from the start");
      assertEquals(List.of(output.getFileName().toString()), names(out), "the stale work folder and its lock are gone");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  private static UiTestSupport.Launched launch(Path out) {
    // The default preset, as CancelTest: a chunk finishes, and the cancel comes before the last one.
    return UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel", "--preset", "medium", "--output-dir",
        out.toString());
  }

  /** Queues {@code source}, starts it and cancels it once a chunk has finished; returns its entry, its work counted. */
  private static QueueEntry cancelAfterAChunk(MainFrame frame, Path source) throws Exception {
    JobRecorder recorder = JobRecorder.attach(frame);
    QueueEntry entry = JobRecorder.queueAndStart(frame, source);
    UiTestSupport.waitUntil("a chunk is finished", 120,
        () -> recorder.events.stream().anyMatch(e -> e instanceof JobEvent.ChunkFinished));
    UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
    JobRun run = recorder.awaitRunAndStop(60);
    assertInstanceOf(JobOutcome.Cancelled.class, run.outcome(), () -> run.outcome().toString());
    UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains(" kept in "));
    assertTrue(JobWorkspace.finishedChunks(JobWorkspace.defaultFor(UiTestSupport.onEdt(entry::output))) >= 1);
    return entry;
  }

  private static void pressResume(MainFrame frame, QueueEntry entry) {
    Action resume = UiTestSupport.onEdt(() -> {
      frame.queue().select(entry);
      return frame.queue().entryActions().getFirst();
    });
    assertEquals("Resume", resume.getValue(Action.NAME));
    UiTestSupport.onEdt(() -> resume.actionPerformed(null));
  }

  private static List<String> names(Path folder) throws Exception {
    // The stale folder's removal, where it is not the engine's, is off the UI thread: a moment after the job's start.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try (Stream<Path> s = Files.list(folder)) {
        List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
        if (names.size() <= 1 || System.nanoTime() > deadline) {
          return names;
        }
      }
      Thread.sleep(50);
    }
  }
}
