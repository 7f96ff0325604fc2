package org.framefork.bench.pipeline;

/**
 * One timed run of one contender.
 *
 * @param cpuSeconds CPU time of the process that encoded (this JVM for the engine, the child process
 *     for an external ffmpeg); NaN when unknown
 * @param encodeSeconds the engine's encode stage alone (NaN for an external encoder)
 * @param serialSeconds the engine's stages that do not run in parallel: probe, plan, join, verify
 * @param progressEvents ChunkProgress events the engine emitted (0 for an external encoder)
 */
public record Trial(
    String label,
    int run,
    double wallSeconds,
    double cpuSeconds,
    long frames,
    long outputBytes,
    int chunks,
    int workers,
    double encodeSeconds,
    double serialSeconds,
    long progressEvents) {

  public double fps() {
    return frames / wallSeconds;
  }

  /** Cores kept busy on average: CPU time over wall time. */
  public double coresBusy() {
    return cpuSeconds / wallSeconds;
  }

  /** Progress events per second of the encode stage, per worker: the engine's event rate. */
  public double eventsPerSecondPerWorker() {
    return progressEvents / encodeSeconds / Math.max(1, workers);
  }
}
