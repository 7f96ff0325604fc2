package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobTallyTest;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

class WorkerBoardTest {
  static JobEvent.JobPlanned planned(int chunks, int framesEach, int workers) {
    return JobTallyTest.planned(chunks, framesEach, workers);
  }

  @Test
  void framesDoneCountsFinishedChunksAndRunningProgress() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(3, 10, 2));
    b.apply(new JobEvent.ChunkStarted(0, 0, 1, 10, 0));
    b.apply(new JobEvent.ChunkStarted(1, 1, 1, 10, 0));
    b.apply(new JobEvent.ChunkProgress(0, 0, 4, 10, 0));
    b.apply(new JobEvent.ChunkProgress(1, 1, 7, 10, 0));
    assertEquals(11, b.framesDone());
    assertEquals("w0:c0 40% w1:c1 70%", b.activity(80));
    b.apply(new JobEvent.ChunkFinished(1, 1, 10, 100, 1_000_000, 0));
    assertEquals(14, b.framesDone());
    assertEquals(1, b.chunksDone());
    assertEquals("w0:c0 40%", b.activity(80));
  }

  @Test
  void aSplitAddsAChunkAndShortensTheRunningOne() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(2, 40, 2));
    b.apply(new JobEvent.ChunkStarted(0, 0, 1, 40, 0));
    b.apply(new JobEvent.ChunkStarted(1, 1, 1, 40, 0));
    b.apply(new JobEvent.ChunkProgress(0, 0, 10, 40, 0));
    b.apply(new JobEvent.ChunkFinished(1, 1, 40, 100, 1_000_000, 0));
    // Worker 1 takes frames 20-39 of chunk 0 as chunk 2: chunk 0 now has 20 frames, half done.
    b.apply(new JobEvent.ChunkSplit(0, 2, 20, 20, 20, 20, 1, 0));
    assertEquals(3, b.chunks());
    assertEquals("w0:c0 50%", b.activity(80));
    b.apply(new JobEvent.ChunkStarted(2, 1, 1, 20, 0));
    b.apply(new JobEvent.ChunkProgress(2, 1, 5, 20, 0));
    assertEquals(40 + 10 + 5, b.framesDone());
    assertEquals("w0:c0 50% w1:c2 25%", b.activity(80));
  }

  /**
   * A chunk encoded again (a failed attempt's retry, a final that target quality encodes once more,
   * a cluster chunk restarted here) keeps the frames its earlier encode counted: the count never
   * goes back and reaches the total once (it went 62/92, 30/92, 8/92, 92/92, 62/92 on a
   * target-quality job that re-encoded its chunks). No time left is given meanwhile.
   */
  @Test
  void aChunkEncodedAgainKeepsItsCountUntilTheNewEncodePassesIt() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(2, 10, 2));
    b.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1));
    List<Long> counts = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    List<JobEvent> events = List.of(new JobEvent.ChunkStarted(0, 0, 1, 10, 0),
        new JobEvent.ChunkProgress(0, 0, 6, 10, 0),
        new JobEvent.ChunkFailed(0, 0, 1, "decoder error", true, 0),
        new JobEvent.ChunkStarted(0, 1, 2, 10, 0),
        new JobEvent.ChunkProgress(0, 1, 2, 10, 0),
        new JobEvent.ChunkProgress(0, 1, 10, 10, 0),
        new JobEvent.ChunkRetuned(0, 31, 95.12, 32, 93.7, "vmaf", 0),
        new JobEvent.ChunkProgress(0, 1, 3, 10, 0),
        // A cluster lane's chunk whose node left: the lane starts it again here.
        new JobEvent.ChunkStarted(1, 0, 1, 10, 0),
        new JobEvent.ChunkProgress(1, 0, 4, 10, 0),
        new JobEvent.ChunkStarted(1, 0, 1, 10, 0),
        new JobEvent.ChunkFinished(0, 1, 10, 100, 1, 0),
        new JobEvent.ChunkProgress(1, 0, 5, 10, 0),
        new JobEvent.ChunkFinished(1, 0, 10, 100, 1, 0));
    for (JobEvent e : events) {
      b.apply(e);
      counts.add(b.framesDone());
      shown.add(b.activity(80));
      if (e instanceof JobEvent.ChunkRetuned) {
        assertEquals(Optional.empty(), b.timeLeft(2), "the frames a re-encode puts out were counted before");
      }
    }
    assertEquals(List.of(0L, 6L, 6L, 6L, 6L, 10L, 10L, 10L, 10L, 14L, 14L, 14L, 15L, 20L), counts);
    assertEquals(List.of("w0:c0 0%", "w0:c0 60%", "", "w1:c0 again 0%", "w1:c0 again 20%", "w1:c0 again 100%",
        "w1:c0 again 0%", "w1:c0 again 30%", "w0:c1 0% w1:c0 again 30%", "w0:c1 40% w1:c0 again 30%",
        "w0:c1 again 0% w1:c0 again 30%", "w0:c1 again 0%", "w0:c1 again 50%", ""), shown);
    assertEquals(20, b.totalFrames());
  }

  /** Target quality's probes put out no frames: the bar says which probe runs, then that the final is scored. */
  @Test
  void aChunkShowsItsProbeAndTheScoringOfItsFinal() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(2, 10, 2));
    b.apply(new JobEvent.ChunkStarted(0, 0, 1, 10, 0));
    b.apply(new JobEvent.ChunkStarted(1, 1, 1, 10, 0));
    b.apply(new JobEvent.ProbeStarted(0, 0, 1, 27, 0));
    assertEquals("w0:c0 probe crf 27 w1:c1 0%", b.activity(80));
    b.apply(new JobEvent.ProbeStarted(1, 1, 1, 27, 0));
    b.apply(new JobEvent.ProbeFinished(0, 0, 1, 27, 91.5, "vmaf", 0));
    b.apply(new JobEvent.ProbeStarted(0, 0, 2, 23.5, 0));
    assertEquals("w0:c0 probe crf 23.5 w1:c1 probe crf 27", b.activity(80));
    // Too narrow for one entry: what the chunks do, counted.
    assertEquals("2 probing", b.activity(20));
    b.apply(new JobEvent.ChunkTuned(0, 0, 24, 2, 0, 93.1, "vmaf", true, 0));
    b.apply(new JobEvent.ChunkProgress(0, 0, 5, 10, 0));
    assertEquals("w0:c0 50% w1:c1 probe crf 27", b.activity(80));
    assertEquals("w0:c0 50% +1", b.activity(21));
    b.apply(new JobEvent.ChunkProgress(0, 0, 10, 10, 0));
    assertEquals("w0:c0 scoring w1:c1 probe crf 27", b.activity(80));
  }

  /**
   * No time left is given while chunks are still to be probed: the probes take up to 10 times a
   * final's time and put out no frames. Once the last chunk is tuned, the rate of the finals since
   * then gives it.
   */
  @Test
  void theTimeLeftWaitsForTheLastProbeAndThenFollowsTheFinals() {
    long s = SECOND;
    WorkerBoard b = twoProbing(planned(2, 10, 2), null);
    b.apply(new JobEvent.ChunkTuned(0, 0, 24, 1, 0, 93.1, "vmaf", true, 20 * s));
    b.apply(new JobEvent.ChunkProgress(0, 0, 5, 10, 21 * s));
    assertEquals(Optional.empty(), b.timeLeft(22 * s), "chunk 1 still probes");
    b.apply(new JobEvent.ChunkTuned(1, 1, 25, 1, 0, 93.3, "vmaf", true, 30 * s));
    assertEquals(Optional.empty(), b.timeLeft(31 * s), "no final frame since");
    b.apply(new JobEvent.ChunkProgress(0, 0, 10, 10, 31 * s));
    b.apply(new JobEvent.ChunkProgress(1, 1, 5, 10, 32 * s));
    // 10 frames in 2 s since the last tuning, 5 to go: 1 s.
    assertEquals(Optional.of(Duration.ofSeconds(1)), b.timeLeft(32 * s));
  }

  /**
   * With chunks still to be searched, a chunk that has finished (probes and final) gives the time
   * left at that pace, where the frames alone would wait for the last search to end.
   */
  @Test
  void whileChunksAreStillSearchedTheFinishedChunksGiveTheTimeLeft() {
    long s = SECOND;
    WorkerBoard b = twoProbing(planned(4, 10, 2), new JobEvent.ChunkReused(3, 10, 100, 0));
    b.apply(new JobEvent.ChunkTuned(0, 0, 24, 2, 0, 93.1, "vmaf", true, 8 * s));
    b.apply(new JobEvent.ChunkProgress(0, 0, 6, 10, 9 * s));
    assertEquals(Optional.empty(), b.timeLeft(10 * s), "no chunk of this run has finished");
    b.apply(new JobEvent.ChunkFinished(0, 0, 10, 100, 10 * s, 11 * s));
    // 10 frames finished in the 10 s since the encode began (the reused chunk is not this run's), 20 to go.
    assertEquals(Optional.of(Duration.ofSeconds(20)), b.timeLeft(11 * s));
  }

  private static final long SECOND = 1_000_000_000L;

  /**
   * A board of target-quality job {@code plan} whose encode began at 1 s (after {@code before}, when
   * given) and whose chunks 0 and 1 probe on workers 0 and 1.
   */
  private static WorkerBoard twoProbing(JobEvent.JobPlanned plan, JobEvent before) {
    WorkerBoard b = new WorkerBoard();
    b.apply(plan);
    if (before != null) {
      b.apply(before);
    }
    b.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, SECOND));
    for (int c = 0; c < 2; c++) {
      b.apply(new JobEvent.ChunkStarted(c, c, 1, 10, SECOND));
      b.apply(new JobEvent.ProbeStarted(c, c, 1, 27, SECOND));
    }
    return b;
  }

  /** Without target quality the rate runs from the encode stage's start. */
  @Test
  void theTimeLeftOfAPlainJobFollowsTheFramesSinceTheEncodeBegan() {
    long s = 1_000_000_000L;
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(2, 10, 1));
    assertEquals(Optional.empty(), b.timeLeft(s), "before the encode");
    b.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 2 * s));
    b.apply(new JobEvent.ChunkStarted(0, 0, 1, 10, 2 * s));
    assertEquals(Optional.empty(), b.timeLeft(3 * s), "before a frame");
    b.apply(new JobEvent.ChunkProgress(0, 0, 4, 10, 4 * s));
    // 4 frames in 4 s, 16 to go.
    assertEquals(Optional.of(Duration.ofSeconds(16)), b.timeLeft(6 * s));
  }

  @Test
  void concurrentModeShowsEveryInterleavedChunkOfTheOneWorker() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(4, 10, 1));
    for (int c = 0; c < 4; c++) {
      b.apply(new JobEvent.ChunkStarted(c, 0, 1, 10, 0));
    }
    assertEquals("w0:c0 0% w0:c1 0% w0:c2 0% w0:c3 0%", b.activity(80));
    assertEquals("w0:c0 0% w0:c1 0% +2", b.activity(21));
    assertEquals("+4", b.activity(3));
  }
}
