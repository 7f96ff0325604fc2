package org.framefork.bench.pipeline;

/**
 * One timed run of one contender.
 *
 * @param cpuSeconds CPU time of the process that encoded (this JVM for the engine, the child process
 *     for an external ffmpeg); NaN when unknown
 * @param encodeSeconds the engine's encode stage alone (NaN for an external encoder)
 * @param serialSeconds the engine's stages that do not run in parallel: probe, plan, join, verify
 * @param progressEvents ChunkProgress events the engine emitted (0 for an external encoder)
 * @param chunkSeconds the chunks' own times added up (each from its encoder's opening to its last
 *     packet); NaN for an external encoder
 * @param idleSeconds worker-seconds of the encode stage spent in no chunk: {@code workers x
 *     encodeSeconds - chunkSeconds} (starting, between chunks, and waiting at the end); NaN for an
 *     external encoder
 * @param tailIdleSeconds the part of idleSeconds after each worker's last chunk, while others still
 *     encoded (a worker that got no chunk counts the whole stage)
 * @param splitOff of the {@code chunks}, those split off running ones (the plan's are the rest)
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
    long progressEvents,
    double chunkSeconds,
    double idleSeconds,
    double tailIdleSeconds,
    int splitOff) {

  /** A run of an encoder outside the engine: no stages, no chunks. */
  static Trial external(String label, int run, double wallSeconds, double cpuSeconds, long frames, long outputBytes) {
    return new Trial(label, run, wallSeconds, cpuSeconds, frames, outputBytes, 1, 1, Double.NaN, Double.NaN, 0, Double.NaN,
        Double.NaN, Double.NaN, 0);
  }

  /** The plan's chunks: those the run split off running ones left out. */
  public int plannedChunks() {
    return chunks - splitOff;
  }

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
