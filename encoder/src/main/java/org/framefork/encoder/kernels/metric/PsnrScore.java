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
    double[] mse = new double[3];
    long total = 0;
    for (int i = 0; i < 3; i++) {
      total += (long) a.plane(i).width() * a.plane(i).height();
    }
    double average = 0;
    for (int i = 0; i < 3; i++) {
      long samples = (long) a.plane(i).width() * a.plane(i).height();
      mse[i] = mse(metrics.sse(a.plane(i), b.plane(i)), samples);
      average += mse[i] * ((double) samples / total);
    }
    return new PsnrScore(mse[0], mse[1], mse[2], average);
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
