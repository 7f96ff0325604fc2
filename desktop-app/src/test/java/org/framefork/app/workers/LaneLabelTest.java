package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.quality.ChunkTarget;
import org.framefork.encoder.quality.CrfSearch;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.report.JobReport;
import org.junit.jupiter.api.Test;

/**
 * A chunk's slice label on its lane: its number, and with target quality the CRF it got, fraction and
 * all, and its score as the report and the log write it (SSIM to 4 decimals, VMAF and PSNR to 2):
 * the probes' prediction, marked {@code ~}, until the encode's measured score is known.
 */
class LaneLabelTest {
  @Test
  void aTunedChunkShowsItsCrfAsTheEncoderGotIt() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 32.4, 4, 0, 93.36, "vmaf", true, 1));
    lanes.apply(new JobEvent.ChunkTuned(3, 1, 24, 2, 0, 92.76, "vmaf", true, 2));
    assertEquals("#2 crf 32.4 · vmaf ~93.36", lanes.label(2));
    assertEquals("#3 crf 24 · vmaf ~92.76", lanes.label(3));
    assertEquals("#4", lanes.label(4), "not tuned: its number alone");
  }

  @Test
  void aChunkEncodedAgainShowsItsNewCrf() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 31, 2, 0, 93.46, "vmaf", true, 1));
    lanes.apply(new JobEvent.ChunkRetuned(2, 31, 95.12, 32, 93.76, "vmaf", 2));
    assertEquals("#2 crf 32 · vmaf ~93.76 (again)", lanes.label(2));
    // The encode at 32 came out farther off than the one at 31, which is put back.
    lanes.apply(new JobEvent.ChunkEncodeKept(2, 32, 90.1, 31, 95.12, "vmaf", 3));
    assertEquals("#2 crf 31 · vmaf 95.12* (kept)", lanes.label(2));
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
    assertEquals("#2 crf 24.5 · vmaf ~93.10", lanes.activeLabel(lane), "its final encode runs");
  }

  @Test
  void anSsimScoreKeepsTheDecimalsThatTellChunksApart() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkStarted(1, 0, 1, 60, 1));
    LaneTimeline.Lane lane = lanes.lanes().get(0);
    lanes.apply(new JobEvent.ProbeFinished(1, 0, 1, 30, 0.97084, "ssim", 2));
    assertEquals("#1 probe crf 30 · ssim 0.9708", lanes.activeLabel(lane), "not \"ssim 1.0\"");
    lanes.apply(new JobEvent.ChunkTuned(1, 0, 28, 2, 0, 0.98516, "ssim", true, 3));
    assertEquals("#1 crf 28 · ssim ~0.9852", lanes.label(1));
    lanes.apply(new JobEvent.ChunkTuned(2, 0, 30, 2, 0, 41.96, "psnr", true, 4));
    assertEquals("#2 crf 30 · psnr ~41.96", lanes.label(2));
  }

  /**
   * As the QA run saw it: chunk 0's encode at crf 40 was predicted 0.9582 and measured 0.9549, out of
   * the band; its encode again at 41.2 was predicted 0.9500, and the report gives its final as 0.9510.
   */
  @Test
  void anEncodeShowsItsMeasuredScoreOnceKnown() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkStarted(0, 0, 1, 100, 10));
    lanes.apply(new JobEvent.ChunkTuned(0, 0, 40, 3, 0, 0.9582, "ssim", true, 20));
    lanes.apply(new JobEvent.ChunkProgress(0, 0, 100, 100, 30));
    LaneTimeline.Lane lane = lanes.lanes().get(0);
    assertEquals("#0 crf 40 · ssim ~0.9582", lanes.activeLabel(lane), "predicted: not written as a measured score");
    lanes.apply(new JobEvent.ChunkRetuned(0, 40, 0.95494, 41.2, 0.95, "ssim", 40));
    assertEquals(1, lane.slices.size());
    assertEquals("#0 crf 40 · ssim 0.95494*", lanes.label(lane.slices.get(0)), "the encode given up, as measured, outside the band");
    assertEquals("#0 crf 41.2 · ssim ~0.9500 (again)", lanes.activeLabel(lane));
    lanes.apply(new JobEvent.ChunkProgress(0, 0, 50, 100, 50));
    lanes.apply(new JobEvent.ChunkFinished(0, 0, 100, 1000, 1, 60));
    assertEquals(2, lane.slices.size(), "the encode again has a slice of its own");
    assertEquals(40, lane.slices.get(0).end);
    assertEquals(40, lane.slices.get(1).start);
    assertEquals("#0 crf 40 · ssim 0.95494*", lanes.label(lane.slices.get(0)));
    assertEquals("#0 crf 41.2 · ssim ~0.9500 (again)", lanes.label(lane.slices.get(1)));
    lanes.apply(new JobEvent.JobDone(report(new ChunkTarget(0, 0, 100, 41.2, List.of(), 0.95, 0.95103, true, null, 1, 0, 0,
        null, List.of(new CrfSearch.Probe(40, 0.95494)))), 70));
    assertEquals("#0 crf 41.2 · ssim 0.9510 (again)", lanes.label(lane.slices.get(1)), "the report's final score");
    assertEquals("#0 crf 40 · ssim 0.95494*", lanes.label(lane.slices.get(0)));
  }

  /**
   * The reviewer's sequence (review 47): chunk 0's encode at 24 measured 93.9312, just above the band
   * 92.07-93.93, its encode again at 25 measured 91.2, farther off, and the one at 24 was put back.
   * Each encode's slice says its own CRF and score, out of the band with the decimals that tell it
   * from the band's edge and a *, and the one that stays says "(kept)"; the slice of the encode at 25
   * read "crf 24 · vmaf 93.93 (kept)".
   */
  @Test
  void eachEncodeSaysItsOwnCrfAndTheKeptOneSaysSo() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1));
    lanes.apply(new JobEvent.ChunkStarted(0, 0, 1, 100, 2));
    lanes.apply(new JobEvent.ChunkTuned(0, 0, 24, 3, 0, 93.0, "vmaf", true, 3));
    lanes.apply(new JobEvent.ChunkProgress(0, 0, 100, 100, 10));
    lanes.apply(new JobEvent.ChunkRetuned(0, 24, 93.9312, 25, 93.0, "vmaf", 11));
    lanes.apply(new JobEvent.ChunkProgress(0, 0, 100, 100, 20));
    lanes.apply(new JobEvent.ChunkEncodeKept(0, 25, 91.2, 24, 93.9312, "vmaf", 21));
    lanes.apply(new JobEvent.ChunkFinished(0, 0, 100, 1000, 1, 21));
    List<LaneTimeline.Slice> slices = lanes.lanes().get(0).slices;
    assertEquals(2, slices.size(), "one slice per encode");
    assertEquals(11, slices.get(0).end);
    assertEquals(21, slices.get(1).end);
    assertEquals("#0 crf 24 · vmaf 93.931* (kept)", lanes.label(slices.get(0)));
    assertEquals("#0 crf 25 · vmaf 91.20*", lanes.label(slices.get(1)));
    assertEquals(true, slices.get(1).finished);
    // The report: the kept encode's score, outside the band; an encode in the band is written as it is.
    TargetQualityReport t = new TargetQualityReport(QualityMetric.VMAF, "vmaf=92.07-93.93", 93, "mean", 4,
        "veryfast", 2, 1, 2, Double.NaN, Double.NaN, 0.5, Double.NaN, 1, 93.9312, 0, List.of(
            new ChunkTarget(0, 0, 100, 24, List.of(), 93.0, 93.9312, false, null, 1, 0, 0, null, List.of()),
            new ChunkTarget(1, 100, 100, 26, List.of(), 93.0, 93.1234, true, null, 1, 0, 0, null, List.of())));
    lanes.apply(new JobEvent.JobDone(new JobReport(null, null, null, null, null, null, null, List.of(), t, List.of(), List.of()), 30));
    assertEquals("#0 crf 24 · vmaf 93.931* (kept)", lanes.label(0));
    assertEquals("#1 crf 26 · vmaf 93.12", lanes.label(1));
  }

  @Test
  void aChunkEncodedOnceShowsTheReportsScoreWhenTheJobIsDone() {
    LaneTimeline lanes = new LaneTimeline();
    lanes.apply(new JobEvent.ChunkTuned(1, 0, 28, 2, 0, 0.98516, "ssim", true, 3));
    lanes.apply(new JobEvent.ChunkFinished(1, 0, 100, 1000, 1, 4));
    assertEquals("#1 crf 28 · ssim ~0.9852", lanes.label(1));
    lanes.apply(new JobEvent.JobDone(report(new ChunkTarget(1, 0, 100, 28, List.of(), 0.98516, 0.98391, true, null, 1, 0, 0,
        null, List.of())), 5));
    assertEquals("#1 crf 28 · ssim 0.9839", lanes.label(1));
  }

  private static JobReport report(ChunkTarget chunk) {
    TargetQualityReport t = new TargetQualityReport(QualityMetric.SSIM, "ssim=0.95-0.96", 0.955, "mean", 4,
        "veryfast", 2, 1, 2, Double.NaN, Double.NaN, 0.5, Double.NaN, 1, chunk.finalScore(), 0, List.of(chunk));
    return new JobReport(null, null, null, null, null, null, null, List.of(), t, List.of(), List.of());
  }
}
