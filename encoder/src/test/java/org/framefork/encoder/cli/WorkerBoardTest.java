package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

class WorkerBoardTest {
  static JobEvent.JobPlanned planned(int chunks, int framesEach, int workers) {
    List<Chunk> list = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      list.add(new Chunk(c, c * framesEach, framesEach, c * framesEach, (c + 1) * framesEach, c * framesEach));
    }
    ChunkPlan plan = new ChunkPlan(SplitMode.FIXED, 1.0, chunks * framesEach, list);
    return new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, plan, ExecutionMode.PARALLEL, workers, 0);
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

  @Test
  void aFailedAttemptsOrARetriedFinalsFramesNoLongerCount() {
    WorkerBoard b = new WorkerBoard();
    b.apply(planned(2, 10, 2));
    b.apply(new JobEvent.ChunkStarted(0, 0, 1, 10, 0));
    b.apply(new JobEvent.ChunkProgress(0, 0, 6, 10, 0));
    b.apply(new JobEvent.ChunkFailed(0, 0, 1, "decoder error", true, 0));
    assertEquals(0, b.framesDone());
    b.apply(new JobEvent.ChunkStarted(0, 1, 2, 10, 0));
    b.apply(new JobEvent.ChunkProgress(0, 1, 2, 10, 0));
    assertEquals(2, b.framesDone());
    assertEquals("w1:c0 20%", b.activity(80));
    // Nor do those of a final that target quality encodes again: it starts over on the same worker.
    b.apply(new JobEvent.ChunkProgress(0, 1, 10, 10, 0));
    b.apply(new JobEvent.ChunkRetuned(0, 31, 95.12, 32, 93.7, "vmaf", 0));
    assertEquals(0, b.framesDone());
    b.apply(new JobEvent.ChunkProgress(0, 1, 3, 10, 0));
    assertEquals("w1:c0 30%", b.activity(80));
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
