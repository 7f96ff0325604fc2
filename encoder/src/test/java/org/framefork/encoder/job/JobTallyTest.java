package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

public class JobTallyTest {
  /** A plan of {@code chunks} chunks of {@code framesEach} frames, for tests that fold events. */
  public static JobEvent.JobPlanned planned(int chunks, int framesEach, int workers) {
    List<Chunk> list = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      list.add(new Chunk(c, c * framesEach, framesEach, c * framesEach, (c + 1) * framesEach, c * framesEach));
    }
    ChunkPlan plan = new ChunkPlan(SplitMode.FIXED, 1.0, chunks * framesEach, list);
    return new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, plan, ExecutionMode.PARALLEL, workers, 0);
  }

  private static JobTally fold(JobEvent... events) {
    JobTally t = new JobTally();
    for (JobEvent e : events) {
      t.apply(e);
    }
    return t;
  }

  @Test
  void aRetriedChunkKeepsItsFramesUntilTheRetryPassesThem() {
    JobTally t = fold(planned(2, 100, 2),
        new JobEvent.ChunkStarted(0, 0, 1, 100, 1),
        new JobEvent.ChunkProgress(0, 0, 60, 100, 2),
        new JobEvent.ChunkFailed(0, 0, 1, "decoder error", true, 3),
        new JobEvent.ChunkStarted(0, 0, 2, 100, 4),
        new JobEvent.ChunkProgress(0, 0, 20, 100, 5));
    assertEquals(60, t.framesDone(), "the retry at 20 frames must not take back the 60 counted");
    t.apply(new JobEvent.ChunkProgress(0, 0, 75, 100, 6));
    assertEquals(75, t.framesDone());
    t.apply(new JobEvent.ChunkFinished(0, 0, 100, 5000, 7, 8));
    assertEquals(100, t.framesDone());
    assertEquals(1, t.chunksDone());
  }

  @Test
  void aSplitAddsAChunkAndShortensTheRunningOne() {
    JobTally t = fold(planned(2, 100, 2),
        new JobEvent.ChunkStarted(1, 0, 1, 100, 1),
        new JobEvent.ChunkProgress(1, 0, 40, 100, 2),
        new JobEvent.ChunkSplit(1, 2, 170, 170, 70, 30, 1, 3),
        new JobEvent.ChunkStarted(2, 1, 1, 30, 4),
        new JobEvent.ChunkProgress(2, 1, 10, 30, 5));
    assertEquals(3, t.chunks());
    assertEquals(50, t.framesDone());
    t.apply(new JobEvent.ChunkFinished(1, 0, 70, 1, 1, 6));
    t.apply(new JobEvent.ChunkFinished(2, 1, 30, 1, 1, 7));
    assertEquals(100, t.framesDone(), "the split chunk and its new half make the frames of the one planned");
    assertEquals(2, t.chunksDone());
  }

  @Test
  void aChunkReportedFinishedTwiceCountsOnce() {
    JobTally t = fold(planned(2, 100, 2),
        new JobEvent.ChunkFinished(0, 0, 100, 1, 1, 1),
        new JobEvent.ChunkFinished(0, 1, 100, 1, 1, 2));
    assertEquals(100, t.framesDone());
    assertEquals(1, t.chunksDone());
    assertFalse(t.apply(new JobEvent.ChunkProgress(0, 1, 50, 100, 3)), "progress after the finish changes nothing");
    assertEquals(100, t.framesDone());
  }

  @Test
  void reusedChunksAreDoneBeforeTheEncodeStarts() {
    JobTally t = fold(planned(3, 100, 2),
        new JobEvent.ChunkReused(0, 100, 1, 1),
        new JobEvent.ChunkReused(1, 100, 1, 2),
        new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 3),
        new JobEvent.ChunkProgress(2, 0, 30, 100, 4));
    assertEquals(230, t.framesDone());
    assertEquals(200, t.finishedAtEncodeStart());
    assertEquals(200, t.finishedFrames());
    assertEquals(2, t.chunksReused());
    assertEquals(3, t.encodeStartedAt());
  }

  @Test
  void aNewPlanStartsFromNothing() {
    JobTally t = fold(planned(2, 100, 2), new JobEvent.ChunkFinished(0, 0, 100, 1, 1, 1), planned(4, 10, 2));
    assertEquals(0, t.framesDone());
    assertEquals(0, t.chunksDone());
    assertEquals(40, t.totalFrames());
    assertEquals(4, t.chunks());
  }
}
