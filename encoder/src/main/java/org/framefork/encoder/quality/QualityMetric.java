package org.framefork.encoder.quality;

import java.util.List;
import java.util.Locale;
import org.framefork.encoder.io.Choices;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;

/**
 * The scores a target quality can name, with the values each can take and the band a single value
 * stands for: ±1% of the value for VMAF and PSNR, ±0.002 for SSIM (whose useful range is narrow).
 */
public enum QualityMetric {
  VMAF,
  SSIM,
  /** PSNR in dB (the average over the planes, as FFmpeg's filter reports it); 100 stands for identical. */
  PSNR;

  /** The metric's name on the command line and in reports: {@code vmaf}, {@code ssim}, {@code psnr}. */
  public String cliName() {
    return Choices.lowerCase(this);
  }

  /** The lowest score: 0 for all three. */
  public double min() {
    return 0;
  }

  /** The highest score: SSIM's 1, VMAF's and PSNR's 100. */
  public double max() {
    return this == SSIM ? 1 : 100;
  }

  /** Half the band that a single target value stands for: 1% of the value, for SSIM 0.002. */
  public double halfBand(double value) {
    return this == SSIM ? 0.002 : value * 0.01;
  }

  /** The value as the metric is usually written: SSIM with 4 decimals, the others with 2. */
  public String format(double value) {
    return String.format(Locale.ROOT, "%." + decimals() + "f", value);
  }

  /** How many decimals the metric is usually written with: SSIM 4, the others 2. */
  private int decimals() {
    return this == SSIM ? 4 : 2;
  }

  /**
   * A score that lies outside a band, with the decimals that tell it from the band's edges, which
   * {@link #format} writes: 93.9312 above the band 92.07-93.93 is 93.931, not 93.93 (which reads as
   * in the band). Decimals beyond {@link #format}'s (at most 4 more) only where the value has them.
   */
  public String formatOutside(double value) {
    int decimals = decimals();
    double shown = round(value, decimals);
    int d = decimals;
    while (d < decimals + 4 && Math.abs(value - shown) > 1e-9 && round(value, d) == shown) {
      d++;
    }
    return String.format(Locale.ROOT, "%." + d + "f", value);
  }

  private static double round(double value, int decimals) {
    return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  /** {@code value} with the metric's name, as a report's notes write it: {@code vmaf 93.12}. */
  public String named(double value) {
    return this + " " + format(value);
  }

  /** This metric's figure of each frame of a chunk. */
  public double[] of(ChunkQuality.FrameScores frames) {
    return switch (this) {
      case VMAF -> frames.vmaf();
      case SSIM -> frames.ssim();
      case PSNR -> frames.psnr();
    };
  }

  /** This metric's mean over a whole output (VMAF's mean, SSIM's all-planes mean, PSNR's average). */
  public double mean(OutputQuality quality) {
    return switch (this) {
      case VMAF -> quality.vmaf().mean();
      case SSIM -> quality.overall().ssimAll();
      case PSNR -> quality.overall().psnrAverage();
    };
  }

  /** @throws IllegalArgumentException naming the metrics there are */
  public static QualityMetric parse(String name) {
    return Choices.find(values(), name, m -> List.of(m.cliName()))
        .orElseThrow(() -> Choices.unknown("metric", name, Choices.list(values(), QualityMetric::cliName)));
  }

  @Override
  public String toString() {
    return cliName();
  }
}
