package org.framefork.encoder.kernels.metric;

/**
 * Working memory for {@link PlaneMetrics#ssim}: two rows of 4x4 block sums (one array per sum, so
 * that vector code loads neighbouring blocks contiguously) and one row of window scores. Made once
 * for the widest plane it will see; serves one thread at a time.
 */
public final class SsimScratch {
  /** 64 * (0.01 * 255)^2, rounded: FFmpeg's ssim_c1 for 8-bit samples. */
  static final int C1 = (int) (.01 * .01 * 255 * 255 * 64 + .5);
  /** 64 * 63 * (0.03 * 255)^2, rounded: FFmpeg's ssim_c2 for 8-bit samples. */
  static final int C2 = (int) (.03 * .03 * 255 * 255 * 64 * 63 + .5);

  final int maxWidth;
  /** Per block of the current and the previous block row: sum a, sum b, sum a^2 + b^2, sum ab. */
  int[] sumA;
  int[] sumB;
  int[] sumSquares;
  int[] sumProducts;
  int[] prevSumA;
  int[] prevSumB;
  int[] prevSumSquares;
  int[] prevSumProducts;
  final float[] windowScores;
  /** FFmpeg's ssim_c1 and ssim_c2 for the peak of the planes being compared ({@link #usePeak}). */
  long c1;
  long c2;
  /** An 8-bit block row's four rows of each plane, widened to 16 bits ({@link SsimRows#widenBlockRow}). */
  final short[] widenedA;
  final short[] widenedB;
  /** Column sums over one block row (for implementations that sum columns first). */
  final int[] columnA;
  final int[] columnB;
  final int[] columnSquares;
  final int[] columnProducts;

  public SsimScratch(int maxWidth) {
    if (maxWidth < 1) {
      throw new IllegalArgumentException("width must be positive, not " + maxWidth);
    }
    this.maxWidth = maxWidth;
    int blocks = maxWidth / 4 + 1;
    sumA = new int[blocks];
    sumB = new int[blocks];
    sumSquares = new int[blocks];
    sumProducts = new int[blocks];
    prevSumA = new int[blocks];
    prevSumB = new int[blocks];
    prevSumSquares = new int[blocks];
    prevSumProducts = new int[blocks];
    windowScores = new float[blocks];
    columnA = new int[4 * blocks];
    columnB = new int[4 * blocks];
    columnSquares = new int[4 * blocks];
    columnProducts = new int[4 * blocks];
    widenedA = new short[4 * 4 * blocks];
    widenedB = new short[4 * 4 * blocks];
  }

  /** Sets {@link #c1} and {@link #c2} for samples of peak {@code peak}: 255 gives {@link #C1} and {@link #C2}. */
  void usePeak(int peak) {
    c1 = (long) (.01 * .01 * peak * peak * 64 + .5);
    c2 = (long) (.03 * .03 * peak * peak * 64 * 63 + .5);
  }

  /** Makes the current block row the previous one (and the old previous row free to refill). */
  void swapRows() {
    int[] t = sumA;
    sumA = prevSumA;
    prevSumA = t;
    t = sumB;
    sumB = prevSumB;
    prevSumB = t;
    t = sumSquares;
    sumSquares = prevSumSquares;
    prevSumSquares = t;
    t = sumProducts;
    sumProducts = prevSumProducts;
    prevSumProducts = t;
  }

  void requireFits(int width) {
    if (width > maxWidth) {
      throw new IllegalArgumentException(
          "SSIM scratch is for planes up to " + maxWidth + " wide, not " + width);
    }
  }

  /**
   * FFmpeg's ssim_end1 (ssim_end1x above 8 bits): the SSIM of one 8x8 window from its four sums,
   * with the constants of {@link #usePeak}. The products are 64-bit integers (a window's sum of
   * 10-bit samples squared passes an int; at 8 bits they are the int products FFmpeg makes, which
   * never overflow), the score is evaluated in float in FFmpeg's order, so the result is the same
   * float.
   */
  float windowScore(long s1, long s2, long ss, long s12) {
    long vars = ss * 64 - s1 * s1 - s2 * s2;
    long covar = s12 * 64 - s1 * s2;
    return (float) (2 * s1 * s2 + c1) * (float) (2 * covar + c2) / ((float) (s1 * s1 + s2 * s2 + c1) * (float) (vars + c2));
  }
}
