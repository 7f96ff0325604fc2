package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A work folder at an entry's output that is not its own (a Ctrl-C'd command line's given {@code -o}
 * there, another app's cancelled job) is left alone by its Retry, which takes another name; an entry
 * that may continue keeps its work when the queue cannot start it.
 */
class OtherJobsWorkTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void retryOfAPlainFailureLeavesAnotherJobsWorkAtItsOutput() throws Exception {
    // The command line's job, stopped by Ctrl-C while it wrote that output: its plan and a finished chunk.
    Path work = workAt("other-jobs-work", "ui-360p-3s-h264.mp4", "chunks/00000.json");
    Path output = outputOf(work);
    try (UiTestSupport.Launched app = launch(output.getParent())) {
      MainFrame frame = app.frame();
      QueueEntry entry = restored(frame, QueueEntry.State.FAILED, output, "a codec's error", Container.MP4);
      JobRecorder retried = JobRecorder.attach(frame);
      UiTestSupport.pressRetry(frame, entry);
      JobRun run = retried.awaitRunAndStop(120);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
      Path written = UiTestSupport.onEdt(entry::output);
      assertNotEquals(output, written, "another name: that output's work is another job's");
      assertEquals(90, DebianFfmpeg.decodedFrames(written));
      Thread.sleep(500); // a discard of that folder would be off the UI thread
      assertTrue(Files.isRegularFile(work.resolve("chunks").resolve("00000.json")), "the other job's work stays");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * A cancelled entry that Start would resume, whose own settings cannot run now: it fails saying why,
   * and keeps its work for Retry (it failed before its job touched it).
   */
  @Test
  void aStoppedEntryThatCannotStartKeepsItsWork() throws Exception {
    Path work = workAt("other-jobs-work-stopped", "ui-360p-3s-h264.webm", "settings.json");
    try (UiTestSupport.Launched app = launch(work.getParent())) {
      JobRecorder recorder = JobRecorder.attach(app.frame());
      QueueEntry entry = restored(app.frame(), QueueEntry.State.CANCELLED, outputOf(work), null, Container.WEBM);
      assertEquals(null, UiTestSupport.onEdt(() -> app.frame().runner().start()));
      recorder.stopped.get(30, TimeUnit.SECONDS);
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(entry::state));
      assertTrue(UiTestSupport.onEdt(entry::failure).startsWith("webm cannot hold h264"), UiTestSupport.onEdt(entry::failure));
      assertTrue(UiTestSupport.onEdt(entry::continuable), "Retry continues from its work");
      assertEquals(work, UiTestSupport.onEdt(entry::workFolder));
      UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains(" kept in "));
      assertTrue(Files.isRegularFile(work.resolve("plan.json")));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * The queue's one entry once an entry of the 3 s clip, {@code state} with {@code failure} and its job's
   * settings (to {@code output}, in {@code container}), is restored into it, as the app does at start.
   */
  private static QueueEntry restored(MainFrame frame, QueueEntry.State state, Path output, String failure,
      Container container) {
    Path clip = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    JobSettings settings = new JobSettings(VideoCodec.H264, "ultrafast", 23, ExecutionMode.PARALLEL, 2, 0, container,
        output.getParent(), AudioMode.AUTO, "", "", null);
    return UiTestSupport.onEdt(() -> {
      frame.queue().restore(List.of(new QueueEntry.Saved(clip, state, output, 0, 0, failure, settings, List.of(),
          List.of(), List.of())));
      return frame.queue().model().entries().getFirst();
    });
  }

  /** The output whose work folder {@code work} is. */
  private static Path outputOf(Path work) {
    String name = work.getFileName().toString();
    return work.resolveSibling(name.substring(1, name.length() - ".framefork-work".length()));
  }

  private static UiTestSupport.Launched launch(Path out) {
    return UiTestSupport.launch("--light", "--preset", "ultrafast", "--output-dir", out.toString());
  }

  /**
   * A stopped job's work folder at the output {@code name} in a new {@code folder}: its plan, and
   * {@code file} ({@code {}}).
   */
  private static Path workAt(String folder, String name, String file) throws java.io.IOException {
    Path work = JobWorkspace.defaultFor(UiTestSupport.emptyFolder(folder).resolve(name));
    Files.createDirectories(work.resolve("chunks"));
    Files.writeString(work.resolve("plan.json"), "{}");
    Files.writeString(work.resolve(file), "{}");
    return work;
  }
}
