package org.framefork.encoder.kernels.filter;

import java.util.Arrays;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * The reference filters for 16-bit samples, one sample at a time: the arithmetic of {@link
 * PlainPlaneFilter}'s (the per-sample steps are its), on {@code short} rows. {@link
 * PlainPlaneFilter#sixteenBit()}; the Vector API twin uses its rows for edges and tails.
 */
final class PlainPlaneFilter16 implements PlaneFilter16 {

  /** Samples above the curve's peak (not made by a decoder of that depth) take the peak's level. */
  @Override
  public void applyCurve(Plane16 src, Plane16 dst, ToneCurve curve) {
    src.requireSameSize(dst, "tone curve");
    short[] table = curve.table16();
    int peak = table.length - 1;
    for (int y = 0; y < src.height(); y++) {
      for (int x = 0, i = src.rowStart(y), o = dst.rowStart(y); x < src.width(); x++) {
        dst.data()[o + x] = table[Math.min(peak, src.data()[i + x] & 0xFFFF)];
      }
    }
  }

  @Override
  public void fill(Plane16 plane, int value) {
    for (int y = 0; y < plane.height(); y++) {
      Arrays.fill(plane.data(), plane.rowStart(y), plane.rowStart(y) + plane.width(), (short) value);
    }
  }

  @Override
  public void gaussianBlur(Plane16 src, Plane16 dst, GaussianKernel kernel, Plane16 scratch) {
    requireSameSizes(src, dst, scratch, "blur");
    kernel.blur(src, dst, scratch, src.width(), src.height(), PlainPlaneFilter16::verticalBlurRow,
        PlainPlaneFilter16::horizontalBlurRow);
  }

  /** Throws unless the three planes of a {@code what} have one size. */
  static void requireSameSizes(Plane16 a, Plane16 b, Plane16 c, String what) {
    a.requireSameSize(b, what);
    a.requireSameSize(c, what);
  }

  /** Row {@code y} of the vertical pass, columns [x0, x1); rows past the edges repeat the edge. */
  static void verticalBlurRow(Plane16 src, Plane16 dst, GaussianKernel kernel, int y, int x0, int x1) {
    int r = kernel.radius();
    short[] in = src.data();
    short[] out = dst.data();
    int last = src.height() - 1;
    for (int x = x0; x < x1; x++) {
      int acc = GaussianKernel.HALF;
      for (int k = -r; k <= r; k++) {
        acc += kernel.weight(k) * (in[src.rowStart(Math.max(0, Math.min(last, y + k))) + x] & 0xFFFF);
      }
      out[dst.rowStart(y) + x] = (short) (acc >> GaussianKernel.BITS);
    }
  }

  /** Row {@code y} of the horizontal pass, columns [x0, x1); columns past the edges repeat. */
  static void horizontalBlurRow(Plane16 src, Plane16 dst, GaussianKernel kernel, int y, int x0, int x1) {
    int r = kernel.radius();
    short[] in = src.data();
    short[] out = dst.data();
    int ri = src.rowStart(y);
    int last = src.width() - 1;
    for (int x = x0; x < x1; x++) {
      int acc = GaussianKernel.HALF;
      for (int k = -r; k <= r; k++) {
        acc += kernel.weight(k) * (in[ri + Math.max(0, Math.min(last, x + k))] & 0xFFFF);
      }
      out[dst.rowStart(y) + x] = (short) (acc >> GaussianKernel.BITS);
    }
  }

  @Override
  public void unsharpMask(Plane16 src, Plane16 dst, GaussianKernel kernel, double amount, Plane16 scratch, int depth) {
    int a = PlaneFilter.unsharpAmount(amount);
    int peak = peak(depth);
    gaussianBlur(src, dst, kernel, scratch);
    for (int y = 0; y < src.height(); y++) {
      sharpenRow(src, dst, a, peak, y, 0, src.width());
    }
  }

  /** dst holds the blur; replaces it with the sharpened sample, clamped to 0..peak. */
  static void sharpenRow(Plane16 src, Plane16 dst, int a, int peak, int y, int x0, int x1) {
    short[] in = src.data();
    short[] out = dst.data();
    int ri = src.rowStart(y);
    int ro = dst.rowStart(y);
    for (int x = x0; x < x1; x++) {
      out[ro + x] = (short) PlainPlaneFilter.sharpened(in[ri + x] & 0xFFFF, out[ro + x] & 0xFFFF, a, peak);
    }
  }

  @Override
  public void temporalDenoise(Plane16 current, Plane16 previous, Plane16 dst, int threshold, int strength) {
    requireSameSizes(current, previous, dst, "temporal denoise");
    PlaneFilter.requireDenoiseSettings(threshold, strength, 1 << 16);
    for (int y = 0; y < current.height(); y++) {
      denoiseRow(current, previous, dst, threshold, strength, y, 0);
    }
  }

  /** Row {@code y} from column {@code x0} to its end. */
  static void denoiseRow(Plane16 current, Plane16 previous, Plane16 dst, int threshold, int strength, int y, int x0) {
    int rc = current.rowStart(y);
    int rp = previous.rowStart(y);
    int ro = dst.rowStart(y);
    for (int x = x0; x < current.width(); x++) {
      int cur = current.data()[rc + x] & 0xFFFF;
      dst.data()[ro + x] = (short) PlainPlaneFilter.denoised(cur, previous.data()[rp + x] & 0xFFFF, threshold, strength);
    }
  }

  @Override
  public void blend(YuvFrame16 frame, int plane, int dx, int dy, Plane src, Plane alpha, int sx, int sy, int width,
      int height, boolean fullRange) {
    Plane16 dst = frame.plane(plane);
    int shift = frame.depth() - 8;
    for (int row = 0; row < height; row++) {
      blendRow(dst.data(), dst.rowStart(dy + row) + dx, src.data(), src.rowStart(sy + row) + sx,
          alpha.data(), alpha.rowStart(sy + row) + sx, shift, plane, fullRange, 0, width);
    }
  }

  /** The 8-bit blend with the watermark's level of {@code plane} deepened by {@code shift} bits ({@link Watermark#deepen}). */
  static void blendRow(short[] out, int ro, byte[] in, int ri, byte[] alpha, int ra, int shift, int plane, boolean fullRange,
      int x0, int x1) {
    for (int x = x0; x < x1; x++) {
      int level = Watermark.deepen(in[ri + x] & 0xFF, shift, plane, fullRange);
      out[ro + x] = (short) PlainPlaneFilter.blended(out[ro + x] & 0xFFFF, level, alpha[ra + x] & 0xFF);
    }
  }

  static int peak(int depth) {
    if (depth < 9 || depth > 16) {
      throw new IllegalArgumentException("16-bit samples hold 9 to 16 bits, not " + depth);
    }
    return (1 << depth) - 1;
  }
}
