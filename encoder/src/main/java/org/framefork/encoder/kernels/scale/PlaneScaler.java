package org.framefork.encoder.kernels.scale;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/** Resizes planes. */
public interface PlaneScaler {

  /**
   * Bilinear resize of {@code src} into {@code dst}, sizes as in {@code plan}. Sample centres are
   * aligned (pixel x of the output sits at {@code (x + 0.5) * srcWidth / dstWidth - 0.5} in the
   * input), edges are repeated, and weights have 8 fractional bits; scaling to the same size copies.
   */
  void bilinear(Plane src, Plane dst, BilinearPlan plan);

  /**
   * The same bilinear resize for 16-bit samples (any depth up to 16: the arithmetic is the same
   * integers, with room for 65535), so that a 10-bit picture is scaled at 10 bits.
   */
  void bilinear(Plane16 src, Plane16 dst, BilinearPlan plan);

  /**
   * 2:1 box downscale: each output sample is the rounded mean of a 2x2 block. {@code dst} is half
   * of {@code src} rounded up; an odd last column or row is repeated.
   */
  void halve(Plane src, Plane dst);

  /** The same 2:1 box for 16-bit samples, any depth (a block's sum is made in an int). */
  void halve(Plane16 src, Plane16 dst);

  static void requireHalfSize(Plane src, Plane dst) {
    requireHalfSize(src.width(), src.height(), dst.width(), dst.height());
  }

  static void requireHalfSize(Plane16 src, Plane16 dst) {
    requireHalfSize(src.width(), src.height(), dst.width(), dst.height());
  }

  private static void requireHalfSize(int width, int height, int halfWidth, int halfHeight) {
    if (halfWidth != (width + 1) / 2 || halfHeight != (height + 1) / 2) {
      throw new IllegalArgumentException(
          "2:1 downscale of " + width + "x" + height + " needs a "
              + (width + 1) / 2 + "x" + (height + 1) / 2 + " plane, not "
              + halfWidth + "x" + halfHeight);
    }
  }
}
