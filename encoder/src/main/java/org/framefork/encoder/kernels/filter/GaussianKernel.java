package org.framefork.encoder.kernels.filter;

import java.util.Arrays;

/**
 * A normalised 1-D Gaussian with integer weights that sum to exactly 256 (8 fractional bits),
 * used along both axes of a separable blur. Sigma is half the radius, so the outermost taps carry
 * about 13% of the centre weight. At most 255 * 256 accumulates per sample, which fits an unsigned
 * 16-bit lane: the Vector API blur multiplies and sums in shorts.
 */
public final class GaussianKernel {
  /** Radii above this cost more than they blur; use a downscale and upscale instead. */
  public static final int MAX_RADIUS = 32;
  /** Fractional bits of the weights, and the half that rounds a weighted sum. */
  static final int BITS = 8;
  static final int HALF = 1 << (BITS - 1);

  private final int radius;
  private final int[] weights;

  public GaussianKernel(int radius) {
    if (radius < 0 || radius > MAX_RADIUS) {
      throw new IllegalArgumentException(
          "blur radius must be in [0, " + MAX_RADIUS + "], not " + radius);
    }
    this.radius = radius;
    weights = new int[2 * radius + 1];
    double sigma = Math.max(radius / 2.0, 1e-3);
    double[] exact = new double[weights.length];
    double total = 0;
    for (int k = -radius; k <= radius; k++) {
      exact[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
      total += exact[k + radius];
    }
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (int) Math.round(exact[i] / total * 256);
      sum += weights[i];
    }
    weights[radius] += 256 - sum; // rounding slack goes to the centre
  }

  public int radius() {
    return radius;
  }

  /** Weight of tap {@code k} in {@code [-radius, radius]}. */
  public int weight(int k) {
    return weights[k + radius];
  }

  int[] weights() {
    return weights;
  }

  /** One pass of a separable blur over row {@code y}, columns [x0, x1), on planes of type {@code P}. */
  @FunctionalInterface
  interface Pass<P> {
    void row(P src, P dst, GaussianKernel kernel, int y, int x0, int x1);
  }

  /**
   * The blur's two passes over planes of {@code width x height}: every row vertically into {@code
   * scratch}, then every row horizontally into {@code dst}, which may be {@code src} (the vertical
   * pass has read all of it by then).
   */
  <P> void blur(P src, P dst, P scratch, int width, int height, Pass<P> vertical, Pass<P> horizontal) {
    for (int y = 0; y < height; y++) {
      vertical.row(src, scratch, this, y, 0, width);
    }
    for (int y = 0; y < height; y++) {
      horizontal.row(scratch, dst, this, y, 0, width);
    }
  }

  @Override
  public String toString() {
    return "GaussianKernel" + Arrays.toString(weights);
  }
}
