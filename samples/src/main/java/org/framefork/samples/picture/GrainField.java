package org.framefork.samples.picture;

import org.framefork.samples.script.Dice;

/**
 * Film grain: fresh seeded noise in every frame, as a camera sensor makes. It is what makes real
 * footage expensive to encode (nothing in it can be predicted from the previous frame), and what a
 * scene-cut detector must learn to ignore.
 *
 * <p>Each sample is the sum of two uniform bytes, a triangular distribution: close enough to a
 * sensor's Gaussian to look right, and two bytes of one 64-bit draw make it cheap.
 */
final class GrainField {
  /** Standard deviation of (byte + byte - 255). */
  private static final double TRIANGLE_SIGMA = 104.5;

  private final long seed;

  GrainField(long seed) {
    this.seed = seed;
  }

  /** Fixed-point strength for {@link #row} that gives noise of standard deviation {@code sigma} levels. */
  static int strength(double sigma) {
    return (int) Math.round(Math.max(0, sigma) * 256 / TRIANGLE_SIGMA);
  }

  /** Fills {@code out[0, n)} with the grain of one row of one plane (0 = Y, 1 = U, 2 = V). */
  void row(int frame, int plane, int row, int strength, short[] out, int n) {
    if (strength == 0) {
      java.util.Arrays.fill(out, 0, n, (short) 0);
      return;
    }
    long state = Dice.derive(seed, frame, plane, row);
    for (int x = 0; x < n; x += 4) {
      state += 0x9E3779B97F4A7C15L;
      long z = Dice.mix(state);
      for (int j = 0; j < 4 && x + j < n; j++) {
        int shift = 16 * j;
        int triangle = (int) ((z >>> shift) & 0xFF) + (int) ((z >>> (shift + 8)) & 0xFF) - 255;
        out[x + j] = (short) ((triangle * strength + 128) >> 8);
      }
    }
  }
}
