package org.framefork.encoder.quality;

import java.util.List;

/**
 * Target quality's part of a job's report.
 *
 * @param band the band aimed at, as {@code --target-quality} takes it ({@code vmaf=92.07-93.93})
 * @param pooling how each chunk's frame scores were pooled ({@code p5}, {@code mean})
 * @param probeSeconds all chunks' probes, added up
 * @param encodeSeconds all chunks' final encodes, added up
 * @param probeCpuSeconds the probes' CPU time (a chunk's probes run on its worker's thread)
 * @param encodeCpuSeconds the final encodes' CPU time; NaN when chunks ran on other machines
 * @param chunksInBand the chunks whose final score lies in the band
 * @param finalStdDev the spread of the chunks' final scores (population standard deviation)
 */
public record TargetQualityReport(QualityMetric metric, String band, double target, String pooling, int maxProbes,
    String probePreset, int probeRate, double probeSeconds, double encodeSeconds, double probeCpuSeconds, double encodeCpuSeconds,
    int chunksInBand,
    double finalMean, double finalStdDev, List<ChunkTarget> chunks) {

  /** The probes' time over the final encodes'. */
  public double probeRatio() {
    return encodeSeconds > 0 ? probeSeconds / encodeSeconds : 0;
  }

  /**
   * The probes' CPU time over the final encodes': the cost the probes add, which wall times on a
   * machine shared with other work only approximate (each is timed under the load of its moment).
   */
  public double probeCpuRatio() {
    return encodeCpuSeconds > 0 ? probeCpuSeconds / encodeCpuSeconds : Double.NaN;
  }
}
