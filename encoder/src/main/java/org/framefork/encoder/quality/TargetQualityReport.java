package org.framefork.encoder.quality;

import java.util.List;

/**
 * Target quality's part of a job's report.
 *
 * @param band the band aimed at, as {@code --target-quality} takes it ({@code vmaf=92.07-93.93})
 * @param pooling how each chunk's frame scores were pooled ({@code p5}, {@code mean})
 * @param probeSeconds all chunks' probes, the decoding of their pictures and the final encodes they
 *     gave up, added up, from every run of a resumed job
 * @param encodeSeconds all chunks' final encodes, added up
 * @param probeCpuSeconds their CPU time; NaN where not all of it ran on the workers' threads (see
 *     {@code CpuClock})
 * @param encodeCpuSeconds the final encodes' CPU time; NaN likewise
 * @param checkSeconds measuring the chunks' final encodes on every frame, as soon as each was made
 *     (the measure the output's quality check takes as it is), added up; {@code checkCpuSeconds}
 *     its CPU time (NaN likewise)
 * @param chunksInBand the chunks whose final score lies in the band
 * @param finalStdDev the spread of the chunks' final scores (population standard deviation)
 */
public record TargetQualityReport(QualityMetric metric, String band, double target, String pooling, int maxProbes,
    String probePreset, int probeRate, double probeSeconds, double encodeSeconds, double probeCpuSeconds, double encodeCpuSeconds,
    double checkSeconds, double checkCpuSeconds, int chunksInBand,
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
