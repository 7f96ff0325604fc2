package org.framefork.bench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.quality.TargetQuality;

/**
 * Measurement 9 of the full run: target quality ({@code vmaf=93}, the default probes) against a
 * fixed CRF of the same mean score on the run's input, by {@link TargetQualitySweep}, with the
 * issue's four figures as claims. A quick run leaves it out: its VMAF scoring of every encode takes
 * minutes, which a quick run is for not spending.
 */
final class QualitySection {
  static final String TITLE = "9. Target quality against a fixed CRF";
  static final String TARGET_QUALITY = "vmaf=93";

  private static final String IN_BAND = "target quality " + TARGET_QUALITY + ": every chunk's final score within ±1";
  private static final String WHOLE = "the same: the whole output's 5th percentile by libvmaf within ±0.5 of 93";
  private static final String SIZE = "the same: smaller than a fixed CRF at the same whole-video mean score";
  private static final String TIME = "the same: the probes' time against the final encodes'";

  private QualitySection() {}

  static List<Claim> notMeasured(String reason) {
    return List.of(Claim.notMeasured("quality.in-band", IN_BAND, "each within ±1", reason),
        Claim.notMeasured("quality.libvmaf", WHOLE, "±0.5", reason),
        Claim.notMeasured("quality.size", SIZE, "smaller", reason),
        Claim.notMeasured("quality.probe-time", TIME, "<= 1.5x", reason));
  }

  static Section run(Path clip, int workers, Path staging, Path work, PrintStream progress) throws Exception {
    TargetQuality target = TargetQuality.parse(TARGET_QUALITY);
    progress.println("9/9 quality: " + clip.getFileName() + " at " + target + ", then fixed CRFs at its mean");
    Path libvmaf = TargetQualitySweep.libvmafBinary();
    TargetQualitySweep.Result r = TargetQualitySweep.run(clip, target, workers, work.resolve("quality"), libvmaf, progress);
    String chart = "quality.png";
    TargetQualitySweep.chart(staging.resolve(chart), r, target);
    return new Section("quality", TITLE, TargetQualitySweep.markdown(r, target.metric(), chart), claims(r, target), r);
  }

  private static List<Claim> claims(TargetQualitySweep.Result r, TargetQuality target) {
    double ratio = TargetQualitySweep.probeCostRatio(r);
    Claim whole = Double.isNaN(r.libvmafP5())
        ? Claim.notMeasured("quality.libvmaf", WHOLE, "±0.5", "no libvmaf binary (imageio-ffmpeg) on this machine")
        : Claim.judged("quality.libvmaf", WHOLE, "±0.5", f("%.2f", r.libvmafP5()), Math.abs(r.libvmafP5() - target.target()) <= 0.5);
    return List.of(
        Claim.judged("quality.in-band", IN_BAND, "each within ±1", r.chunksInBand() + " of " + r.chunks().size()
            + " in the band, the worst " + f("%.2f", r.worstChunkError()) + " off", r.worstChunkError() <= 1.0),
        whole,
        Claim.judged("quality.size", SIZE, "smaller", f("%+.1f%%", r.sizeChangePercent()), r.sizeChangePercent() < 0),
        Claim.judged("quality.probe-time", TIME, "<= 1.5x", TargetQualitySweep.probeCost(r),
            ratio <= 1.5));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
