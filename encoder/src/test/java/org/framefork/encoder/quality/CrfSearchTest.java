package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.framefork.encoder.encode.VideoCodec;
import org.junit.jupiter.api.Test;

/** The CRF search on made-up score curves: which CRFs it probes, and which it takes. */
class CrfSearchTest {
  private static final CrfRange X264 = new CrfRange(15, 40);

  /** Runs the search against {@code curve} as the probe encodes' scores would come. */
  private static CrfSearch run(TargetQuality target, DoubleUnaryOperator curve) {
    return run(X264, target, curve);
  }

  private static CrfSearch run(CrfRange range, TargetQuality target, DoubleUnaryOperator curve) {
    return drive(new CrfSearch(range, target), curve);
  }

  /** Feeds {@code s} the scores of {@code curve} at the CRFs it asks for, until it is done. */
  private static CrfSearch drive(CrfSearch s, DoubleUnaryOperator curve) {
    for (OptionalDouble next = s.next(); next.isPresent(); next = s.next()) {
      s.record(next.getAsDouble(), curve.applyAsDouble(next.getAsDouble()));
    }
    return s;
  }

  /** A VMAF-like curve: falls faster and faster as the CRF rises. */
  private static double vmafLike(double crf) {
    return 100 - 0.012 * Math.pow(crf, 2.2);
  }

