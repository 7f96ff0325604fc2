package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.YuvFrame;

/**
 * PSNR of a YUV 4:2:0 frame as FFmpeg's {@code psnr} filter reports it (libavfilter/vf_psnr.c): an
 * MSE per plane, and an average MSE weighted by each plane's share of the samples (4:1:1 for
 * 4:2:0), turned into dB against a peak of 255. Identical planes have MSE 0 and infinite PSNR.
 */
public record PsnrScore(double mseY, double mseU, double mseV, double mseAverage) {

  /** Peak sample value of 8-bit video. */
  public static final int PEAK = 255;

  public static PsnrScore of(PlaneMetrics metrics, YuvFrame a, YuvFrame b) {
    double total = samples(a, 0) + samples(a, 1) + samples(a, 2);
    double y = mse(metrics.sse(a.y(), b.y()), samples(a, 0));
    double u = mse(metrics.sse(a.u(), b.u()), samples(a, 1));
    double v = mse(metrics.sse(a.v(), b.v()), samples(a, 2));
    // vf_psnr weights each plane's MSE by its share of the samples.
    double average = y * (samples(a, 0) / total) + u * (samples(a, 1) / total)
        + v * (samples(a, 2) / total);
    return new PsnrScore(y, u, v, average);
  }

  private static long samples(YuvFrame frame, int plane) {
    return (long) frame.plane(plane).width() * frame.plane(plane).height();
  }

  /** Mean squared error from a sum of squared errors over {@code samples} samples. */
  public static double mse(long sse, long samples) {
    return sse / (double) samples;
  }

  /** {@code 10 * log10(255^2 / mse)}; positive infinity when {@code mse} is 0. */
  public static double psnr(double mse) {
    return mse == 0 ? Double.POSITIVE_INFINITY : 10.0 * Math.log10((double) (PEAK * PEAK) / mse);
  }

  public double psnrY() {
    return psnr(mseY);
  }

  public double psnrU() {
    return psnr(mseU);
  }

  public double psnrV() {
    return psnr(mseV);
  }

  /** FFmpeg's {@code psnr_avg}, from the sample-weighted MSE (not the mean of the three dB). */
  public double psnrAverage() {
    return psnr(mseAverage);
  }
}
