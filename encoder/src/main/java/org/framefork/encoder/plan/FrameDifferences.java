package org.framefork.encoder.plan;

/**
 * How much each frame differs from the one before it, in two measures that a hard cut raises
 * together and gradual changes do not: {@code luma[i]}, the mean absolute difference of the two
 * frames' small luma pictures (0 to 255; high in fast motion too), and {@code histogram[i]}, the
 * distance of their luma and colour histograms (0 to 1; high for a change of content, low for
 * motion). Index 0, which has no frame before it, is 0 in both.
 *
 * <p>{@code depth} is the bits per sample the pictures were compared at: 8, or 10 for a deeper
 * source. The luma difference is in 8-bit levels either way (divided by the depth's peak, times
 * 255), so that {@link SceneCuts}' thresholds mean the same at any depth.
 */
public record FrameDifferences(double[] luma, double[] histogram, int depth) {
  public FrameDifferences {
    if (luma.length != histogram.length) {
      throw new IllegalArgumentException("luma and histogram differences must cover the same frames");
    }
  }

  /** Differences measured on 8-bit pictures. */
  public FrameDifferences(double[] luma, double[] histogram) {
    this(luma, histogram, 8);
  }

  public int frameCount() {
    return luma.length;
  }
}
