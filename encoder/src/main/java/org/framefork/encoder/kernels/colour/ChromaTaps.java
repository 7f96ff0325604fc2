package org.framefork.encoder.kernels.colour;

/**
 * The vertical half of RGB to 4:2:0 chroma, as libswscale does it (so that FrameFork's colours
 * match FFmpeg's to a code value): each chroma row is a bicubic (B = 0, C = 0.6, libswscale's
 * default) 2:1 reduction of the full-height chroma, centred between its two luma rows, over eight
 * rows; rows beyond the picture's edge count as the edge row. Weights are fixed point, normalised
 * with libswscale's error diffusion. Made once per picture height.
 */
public final class ChromaTaps {
  /** Fractional bits of the weights: each row's weights sum to {@code 1 << WEIGHT_BITS}. */
  public static final int WEIGHT_BITS = 12;
  /** Rows each chroma row is made from: the kernel's support, 2 on each side, doubled by the 2:1 reduction. */
  public static final int TAPS = 8;

  private final int[][] rows;
  private final int[][] weights;

  /** The taps of a picture {@code height} rows high (its chroma has {@code (height + 1) / 2} rows). */
  public ChromaTaps(int height) {
    int chromaRows = (height + 1) / 2;
    rows = new int[chromaRows][TAPS];
    weights = new int[chromaRows][];
    for (int c = 0; c < chromaRows; c++) {
      double[] raw = new double[TAPS];
      int first = 2 * c - TAPS / 2 + 1;
      for (int k = 0; k < TAPS; k++) {
        // Centre of chroma row c in luma rows: 2c + 0.5; the kernel is stretched 2x.
        double distance = Math.abs(first + k - (2 * c + 0.5)) / 2;
        int row = Math.clamp(first + k, 0, height - 1);
        rows[c][k] = row;
        raw[k] = bicubic(distance);
      }
      weights[c] = normalised(raw);
    }
  }

  /** The rows chroma row {@code c} is made from (edge rows repeated where the filter passes an edge). */
  public int[] rows(int c) {
    return rows[c];
  }

  /** The weights of {@link #rows}, summing to {@code 1 << WEIGHT_BITS}. */
  public int[] weights(int c) {
    return weights[c];
  }

  public int chromaRows() {
    return rows.length;
  }

  /** libswscale's bicubic with B = 0, C = 0.6. */
  static double bicubic(double d) {
    double c = 0.6;
    if (d < 1) {
      return ((12 - 6 * c) * d * d * d + (-18 + 6 * c) * d * d + 6) / 6;
    }
    if (d < 2) {
      return (-6 * c * d * d * d + 30 * c * d * d - 48 * c * d + 24 * c) / 6;
    }
    return 0;
  }

  /** Scales {@code raw} to sum to {@code 1 << WEIGHT_BITS}, carrying each rounding error into the next weight. */
  private static int[] normalised(double[] raw) {
    double sum = 0;
    for (double w : raw) {
      sum += w;
    }
    int[] out = new int[raw.length];
    double error = 0;
    for (int k = 0; k < raw.length; k++) {
      double v = raw[k] * (1 << WEIGHT_BITS) / sum + error;
      out[k] = (int) Math.round(v);
      error = v - out[k];
    }
    return out;
  }
}
