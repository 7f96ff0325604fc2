package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.framefork.encoder.job.JobEvent;
import org.junit.jupiter.api.Test;

/**
 * A chunk's slice label on its lane: its number, and with target quality the CRF it got, fraction and
 * all, and its score as the report and the log write it (SSIM to 4 decimals, VMAF and PSNR to 2).
 */
class LaneLabelTest {
  @Test
  void aTunedChunkShowsItsCrfAsTheEncoderGotIt() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 32.4, 4, 0, 93.36, "vmaf", true, 1));
    lanes.apply(new JobEvent.ChunkTuned(3, 1, 24, 2, 0, 92.76, "vmaf", true, 2));
    assertEquals("#2 crf 32.4 · vmaf 93.36", lanes.label(2));
    assertEquals("#3 crf 24 · vmaf 92.76", lanes.label(3));
    assertEquals("#4", lanes.label(4), "not tuned: its number alone");
  }

  @Test
  void aChunkEncodedAgainShowsItsNewCrf() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 31, 2, 0, 93.46, "vmaf", true, 1));
    lanes.apply(new JobEvent.ChunkRetuned(2, 31, 95.12, 32, 93.76, "vmaf", 2));
    assertEquals("#2 crf 32 · vmaf 93.76 (again)", lanes.label(2));
    // The encode at 32 came out farther off than the one at 31, which is put back.
    lanes.apply(new JobEvent.ChunkEncodeKept(2, 32, 90.1, 31, 95.12, "vmaf", 3));
    assertEquals("#2 crf 31 · vmaf 95.12 (kept)", lanes.label(2));
  }

  @Test
  void aProbingChunkShowsItsProbeUntilItsCrfIsChosen() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkStarted(2, 1, 1, 60, 1));
    LaneTimeline.Lane lane = lanes.lanes().get(1);
    assertEquals("#2", lanes.activeLabel(lane), "no probe yet");
    lanes.apply(new JobEvent.ProbeStarted(2, 1, 1, 27, 2));
    assertEquals("#2 probe crf 27 …", lanes.activeLabel(lane));
    lanes.apply(new JobEvent.ProbeFinished(2, 1, 1, 27, 91.24, "vmaf", 3));
    assertEquals("#2 probe crf 27 · vmaf 91.24", lanes.activeLabel(lane));
    lanes.apply(new JobEvent.ChunkTuned(2, 1, 24.5, 3, 0, 93.1, "vmaf", true, 4));
    assertEquals("#2 crf 24.5 · vmaf 93.10", lanes.activeLabel(lane), "its final encode runs");
  }

  @Test
  void anSsimScoreKeepsTheDecimalsThatTellChunksApart() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkStarted(1, 0, 1, 60, 1));
    LaneTimeline.Lane lane = lanes.lanes().get(0);
    lanes.apply(new JobEvent.ProbeFinished(1, 0, 1, 30, 0.97084, "ssim", 2));
    assertEquals("#1 probe crf 30 · ssim 0.9708", lanes.activeLabel(lane), "not \"ssim 1.0\"");
    lanes.apply(new JobEvent.ChunkTuned(1, 0, 28, 2, 0, 0.98516, "ssim", true, 3));
    assertEquals("#1 crf 28 · ssim 0.9852", lanes.label(1));
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 30, 2, 0, 41.96, "psnr", true, 4));
    assertEquals("#2 crf 30 · psnr 41.96", lanes.label(2));
  }
}
