package org.framefork.bench.pipeline;

/**
 * Amdahl's law with a measured serial fraction. The fraction is not fitted to the curve: it is the
 * share of the 1-worker wall time that the job spends outside the encode stage (probe, plan, join,
 * verify: the stages that run on one thread whatever the workers), from the job's own report. The
 * prediction for N workers is {@code 1 / (s + (1 - s) / min(N, cores))}: workers beyond the cores
 * add threads, not processors, so the law is applied to the processors.
 *
 * @param serialSeconds median time outside the encode stage at 1 worker
 * @param wallSeconds median wall time at 1 worker
 */
public record AmdahlFit(double serialSeconds, double wallSeconds, int cores) {

  public double serialFraction() {
    return serialSeconds / wallSeconds;
  }

  public double predictedSpeedup(int workers) {
    double s = serialFraction();
    return 1 / (s + (1 - s) / Math.min(workers, cores));
  }

  /** The most any number of workers could give on this machine: the prediction at the core count. */
  public double ceiling() {
    return predictedSpeedup(cores);
  }

  /**
   * The Karp–Flatt metric: the serial fraction that a measured speedup implies, {@code (1/S - 1/N) /
   * (1 - 1/N)}. Constant and equal to {@link #serialFraction()} if Amdahl's model explains the curve;
   * growing with N when something else (contention for memory, oversubscription, load imbalance at
   * the end of the job) costs more as workers are added.
   */
  public static double karpFlatt(double speedup, int workers) {
    if (workers <= 1) {
      return Double.NaN;
    }
    return (1 / speedup - 1.0 / workers) / (1 - 1.0 / workers);
  }
}
