package org.framefork.encoder.quality;

import java.util.Arrays;
import java.util.Locale;
import org.framefork.encoder.verify.vmaf.VmafTally;

/**
 * How a chunk's frame scores make its one score: a low percentile by default, so that no stretch
 * of a chunk falls far below the target while its mean looks fine; or the mean.
 *
 * @param percentile the percentile taken (0 to 100) unless {@code mean}
 */
public record Pooling(boolean mean, double percentile) {
  /** The 5th percentile: what target quality aims at unless told otherwise. */
  public static final Pooling DEFAULT = new Pooling(false, 5);

  public Pooling {
    if (!mean && !(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("a percentile is 0 to 100, not " + percentile);
    }
  }

  /** {@code mean}, or {@code pN} for the N-th percentile ({@code p5}, {@code p10}, {@code p50} ...). */
  public static Pooling parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("mean")) {
      return new Pooling(true, 0);
    }
    try {
      if (t.startsWith("p")) {
        double p = Double.parseDouble(t.substring(1));
        if (p >= 0 && p <= 100) {
          return new Pooling(false, p);
        }
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("'" + text + "' is no pooling; use mean or pN for the N-th percentile (p5, p10, ...)");
  }

  /** The pooled score of {@code scores} (not changed); NaN for none. */
  public double apply(double[] scores) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    if (mean) {
      return Arrays.stream(scores).average().orElse(Double.NaN);
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    return VmafTally.percentile(sorted, percentile);
  }

  @Override
  public String toString() {
    return mean ? "mean" : "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile));
  }
}
