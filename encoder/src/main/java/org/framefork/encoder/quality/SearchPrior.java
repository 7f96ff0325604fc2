package org.framefork.encoder.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the chunks searched so far say about the next chunk's search ({@link CrfSearch.Hint}): start
 * at the CRF they took (their median), and step by the score a CRF cost them near the target (the
 * median of their slopes). Chunks of one video share its source, filters and often its look, so
 * this saves probes that bisecting the codec's whole range spends. Thread-safe: every worker adds
 * the chunks it searched.
 */
final class SearchPrior {
  private final CrfRange range;
  private final double target;
  private final List<Double> crfs = new ArrayList<>();
  private final List<Double> slopes = new ArrayList<>();
  private final List<Double> drifts = new ArrayList<>();

  SearchPrior(CrfRange range, double target) {
    this.range = range;
    this.target = target;
  }

  /**
   * Adds a chunk's finished search and the CRF it took, unless it is {@link CrfSearch#saturated}: a
   * black or one-colour chunk's CRF and slope are no guide to the next chunk's (a black chunk's
   * CRF 39 at PSNR 100 made the testsrc2 chunk after it start at 32, 4 probes and 2 retries, QA
   * 2026-12-07). Its slope is taken from the probes below the metric's top alone.
   */
  synchronized void add(CrfSearch search, double crf) {
    if (!search.saturated()) {
      add(search.unclipped(), crf);
    }
  }

  /** Adds a chunk's finished search: its probes and the CRF it took. */
  synchronized void add(List<CrfSearch.Probe> probes, double crf) {
    crfs.add(crf);
    double slope = slopeNear(probes, target);
    if (!Double.isNaN(slope)) {
      slopes.add(slope);
    }
  }

  /**
   * Adds what a chunk's final encode scored above its probe, on the frames that decided its search:
   * the probes' own bias (their faster preset and every-other-frame encode), which differs from one
   * video to the next (-0.3 on the 720p sample, -1.0 to -2.0 on a 30 s clip of three-scene chunks,
   * 2026-12-06) and so is learnt per job. Not a {@link CrfSearch#saturated} chunk's: a black chunk's
   * final scores as its probe did (a drift near 0), a probe clipped at the metric's top above a final
   * below it (a large negative one), and black intro or credits chunks would pull the median towards them.
   */
  synchronized void addDrift(double drift, boolean saturated) {
    if (!saturated && Double.isFinite(drift)) {
      drifts.add(drift);
    }
  }

  /** The hint for the next chunk; before any chunk finished, the middle of the range and no slope (the search bisects). */
  synchronized CrfSearch.Hint hint() {
    double correction = drifts.isEmpty() ? 0 : median(drifts.stream().mapToDouble(Double::doubleValue).toArray());
    if (crfs.isEmpty()) {
      return new CrfSearch.Hint((range.min() + range.max()) / 2, Double.NaN, correction);
    }
    // A whole CRF to start from: the first probes step in whole CRFs (see CrfSearch).
    double crf = median(crfs.stream().mapToDouble(Double::doubleValue).toArray());
    double slope = slopes.isEmpty() ? Double.NaN : median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
    return new CrfSearch.Hint(range.clamp(crf), slope, correction);
  }

  /**
   * The score lost per CRF step between the two probes on either side of {@code target} that are
   * nearest in CRF (or, when none straddle it, the two that scored nearest to it); NaN with fewer
   * than two probes or where the score does not fall as the CRF rises.
   */
  static double slopeNear(List<CrfSearch.Probe> probes, double target) {
    List<CrfSearch.Probe> sorted = new ArrayList<>(probes);
    sorted.sort(Comparator.comparingDouble(CrfSearch.Probe::crf));
    if (sorted.size() < 2) {
      return Double.NaN;
    }
    for (int i = 0; i + 1 < sorted.size(); i++) {
      CrfSearch.Probe a = sorted.get(i);
      CrfSearch.Probe b = sorted.get(i + 1);
      if (a.score() >= target && b.score() <= target) {
        return slope(a, b);
      }
    }
    List<CrfSearch.Probe> nearest = new ArrayList<>(probes);
    nearest.sort(Comparator.comparingDouble(p -> Math.abs(p.score() - target)));
    CrfSearch.Probe a = nearest.get(0);
    CrfSearch.Probe b = nearest.get(1);
    return a.crf() < b.crf() ? slope(a, b) : slope(b, a);
  }

  /** Score lost per CRF from {@code lower} (the lower CRF) to {@code higher}; NaN unless it falls. */
  private static double slope(CrfSearch.Probe lower, CrfSearch.Probe higher) {
    double s = (lower.score() - higher.score()) / (higher.crf() - lower.crf());
    return s > 0 ? s : Double.NaN;
  }

  private static double median(double[] v) {
    return MEDIAN.apply(v);
  }

  private static final Pooling MEDIAN = new Pooling(false, 50);
}
