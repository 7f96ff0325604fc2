package org.framefork.encoder.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.framefork.encoder.encode.EncodeSettings;

/**
 * The search for one chunk's CRF: which CRF to probe next, given the probes so far, and which to
 * take once the probes are done. A higher CRF scores lower; the search counts on that.
 *
 * <ol>
 *   <li>The first two probes bisect the search's CRF range ({@link CrfRange}: x264's 15-40, not its
 *       0-51; the second the half where the target lies),
 *       unless a {@link Hint} from chunks searched before says better: then the first probes the CRF
 *       those chunks took, and the second steps from it by the score they lost per CRF (or bisects
 *       above it when it scored the metric's top score, which says nothing of the slope).
 *   <li>The third interpolates linearly between the first two (when one of them scored the top
 *       score and the hint has a slope, it steps from the other at that slope).
 *   <li>Later ones solve a monotone cubic (PCHIP) through all the probes for the target.
 * </ol>
 *
 * <p>Probes are whole CRFs, except where the two probes either side of the band are at most {@link
 * #NEAR} CRFs apart, the line through them says that no whole CRF between them lands in it (a steep
 * chunk: a fast pan lost 2.6 VMAF per CRF where the band of {@code vmaf=93} is 1.86 wide), and the
 * codec takes fractions: then the next probe is where that line meets the target, to 0.1 CRF (see
 * {@link #STEPS_PER_CRF}).
 *
 * <p>A probe at an end of the search's range that scored on the target's far side opens the codec's
 * range past that end to the probes that follow (see {@link #reach}), which step into it by halves
 * at most (see {@link #gradual}).
 *
 * <p>It stops when a probe lands in the band, when the probes are used up, or when two probes lie on
 * either side of the band with no CRF left between them (one apart, or 0.1 apart when the codec takes
 * fractions). It then takes the highest CRF
 * in the band; without one, the highest CRF that scored above the band (the closest above the
 * target), and failing that the lowest CRF probed; the choice then says why in a note. Plain data
 * in and out: what a resumed job replays.
 */
public final class CrfSearch {
  /** One probe encode: its CRF and its pooled score. */
  public record Probe(double crf, double score) {}

  /**
   * What the search took.
   *
   * @param predicted the score the probes predict for it (its probe's score)
   * @param note why it is not in the band; null when it is
   */
  public record Choice(double crf, double predicted, boolean inBand, String note) {}

  /**
   * Where chunks searched before suggest this one's search start (neighbouring scenes of one video
   * tend to need neighbouring CRFs): the CRF to probe first and, when known, how much score a step
   * of one CRF costs near the target.
   *
   * @param slope the score lost per CRF step (positive); NaN when unknown, and the second probe bisects
   * @param correction what those chunks' final encodes scored above their probes (the median; 0 when
   *     none measured): added to this chunk's probe scores before they are judged
   */
  public record Hint(int firstCrf, double slope, double correction) {
    public Hint(int firstCrf, double slope) {
      this(firstCrf, slope, 0);
    }
  }

  /**
   * A fractional probe's CRF is a multiple of 1/10. At the slopes seen near a VMAF target (1-3 points
   * per CRF, up to 8 on saturated chunks) 0.1 CRF moves the score 0.1-0.8, inside the band's 1.86,
   * where a quarter step would move a steep chunk by 2, past it; finer steps than 0.1 are lost in
   * the probes' own error (0.3-0.9 against the final encode). Dividing by 10 (not multiplying by 0.1)
   * gives the double nearest the decimal, which the work folder's JSON writes and reads back exactly.
   */
  static final int STEPS_PER_CRF = 10;

  /**
   * How far apart, in CRFs, the probes either side of the band may be for their line to rule whole
   * CRFs out. Over a wider gap the score curve bends away from the line: on the 1080p sample's fade,
   * 21 (94.22) and 27 (79.42) put 22 at 91.75 on their line, below the band, and 22 scored 92.45, in it
   * (a fraction there took 21.5 and 13% more bytes for the chunk). The pan's 31 and 34 are 3 apart.
   */
  static final int NEAR = 3;

  private final CrfRange range;
  private final TargetQuality target;
  private final Hint hint;
  private final List<Probe> probes = new ArrayList<>();

  public CrfSearch(CrfRange range, TargetQuality target) {
    this(range, target, null);
  }

  /** @param hint where to start, from chunks searched before; null: bisect */
  public CrfSearch(CrfRange range, TargetQuality target, Hint hint) {
    this.range = range;
    this.target = target;
    this.hint = hint;
  }

