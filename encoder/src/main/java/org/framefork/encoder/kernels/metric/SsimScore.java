package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * SSIM of a YUV 4:2:0 frame as FFmpeg's {@code ssim} filter reports it: one score per plane and
 * "All", the planes weighted by their share of the samples.
 */
public record SsimScore(double y, double u, double v, double all) {

  public static SsimScore of(PlaneMetrics metrics, YuvFrame a, YuvFrame b, SsimScratch scratch) {
    double[] score = new double[3];
    long[] samples = new long[3];
    for (int i = 0; i < 3; i++) {
      score[i] = metrics.ssim(a.plane(i), b.plane(i), scratch);
      samples[i] = (long) a.plane(i).width() * a.plane(i).height();
    }
    return weighted(score, samples);
  }

  /** The same for frames of 16-bit samples (9 to 10 bits: see {@link PlaneMetrics#MAX_DEPTH_16}). */
  public static SsimScore of(PlaneMetrics metrics, YuvFrame16 a, YuvFrame16 b, SsimScratch scratch) {
    double[] score = new double[3];
    long[] samples = new long[3];
    for (int i = 0; i < 3; i++) {
      score[i] = metrics.ssim(a.plane(i), b.plane(i), a.depth(), scratch);
      samples[i] = (long) a.plane(i).width() * a.plane(i).height();
    }
    return weighted(score, samples);
  }

  /** Either of the above, for two frames of one depth. */
  public static SsimScore of(PlaneMetrics metrics, Yuv420Frame<?> a, Yuv420Frame<?> b, SsimScratch scratch) {
    return switch (a) {
      case YuvFrame e -> of(metrics, e, (YuvFrame) b, scratch);
      case YuvFrame16 d -> of(metrics, d, (YuvFrame16) b, scratch);
    };
  }

  /**
   * "All": the planes' scores weighted by their share of the samples, summed before the one
   * division, so that identical pictures score exactly 1 (the shares 4/6, 1/6 and 1/6 added one by
   * one came to 0.9999999999999999).
   */
  private static SsimScore weighted(double[] score, long[] samples) {
    long total = samples[0] + samples[1] + samples[2];
    double weighted = 0;
    for (int i = 0; i < 3; i++) {
      weighted += score[i] * samples[i];
    }
    return new SsimScore(score[0], score[1], score[2], weighted / total);
  }

  /**
   * FFmpeg's dB form: {@code 10 * log10(1 / (1 - ssim))}, infinite for a perfect match. As in
   * FFmpeg, within 1e-9 of 1 counts as perfect: the planes' weighted sum of identical pictures can
   * land a rounding step below 1, which would otherwise print as about 160 dB.
   */
  public static double decibels(double ssim) {
    return ssim >= 1 - 1e-9 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / (1 - ssim));
  }
}
