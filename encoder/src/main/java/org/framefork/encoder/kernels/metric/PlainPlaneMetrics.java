package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/** The reference metrics: one sample at a time. */
public final class PlainPlaneMetrics implements PlaneMetrics {

  @Override
  public long sad(Plane a, Plane b) {
    a.requireSameSize(b, "SAD");
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += sadRow(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width());
    }
    return total;
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
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += sseRow(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width());
    }
    return total;
  }

  static long sseRow(byte[] a, int aRow, byte[] b, int bRow, int x0, int x1) {
    long sum = 0;
    for (int x = x0; x < x1; x++) {
      int d = (a[aRow + x] & 0xFF) - (b[bRow + x] & 0xFF);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public double ssim(Plane a, Plane b, SsimScratch scratch) {
    a.requireSameSize(b, "SSIM");
    scratch.requireFits(a.width());
    int blocksX = a.width() >> 2;
    int blocksY = a.height() >> 2;
    if (blocksX < 2 || blocksY < 2) {
      return Double.NaN;
    }
    double total = 0;
    for (int by = 0; by < blocksY; by++) {
      scratch.swapRows();
      blockSums(a, b, by, 0, blocksX, scratch);
      if (by > 0) {
        windowScores(scratch, 0, blocksX - 1);
        total += sumScores(scratch.windowScores, blocksX - 1);
      }
    }
    return total / ((double) (blocksX - 1) * (blocksY - 1));
  }

  /** Sums of the 4x4 blocks {@code [bx0, bx1)} of block row {@code by}, into the current row. */
  static void blockSums(Plane a, Plane b, int by, int bx0, int bx1, SsimScratch s) {
    byte[] pa = a.data();
    byte[] pb = b.data();
    for (int bx = bx0; bx < bx1; bx++) {
      int s1 = 0, s2 = 0, ss = 0, s12 = 0;
      for (int y = 4 * by; y < 4 * by + 4; y++) {
        int ra = a.rowStart(y) + 4 * bx;
        int rb = b.rowStart(y) + 4 * bx;
        for (int x = 0; x < 4; x++) {
          int va = pa[ra + x] & 0xFF;
          int vb = pb[rb + x] & 0xFF;
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

  /** Scores of the windows {@code [i0, i1)} between the previous and the current block row. */
  static void windowScores(SsimScratch s, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      s.windowScores[i] = SsimScratch.windowScore(
          s.sumA[i] + s.sumA[i + 1] + s.prevSumA[i] + s.prevSumA[i + 1],
          s.sumB[i] + s.sumB[i + 1] + s.prevSumB[i] + s.prevSumB[i + 1],
          s.sumSquares[i] + s.sumSquares[i + 1] + s.prevSumSquares[i] + s.prevSumSquares[i + 1],
          s.sumProducts[i] + s.sumProducts[i + 1] + s.prevSumProducts[i] + s.prevSumProducts[i + 1]);
    }
  }

  /** Sums a row of window scores in double, left to right, as FFmpeg's ssim_endn_8bit does. */
  static double sumScores(float[] scores, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += scores[i];
    }
    return sum;
  }

  @Override
  public long sse(Plane16 a, Plane16 b) {
    a.requireSameSize(b, "SSE");
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      total += sseRow16(a.data(), a.rowStart(y), b.data(), b.rowStart(y), 0, a.width());
    }
    return total;
  }

  static long sseRow16(short[] a, int aRow, short[] b, int bRow, int x0, int x1) {
    long sum = 0;
    for (int x = x0; x < x1; x++) {
      long d = (a[aRow + x] & 0xFFFF) - (b[bRow + x] & 0xFFFF);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public double ssim(Plane16 a, Plane16 b, int depth, SsimScratch scratch) {
    PlaneMetrics.requireDepth16(depth);
    a.requireSameSize(b, "SSIM");
    scratch.requireFits(a.width());
    int blocksX = a.width() >> 2;
    int blocksY = a.height() >> 2;
    if (blocksX < 2 || blocksY < 2) {
      return Double.NaN;
    }
    double total = 0;
    for (int by = 0; by < blocksY; by++) {
      scratch.swapRows();
      blockSums16(a, b, by, 0, blocksX, scratch);
      if (by > 0) {
        windowScores16(scratch, blocksX - 1, (1 << depth) - 1);
        total += sumScores(scratch.windowScores, blocksX - 1);
      }
    }
    return total / ((double) (blocksX - 1) * (blocksY - 1));
  }

  /** As {@link #blockSums} for 16-bit samples; ints hold a block's sums of 10-bit samples. */
  static void blockSums16(Plane16 a, Plane16 b, int by, int bx0, int bx1, SsimScratch s) {
    short[] pa = a.data();
    short[] pb = b.data();
    for (int bx = bx0; bx < bx1; bx++) {
      int s1 = 0, s2 = 0, ss = 0, s12 = 0;
      for (int y = 4 * by; y < 4 * by + 4; y++) {
        int ra = a.rowStart(y) + 4 * bx;
        int rb = b.rowStart(y) + 4 * bx;
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
   * Scores of the first {@code windows} windows between the previous and the current block row,
   * for samples of peak {@code peak}: a window's four-block sums still fit an int at 10 bits, their
   * products do not, so they are widened first.
   */
  static void windowScores16(SsimScratch s, int windows, int peak) {
    for (int i = 0; i < windows; i++) {
      s.windowScores[i] = SsimScratch.windowScore16(
          (long) s.sumA[i] + s.sumA[i + 1] + s.prevSumA[i] + s.prevSumA[i + 1],
          (long) s.sumB[i] + s.sumB[i + 1] + s.prevSumB[i] + s.prevSumB[i + 1],
          (long) s.sumSquares[i] + s.sumSquares[i + 1] + s.prevSumSquares[i] + s.prevSumSquares[i + 1],
          (long) s.sumProducts[i] + s.sumProducts[i + 1] + s.prevSumProducts[i] + s.prevSumProducts[i + 1], peak);
    }
  }
}