  /** Records a probe: its CRF and its score as measured; the search judges it {@link #judged}. */
  public void record(double crf, double measured) {
    probes.add(new Probe(crf, judged(measured)));
  }

  /**
   * A measured score as the search judges it: with the hint's correction added (what the chunks
   * before scored in their final encodes above their probes).
   */
  public double judged(double measured) {
    return measured + correction();
  }

  private double correction() {
    return hint == null ? 0 : hint.correction();
  }

  public List<Probe> probes() {
    return List.copyOf(probes);
  }

  /** The CRF to probe next; empty when the search is done. */
  public OptionalDouble next() {
    if (probes.isEmpty()) {
      return OptionalDouble.of(hint != null ? range.clamp(hint.firstCrf()) : (range.min() + range.max()) / 2);
    }
    if (probes.size() >= target.probes() || probes.stream().anyMatch(p -> target.inBand(p.score()))) {
      return OptionalDouble.empty();
    }
    // The band lies between the highest CRF that scored too well and the lowest that scored too poorly.
    Optional<Probe> good = tooGood();
    Optional<Probe> poor = tooPoor();
    CrfRange reach = reach();
    double above = good.map(Probe::crf).orElse(reach.min() - 1.0);
    double below = poor.map(Probe::crf).orElse(reach.max() + 1.0);
    if (range.fractional() && good.isPresent() && poor.isPresent() && above < below && below - above <= NEAR
        && !wholeMayHit(good.get(), poor.get())) {
      return fraction(linear(good.get(), poor.get()), above, below);
    }
    if (Math.ceil(below) - Math.floor(above) <= 1) {
      return OptionalDouble.empty();
    }
    double wanted = switch (probes.size()) {
      case 1 -> hintSlope() && !clipped(probes.get(0)) ? step(probes.get(0), hint.slope()) : bisect(probes.get(0));
      case 2 -> clipped(probes.get(0)) != clipped(probes.get(1)) ? pastClipped(probes.get(0), probes.get(1))
          : linear(probes.get(0), probes.get(1));
      default -> cubic();
    };
    wanted = gradual(wanted);
    int crf = (int) Math.max(Math.floor(above) + 1, Math.min(Math.ceil(below) - 1, Math.round(wanted)));
    return unprobedNear(crf, above, below);
  }

  /**
   * Whether the whole CRF nearest where the line through {@code good} and {@code poor} meets the
   * target lies between them and, on that line, in the band: then whole steps go on.
   */
  private boolean wholeMayHit(Probe good, Probe poor) {
    double whole = Math.round(linear(good, poor));
    if (whole <= good.crf() || whole >= poor.crf()) {
      return false;
    }
    double score = good.score() + (whole - good.crf()) * (poor.score() - good.score()) / (poor.crf() - good.crf());
    return target.inBand(score);
  }

  /** {@code wanted} to 0.1 CRF, strictly between {@code above} and {@code below}; empty when no such CRF is left. */
  private static OptionalDouble fraction(double wanted, double above, double below) {
    // Every probe lies on the grid, so its grid step is a whole number.
    long low = Math.round(above * STEPS_PER_CRF) + 1;
    long high = Math.round(below * STEPS_PER_CRF) - 1;
    if (low > high) {
      return OptionalDouble.empty();
    }
    long step = Math.max(low, Math.min(high, Math.round(wanted * STEPS_PER_CRF)));
    return OptionalDouble.of(step / (double) STEPS_PER_CRF);
  }

  private boolean hintSlope() {
    return hint != null && hint.slope() > 0;
  }

  /**
   * Whether {@code p} scored the metric's top score (measured, without the hint's correction): a
   * clipped score says that the chunk is easy up to its CRF, not how far the target is. So a
   * clipped first probe is followed by a bisection above it, not by a step at the hint's slope:
   * the 720p sample's fade scored VMAF 100 at the hint's CRF 22, where the step probed 27 (100
   * again), 34 and 31 (94.07, in the band after the correction), 2026-12-06.
   */
  private boolean clipped(Probe p) {
    return clipped(p.score());
  }

  /** Whether a score as the search judges it (see {@link #judged}) was measured at the metric's top. */
  private boolean clipped(double score) {
    return score - correction() >= target.metric().max();
  }

