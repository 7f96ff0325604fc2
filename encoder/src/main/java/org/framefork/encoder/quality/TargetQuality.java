package org.framefork.encoder.quality;

import java.util.Locale;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;

/**
 * {@code --target-quality}: the score each chunk's output should reach, as a band, and how the
 * search for its CRF probes.
 *
 * @param low the band's lower end: a chunk that scores less is too poor
 * @param high the band's upper end: a chunk that scores more wastes bits
 * @param pooling how a chunk's frame scores make its score
 * @param probes the most probe encodes per chunk
 * @param probePreset the preset of the probe encodes: by default {@value #DEFAULT_PROBE_PRESET}, or
 *     the final one where that is faster (see {@link #probePresetFor})
 * @param probeRate every how many frames a probe encodes (2: every second frame)
 * @param finalRetries how many times a chunk whose final encode scored outside the band is encoded
 *     again, at the CRF that the final's own score then predicts
 */
public record TargetQuality(QualityMetric metric, double low, double high, Pooling pooling, int probes,
    String probePreset, int probeRate, int finalRetries) {
  public static final int DEFAULT_PROBES = 4;
  public static final int MAX_PROBES = 12;
  public static final String DEFAULT_PROBE_PRESET = "faster";
  public static final int DEFAULT_PROBE_RATE = 2;
  /**
   * A chunk's final encode outside the band is encoded again up to twice: a second retry runs only
   * where the first missed, on a chunk whose score falls steeply with the CRF (the 1080p sample's
   * fast pan, 2026-12-06: 97.85 at 31, 94.39 at 32.9 after one retry, 93.74 at 33 after two).
   */
  public static final int DEFAULT_FINAL_RETRIES = 2;
  public static final int MAX_FINAL_RETRIES = 3;

  public TargetQuality {
    if (!(low >= metric.min() && high <= metric.max() && low <= high)) {
      throw new IllegalArgumentException(metric + " " + metric.format(low) + "-" + metric.format(high)
          + " is no band of " + metric + ", which goes from " + metric.format(metric.min()) + " to " + metric.format(metric.max()));
    }
    if (probes < 1 || probes > MAX_PROBES) {
      throw new IllegalArgumentException("--probes " + probes + ": give 1 to " + MAX_PROBES);
    }
    if (probeRate < 1) {
      throw new IllegalArgumentException("--probe-rate " + probeRate + ": give 1 (every frame) or more");
    }
    if (finalRetries < 0 || finalRetries > MAX_FINAL_RETRIES) {
      throw new IllegalArgumentException("--final-retries " + finalRetries + ": give 0 (never) to " + MAX_FINAL_RETRIES);
    }
  }

  /** The middle of the band: what the search aims at. */
  public double target() {
    return (low + high) / 2;
  }

  public boolean inBand(double score) {
    return score >= low && score <= high;
  }

  /**
   * Parses {@code METRIC=VALUE} (a band of ±1%, or ±0.002 for SSIM, around it) or {@code
   * METRIC=LOW-HIGH}, with the default probe settings.
   *
   * @throws IllegalArgumentException with a message that names the text and what to give instead
   */
  public static TargetQuality parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--target-quality " + text + ": give METRIC=VALUE or METRIC=LOW-HIGH, e.g. vmaf=93");
    }
    QualityMetric metric;
    try {
      metric = QualityMetric.parse(text.substring(0, eq));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target-quality " + text + ": " + e.getMessage());
    }
    String value = text.substring(eq + 1).trim();
    try {
      int dash = value.indexOf('-', 1);
      double low;
      double high;
      if (dash > 0) {
        low = Double.parseDouble(value.substring(0, dash));
        high = Double.parseDouble(value.substring(dash + 1));
      } else {
        double v = Double.parseDouble(value);
        requireInRange(text, metric, v);
        if (v == metric.min()) {
          throw new IllegalArgumentException("--target-quality " + text + ": a target of " + metric.format(v)
              + " asks for nothing; give a score above " + metric.format(v) + ", e.g. " + example(metric));
        }
        low = Math.max(metric.min(), v - metric.halfBand(v));
        high = Math.min(metric.max(), v + metric.halfBand(v));
        if (metric != QualityMetric.PSNR && low == metric.min()) {
          // SSIM's band is ±0.002 whatever the target: one that low says nothing of a band, which was not given.
          throw new IllegalArgumentException("--target-quality " + text + ": a target of " + metric.formatOutside(v) + " leaves its band (±"
              + metric.format(metric.halfBand(v)) + ") no room above " + metric.format(low) + "; give a score above "
              + metric.format(metric.min() + metric.halfBand(v)) + ", e.g. " + example(metric));
        }
      }
      requireInRange(text, metric, low);
      requireInRange(text, metric, high);
      if (metric != QualityMetric.PSNR && low == metric.min()) {
        throw new IllegalArgumentException("--target-quality " + text + ": the band's low end must be above "
            + metric.format(low) + ", e.g. " + example(metric));
      }
      if (!(low < high)) {
        throw new IllegalArgumentException("--target-quality " + text + ": the band's low end must be below its high end");
      }
      return new TargetQuality(metric, low, high, Pooling.DEFAULT, DEFAULT_PROBES, DEFAULT_PROBE_PRESET, DEFAULT_PROBE_RATE,
          DEFAULT_FINAL_RETRIES);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--target-quality " + text + ": '" + value + "' is not a number or a LOW-HIGH band");
    }
  }

  private static void requireInRange(String text, QualityMetric metric, double v) {
    if (!(v >= metric.min() && v <= metric.max())) {
      throw new IllegalArgumentException("--target-quality " + text + ": " + metric.name() + " goes from "
          + metric.format(metric.min()) + " to " + metric.format(metric.max()) + "; give e.g. " + example(metric));
    }
  }

  private static String example(QualityMetric metric) {
    return switch (metric) {
      case VMAF -> "vmaf=93";
      case SSIM -> "ssim=0.985";
      case PSNR -> "psnr=42";
    };
  }

  public TargetQuality withProbes(int n) {
    return new TargetQuality(metric, low, high, pooling, n, probePreset, probeRate, finalRetries);
  }

  public TargetQuality withProbeEncodes(String preset, int rate) {
    return new TargetQuality(metric, low, high, pooling, probes, preset, rate, finalRetries);
  }

  public TargetQuality withFinalRetries(int n) {
    return new TargetQuality(metric, low, high, pooling, probes, probePreset, probeRate, n);
  }

  /**
   * This target with the search settings a command line gave (each null when not given, and then
   * as it is): what {@code encode} and {@code bench quality} both make of their options.
   *
   */
  public TargetQuality withGiven(Integer probes, String probePreset, Integer probeRate, Pooling pool, Integer finalRetries) {
    return new TargetQuality(metric, low, high, pool != null ? pool : pooling,
        probes != null ? probes : this.probes, probePreset != null ? probePreset : this.probePreset,
        probeRate != null ? probeRate : this.probeRate, finalRetries != null ? finalRetries : this.finalRetries);
  }

  /**
   * Whether a job with this target may resume one that was asked for {@code saved}: the same in all
   * but the final retries, which change nothing that the interrupted run decided.
   */
  public boolean resumes(TargetQuality saved) {
    return saved != null && equals(saved.withFinalRetries(finalRetries));
  }

  /**
   * The preset the probes of finals at {@code finalPreset} run at: {@link #probePreset}, except
   * that the default ({@value #DEFAULT_PROBE_PRESET}) is never slower than the finals, on the
   * codec's own scale. Slower probes than the final gain nothing and mispredict it: with x264
   * {@code ultrafast} finals, {@code faster} probes of the 360p sample took 10x the finals' time
   * and predicted 0.9803 SSIM for a final of 0.9674; SVT-AV1 preset 10 finals, probed at 9, scored
   * 84.65 VMAF for 90.34 predicted (QA, 2026-12-07).
   */
  public String probePresetFor(VideoCodec codec, String finalPreset) {
    return probePreset.equals(DEFAULT_PROBE_PRESET) && codec.speed(finalPreset) > codec.speed(probePreset) ? finalPreset
        : probePreset;
  }

  /** @throws IllegalArgumentException when {@code codec} has no such probe preset */
  public void check(VideoCodec codec) {
    try {
      new EncodeSettings(codec, codec.defaultCrf(), probePreset, 1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--probe-preset: " + e.getMessage());
    }
  }

  /** As the command line takes it: {@code vmaf=92.07-93.93}. */
  public String band() {
    return metric + "=" + metric.format(low) + "-" + metric.format(high);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s, up to %d probes at %s, %s)", band(), pooling, probes, probePreset,
        everyFrame(probeRate));
  }

  /** {@code every frame}, {@code every 2nd frame}, {@code every 11th frame} ...: what probes at {@code rate} encode. */
  public static String everyFrame(int rate) {
    return rate == 1 ? "every frame" : "every " + ordinal(rate) + " frame";
  }

  private static String ordinal(int n) {
    return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    });
  }
}
