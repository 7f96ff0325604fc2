package org.framefork.encoder.kernels.metric;

import java.util.function.IntToLongFunction;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * PSNR of a YUV 4:2:0 frame as FFmpeg's {@code psnr} filter reports it (libavfilter/vf_psnr.c): an
 * MSE per plane, and an average MSE weighted by each plane's share of the samples (4:1:1 for
 * 4:2:0), turned into dB against the depth's peak (255 for 8 bits, 1023 for 10). Identical planes
 * have MSE 0 and infinite PSNR.
 */
public record PsnrScore(double mseY, double mseU, double mseV, double mseAverage, int peak) {

  /** Peak sample value of 8-bit video. */
  public static final int PEAK = 255;

  public static PsnrScore of(PlaneMetrics metrics, YuvFrame a, YuvFrame b) {
    return of(i -> metrics.sse(a.plane(i), b.plane(i)), a.width(), a.height(), PEAK);
  }

  /** The same for frames of 16-bit samples, against their depth's peak (FFmpeg's {@code (1 << depth) - 1}). */
  public static PsnrScore of(PlaneMetrics metrics, YuvFrame16 a, YuvFrame16 b) {
    return of(i -> metrics.sse(a.plane(i), b.plane(i)), a.width(), a.height(), a.peak());
  }

  /** Either of the above, for two frames of one depth. */
  public static PsnrScore of(PlaneMetrics metrics, Yuv420Frame<?> a, Yuv420Frame<?> b) {
    return switch (a) {
      case YuvFrame e -> of(metrics, e, (YuvFrame) b);
      case YuvFrame16 d -> of(metrics, d, (YuvFrame16) b);
    };
  }

  /** From each plane's SSE ({@code planeSse} of 0, 1, 2) of a {@code width x height} 4:2:0 frame. */
  private static PsnrScore of(IntToLongFunction planeSse, int width, int height, int peak) {
    long chroma = (long) YuvFrame.chromaSize(width) * YuvFrame.chromaSize(height);
    long[] samples = {(long) width * height, chroma, chroma};
    long[] sse = {planeSse.applyAsLong(0), planeSse.applyAsLong(1), planeSse.applyAsLong(2)};
    double total = samples[0] + samples[1] + samples[2];
    double y = mse(sse[0], samples[0]);
    double u = mse(sse[1], samples[1]);
    double v = mse(sse[2], samples[2]);
    // vf_psnr weights each plane's MSE by its share of the samples.
    double average = y * (samples[0] / total) + u * (samples[1] / total) + v * (samples[2] / total);
    return new PsnrScore(y, u, v, average, peak);
  }

  /** Mean squared error from a sum of squared errors over {@code samples} samples. */
  public static double mse(long sse, long samples) {
    return sse / (double) samples;
  }

  /** {@code 10 * log10(255^2 / mse)}; positive infinity when {@code mse} is 0. */
  public static double psnr(double mse) {
    return psnr(mse, PEAK);
  }

  /** {@code 10 * log10(peak^2 / mse)}; positive infinity when {@code mse} is 0. */
  public static double psnr(double mse, int peak) {
    return mse == 0 ? Double.POSITIVE_INFINITY : 10.0 * Math.log10((double) peak * peak / mse);
  }

  public double psnrY() {
    return psnr(mseY, peak);
  }

  public double psnrU() {
    return psnr(mseU, peak);
  }

  public double psnrV() {
    return psnr(mseV, peak);
  }

  /** FFmpeg's {@code psnr_avg}, from the sample-weighted MSE (not the mean of the three dB). */
  public double psnrAverage() {
    return psnr(mseAverage, peak);
  }
}