  /**
   * The third probe when one of two is clipped: a step from the other at the hint's slope. Without
   * one, the line through both: it lies nearer the clipped probe than the truth, whose score there
   * is above the top, but half way between them lies nearer still (the 1080p sample's fast pan: 100
   * at 27, 88.39 at 34; half way, 30, scored 100 again, the line's 31 scored 96.98, 2026-12-06).
   */
  private double pastClipped(Probe a, Probe b) {
    return hintSlope() ? step(clipped(a) ? b : a, hint.slope()) : linear(a, b);
  }

  /** Half way from {@code first} to the end of the range the target lies towards, as a whole CRF. */
  private double bisect(Probe first) {
    return first.score() > target.target() ? halfWayUp(first.crf()) : halfWayDown(first.crf());
  }

  /** Half way from {@code crf} to the top of the CRFs the search may probe, as a whole CRF (a half rounded up). */
  private double halfWayUp(double crf) {
    return Math.floor((crf + reach().max() + 1) / 2);
  }

  /** Half way from {@code crf} to the bottom of the CRFs the search may probe, as a whole CRF (a half rounded down). */
  private double halfWayDown(double crf) {
    return Math.floor((reach().min() + crf) / 2);
  }

  /** From {@code first} by the CRFs that make up its distance to the target at {@code slope} score per CRF. */
  private double step(Probe first, double slope) {
    double crfs = (first.score() - target.target()) / slope;
    // At least one CRF, towards the target: a probe outside the band needs another CRF.
    return first.crf() + (crfs >= 0 ? Math.max(1, crfs) : Math.min(-1, crfs));
  }

  private double linear(Probe a, Probe b) {
    if (a.score() == b.score()) {
      return flat(a.score(), Math.max(a.crf(), b.crf()));
    }
    return a.crf() + (target.target() - a.score()) * (b.crf() - a.crf()) / (b.score() - a.score());
  }

  /**
   * Scores that do not change with the CRF: go to the end of the range the target lies towards.
   * Unless they are the metric's top score ({@code highest} the highest CRF probed): a clipped score
   * says only that the chunk is easy up to there, so the search bisects above it. A fade at 720p
   * scored VMAF 100 at CRF 22 and 27, and 56 at 40, the end the flat rule went to (2026-12-06).
   * Scores come here with the hint's correction added: the top is judged without it.
   */
  private double flat(double score, double highest) {
    if (clipped(score) && score > target.target()) {
      return halfWayUp(highest);
    }
    return score > target.target() ? reach().max() : reach().min();
  }

  /** Where the PCHIP through the probes (one per CRF) meets the target, on a grid of 1/20 CRF. */
  private double cubic() {
    List<Probe> sorted = new ArrayList<>(probes);
    sorted.sort(Comparator.comparingDouble(Probe::crf));
    double[] x = sorted.stream().mapToDouble(Probe::crf).toArray();
    double[] y = sorted.stream().mapToDouble(Probe::score).toArray();
    if (y[0] == y[y.length - 1] && java.util.Arrays.stream(y).allMatch(v -> v == y[0])) {
      return flat(y[0], x[x.length - 1]);
    }
    Pchip curve = new Pchip(x, y);
    CrfRange reach = reach();
    double best = reach.min();
    double bestGap = Double.POSITIVE_INFINITY;
    for (double c = reach.min(); c <= reach.max() + 1e-9; c += 0.05) {
      double gap = Math.abs(curve.at(c) - target.target());
      if (gap < bestGap) {
        best = c;
        bestGap = gap;
      }
    }
    return best;
  }

  /**
   * {@code wanted}, or where it lies in the part of the codec's range the search opened and past
   * every probe, no farther than half way from the nearest probe to the codec's end. Beyond the
   * probes a curve only carries on the secant of its end probes, and near the search's end those
   * lie close and disagree by the probes' noise: a 360p chunk scored VMAF 91.59 at CRF 11 and 91.68
   * at 10 for a target of 93 (after its correction), the secant met 93 past CRF 0, and the search
   * probed 0 (100), took it as the closest above the band and encoded a lossless final it then
   * threw away (2026-12-07); half way, 5, scored 96.03 and was taken instead. A probe half way
   * also puts one on each side of the target for the cubic to interpolate between, and CRF 0 is
   * probed only once CRF 1 (x264) scored too poorly.
   */
  private double gradual(double wanted) {
    CrfRange reach = reach();
    double lowest = probes.stream().mapToDouble(Probe::crf).min().orElseThrow();
    double highest = probes.stream().mapToDouble(Probe::crf).max().orElseThrow();
    // Within the search's own range the end stays where a probe goes first (it opens the rest).
    if (wanted < range.min() && wanted < lowest && reach.min() < range.min()) {
      return Math.max(wanted, halfWayDown(lowest));
    }
    if (wanted > range.max() && wanted > highest && reach.max() > range.max()) {
      return Math.min(wanted, halfWayUp(highest));
    }
    return wanted;
  }

