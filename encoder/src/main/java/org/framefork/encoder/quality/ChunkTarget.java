package org.framefork.encoder.quality;

import java.util.List;
import java.util.stream.Collectors;
import org.framefork.encoder.encode.EncodeSettings;

/**
 * What target quality did for one chunk: the probes, the CRF it took and what that scored.
 *
 * @param chunk the chunk's number in time order (the output's order)
 * @param probes the probe encodes, in the order they ran (CRF and pooled score)
 * @param predicted the score the probes predicted for {@code crf}
 * @param finalScore the final encode's pooled score, measured on all of its frames
 * @param inBand whether {@code finalScore} lies in the band
 * @param note why the CRF is not one whose probe landed in the band; null when it is
 * @param probeSeconds the time the chunk's probes took: decoding its pictures, the encodes, the
 *     scoring, and the final encodes it gave up
 * @param resumedProbes how many of {@code probes}, the first ones, came from an interrupted run (0: none,
 *     all of them for a chunk whose search that run finished)
 * @param correction what the chunks encoded before it scored above their probes (see {@link
 *     SearchPrior#addDrift}): added to {@code probes}' scores to make {@code predicted}
 * @param drift what this chunk's first final encode scored, on every frame, above its chosen
 *     probe, measured as soon as it was encoded; null when not measured
 * @param retried the final encodes that scored outside the band and were encoded again (CRF and
 *     score), in order; {@code crf} is the one after them
 */
public record ChunkTarget(int chunk, int firstFrame, int frames, double crf, List<CrfSearch.Probe> probes, double predicted,
    double finalScore, boolean inBand, String note, double probeSeconds, int resumedProbes, double correction, Double drift,
    List<CrfSearch.Probe> retried) {

  /**
   * The probes as {@code 27: 89.85, 21: 95.65}, {@code (resumed)} where they came from an
   * interrupted run, {@code (the first 1 of 4 probes resumed)} where some did (only the probes are
   * reused, not the finals), the correction they got ({@code
   * , each -0.61 from the chunks before}), then each final encoded again ({@code ; final 31:
   * 95.12, again}).
   */
  public String searchText(QualityMetric metric) {
    return probes.stream().map(p -> crfScore(p, metric)).collect(Collectors.joining(", "))
        + resumedText()
        + (correction == 0 ? "" : ", each " + (correction > 0 ? "+" : "-") + metric.format(Math.abs(correction))
            + " from the chunks before")
        + retried.stream().map(p -> "; final " + crfScore(p, metric) + ", again").collect(Collectors.joining());
  }

  private String resumedText() {
    if (resumedProbes <= 0) {
      return "";
    }
    return resumedProbes >= probes.size() ? " (resumed)"
        : " (the first " + resumedProbes + " of " + probes.size() + " probes resumed)";
  }

  private static String crfScore(CrfSearch.Probe p, QualityMetric metric) {
    return EncodeSettings.formatCrf(p.crf()) + ": " + metric.format(p.score());
  }
}
