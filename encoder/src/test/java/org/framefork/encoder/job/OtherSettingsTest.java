package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused --resume names each setting that differs from the interrupted job's, with both values. */
class OtherSettingsTest {
  @Test
  void eachSettingThatDiffersIsNamed() {
    EncodeSettings saved = new EncodeSettings(VideoCodec.H264, 23, "medium", 1);
    assertEquals("codec threads 1, not 4", EncodeJob.otherSettings(saved, new EncodeSettings(VideoCodec.H264, 23, "medium", 4)));
    assertEquals("crf 23, not 23.5; preset medium, not slow",
        EncodeJob.otherSettings(saved, new EncodeSettings(VideoCodec.H264, 23.5, "slow", 1)));
    EncodeSettings h265 = new EncodeSettings(VideoCodec.H265, 28, "medium", 1);
    assertEquals("depth the source's, not 10 bits", EncodeJob.otherSettings(h265, h265.withPicture(PictureFormat.requested(10))));
    assertEquals("depth the source's, not 8 bits; tone map none, not hable", EncodeJob.otherSettings(h265,
        h265.withPicture(PictureFormat.requested(8).withToneMap(HdrToSdr.Curve.HABLE))));
    assertEquals("--alpha-over none, not #ff8000", EncodeJob.otherSettings(saved,
        saved.withPicture(saved.picture().withAlphaOver(new org.framefork.encoder.media.Background(255, 128, 0)))));
    assertEquals("codec h264, not vp9; crf 23, not 32",
        EncodeJob.otherSettings(saved, EncodeSettings.defaults(VideoCodec.VP9)));
  }

  @Test
  void aTargetIsNamedInsteadOfTheCrfNoChunkWasEncodedAt() {
    EncodeSettings saved = new EncodeSettings(VideoCodec.H264, 23, "medium", 1);
    org.framefork.encoder.quality.TargetQuality psnr = org.framefork.encoder.quality.TargetQuality.parse("psnr=40");
    String target = "--target-quality " + psnr;
    assertEquals(target + ", not crf 20", EncodeJob.otherSettings(saved, psnr, new EncodeSettings(VideoCodec.H264, 20, "medium", 1), null));
    assertEquals("crf 23, not " + target, EncodeJob.otherSettings(saved, null, saved, psnr));
    assertNull(EncodeJob.otherSettings(saved, psnr, new EncodeSettings(VideoCodec.H264, 20, "medium", 1), psnr),
        "a preset's CRF under a target is no setting");
    assertNull(EncodeJob.otherSettings(saved, psnr, saved, psnr.withGiven(null, null, null, null, 0)),
        "the final retries change nothing the interrupted run decided");
    assertEquals(target + ", not --target-quality " + psnr.withGiven(6, null, null, null, null) + "; preset medium, not slow",
        EncodeJob.otherSettings(saved, psnr, new EncodeSettings(VideoCodec.H264, 23, "slow", 1), psnr.withGiven(6, null, null, null, null)));
  }

  @Test
  void aSavedCrfTheNewCodecCannotTakeIsNamedNotThrown() {
    // The saved CRF was checked against this run's codec: an h264 23.5 job resumed as vp9 with a target threw
    // "vp9 takes a whole CRF", an av1 55 one resumed as h264 "out of range for h264".
    org.framefork.encoder.quality.TargetQuality ssim = org.framefork.encoder.quality.TargetQuality.parse("ssim=0.98");
    String target = "--target-quality " + ssim;
    assertEquals("crf 23.5, not " + target + "; codec h264, not vp9", EncodeJob.otherSettings(
        new EncodeSettings(VideoCodec.H264, 23.5, "medium", 1), null, EncodeSettings.defaults(VideoCodec.VP9), ssim));
    EncodeSettings av1 = EncodeSettings.defaults(VideoCodec.AV1);
    EncodeSettings av1At55 = new EncodeSettings(VideoCodec.AV1, 55, av1.preset(), av1.codecThreads());
    EncodeSettings h264 = new EncodeSettings(VideoCodec.H264, 23, av1.preset(), av1.codecThreads());
    assertEquals("crf 55, not " + target + "; codec av1, not h264", EncodeJob.otherSettings(av1At55, null, h264, ssim));
    assertEquals(target + ", not crf 23; codec av1, not h264", EncodeJob.otherSettings(av1At55, ssim, h264, null));
  }

  @Test
  void anUnreadableSavedTargetIsRefusedUpFrontAndAtTheJob(@TempDir Path work) throws java.io.IOException {
    // A target.json cut short: the command line's check returned null (no refusal for another codec either)
    // and the job failed with the raw "cannot read" (exit 1).
    EncodeSettings h264 = EncodeSettings.defaults(VideoCodec.H264);
    new JobWorkspace(work).writePlan(new ChunkPlan(SplitMode.FIXED, 10, 0, List.of()), h264, "", "source");
    java.nio.file.Files.createDirectories(work.resolve("chunks"));
    java.nio.file.Files.writeString(work.resolve("chunks/target.json"), "{\"metric\":");
    org.framefork.encoder.quality.TargetQuality ssim = org.framefork.encoder.quality.TargetQuality.parse("ssim=0.98");
    String expected = "the interrupted job's target in " + work.resolve("chunks/target.json")
        + " cannot be read; run without --resume to start over";
    assertEquals(expected, EncodeJob.settingsRefusal(work, EncodeSettings.defaults(VideoCodec.VP9), ssim, ""));
    var thrown = org.junit.jupiter.api.Assertions.assertThrows(org.framefork.encoder.probe.InputException.class,
        () -> org.framefork.encoder.quality.TargetQualitySearch.prepare(work, ssim, true));
    assertEquals(expected, thrown.getMessage());
  }

  @Test
  void crfMinusZeroIsZero(@TempDir Path work) {
    // --crf=-0 passed (crf >= 0) and was saved as -0.0; a resume with --crf 0 was refused as "other settings
    // (h264 crf 0 medium)": the records compare their doubles with Double.compare.
    EncodeSettings minusZero = new EncodeSettings(VideoCodec.H264, -0.0, "medium", 1);
    EncodeSettings zero = new EncodeSettings(VideoCodec.H264, 0, "medium", 1);
    assertEquals(0, Double.compare(0.0, minusZero.crf()));
    assertEquals(zero, minusZero);
    new JobWorkspace(work).writePlan(new ChunkPlan(SplitMode.FIXED, 10, 0, List.of()), minusZero, "", "source");
    assertNull(EncodeJob.settingsRefusal(work, zero, ""));
    assertEquals(zero, new JobWorkspace(work).readSavedSettings().video());
  }

  @Test
  void settingsThatDifferInNothingNamedAreNotRepeatedAsIfTheyDiffered() {
    // Was "h264 crf 0 medium": this run's own settings, said as the interrupted job's other ones.
    EncodeSettings saved = new EncodeSettings(VideoCodec.H264, 0, "medium", 1).withPicture(PictureFormat.requested(8));
    EncodeSettings settled = saved.withPicture(new PictureFormat(8, null, true));
    assertFalse(saved.equals(settled));
    String said = EncodeJob.otherSettings(saved, settled);
    assertFalse(said.contains("h264") || said.contains("crf 0"), said);
    assertEquals("one this version cannot name; codec, crf, preset, codec threads, depth, tone map and --alpha-over are the same", said);
  }
}
