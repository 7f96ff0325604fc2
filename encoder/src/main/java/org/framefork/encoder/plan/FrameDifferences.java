package org.framefork.encoder.plan;

/**
 * How much each frame differs from the one before it, in two measures that a hard cut raises
 * together and gradual changes do not: {@code luma[i]}, the mean absolute difference of the two
 * frames' small luma pictures (0 to 255; high in fast motion too), and {@code histogram[i]}, the
 * distance of their luma and colour histograms (0 to 1; high for a change of content, low for
 * motion). Index 0, which has no frame before it, is 0 in both.
 */
public record FrameDifferences(double[] luma, double[] histogram) {
  public FrameDifferences {
    if (luma.length != histogram.length) {
      throw new IllegalArgumentException("luma and histogram differences must cover the same frames");
    }
  }

  public int frameCount() {
    return luma.length;
  }
}
