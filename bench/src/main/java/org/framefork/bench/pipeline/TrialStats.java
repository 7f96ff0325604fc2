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

  /**
   * The plan's chunks, the same in every run: those split off running ones left out (see {@link
   * #splitOffs}). The first run's chunks, split-off ones included, counted as the plan's.
   */
  public int chunks() {
    return trials.getFirst().plannedChunks();
  }

  /**
   * Each run's chunks split off running ones, in round order: the parallel mode's spare workers split
   * them as the chunks' speeds allow, so one run may split more than another. The first run's count
   * stood for every run's.
   */
  public int[] splitOffs() {
    return trials.stream().mapToInt(Trial::splitOff).toArray();
  }

  /** The median over the runs of {@link #splitOffs}: a whole number as an integer (0, not 0.0), a half as 1.5. */
  public Number splitOff() {
    double m = median(t -> t.splitOff());
    return m == Math.rint(m) ? (Number) Math.round(m) : (Number) m;
  }

  /** {@link #splitOffs} for a table's cell: "1" when every run split as many, else each run's in round order, "1, 2, 1". */
  public String splitOffText() {
    int[] each = splitOffs();
    boolean same = java.util.Arrays.stream(each).distinct().count() <= 1;
    return same && each.length > 0 ? Integer.toString(each[0])
        : java.util.Arrays.stream(each).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", "));
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
