package org.framefork.encoder.kernels.scale;

import org.framefork.encoder.kernels.Plane;

/**
 * Everything about a bilinear resize that does not depend on the pixels: for each output column
 * and row, its two input neighbours and the weight of the second one (0..256). Made once per pair
 * of sizes, like a {@code SwsContext}; it also holds one row of scratch, so a plan serves one
 * thread at a time.
 */
public final class BilinearPlan {
  /** Fractional bits of the weights. */
  static final int WEIGHT_BITS = 8;
  static final int ONE = 1 << WEIGHT_BITS;

  final int srcWidth;
  final int srcHeight;
  final int dstWidth;
  final int dstHeight;
  final int[] left;
  final int[] right;
  final int[] xWeight;
  final int[] top;
  final int[] bottom;
  final int[] yWeight;
  /** One input row blended vertically (Q8), for implementations that work in two passes. */
  final int[] blendedRow;

  private BilinearPlan(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    this.srcWidth = srcWidth;
    this.srcHeight = srcHeight;
    this.dstWidth = dstWidth;
    this.dstHeight = dstHeight;
    left = new int[dstWidth];
    right = new int[dstWidth];
    xWeight = new int[dstWidth];
    top = new int[dstHeight];
    bottom = new int[dstHeight];
    yWeight = new int[dstHeight];
    taps(srcWidth, dstWidth, left, right, xWeight);
    taps(srcHeight, dstHeight, top, bottom, yWeight);
    blendedRow = new int[srcWidth];
  }

  public static BilinearPlan of(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) {
      throw new IllegalArgumentException(
          "cannot scale " + srcWidth + "x" + srcHeight + " to " + dstWidth + "x" + dstHeight);
    }
    return new BilinearPlan(srcWidth, srcHeight, dstWidth, dstHeight);
  }

  public static BilinearPlan of(Plane src, Plane dst) {
    return of(src.width(), src.height(), dst.width(), dst.height());
  }

  /**
   * Neighbours and weights along one axis. The position is computed in 16-bit fixed point from
   * exact integers, so same-size scaling lands exactly on the input samples (weight 0).
   */
  private static void taps(int srcSize, int dstSize, int[] first, int[] second, int[] weight) {
    for (int i = 0; i < dstSize; i++) {
      long position = (((2L * i + 1) * srcSize << 16) / (2L * dstSize)) - (1 << 15);
      int index;
      int w;
      if (position <= 0) {
        index = 0;
        w = 0;
      } else {
        index = (int) (position >> 16);
        w = (int) (((position & 0xFFFF) + (1 << 7)) >> 8);
        if (w == ONE) {
          index++;
          w = 0;
        }
      }
      if (index >= srcSize - 1) {
        index = srcSize - 1;
        w = 0;
      }
      first[i] = index;
      second[i] = Math.min(index + 1, srcSize - 1);
      weight[i] = w;
    }
  }

  void requireFits(Plane src, Plane dst) {
    if (src.width() != srcWidth || src.height() != srcHeight
        || dst.width() != dstWidth || dst.height() != dstHeight) {
      throw new IllegalArgumentException(
          "bilinear plan is for " + srcWidth + "x" + srcHeight + " to " + dstWidth + "x"
              + dstHeight + ", not " + src.width() + "x" + src.height() + " to " + dst.width()
              + "x" + dst.height());
    }
  }

  public int srcWidth() {
    return srcWidth;
  }

  public int srcHeight() {
    return srcHeight;
  }

  public int dstWidth() {
    return dstWidth;
  }

  public int dstHeight() {
    return dstHeight;
  }
}
