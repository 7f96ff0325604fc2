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

  /**
   * {@code mean}, or {@code pN} for the N-th percentile ({@code p5}, {@code p10}, {@code p50} ...): N
   * from 0 (the worst frame) to 100 (the best), a fraction too ({@code p2.5}).
   */
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
    throw new IllegalArgumentException("'" + text + "' is no pooling; use mean or pN for the N-th percentile, N 0 (the worst "
        + "frame) to 100 (the best): p5, p10, ...");
  }

  /** {@link #parse}, for a command line's {@code option}: a refusal names it ({@code --quality-pool p200: ...}). */
  public static Pooling parseOption(String option, String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + text + ": " + e.getMessage(), e);
    }
  }

  /** The fewest frames {@link #deciding} picks: a short chunk's percentile rests on a handful of frames. */
  static final int MIN_DECIDING = 8;

  /**
   * The pooled score of {@code scores} (not changed); NaN for none. A percentile counts a NaN as a
   * frame that was not scored because it scores above every frame that was (see {@link
   * #deciding}): the percentile then comes out as if all had been scored, as long as it falls on
   * scored frames, and NaN when it does not.
   */
  public double apply(double[] scores) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    if (mean) {
      return Arrays.stream(scores).average().orElse(Double.NaN);
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted); // NaN last, as if above every score
    return VmafTally.percentile(sorted, percentile);
  }

  /**
   * Which frames decide a low percentile, judged from one probe's frame scores (NaN: not scored,
   * never picked): the lowest quarter of those scored (at least four times the percentile, and
   * {@value #MIN_DECIDING} frames). A chunk's hard frames stay its hard frames from one CRF to the
   * next, so its later probes need to score only these; null (every frame) for the mean, a high
   * percentile, or when they would be nearly all.
   */
  public boolean[] deciding(double[] scores) {
    if (mean || percentile > 25) {
      return null;
    }
    int n = (int) Arrays.stream(scores).filter(v -> !Double.isNaN(v)).count();
    int k = Math.max((int) Math.ceil(n * Math.max(0.25, 4 * percentile / 100)), Math.min(n, MIN_DECIDING));
    if (k * 4 > n * 3) {
      return null;
    }
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b])); // NaN last
    boolean[] pick = new boolean[scores.length];
    for (int i = 0; i < k; i++) {
      pick[order[i]] = true;
    }
    return pick;
  }

  @Override
  public String toString() {
    return mean ? "mean" : "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile));
  }
}
