package org.framefork.bench.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one contender and their medians. Medians, not means: on a machine where anything else
 * runs, one slow run is an outlier to ignore, not a sample to average in.
 *
 * @param keptOutput the first run's output, when the caller asked to keep it (for SSIM); else null
 */
public record TrialStats(String label, List<Trial> trials, Path keptOutput) {

  public double wall() {
    return median(Trial::wallSeconds);
  }

  public double cpu() {
    return median(Trial::cpuSeconds);
  }

  public double serial() {
    return median(Trial::serialSeconds);
  }

  public double encode() {
    return median(Trial::encodeSeconds);
  }

  public double minWall() {
    return trials.stream().mapToDouble(Trial::wallSeconds).min().orElse(Double.NaN);
  }

  public double maxWall() {
    return trials.stream().mapToDouble(Trial::wallSeconds).max().orElse(Double.NaN);
  }

  public long frames() {
    return trials.getFirst().frames();
  }

  public double fps() {
    return frames() / wall();
  }

  /** Output size of the first run: x264 is deterministic at fixed settings, so every run's is the same. */
  public long bytes() {
    return trials.getFirst().outputBytes();
  }

  public int chunks() {
    return trials.getFirst().chunks();
  }

  /** The first run's chunks split off running ones (the parallel mode's spare workers split them). */
  public int splitOff() {
    return trials.getFirst().splitOff();
  }

  public Trial first() {
    return trials.getFirst();
  }

  /**
   * The median over the rounds of {@code f(num's run) / f(den's run)}, each pair from the same
   * round. The bench interleaves its contenders round by round, so the runs of one round meet the
   * machine in about the same state; on a shared machine whose speed drifts by 10% in minutes this
   * is steadier than a ratio of two medians, which may come from different rounds. Rounds missing
   * from either side are left out.
   */
  public static double pairedRatio(TrialStats num, TrialStats den, ToDoubleFunction<Trial> f) {
    return median(pairedRatios(num, den, f));
  }

  /** The ratios {@link #pairedRatio} takes the median of, one per round, in the order of the rounds. */
  public static double[] pairedRatios(TrialStats num, TrialStats den, ToDoubleFunction<Trial> f) {
    return paired(num, den, (n, d) -> f.applyAsDouble(n) / f.applyAsDouble(d)).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * {@code f} of each round's run of {@code a} and run of {@code b}, in {@code a}'s order of rounds;
   * rounds missing from either side are left out.
   */
  public static <R> List<R> paired(TrialStats a, TrialStats b, java.util.function.BiFunction<Trial, Trial, R> f) {
    java.util.Map<Integer, Trial> byRun = new java.util.HashMap<>();
    for (Trial t : b.trials()) {
      byRun.put(t.run(), t);
    }
    return a.trials().stream().filter(t -> byRun.containsKey(t.run())).map(t -> f.apply(t, byRun.get(t.run()))).toList();
  }

  /** The rounds' ratios as text for a report: "1.43, 1.33, 1.00" (two decimals, in round order). */
  public static String roundsText(double[] ratios) {
    return java.util.Arrays.stream(ratios).mapToObj(r -> String.format(java.util.Locale.ROOT, "%.2f", r))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** {@link #pairedRatio} of wall times: how many times faster {@code den} ran than {@code num}. */
  public static double pairedWallRatio(TrialStats num, TrialStats den) {
    return pairedRatio(num, den, Trial::wallSeconds);
  }

  public double median(ToDoubleFunction<Trial> f) {
    double[] v = trials.stream().mapToDouble(f).toArray();
    return median(v);
  }

  /** The median of the values that are numbers (NaN, from a run that could not tell, is left out); NaN if none. */
  static double median(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