  /** {@code crf}, or when it was probed already, the nearest CRF strictly between {@code above} and {@code below} that was not. */
  private OptionalDouble unprobedNear(int crf, double above, double below) {
    CrfRange reach = reach();
    for (int d = 0; d <= reach.max() - reach.min(); d++) {
      for (int c : new int[] {crf + d, crf - d}) {
        if (c > above && c < below && c >= reach.min() && c <= reach.max() && !probed(c)) {
          return OptionalDouble.of(c);
        }
      }
    }
    return OptionalDouble.empty();
  }

  private boolean probed(double crf) {
    return probes.stream().anyMatch(p -> p.crf() == crf);
  }

  /**
   * The range the search probes: its own, widened to the codec's at an end where a probe scored on
   * the target's far side (too poor at its lowest CRF, too good at its highest). A noisy 360p
   * chunk scored VMAF 84 at x264's CRF 15, where the search's range ended, for a target of 93.5.
   */
  private CrfRange reach() {
    boolean down = tooPoor().filter(p -> p.crf() <= range.min()).isPresent();
    boolean up = tooGood().filter(p -> p.crf() >= range.max()).isPresent();
    return range.widened(down, up);
  }

  private Optional<Probe> tooGood() {
    return probes.stream().filter(p -> p.score() > target.high()).max(Comparator.comparingDouble(Probe::crf));
  }

  private Optional<Probe> tooPoor() {
    return probes.stream().filter(p -> p.score() < target.low()).min(Comparator.comparingDouble(Probe::crf));
  }

  /**
   * Whether this chunk's search says nothing of the chunks after it (see {@link SearchPrior}): the
   * CRF it took scored the metric's top as measured (a blue VP9 scene scored PSNR 100 at CRF 53, 55
   * and 56, and 76.42 at 54: its CRF and that slope of 23.6 per CRF sent the later chunks above the
   * band), or its scores do not change with the CRF ({@link #flat}: a black chunk, VMAF 97.43 from
   * CRF 27 to 46, QA 2026-12-07).
   */
  public boolean saturated() {
    return clipped(choice().predicted()) || flat(probes, target);
  }

  /** The probes whose scores were measured below the metric's top: only those tell how the score falls. */
  public List<Probe> unclipped() {
    return probes.stream().filter(p -> !clipped(p)).toList();
  }

  /**
   * Whether {@code points} (two or more) all lie on one side of the band, within {@link #noise} of
   * each other and, less than a CRF apart, within the noise per CRF between them: a curve the CRF does
   * not move, as saturated as one at the metric's top. Two finals 0.3 CRF apart (31: 91.5, 30.7:
   * 91.59) lie within the noise on a curve that falls 0.3 per CRF: not flat.
   */
  static boolean flat(List<Probe> points, TargetQuality target) {
    if (points.size() < 2 || points.stream().anyMatch(p -> target.inBand(p.score()))
        || points.stream().map(p -> p.score() > target.high()).distinct().count() > 1) {
      return false;
    }
    var scores = points.stream().mapToDouble(Probe::score).summaryStatistics();
    var crfs = points.stream().mapToDouble(Probe::crf).summaryStatistics();
    return scores.getMax() - scores.getMin() < noise(target) * Math.min(1, crfs.getMax() - crfs.getMin());
  }

  /**
   * A tenth of the band's half-width: score changes smaller than that are the encoder's and the
   * scorer's noise, not the CRF's (a black chunk scored VMAF 97.42804 at CRF 27, 34 and 40 and
   * 97.42791 at 46).
   */
  static double noise(TargetQuality target) {
    return (target.high() - target.low()) / 20;
  }

