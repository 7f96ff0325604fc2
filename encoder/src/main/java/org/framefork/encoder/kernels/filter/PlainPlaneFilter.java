package org.framefork.encoder.kernels.filter;

import java.util.Arrays;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * The reference filters: one sample at a time. The 16-bit twin is {@link PlainPlaneFilter16}, with
 * the per-sample steps of this class.
 */
public final class PlainPlaneFilter implements PlaneFilter, Watermark.RegionBlend<YuvFrame> {

  @Override
  public void applyCurve(Plane src, Plane dst, ToneCurve curve) {
    src.requireSameSize(dst, "tone curve");
    byte[] table = curve.table();
    byte[] in = src.data();
    byte[] out = dst.data();
    for (int y = 0; y < src.height(); y++) {
      int ri = src.rowStart(y);
      int ro = dst.rowStart(y);
      for (int x = 0; x < src.width(); x++) {
        out[ro + x] = table[in[ri + x] & 0xFF];
      }
    }
  }

  @Override
  public void fill(Plane plane, int value) {
    for (int y = 0; y < plane.height(); y++) {
      int r = plane.rowStart(y);
      Arrays.fill(plane.data(), r, r + plane.width(), (byte) value);
    }
  }

  @Override
  public void gaussianBlur(Plane src, Plane dst, GaussianKernel kernel, Plane scratch) {
    src.requireSameSize(dst, "blur");
    src.requireSameSize(scratch, "blur scratch");
    kernel.blur(src, dst, scratch, src.width(), src.height(), PlainPlaneFilter::verticalBlurRow,
        PlainPlaneFilter::horizontalBlurRow);
  }

  /** Row {@code y} of the vertical pass, columns [x0, x1); rows past the edges repeat the edge. */
  static void verticalBlurRow(Plane src, Plane dst, GaussianKernel kernel, int y, int x0, int x1) {
    int[] w = kernel.weights();
    int r = kernel.radius();
    byte[] in = src.data();
    byte[] out = dst.data();
    int ro = dst.rowStart(y);
    for (int x = x0; x < x1; x++) {
      int acc = 128;
      for (int k = -r; k <= r; k++) {
        int row = Math.max(0, Math.min(src.height() - 1, y + k));
        acc += w[k + r] * (in[src.rowStart(row) + x] & 0xFF);
      }
      out[ro + x] = (byte) (acc >> 8);
    }
  }

  /** Row {@code y} of the horizontal pass, columns [x0, x1); columns past the edges repeat. */
  static void horizontalBlurRow(Plane src, Plane dst, GaussianKernel kernel, int y, int x0, int x1) {
    int[] w = kernel.weights();
    int r = kernel.radius();
    byte[] in = src.data();
    byte[] out = dst.data();
    int ri = src.rowStart(y);
    int ro = dst.rowStart(y);
    int last = src.width() - 1;
    for (int x = x0; x < x1; x++) {
      int acc = 128;
      for (int k = -r; k <= r; k++) {
        acc += w[k + r] * (in[ri + Math.max(0, Math.min(last, x + k))] & 0xFF);
      }
      out[ro + x] = (byte) (acc >> 8);
    }
  }

  @Override
  public void unsharpMask(Plane src, Plane dst, GaussianKernel kernel, double amount, Plane scratch) {
    int a = PlaneFilter.unsharpAmount(amount);
    gaussianBlur(src, dst, kernel, scratch);
    for (int y = 0; y < src.height(); y++) {
      sharpenRow(src, dst, a, y, 0, src.width());
    }
  }

  /** dst holds the blur; replaces it with {@code src + a * (src - blur) / 32}, clamped. */
  static void sharpenRow(Plane src, Plane dst, int a, int y, int x0, int x1) {
    byte[] in = src.data();
    byte[] out = dst.data();
    int ri = src.rowStart(y);
    int ro = dst.rowStart(y);
    for (int x = x0; x < x1; x++) {
      out[ro + x] = (byte) sharpened(in[ri + x] & 0xFF, out[ro + x] & 0xFF, a, 255);
    }
  }

  /** {@code s + (a * (s - blur) + 16) >> 5}, clamped to 0..peak; a in Q5. */
  static int sharpened(int s, int blur, int a, int peak) {
    int v = s + (((s - blur) * a + (1 << (UNSHARP_BITS - 1))) >> UNSHARP_BITS);
    return Math.max(0, Math.min(peak, v));
  }

  @Override
  public void temporalDenoise(Plane current, Plane previous, Plane dst, int threshold, int strength) {
    current.requireSameSize(previous, "temporal denoise");
    current.requireSameSize(dst, "temporal denoise");
    PlaneFilter.requireDenoiseSettings(threshold, strength);
    for (int y = 0; y < current.height(); y++) {
      denoiseRow(current, previous, dst, threshold, strength, y, 0, current.width());
    }
  }

  static void denoiseRow(
      Plane current, Plane previous, Plane dst, int threshold, int strength, int y, int x0, int x1) {
    byte[] c = current.data();
    byte[] p = previous.data();
    byte[] out = dst.data();
    int rc = current.rowStart(y);
    int rp = previous.rowStart(y);
    int ro = dst.rowStart(y);
    for (int x = x0; x < x1; x++) {
      out[ro + x] = (byte) denoised(c[rc + x] & 0xFF, p[rp + x] & 0xFF, threshold, strength);
    }
  }

  /** {@code cur} moved {@code strength}/16 of the way to {@code prev} where they differ by less than the threshold. */
  static int denoised(int cur, int prev, int threshold, int strength) {
    int diff = prev - cur;
    return Math.abs(diff) < threshold ? cur + ((diff * strength + 8) >> 4) : cur;
  }

  @Override
  public void overlay(Watermark mark, YuvFrame frame, int x, int y) {
    mark.place(frame, frame.width(), frame.height(), x, y, this);
  }

  @Override
  public void blend(YuvFrame frame, int plane, int dx, int dy, Plane src, Plane alpha, int sx, int sy, int width,
      int height, boolean fullRange) {
    Plane dst = frame.plane(plane);
    for (int row = 0; row < height; row++) {
      blendRow(dst.data(), dst.rowStart(dy + row) + dx, src.data(), src.rowStart(sy + row) + sx,
          alpha.data(), alpha.rowStart(sy + row) + sx, 0, width);
    }
  }

  /** {@code out = (out * (256 - a) + in * a + 128) >> 8} with a = alpha + (alpha >> 7). */
  static void blendRow(byte[] out, int ro, byte[] in, int ri, byte[] alpha, int ra, int x0, int x1) {
    for (int x = x0; x < x1; x++) {
      out[ro + x] = (byte) blended(out[ro + x] & 0xFF, in[ri + x] & 0xFF, alpha[ra + x] & 0xFF);
    }
  }

  /** {@code under} and {@code over} mixed by an 8-bit alpha, Q8, rounded. */
  static int blended(int under, int over, int alpha) {
    int a = Watermark.weight(alpha);
    return (under * (256 - a) + over * a + 128) >> 8;
  }

  private static final PlainPlaneFilter16 SIXTEEN_BIT = new PlainPlaneFilter16();

  @Override
  public PlaneFilter16 sixteenBit() {
    return SIXTEEN_BIT;
  }
}
