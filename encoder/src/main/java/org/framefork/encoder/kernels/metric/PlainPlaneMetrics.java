package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/**
 * The reference metrics: one sample at a time. The 8- and 16-bit kernels share their drivers; only
 * the loops that read samples come twice (a byte and a short array are different types to Java).
 */
public final class PlainPlaneMetrics implements PlaneMetrics {

  @Override
  public long sad(Plane a, Plane b) {
    a.requireSameSize(b, "SAD");
    return sumOverRows(a, b, false);
  }

  static int sadRow(byte[] a, int aRow, byte[] b, int bRow, int x0, int x1) {
    int sum = 0;
    for (int x = x0; x < x1; x++) {
      sum += Math.abs((a[aRow + x] & 0xFF) - (b[bRow + x] & 0xFF));
    }
    return sum;
  }

  @Override
  public long sse(Plane a, Plane b) {
    a.requireSameSize(b, "SSE");
    return sumOverRows(a, b, true);
  }

  static long sseRow(byte[] a, int aRow, byte[] b, int bRow, int x0, int x1) {
    long sum = 0;
    for (int x = x0; x < x1; x++) {
      int d = (a[aRow + x] & 0xFF) - (b[bRow + x] & 0xFF);
      sum += d * d;
    }
    return sum;
  }

  /** SSE ({@code squared}) or SAD, row by row. */
  private static long sumOverRows(Plane a, Plane b, boolean squared) {
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += squared ? sseRow(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width())
          : sadRow(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width());
    }
    return total;
  }

  @Override
  public long sad(Plane16 a, Plane16 b) {
    return sumOverRows(a, b, "SAD", false, ROW16);
  }

  /** One row's sum of squared or absolute differences of 16-bit samples: each twin has its loop. */
  @FunctionalInterface
  interface DifferenceRow16 {
    long sum(short[] a, int aRow, short[] b, int bRow, int width, boolean squared);
  }

  /** SSE ({@code squared}) or SAD of 16-bit planes ({@code what} names it), row by row with {@code row}. */
  static long sumOverRows(Plane16 a, Plane16 b, String what, boolean squared, DifferenceRow16 row) {
    a.requireSameSize(b, what);
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += row.sum(a.data(), a.rowStart(y), b.data(), b.rowStart(y), a.width(), squared);
    }
    return total;
  }

  /**
   * The loop as it was, not through {@link #sumOverRows(Plane16, Plane16, String, boolean,
   * DifferenceRow16)}: through it, JMH measured this up to 35% slower (on a noisy machine).
   */
  @Override
  public long sse(Plane16 a, Plane16 b) {
    a.requireSameSize(b, "SSE");
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += sseRow16(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width());
    }
    return total;
  }

  private static final DifferenceRow16 ROW16 = (a, aRow, b, bRow, width, squared) ->
      squared ? sseRow16(a, aRow, b, bRow, 0, width) : sadRow16(a, aRow, b, bRow, 0, width);

  static long sadRow16(short[] a, int aRow, short[] b, int bRow, int x0, int x1) {
    long sum = 0;
    for (int x = x0; x < x1; x++) {
      sum += Math.abs((a[aRow + x] & 0xFFFF) - (b[bRow + x] & 0xFFFF));
    }
    return sum;
  }

  static long sseRow16(short[] a, int aRow, short[] b, int bRow, int x0, int x1) {
    long sum = 0;
    for (int x = x0; x < x1; x++) {
      int d = (a[aRow + x] & 0xFFFF) - (b[bRow + x] & 0xFFFF);
      sum += (long) d * d; // a 16-bit difference squared passes an int
    }
    return sum;
  }

  @Override
  public double ssim(Plane a, Plane b, SsimScratch scratch) {
    return SsimRows.ssim(a, b, scratch, EIGHT_BIT);
  }

  /** 8-bit planes: each block row widened to 16 bits first, then summed as a 16-bit plane's. */
  private static final SsimRows.Step<Plane> EIGHT_BIT = (a, b, by, blocksX, s) -> {
    SsimRows.widenBlockRow(a, by, blocksX, s.widenedA);
    SsimRows.widenBlockRow(b, by, blocksX, s.widenedB);
    blockSums(s.widenedA, 0, 4 * blocksX, s.widenedB, 0, 4 * blocksX, 0, blocksX, s);
  };

  @Override
  public double ssim(Plane16 a, Plane16 b, int depth, SsimScratch scratch) {
    return SsimRows.ssim(a, b, depth, scratch, SIXTEEN_BIT);
  }

  private static final SsimRows.Step<Plane16> SIXTEEN_BIT = (a, b, by, blocksX, s) ->
      blockSums(a.data(), a.rowStart(4 * by), a.stride(), b.data(), b.rowStart(4 * by), b.stride(), 0, blocksX, s);

  /**
   * Sums of the 4x4 blocks {@code [bx0, bx1)} of the four rows of 16-bit samples that start at
   * {@code aRow} and {@code bRow}, {@code aStride} and {@code bStride} apart, into the current row
   * of block sums. Ints hold a block's sums of samples of up to 10 bits.
   */
  static void blockSums(short[] pa, int aRow, int aStride, short[] pb, int bRow, int bStride, int bx0, int bx1,
      SsimScratch s) {
    for (int bx = bx0; bx < bx1; bx++) {
      int s1 = 0, s2 = 0, ss = 0, s12 = 0;
      for (int y = 0; y < 4; y++) {
        int ra = aRow + y * aStride + 4 * bx;
        int rb = bRow + y * bStride + 4 * bx;
        for (int x = 0; x < 4; x++) {
          int va = pa[ra + x] & 0xFFFF;
          int vb = pb[rb + x] & 0xFFFF;
          s1 += va;
          s2 += vb;
          ss += va * va + vb * vb;
          s12 += va * vb;
        }
      }
      s.sumA[bx] = s1;
      s.sumB[bx] = s2;
      s.sumSquares[bx] = ss;
      s.sumProducts[bx] = s12;
    }
  }

  /**
   * Scores of the windows {@code [i0, i1)} between the previous and the current block row: a
   * window's four-block sums fit an int at 10 bits, their products do not, so they are widened first.
   */
  static void windowScores(SsimScratch s, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      s.windowScores[i] = s.windowScore(
          (long) s.sumA[i] + s.sumA[i + 1] + s.prevSumA[i] + s.prevSumA[i + 1],
          (long) s.sumB[i] + s.sumB[i + 1] + s.prevSumB[i] + s.prevSumB[i + 1],
          (long) s.sumSquares[i] + s.sumSquares[i + 1] + s.prevSumSquares[i] + s.prevSumSquares[i + 1],
          (long) s.sumProducts[i] + s.sumProducts[i + 1] + s.prevSumProducts[i] + s.prevSumProducts[i + 1]);
    }
  }
}