  /** The CRF to encode with, once {@link #next()} is empty. */
  public Choice choice() {
    if (probes.isEmpty()) {
      throw new IllegalStateException("no probe yet");
    }
    var hit = probes.stream().filter(p -> target.inBand(p.score())).max(Comparator.comparingDouble(Probe::crf));
    if (hit.isPresent()) {
      return new Choice(hit.get().crf(), hit.get().score(), true, null);
    }
    var good = tooGood();
    if (good.isPresent()) {
      Probe p = good.get();
      String why = p.crf() >= range.codecMax() ? "even the codec's highest CRF, " + range.codecMax() + ", scores above the band"
          : "no probe landed in the band";
      return new Choice(p.crf(), p.score(), false,
          why + "; took crf " + EncodeSettings.formatCrf(p.crf()) + " (" + fmt(p.score()) + "), the closest above it");
    }
    Probe best = probes.stream().min(Comparator.comparingDouble(Probe::crf)).orElseThrow();
    String why = best.crf() <= range.codecMin() ? "out of reach: even the codec's lowest CRF, " + range.codecMin() + ", scores "
        + fmt(best.score())
        : "no probe reached the band; took the lowest crf probed, " + EncodeSettings.formatCrf(best.crf()) + " ("
            + fmt(best.score()) + ")";
    return new Choice(best.crf(), best.score(), false, why);
  }