  @Test
  void bisectsTwiceThenInterpolatesOnMonotoneScores() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = run(t, CrfSearchTest::vmafLike);
    List<CrfSearch.Probe> p = s.probes();
    assertEquals(27, p.get(0).crf(), "the first probe bisects 15-40");
    // 27 scores about 83, below the band: the second bisects the lower half.
    assertEquals(21, p.get(1).crf());
    CrfSearch.Choice c = s.choice();
    assertTrue(c.inBand(), "a smooth curve is hit within 4 probes: " + p);
    assertNull(c.note());
    assertTrue(t.inBand(vmafLike(c.crf())));
    // The highest CRF in the band: the next one up scores below it.
    assertFalse(t.inBand(vmafLike(c.crf() + 1)) && p.stream().anyMatch(q -> q.crf() == c.crf() + 1));
    assertTrue(p.size() <= 4);
  }

  @Test
  void keepsTheHighestCrfInTheBandWhenSeveralProbesHit() {
    CrfSearch s = probed("vmaf=80-99", 20, 95, 24, 90);
    assertTrue(s.next().isEmpty(), "a probe in the band ends the search");
    assertEquals(24, s.choice().crf());
  }

  @Test
  void theThirdProbeInterpolatesLinearlyAndTheFourthFollowsTheCubic() {
    CrfSearch s = probed("vmaf=93", 27, 80, 21, 96);
    // Linear: 93 lies 3/16 of the way from 96 to 80, i.e. 21 + 6 * 3/16 = 22.125 -> 22.
    assertEquals(22, s.next().getAsDouble());
    s.record(22, 94.5);
    double fourth = s.next().getAsDouble();
    // Between the too-good 22 and the too-poor 27, nearer 22 where the curve is steep.
    assertTrue(fourth > 22 && fourth < 27, "fourth probe " + fourth);
  }

  @Test
  void flatScoresGoToTheEndOfTheRangeAndTakeTheClosestAbove() {
    TargetQuality t = TargetQuality.parse("ssim=0.95");
    CrfSearch s = run(t, crf -> 0.999);
    CrfSearch.Choice c = s.choice();
    assertFalse(c.inBand());
    assertEquals(40, c.crf(), "a picture every CRF scores alike gets the cheapest: " + s.probes());
    assertNotNull(c.note());
    assertTrue(c.note().contains("highest CRF"), c.note());
  }

  @Test
  void scoresClippedAtTheTopBisectAboveInsteadOfJumpingToTheEnd() {
    // A fade: VMAF 100 (clipped) up to CRF 29, then falling 1.6 a CRF; the band 92.07-93.93.
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(CrfRange.of(VideoCodec.H264), t, new CrfSearch.Hint(22, 1.4));
    drive(s, crf -> Math.min(100, 100 - 1.6 * (crf - 29)));
    assertEquals(22, s.probes().get(0).crf());
    assertEquals(31, s.probes().get(1).crf(), "half way to the range's end, 40, not a step at the slope: " + s.probes());
    // 31 scores 96.8; the line through a clipped 100 would point past 40: a step at the slope instead.
    assertEquals(34, s.probes().get(2).crf(), "31 + (96.8 - 93) / 1.4 CRFs: " + s.probes());
    assertTrue(s.choice().inBand(), s.probes().toString());
    assertEquals(33, s.choice().crf(), s.probes().toString());
  }

  @Test
  void aClippedFirstProbeOfAHintedSearchBisectsAboveIt() {
    // The 720p sample's fade (2026-12-06): 100 at the prior's CRF 22, 94.07 at 31; chunks before
    // found their finals 0.61 below their probes. Stepping at the slope had probed 27 (100) and 34.
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(CrfRange.of(VideoCodec.H264), t, new CrfSearch.Hint(22, 1.4, -0.61));
    assertEquals(31, after(s, 22, 100));
    assertTrue(Double.isNaN(after(s, 31, 94.07)), "in the band after two probes: 93.46 judged");
    assertEquals(31, s.choice().crf());
  }

  /** A search for {@code target} (as the option takes it) with these probes, CRF then score, recorded. */
  private static CrfSearch probed(String target, double... crfsAndScores) {
    return probed(X264, TargetQuality.parse(target), crfsAndScores);
  }

  /** Records a probe and returns the next CRF the search asks for, NaN when it is done. */
  private static double after(CrfSearch s, double crf, double score) {
    s.record(crf, score);
    return s.next().orElse(Double.NaN);
  }

  @Test
  void withoutASlopeTheThirdProbeFollowsTheLineFromAClippedOne() {
    // The 1080p sample's fast pan (2026-12-06): 100 (clipped) at 27, 88.39 at 34, 96.98 at 31.
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(X264, t);
    assertEquals(34, after(s, 27, 100), "bisect above a clipped first probe");
    assertEquals(31, after(s, 34, 88.39), "27 + 7 * 7 / 11.61, not half way (30, which scored 100)");
  }

  @Test
  void theTargetSaysWhichFramesItsProbesEncode() {
    assertEquals("every frame", TargetQuality.everyFrame(1), "not 'every  frame'");
    assertEquals("every 2nd frame", TargetQuality.everyFrame(2));
    assertEquals("every 11th frame", TargetQuality.everyFrame(11));
    assertEquals("every 23rd frame", TargetQuality.everyFrame(23));
    assertTrue(TargetQuality.parse("vmaf=93").toString().endsWith("faster, every 2nd frame)"), TargetQuality.parse("vmaf=93").toString());
  }

  @Test
  void aCorrectedClippedScoreIsStillClipped() {
    // Chunks before found the finals 0.61 below their probes: a probe's 100 is judged as 99.39.
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(CrfRange.of(VideoCodec.H264), t, new CrfSearch.Hint(22, 1.4, -0.61));
    s.record(22, 100);
    s.record(27, 100);
    assertEquals(34, s.next().getAsDouble(), "bisect above 27, not the range's end: " + s.probes());
  }

  @Test
  void aTargetAboveReachTakesTheLowestCrfAndSaysSo() {
    CrfSearch s = missed("psnr=70", 8, crf -> 50 - crf * 0.5);
    CrfSearch.Choice c = s.choice();
    assertEquals(15, c.crf(), s.probes().toString());
    assertTrue(c.note().contains("out of reach"), c.note());
  }

  @Test
  void aTargetPastTheSearchsLowEndIsSoughtInTheCodecsRange() {
    // A noisy chunk: VMAF 93 lies at crf 10, below the search's 15-40 (the QA's 360p chunk scored 84 at 15).
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = run(CrfRange.of(VideoCodec.H264), t.withProbes(6), crf -> 98 - 0.5 * crf);
    CrfSearch.Choice c = s.choice();
    assertTrue(c.inBand(), s.probes().toString());
    assertTrue(c.crf() < 15 && c.crf() >= 0, s.probes().toString());
    // Where the search's range is all the codec has, it stops at its end as before.
    CrfSearch closed = run(new CrfRange(15, 40, true), t.withProbes(6), crf -> 98 - 0.5 * crf);
    assertEquals(15, closed.choice().crf(), 0.0, closed.probes().toString());
    assertFalse(closed.choice().inBand());
  }

  /**
   * The QA's 360p chunk at {@code vmaf=93} (2026-12-07), as judged: 83.52 at the hint's CRF 15, then
   * 91.59 at 11 and 91.68 at 10, where the probes' noise all but hides the slope. The secant of 10
   * and 11 met the target past CRF 0, and the search probed 0 and took it, for a lossless final.
   */
  private static double noisyBelowFifteen(double crf) {
    if (crf >= 11) {
      return 113.6 - 2 * crf;
    }
    return crf >= 10 ? 91.68 : 91.68 + 1.5 * (10 - crf);
  }

  @Test
  void theOpenedRangeIsSteppedIntoByHalvesNotJumpedToItsEnd() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = drive(new CrfSearch(X264_FRACTIONS, t, new CrfSearch.Hint(15, 2.4)), CrfSearchTest::noisyBelowFifteen);
    assertEquals(List.of(15.0, 11.0, 10.0), s.probes().subList(0, 3).stream().map(CrfSearch.Probe::crf).toList());
    // Half way from 10 to the codec's 0, not 0: the CRF taken (closest above the band) is no lossless one.
    assertEquals(5, s.probes().get(3).crf(), 0.0, s.probes().toString());
    assertEquals(5, s.choice().crf(), 0.0, s.choice().toString());
    // With probes to spare the search lands in the band between 5 and 10, never probing 0.
    CrfSearch more = drive(new CrfSearch(X264_FRACTIONS, t.withProbes(6), new CrfSearch.Hint(15, 2.4)),
        CrfSearchTest::noisyBelowFifteen);
    assertTrue(more.choice().inBand() && more.choice().crf() > 5 && more.choice().crf() < 10, more.probes().toString());
    assertTrue(more.probes().stream().allMatch(p -> p.crf() >= 5), more.probes().toString());
    // Before the range is opened its end is probed first, as the line says (the QA's chunk 0: 14.3, 15).
    assertEquals(15, probed(X264_FRACTIONS, t, 27, 41.44, 21, 65.77).next().getAsDouble(), 0.0);
    // Upwards alike: past SVT-AV1's 55 by halves towards 63.
    CrfSearch up = probed(CrfRange.of(VideoCodec.AV1), t, 35, 98, 45, 96, 55, 95.9);
    assertEquals(59, up.next().getAsDouble(), 0.0, up.probes().toString());
  }

  @Test
  void aTargetPastTheSearchsHighEndIsSoughtInTheCodecsRange() {
    // An easy chunk: VMAF 75 lies at SVT-AV1's crf 60, above the search's 15-55 (of 1-63).
    TargetQuality t = TargetQuality.parse("vmaf=75");
    CrfSearch s = run(CrfRange.of(VideoCodec.AV1), t.withProbes(8), crf -> 135 - crf);
    assertTrue(s.choice().inBand(), s.probes().toString());
    assertEquals(60, s.choice().crf(), 0.0, s.probes().toString());
  }

  @Test
  void outOfReachMeansTheCodecsLowestCrf() {
    TargetQuality t = TargetQuality.parse("psnr=70");
    CrfSearch s = run(CrfRange.of(VideoCodec.H264), t.withProbes(12), crf -> 50 - crf * 0.5);
    CrfSearch.Choice c = s.choice();
    assertEquals(0, c.crf(), 0.0, s.probes().toString());
    assertTrue(c.note().startsWith("out of reach: even the codec's lowest CRF, 0, scores psnr 50.00"), c.note());
    // With fewer probes than the way down takes, the note says what was probed, not "out of reach".
    CrfSearch.Choice few = run(CrfRange.of(VideoCodec.H264), t.withProbes(3), crf -> 50 - crf * 0.5).choice();
    assertTrue(few.note().startsWith("no probe reached the band; took the lowest crf probed"), few.note());
  }

  @Test
  void stopsWhenNoWholeCrfCanHitANarrowBand() {
    // Scores step by 1.3 per CRF: crf 20 scores 94.0, crf 21 92.7, and nothing between is whole.
    CrfSearch s = missed("vmaf=93.0-93.1", 12, crf -> 120 - crf * 1.3);
    CrfSearch.Choice c = s.choice();
    double above = c.crf();
    assertTrue(120 - above * 1.3 > 93.1 && 120 - (above + 1) * 1.3 < 93.0, "took " + above);
    assertTrue(s.probes().size() < 12, "stopped once neighbours straddle the band: " + s.probes());
    assertTrue(c.note().contains("closest above"), c.note());
  }

  /**
   * Runs a search for {@code target} (as the option takes it) with {@code probes} probes against
   * {@code curve} on x264's 15-40, and checks that the CRF it takes misses the band.
   */
  private static CrfSearch missed(String target, int probes, DoubleUnaryOperator curve) {
    CrfSearch s = run(TargetQuality.parse(target).withProbes(probes), curve);
    assertFalse(s.choice().inBand(), s.probes().toString());
    return s;
  }

  /** Runs a search that starts from {@code hint} against {@code curve}. */
  private static CrfSearch run(TargetQuality target, CrfSearch.Hint hint, DoubleUnaryOperator curve) {
    return drive(new CrfSearch(X264, target, hint), curve);
  }

  @Test
  void aHintStartsAtItsCrfAndStepsByItsSlope() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    DoubleUnaryOperator curve = crf -> 141 - 2.0 * crf;
    CrfSearch hinted = run(t, new CrfSearch.Hint(22, 2.0), curve);
    // 22 scores 97, 4 above the target: two CRFs at 2 points each.
    assertEquals(List.of(new CrfSearch.Probe(22, 97), new CrfSearch.Probe(24, 93)), hinted.probes());
    assertEquals(24, hinted.choice().crf());
    CrfSearch bisected = run(t, curve);
    assertEquals(24, bisected.choice().crf(), "the same CRF either way: " + bisected.probes());
    assertTrue(bisected.probes().size() > hinted.probes().size(), bisected.probes().toString());
  }

  @Test
  void aHintStepsAtLeastOneCrfAndItsStartStaysInTheRange() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(X264, t, new CrfSearch.Hint(23, 5.0));
    s.record(s.next().getAsDouble(), 94.5);
    // 1.5 points above at 5 per CRF is 0.3 CRF: rounded, the search would probe 23 again.
    assertEquals(24, s.next().getAsDouble());
    assertEquals(40, new CrfSearch(X264, t, new CrfSearch.Hint(55, Double.NaN)).next().getAsDouble());
    CrfSearch noSlope = new CrfSearch(X264, t, new CrfSearch.Hint(30, Double.NaN));
    noSlope.record(noSlope.next().getAsDouble(), 80);
    assertEquals(22, noSlope.next().getAsDouble(), "without a slope the second probe bisects below the first");
  }

  @Test
  void thePriorStartsWhereFinishedChunksEndedAndStepsByTheirSlope() {
    SearchPrior prior = new SearchPrior(X264, 93);
    assertEquals(new CrfSearch.Hint(27, Double.NaN), prior.hint(), "nothing finished: the middle, and bisect");
    prior.add(List.of(new CrfSearch.Probe(27, 89.85), new CrfSearch.Probe(21, 95.72), new CrfSearch.Probe(24, 92.93)), 24);
    prior.add(List.of(new CrfSearch.Probe(27, 74.95), new CrfSearch.Probe(21, 91.57), new CrfSearch.Probe(20, 93.15)), 20);
    prior.add(List.of(new CrfSearch.Probe(32, 93.01)), 32);
    CrfSearch.Hint h = prior.hint();
    assertEquals(24, h.firstCrf(), "the median of 20, 24 and 32");
    // Slopes either side of the target: 21 -> 24 (0.93 per CRF), 20 -> 21 (1.58 per CRF); the
    // one-probe chunk has none. Their median: 1.255.
    assertEquals((95.72 - 92.93) / 3 / 2 + (93.15 - 91.57) / 2, h.slope(), 1e-9);
  }

  @Test
  void saturatedOrFlatChunksTeachThePriorNothing() {
    TargetQuality psnr = TargetQuality.parse("psnr=40");
    SearchPrior prior = new SearchPrior(X264, 40);
    // QA 2026-12-07, blk.mp4: the black chunk scored PSNR 100 at every CRF and took 39.
    prior.add(drive(new CrfSearch(X264, psnr), crf -> 100), 39);
    assertEquals(new CrfSearch.Hint(27, Double.NaN), prior.hint(), "the black chunk gives no CRF");
    // The blue VP9 chunks: 53: 100, 54: 76.42, 55: 100, 56: 100 (a slope of 23.6 per CRF was borrowed).
    CrfRange vp9 = new CrfRange(15, 56);
    CrfSearch blue = new CrfSearch(vp9, psnr);
    for (double[] p : new double[][] {{53, 100}, {54, 76.42}, {55, 100}, {56, 100}}) {
      blue.record(p[0], p[1]);
    }
    assertTrue(blue.saturated());
    prior.add(blue, 56);
    // A black chunk at VMAF: 97.43 from 27 to 46, never the metric's top, but flat.
    TargetQuality vmaf = TargetQuality.parse("vmaf=93");
    CrfSearch black = drive(new CrfSearch(X264, vmaf), crf -> crf < 45 ? 97.42804 : 97.42791);
    assertTrue(black.saturated());
    prior.add(black, 46);
    assertEquals(new CrfSearch.Hint(27, Double.NaN), prior.hint(), "no CRF and no slope from saturated or flat chunks");
    // A chunk that scored the top at 21 and 40 at 25: its CRF counts, and its slope comes from its unclipped
    // probes (25 -> 26, 0.9 per CRF), not from 21 -> 25 (15 per CRF).
    CrfSearch testsrc = drive(new CrfSearch(X264, psnr), crf -> crf <= 21 ? 100 : 40 - (crf - 25) * 0.9);
    assertFalse(testsrc.saturated());
    assertEquals(25, testsrc.choice().crf());
    prior.add(testsrc, testsrc.choice().crf());
    assertEquals(25, prior.hint().firstCrf());
    assertEquals(0.9, prior.hint().slope(), 1e-9);
  }

  @Test
  void saturatedOrFlatChunksDriftNothing() {
    // A black intro and credits (drift ~0: the final scores as its probe did) around one chunk whose
    // finals scored 1.5 below their probes: the median correction was 0, as if the probes had no bias.
    SearchPrior prior = new SearchPrior(X264, 93);
    CrfSearch black = drive(new CrfSearch(X264, TargetQuality.parse("vmaf=93")), crf -> 97.43);
    assertTrue(black.saturated());
    prior.addDrift(0.0001, black.saturated());
    prior.addDrift(-1.5, false);
    prior.addDrift(-0.0002, black.saturated());
    assertEquals(-1.5, prior.hint().correction(), 1e-9);
  }

  @Test
  void theSlopeNearTheTargetComesFromTheProbesEitherSideOrTheNearestTwo() {
    assertEquals(2.0, SearchPrior.slopeNear(List.of(new CrfSearch.Probe(20, 95), new CrfSearch.Probe(22, 91),
        new CrfSearch.Probe(30, 70)), 93), 1e-12);
    assertEquals(1.5, SearchPrior.slopeNear(List.of(new CrfSearch.Probe(30, 80), new CrfSearch.Probe(20, 95),
        new CrfSearch.Probe(22, 92)), 99), 1e-12, "all below: the two nearest the target, 20 and 22");
    assertTrue(Double.isNaN(SearchPrior.slopeNear(List.of(new CrfSearch.Probe(20, 95)), 93)));
    assertTrue(Double.isNaN(SearchPrior.slopeNear(List.of(new CrfSearch.Probe(20, 95), new CrfSearch.Probe(25, 95)), 93)),
        "flat scores give no slope");
  }

  private static final CrfRange X264_FRACTIONS = CrfRange.of(VideoCodec.H264);

  /** A search that has probed {@code crfThenScore}: a CRF, its score, the next CRF, its score, ... */
  private static CrfSearch probed(CrfRange range, TargetQuality target, double... crfThenScore) {
    CrfSearch s = new CrfSearch(range, target);
    for (int i = 0; i < crfThenScore.length; i += 2) {
      s.record(crfThenScore[i], crfThenScore[i + 1]);
    }
    return s;
  }

  @Test
  void neighboursEitherSideOfTheBandGetAFractionalProbeBetweenThem() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = probed(X264_FRACTIONS, t, 31, 96.98, 32, 90.50);
    // The line from 96.98 to 90.50 meets 93 at 31 + 3.98 / 6.48 = 31.61: to 0.1 CRF, 31.6.
    assertEquals(31.6, s.next().getAsDouble(), 0.0);
    s.record(31.6, 93.10);
    assertTrue(s.next().isEmpty(), "in the band");
    CrfSearch.Choice c = s.choice();
    assertEquals(31.6, c.crf(), 0.0);
    assertTrue(c.inBand());
    assertNull(c.note());
  }

  @Test
  void aSteepChunkGoesFractionalWhereNoWholeCrfBetweenItsProbesCanHit() {
    // The 1080p fast pan's first three probes (bench/results/target-quality-2026-12-06.md, report-3).
    TargetQuality t = TargetQuality.parse("vmaf=93");
    double[] pan = {27, 100.00, 34, 88.39, 31, 96.98};
    CrfSearch s = probed(X264_FRACTIONS, t, pan);
    // 31 to 34 falls 2.86 per CRF: on that line 32 scores 94.12, above the band, and 33 91.26 below
    // it; the line meets 93 at 32.39.
    assertEquals(32.4, s.next().getAsDouble(), 0.0);
    CrfSearch whole = probed(X264, t, pan);
    // Whole CRFs: the cubic through the three picks 33, as in that run (which scored 91.81 there).
    assertEquals(33, whole.next().getAsDouble(), 0.0);
  }

  @Test
  void probesFarApartKeepWholeStepsWhateverTheirLineSays() {
    // The 1080p sample's fade: on the line from 21 to 27, 22 scores 91.75, below the band; it scored
    // 92.45, in it. Six CRFs apart the curve bends too much for the line to rule 22 out.
    CrfSearch s = probed(X264_FRACTIONS, TargetQuality.parse("vmaf=93"), 27, 79.42, 21, 94.22);
    assertEquals(22, s.next().getAsDouble(), 0.0);
  }

  @Test
  void aGentleCurveKeepsWholeSteps() {
    // About 1 VMAF per CRF near 93, under the band's 1.86: a whole CRF can hit it.
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch fractions = run(X264_FRACTIONS, t, CrfSearchTest::vmafLike);
    assertEquals(run(X264, t, CrfSearchTest::vmafLike).probes(), fractions.probes());
    assertTrue(fractions.probes().stream().allMatch(p -> p.crf() == Math.rint(p.crf())), fractions.probes().toString());
  }

  @Test
  void fractionsReachABandNoWholeCrfCanAndStayOnTheTenthsGrid() {
    TargetQuality t = TargetQuality.parse("vmaf=93.0-93.1");
    // 1.3 per CRF: 20 scores 94.0, 21 92.7; the line meets 93.05 at 20.77, where 20.8 scores 92.96,
    // just below the band, and 20.7 93.09, in it.
    CrfSearch s = run(X264_FRACTIONS, t.withProbes(12), crf -> 120 - crf * 1.3);
    CrfSearch.Choice c = s.choice();
    assertTrue(c.inBand(), s.probes().toString());
    assertEquals(20.7, c.crf(), 0.0);
    assertTrue(s.probes().stream().allMatch(p -> Math.abs(p.crf() * 10 - Math.rint(p.crf() * 10)) < 1e-9),
        s.probes().toString());
  }

  @Test
  void aCodecOfWholeCrfsNeverGetsAFraction() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfRange vp9 = CrfRange.of(VideoCodec.VP9);
    assertFalse(vp9.fractional());
    CrfSearch s = probed(vp9, t, 31, 96.98, 32, 90.50);
    assertTrue(s.next().isEmpty(), "one apart and either side of the band: nothing whole is left");
    assertEquals(31, s.choice().crf(), 0.0);
    assertTrue(s.choice().note().contains("closest above"), s.choice().note());
    CrfSearch steep = run(vp9, t.withProbes(12), crf -> 160 - crf * 2.6);
    assertTrue(steep.probes().stream().allMatch(p -> p.crf() == Math.rint(p.crf())), steep.probes().toString());
  }

  @Test
  void pchipIsMonotoneBetweenMonotonePoints() {
    Pchip p = new Pchip(new double[] {15, 21, 22, 27, 40}, new double[] {99, 96, 94.5, 80, 20});
    double last = Double.POSITIVE_INFINITY;
    for (double x = 14; x <= 41; x += 0.1) {
      double v = p.at(x);
      assertTrue(v <= last + 1e-12, "rises at " + x);
      last = v;
    }
    assertEquals(94.5, p.at(22), 1e-12);
    assertEquals(80, p.at(27), 1e-12);
  }
}
