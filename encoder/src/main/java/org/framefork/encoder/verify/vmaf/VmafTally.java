package org.framefork.encoder.verify.vmaf;

import java.util.Arrays;

/** The per-frame VMAF scores of a run, pooled as libvmaf pools them, plus low percentiles. */
public final class VmafTally {
  private double[] scores = new double[256];
  private int count;

  public void add(double score) {
    if (count == scores.length) {
      scores = Arrays.copyOf(scores, count * 2);
    }
    scores[count++] = score;
  }

  /** Adds {@code other}'s frames to this tally. */
  public void add(VmafTally other) {
    for (int i = 0; i < other.count; i++) {
      add(other.scores[i]);
    }
  }

  /** The frames' scores so far, in the order they came. */
  public double[] scores() {
    return Arrays.copyOf(scores, count);
  }

  public int count() {
    return count;
  }

  /** Mean, harmonic mean, minimum and the 1st and 5th percentiles; NaN everywhere before the first frame. */
  public VmafSummary summary() {
    if (count == 0) {
      double nan = Double.NaN;
      return new VmafSummary(0, nan, nan, nan, nan, nan);
    }
    double[] s = Arrays.copyOf(scores, count);
    Arrays.sort(s);
    double sum = 0;
    double inverse = 0;
    for (double v : s) {
      sum += v;
      inverse += 1.0 / (v + 1.0);
    }
    return new VmafSummary(count, sum / count, count / inverse - 1.0, s[0], percentile(s, 1), percentile(s, 5));
  }

  /** Linear interpolation between the closest ranks (numpy's default). */
  public static double percentile(double[] sorted, double p) {
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
  }
}