  /**
   * Where to encode a chunk again whose final encode scored outside the band. The final encodes
   * so far ({@code finals}: CRF and measured score, the last one latest) are exact; the probes are
   * moved by what the first final scored above its own probe ({@code drift}), and those a final
   * contradicts are left out; clipped scores (the metric's top) only bound the search, as do the
   * finals: the new CRF lies above every CRF that scored above the target and below every final
   * that scored below it. The CRF is where the line
   * through the two points either side of the target meets it; with all points on one side, a
   * step from the nearest at the slope of the two nearest (else {@code slope}, else one CRF). A
   * step aims short of the target, half way to the band's near end, three quarters with a slope
   * borrowed from other chunks: scores fall faster as the CRF rises, and the chunk's own curve may
   * be far steeper (the 720p sample's fade lost 2.7 VMAF per CRF past its final at 31, where the
   * chunks before it lost 1.4: aimed at 93 it took 32.6 and scored 91.19, aimed half way 32.2 and
   * 91.87). Of the two CRFs either side of that point (on the 0.1 grid where the codec takes
   * fractions, else whole), the one predicted nearer the aim; empty when neither is in {@code range}
   * (the codec's, as the search retries them) and those bounds, or none is predicted nearer the
   * target than the last final scored by at least {@link #noise} (a black chunk's final at CRF 46,
   * VMAF 97.428 for a target of 93, was encoded again at 49 and 50 for a predicted gain of 0.0001,
   * 83 s for 50 frames), and when the points are {@link #flat}.
   *
   * @return the CRF and the score predicted there
   */
  static Optional<Probe> retarget(CrfRange range, TargetQuality target, List<Probe> probes, double drift,
      List<Probe> finals, double slope) {
    double t = target.target();
    double above = Double.NEGATIVE_INFINITY;
    double below = Double.POSITIVE_INFINITY;
    for (Probe p : probes) {
      above = p.score() >= target.metric().max() ? Math.max(above, p.crf()) : above;
    }
    for (Probe f : finals) {
      above = f.score() > t ? Math.max(above, f.crf()) : above;
      below = f.score() < t ? Math.min(below, f.crf()) : below;
    }
    List<Probe> line = line(target, probes, drift, finals);
    // A flat curve is a saturated one: no CRF moves its score.
    if (flat(line, target)) {
      return Optional.empty();
    }
    java.util.function.DoubleUnaryOperator score = crossing(line, t);
    double aim = t;
    Probe last = finals.getLast();
    if (score == null) {
      Step step = step(line, target, slope);
      if (step == null) {
        return Optional.empty();
      }
      score = step.score();
      aim = t + Math.signum(last.score() - t) * (target.high() - target.low()) / 2 * (step.borrowed() ? 0.75 : 0.5);
    }
    double wanted = halfWayAtMost(bisectLine(score, range.min(), range.max(), aim), range, probes, finals);
    double grid = range.fractional() ? STEPS_PER_CRF : 1;
    Probe best = null;
    for (double crf : new double[] {Math.floor(wanted * grid) / grid, Math.ceil(wanted * grid) / grid}) {
      boolean encoded = finals.stream().anyMatch(f -> f.crf() == crf);
      double predicted = score.applyAsDouble(crf);
      if (crf > above && crf < below && crf >= retryFloor(range) && crf <= range.max() && !encoded
          && Math.abs(last.score() - t) - Math.abs(predicted - t) >= noise(target)
          && (best == null || Math.abs(predicted - aim) < Math.abs(best.score() - aim))) {
        best = new Probe(crf, predicted);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The points a final's retry is predicted from (see {@link #retarget}): the finals, and the probes
   * moved by {@code drift}, those below the metric's top.
   */
  static List<Probe> line(TargetQuality target, List<Probe> probes, double drift, List<Probe> finals) {
    double top = target.metric().max();
    java.util.TreeMap<Double, Double> points = new java.util.TreeMap<>();
    for (Probe p : probes) {
      if (p.score() < top) {
        points.put(p.crf(), p.score() + drift);
      }
    }
    for (Probe f : finals) {
      if (f.score() < top) {
        points.put(f.crf(), f.score());
      } else {
        points.remove(f.crf());
      }
    }
    // A moved probe that a final contradicts (lower CRF, lower score, or the reverse) is left out:
    // the finals are exact, the moved probes estimates.
    return points.entrySet().stream().map(e -> new Probe(e.getKey(), e.getValue()))
        .filter(p -> finals.stream().allMatch(f -> f.crf() == p.crf() || (f.crf() < p.crf()) == (f.score() >= p.score())))
        .toList();
  }

  /**
   * {@code wanted}, or past every probe and final no farther than half way from the nearest of them
   * to the end of {@code range} (at the bottom, {@link #retryFloor}): the probes' limit ({@link
   * #gradual}) for the finals' retries. Extrapolated past the points, the line may say the codec's
   * end: an AV1 chunk's final at CRF 15 scored VMAF 94.09 for a target of 99.5 and was encoded again
   * at CRF 1 (2026-12-07); half way is 8.
   */
  private static double halfWayAtMost(double wanted, CrfRange range, List<Probe> probes, List<Probe> finals) {
    var crfs = java.util.stream.Stream.concat(probes.stream(), finals.stream()).mapToDouble(Probe::crf).summaryStatistics();
    if (wanted < crfs.getMin()) {
      return Math.max(wanted, Math.floor((retryFloor(range) + crfs.getMin()) / 2));
    }
    if (wanted > crfs.getMax()) {
      return Math.min(wanted, Math.floor((crfs.getMax() + range.max() + 1) / 2));
    }
    return wanted;
  }

  /**
   * The lowest CRF a final is encoded again at: {@code range}'s, but never CRF 0, x264's lossless
   * (and near it for x265 and VP9), which is no encode to take as the closest above the band.
   */
  private static double retryFloor(CrfRange range) {
    return Math.max(range.min(), 1);
  }

  /** The line through the two points of {@code line} (sorted by CRF) either side of {@code t}; null when there are none. */
  private static java.util.function.DoubleUnaryOperator crossing(List<Probe> line, double t) {
    for (int i = 0; i + 1 < line.size(); i++) {
      Probe a = line.get(i);
      Probe b = line.get(i + 1);
      if (a.score() >= t && b.score() < t) {
        return crf -> a.score() + (crf - a.crf()) * (b.score() - a.score()) / (b.crf() - a.crf());
      }
    }
    return null;
  }

  /** A line from one measured point; {@code borrowed} when its slope is not the chunk's own. */
  private record Step(java.util.function.DoubleUnaryOperator score, boolean borrowed) {}

  /**
   * With every point of {@code measured} (sorted by CRF, none clipped) on one side of the target: a
   * line from the point nearest it at the slope of the two nearest points, else {@code slope}, else
   * one CRF to the target. Null without a point.
   */
  private static Step step(List<Probe> measured, TargetQuality target, double slope) {
    double t = target.target();
    if (measured.isEmpty()) {
      return null;
    }
    boolean above = measured.getFirst().score() >= t;
    Probe near = above ? measured.getLast() : measured.getFirst();
    Probe next = measured.size() < 2 ? null : above ? measured.get(measured.size() - 2) : measured.get(1);
    double local = next == null ? Double.NaN : (next.score() - near.score()) / (near.crf() - next.crf());
    double perCrf = local > 0 ? local : slope > 0 ? slope : Math.abs(near.score() - t);
    return perCrf > 0 ? new Step(crf -> near.score() - (crf - near.crf()) * perCrf, !(local > 0)) : null;
  }

  /** Where the falling function {@code score} meets {@code t} between {@code lo} and {@code hi} (an end when it does not). */
  private static double bisectLine(java.util.function.DoubleUnaryOperator score, double lo, double hi, double t) {
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (score.applyAsDouble(mid) > t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private String fmt(double score) {
    return target.metric().named(score);
  }
}
