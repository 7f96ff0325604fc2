package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.YuvFrame;

/**
 * SSIM of a YUV 4:2:0 frame as FFmpeg's {@code ssim} filter reports it: one score per plane and
 * "All", the planes weighted by their share of the samples.
 */
public record SsimScore(double y, double u, double v, double all) {

  public static SsimScore of(PlaneMetrics metrics, YuvFrame a, YuvFrame b, SsimScratch scratch) {
    double[] score = new double[3];
    long total = 0;
    for (int i = 0; i < 3; i++) {
      total += (long) a.plane(i).width() * a.plane(i).height();
    }
    double all = 0;
    for (int i = 0; i < 3; i++) {
      score[i] = metrics.ssim(a.plane(i), b.plane(i), scratch);
      all += score[i] * ((double) a.plane(i).width() * a.plane(i).height() / total);
    }
    return new SsimScore(score[0], score[1], score[2], all);
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
