package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.framefork.app.health.LatencyStats;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The normal path: a job started from the window runs in a SwingWorker and the UI thread stays free. */
class EncodeThroughUiTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void encodesAQueuedVideoWithTwoWorkersWhileTheUiThreadStaysResponsive() throws Exception {
    // Ten seconds, so the encode spans a few hundred heartbeats and p99 is not just the single worst one.
    Path input = UiTestSupport.video("ui-360p-10s.mp4", 640, 360, 10, true);
    Path out = UiTestSupport.emptyFolder("encode-through-ui");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel",
        "--preset", "medium", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = queue(frame, input);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(180);
      recorder.stopped.get(30, TimeUnit.SECONDS);

      JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(entry::state));
      String status = UiTestSupport.onEdt(entry::statusText);
      assertTrue(status.startsWith("done · "), status);
      assertTrue(Files.isRegularFile(entry.output()), "no output at " + entry.output());
      assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()),
          "frames in the output, counted by Debian's ffprobe");
      assertEquals("", DebianFfmpeg.decodeErrors(entry.output()));

      // Both workers ran chunks at the same time: the encode had both cores to use.
      Set<Integer> workers = done.report().chunks().times().stream().map(ChunkTiming::worker).collect(Collectors.toSet());
      assertEquals(Set.of(0, 1), workers, "workers that ran chunks");
      assertEquals(2, UiTestSupport.onEdt(() -> frame.workers().laneCount()), "lanes in the workers view");

      // Latency over the encode stage, the span in which both workers run chunks. The OS decides when
      // a runnable UI thread gets a core: on a machine shared with other work one encode can be unlucky,
      // so the figure is the best of up to three encodes (noise only ever makes it worse).
      LatencyStats best = encodeStageLatency(frame, recorder, done);
      for (int attempt = 2; attempt <= 3 && best.p99Ms() >= 50; attempt++) {
        JobRecorder again = JobRecorder.attach(frame);
        queue(frame, input);
        UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
        JobRun next = again.awaitRun(180);
        again.stopped.get(30, TimeUnit.SECONDS);
        JobOutcome.Done d = assertInstanceOf(JobOutcome.Done.class, next.outcome(), () -> next.outcome().toString());
        LatencyStats s = encodeStageLatency(frame, again, d);
        best = s.p99Ms() < best.p99Ms() ? s : best;
      }
      LatencyStats s = best;
      assertTrue(s.samples() > 20, "heartbeats recorded: " + s.samples());
      assertTrue(s.p99Ms() < 50, "UI-thread heartbeat p99 " + s.p99Ms() + " ms while encoding, expected < 50 ms");
      assertTrue(UiTestSupport.onEdt(() -> frame.watchdog().blocks()).isEmpty(), "the watchdog saw a block");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  private static QueueEntry queue(MainFrame frame, Path input) {
    QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
    UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
    return entry;
  }

  private static LatencyStats encodeStageLatency(MainFrame frame, JobRecorder recorder, JobOutcome.Done done) {
    long from = recorder.stageAt(JobEvent.Stage.ENCODE);
    long to = recorder.stageAt(JobEvent.Stage.JOIN);
    LatencyStats s = UiTestSupport.onEdt(() -> frame.heartbeat().stats(from, to));
    System.out.printf("heartbeat during the encode stage: %s; job %.1f s, speedup %.2f%n", s, done.report().stages().wallSeconds(),
        done.report().chunks().speedup());
    return s;
  }
}
