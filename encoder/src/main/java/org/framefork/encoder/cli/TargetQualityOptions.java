package org.framefork.encoder.cli;

import org.framefork.encoder.cluster.ClusterOptions;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.quality.Pooling;
import org.framefork.encoder.quality.TargetQuality;
import picocli.CommandLine.Option;

/** The encode command's target-quality options: the score per chunk, and how the probes run. */
final class TargetQualityOptions {
  @Option(names = "--target-quality", paramLabel = "METRIC=VALUE",
      description = "Give each chunk the CRF at which it scores VALUE: vmaf=93, ssim=0.985 or psnr=42 (a band of ±1%%, "
          + "±0.002 for SSIM), or METRIC=LOW-HIGH. Found by a few fast probe encodes per chunk; not with --crf or --cluster.")
  String target;

  @Option(names = "--probes", paramLabel = "N",
      description = "Most probe encodes per chunk for --target-quality, 1 to " + TargetQuality.MAX_PROBES + " (default: "
          + TargetQuality.DEFAULT_PROBES + ").")
  Integer probes;

  @Option(names = "--probe-preset", paramLabel = "NAME",
      description = "Preset of the probe encodes (default: " + TargetQuality.DEFAULT_PROBE_PRESET + ", or --preset "
          + "where that is faster: probes are never slower than the final encodes by default).")
  String probePreset;

  @Option(names = "--probe-rate", paramLabel = "N",
      description = "Probes encode every N-th frame (default: " + TargetQuality.DEFAULT_PROBE_RATE + ").")
  Integer probeRate;

  @Option(names = "--final-retries", paramLabel = "N",
      description = "Encode a chunk again, at the CRF its own score then predicts, when its final encode scores outside "
          + "the band: at most N times, 0 (never) to " + TargetQuality.MAX_FINAL_RETRIES + " (default: "
          + TargetQuality.DEFAULT_FINAL_RETRIES + ").")
  Integer finalRetries;

  @Option(names = "--quality-pool", paramLabel = "POOL",
      description = "How a chunk's frame scores make its score for --target-quality: pN, the N-th percentile (N 0 to "
          + "100: p0 is the worst frame, p50 the median), or mean (default: p5, so that no stretch falls far below the target).")
  String pool;

  /**
   * The target asked for, checked against the other options; null without {@code --target-quality}.
   *
   * A preset's CRF is not refused: flags given after a preset override it, and --target-quality
   * replaces its CRF as --crf would.
   *
   * @param crfGiven whether --crf was typed, before or after any preset
   * @throws UsageException naming the option and what to give instead
   */
  TargetQuality parse(VideoCodec codec, boolean crfGiven, boolean cluster) {
    if (target == null) {
      if (probes != null || probePreset != null || probeRate != null || pool != null || finalRetries != null) {
        throw new UsageException("--probes, --probe-preset, --probe-rate, --quality-pool and --final-retries are for "
            + "--target-quality; give it too, or drop them");
      }
      return null;
    }
    try {
      TargetQuality t = TargetQuality.parse(target);
      if (crfGiven) {
        throw new UsageException("--target-quality picks each chunk's CRF; drop --crf");
      }
      if (cluster) {
        throw new UsageException(ClusterOptions.TARGET_QUALITY_USAGE);
      }
      t = t.withGiven(probes, probePreset, probeRate, pool == null ? null : Pooling.parseOption("--quality-pool", pool),
          finalRetries);
      t.check(codec);
      return t;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
