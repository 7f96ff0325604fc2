package org.framefork.encoder.kernels.scale;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

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
  /**
   * One input row blended vertically (Q8), for implementations that work in two passes; padded
   * so that vector loads of a window may run past the row's end.
   */
  final int[] blendedRow;
  private Windows windows;

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
    blendedRow = new int[srcWidth + ROW_PADDING];
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

  /** Ints past the end of {@link #blendedRow}: two 512-bit vectors of ints. */
  static final int ROW_PADDING = 32;

  /**
   * For groups of {@code lanes} output columns: where a window of {@code 2 * lanes} blended
   * samples starts that holds all of the group's taps, and each tap's index inside that window.
   * A vector implementation then loads the window with two plain loads and picks the taps with
   * in-register permutes instead of a gather. {@code start} is -1 for a group whose taps are
   * spread wider (downscaling by more than about 2:1).
   */
  static final class Windows {
    final int lanes;
    final int[] start;
    final int[] relativeLeft;
    final int[] relativeRight;

    Windows(int lanes, int[] start, int[] relativeLeft, int[] relativeRight) {
      this.lanes = lanes;
      this.start = start;
      this.relativeLeft = relativeLeft;
      this.relativeRight = relativeRight;
    }
  }

  /** The windows for {@code lanes}-wide vectors, computed on first use. */
  Windows windows(int lanes) {
    Windows w = windows;
    if (w == null || w.lanes != lanes) {
      int groups = dstWidth / lanes;
      int[] start = new int[groups];
      int[] relativeLeft = new int[groups * lanes];
      int[] relativeRight = new int[groups * lanes];
      for (int g = 0; g < groups; g++) {
        int first = left[g * lanes];
        boolean fits = right[g * lanes + lanes - 1] - first < 2 * lanes
            && first + 2 * lanes <= blendedRow.length;
        start[g] = fits ? first : -1;
        for (int k = 0; k < lanes; k++) {
          relativeLeft[g * lanes + k] = left[g * lanes + k] - first;
          relativeRight[g * lanes + k] = right[g * lanes + k] - first;
        }
      }
      w = new Windows(lanes, start, relativeLeft, relativeRight);
      windows = w;
    }
    return w;
  }

  void requireFits(Plane src, Plane dst) {
    requireFits(src.width(), src.height(), dst.width(), dst.height());
  }

  void requireFits(Plane16 src, Plane16 dst) {
    requireFits(src.width(), src.height(), dst.width(), dst.height());
  }

  private void requireFits(int inWidth, int inHeight, int outWidth, int outHeight) {
    if (inWidth != srcWidth || inHeight != srcHeight || outWidth != dstWidth || outHeight != dstHeight) {
      throw new IllegalArgumentException(
          "bilinear plan is for " + srcWidth + "x" + srcHeight + " to " + dstWidth + "x"
              + dstHeight + ", not " + inWidth + "x" + inHeight + " to " + outWidth + "x" + outHeight);
    }
  }

  /**
   * Two samples (or two Q8 values) mixed with {@code weight}/256 of the second, in Q8 more than
   * the inputs: exact, at most 65535 * 256 for 16-bit samples.
   */
  static int mix(int first, int second, int weight) {
    return (first << WEIGHT_BITS) + (second - first) * weight;
  }

  /**
   * The output sample from two vertically mixed Q8 values: mixed again and rounded off the 16
   * fractional bits. The sum is below 2^32 for 16-bit samples (65535 * 65536 + 32768) but may pass
   * 2^31, hence the unsigned shift; for 8-bit samples both shifts agree.
   */
  static int sample(int left, int right, int weight) {
    return (mix(left, right, weight) + (1 << 15)) >>> 16;
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
