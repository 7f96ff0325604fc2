package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

/** The queue row's and progress panel's frame count, folded from a job's events. */
class JobProgressTest {
  private static JobProgress planned(int chunks, int framesEach) {
    List<Chunk> list = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      list.add(new Chunk(c, c * framesEach, framesEach, c * framesEach, (c + 1) * framesEach, c * framesEach));
    }
    JobProgress p = new JobProgress();
    p.apply(new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null,
        new ChunkPlan(SplitMode.FIXED, 1.0, chunks * framesEach, list), ExecutionMode.PARALLEL, 2, 0));
    return p;
  }

  @Test
  void aFailedAttemptKeepsItsCountUntilItsRetryPassesIt() {
    JobProgress p = planned(2, 10);
    p.apply(new JobEvent.ChunkStarted(0, 0, 1, 10, 0));
    p.apply(new JobEvent.ChunkProgress(0, 0, 8, 10, 0));
    assertEquals(8, p.framesDone());
    p.apply(new JobEvent.ChunkFailed(0, 0, 1, "codec error", true, 0));
    p.apply(new JobEvent.ChunkStarted(0, 0, 2, 10, 0));
    p.apply(new JobEvent.ChunkProgress(0, 0, 3, 10, 0));
    assertEquals(8, p.framesDone(), "the count holds");
    p.apply(new JobEvent.ChunkProgress(0, 0, 9, 10, 0));
    assertEquals(9, p.framesDone());
    p.apply(new JobEvent.ChunkFinished(0, 0, 10, 1000, 1_000_000, 0));
    assertEquals(10, p.framesDone());
    assertEquals("encoding chunks · 1 of 2 done", stageText(p));
  }

  @Test
  void aChunkTargetQualityEncodesAgainIsWorkStillToDo() {
    JobProgress p = planned(2, 100);
    p.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1_000_000_000L));
    p.apply(new JobEvent.ChunkStarted(0, 0, 1, 100, 0));
    p.apply(new JobEvent.ChunkStarted(1, 1, 1, 100, 0));
    p.apply(new JobEvent.ChunkProgress(1, 1, 100, 100, 1_500_000_000L));
    p.apply(new JobEvent.ChunkFinished(1, 1, 100, 1000, 1, 1_500_000_000L));
    p.apply(new JobEvent.ChunkProgress(0, 0, 100, 100, 2_000_000_000L));
    assertEquals(200, p.framesDone());
    // Its final scored outside the band: chunk 0 is encoded again, from its first frame.
    p.apply(new JobEvent.ChunkRetuned(0, 40, 0.9549, 41.2, 0.95, "ssim", 2_000_000_000L));
    assertEquals(300, p.totalFrames(), "the encode again is counted as work");
    assertEquals(200, p.framesDone(), "and the count never goes back");
    assertEquals(2 / 3.0, p.fraction(), 1e-9, "not 100 % while chunk 0 is encoded again");
    assertEquals(0.5, p.etaSeconds(2_000_000_000L), 1e-9, "100 frames to go at 200 fps: not ETA 0:00");
    assertEquals("encoding chunk 0 again · 1 of 2 done", p.stageText());
    p.apply(new JobEvent.ChunkProgress(0, 0, 40, 100, 2_200_000_000L));
    assertEquals(240, p.framesDone());
    // Out of the band once more: a third encode.
    p.apply(new JobEvent.ChunkRetuned(0, 41.2, 0.9601, 41.6, 0.95, "ssim", 2_500_000_000L));
    assertEquals(400, p.totalFrames());
    assertEquals(300, p.framesDone());
    p.apply(new JobEvent.ChunkFailed(0, 0, 1, "codec error", true, 2_600_000_000L));
    p.apply(new JobEvent.ChunkStarted(0, 0, 2, 100, 2_600_000_000L));
    p.apply(new JobEvent.ChunkProgress(0, 0, 60, 100, 2_700_000_000L));
    assertEquals(360, p.framesDone());
    p.apply(new JobEvent.ChunkFinished(0, 0, 100, 1000, 1, 2_800_000_000L));
    assertEquals(400, p.framesDone());
    assertEquals(1.0, p.fraction(), 1e-9);
    assertEquals("encoding chunks · 2 of 2 done", p.stageText());
  }

  /**
   * The reviewer's sequence (review 47): an encode again that fails at 80 of its 100 frames kept
   * 180 / 300 until its retry passes 80; it read 100 / 300 after the failure.
   */
  @Test
  void aFailedEncodeAgainKeepsItsCountUntilItsRetryPassesIt() {
    JobProgress p = planned(2, 100);
    p.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1));
    p.apply(new JobEvent.ChunkStarted(0, 0, 1, 100, 0));
    p.apply(new JobEvent.ChunkProgress(0, 0, 100, 100, 2));
    p.apply(new JobEvent.ChunkRetuned(0, 40, 0.9549, 41.2, 0.95, "ssim", 3));
    // Each event, and the frames done after it, of the 300 to do.
    List<Map.Entry<JobEvent, Integer>> steps = List.of(
        Map.entry(new JobEvent.ChunkProgress(0, 0, 80, 100, 4), 180),
        Map.entry(new JobEvent.ChunkFailed(0, 0, 1, "codec error", true, 5), 180), // read 100 before
        Map.entry(new JobEvent.ChunkStarted(0, 0, 2, 100, 6), 180),
        Map.entry(new JobEvent.ChunkProgress(0, 0, 10, 100, 7), 180), // not past the failed encode's 80
        Map.entry(new JobEvent.ChunkProgress(0, 0, 90, 100, 8), 190),
        Map.entry(new JobEvent.ChunkFinished(0, 0, 100, 1000, 1, 9), 200));
    for (var step : steps) {
      p.apply(step.getKey());
      assertEquals(step.getValue(), p.framesDone(), "the count never goes back, after " + step.getKey());
      assertEquals(300, p.totalFrames());
    }
  }

  @Test
  void aResumedJobCountsTheChunksItReused() {
    JobProgress p = planned(3, 10);
    p.apply(new JobEvent.ChunkReused(0, 10, 1000, 0));
    p.apply(new JobEvent.ChunkReused(1, 10, 1000, 0));
    assertEquals(20, p.framesDone());
    p.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1_000_000_000L));
    p.apply(new JobEvent.ChunkStarted(2, 0, 1, 10, 0));
    p.apply(new JobEvent.ChunkProgress(2, 0, 5, 10, 2_000_000_000L));
    assertEquals(25, p.framesDone());
    // The speed and time left are this run's: 5 frames in 1 s, 5 to go; not 25 frames in 1 s.
    assertEquals(5.0, p.fps(2_000_000_000L), 1e-9);
    assertEquals(1.0, p.etaSeconds(2_000_000_000L), 1e-9);
    assertEquals(25 / 30.0, p.fraction(), 1e-9);
    assertEquals("encoding chunks · 2 of 3 done", stageText(p));
  }

  private static String stageText(JobProgress p) {
    p.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1));
    return p.stageText();
  }
}
