package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/**
 * The shape of FFmpeg's SSIM that every twin and depth shares: block row after block row, the 4x4
 * block sums of the row, then the scores of the 8x8 windows between it and the row before, summed
 * in double, left to right, as FFmpeg's ssim_endn does. Only the two steps of a block row differ
 * between the kernels; they come in as a {@link Step}, one stateless instance per kernel.
 *
 * <p>Samples reach the block sums as 16-bit rows: a 16-bit plane's own, or an 8-bit plane's four
 * rows of a block row widened into the scratch ({@link #widenBlockRow}; the vector twin widens
 * in vectors), so that one block-sum code serves both depths.
 */
final class SsimRows {
  private SsimRows() {}

  /** The two steps of one block row, for planes of type {@code P}. */
  @FunctionalInterface
  interface Step<P> {
    /** The sums of the 4x4 blocks {@code [0, blocksX)} of block row {@code by}, into the scratch's current row. */
    void blockSums(P a, P b, int by, int blocksX, SsimScratch s);

    /** The scores of the first {@code windows} windows between the previous and the current block row. */
    default void windowScores(SsimScratch s, int windows) {
      PlainPlaneMetrics.windowScores(s, 0, windows);
    }
  }

  /** {@link PlaneMetrics#ssim(Plane, Plane, SsimScratch)} with {@code step}. */
  static double ssim(Plane a, Plane b, SsimScratch s, Step<Plane> step) {
    a.requireSameSize(b, "SSIM");
    return ssim(a, b, a.width(), a.height(), 255, s, step);
  }

  /** {@link PlaneMetrics#ssim(Plane16, Plane16, int, SsimScratch)} with {@code step}. */
  static double ssim(Plane16 a, Plane16 b, int depth, SsimScratch s, Step<Plane16> step) {
    PlaneMetrics.requireDepth16(depth);
    a.requireSameSize(b, "SSIM");
    return ssim(a, b, a.width(), a.height(), (1 << depth) - 1, s, step);
  }

  /**
   * The SSIM of {@code a} and {@code b}, {@code width x height} samples of peak {@code peak}: the
   * mean window score, NaN for planes smaller than 8x8 (FFmpeg prints nan).
   */
  private static <P> double ssim(P a, P b, int width, int height, int peak, SsimScratch s, Step<P> step) {
    s.requireFits(width);
    s.usePeak(peak);
    int blocksX = width >> 2;
    int blocksY = height >> 2;
    if (blocksX < 2 || blocksY < 2) {
      return Double.NaN;
    }
    double total = 0;
    for (int by = 0; by < blocksY; by++) {
      s.swapRows();
      step.blockSums(a, b, by, blocksX, s);
      if (by > 0) {
        step.windowScores(s, blocksX - 1);
        total += rowSum(s.windowScores, blocksX - 1);
      }
    }
    return total / ((double) (blocksX - 1) * (blocksY - 1));
  }

  /** A row of window scores summed in double, left to right, as FFmpeg's ssim_endn_8bit does. */
  private static double rowSum(float[] scores, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += scores[i];
    }
    return sum;
  }

  /**
   * The four rows of block row {@code by} of the 8-bit plane {@code p}, widened into {@code rows}
   * one after another, {@code 4 * blocksX} samples each (the columns SSIM reads).
   */
  static void widenBlockRow(Plane p, int by, int blocksX, short[] rows) {
    widenBlockRow(p, by, blocksX, 0, rows);
  }

  /** The same from column {@code x0} on (the vector twin's tails). */
  static void widenBlockRow(Plane p, int by, int blocksX, int x0, short[] rows) {
    int n = 4 * blocksX;
    for (int r = 0; r < 4; r++) {
      int from = p.rowStart(4 * by + r);
      for (int x = x0; x < n; x++) {
        rows[r * n + x] = (short) (p.data()[from + x] & 0xFF);
      }
    }
  }
}
