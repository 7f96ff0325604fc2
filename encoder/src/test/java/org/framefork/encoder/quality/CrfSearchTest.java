package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The CRF search on made-up score curves: which CRFs it probes, and which it takes. */
class CrfSearchTest {
  private static final CrfRange X264 = new CrfRange(15, 40);

  /** Runs the search against {@code curve} as the probe encodes' scores would come. */
  private static CrfSearch run(TargetQuality target, IntToDoubleFunction curve) {
    CrfSearch s = new CrfSearch(X264, target);
    for (OptionalInt next = s.next(); next.isPresent(); next = s.next()) {
      s.record(next.getAsInt(), curve.applyAsDouble(next.getAsInt()));
    }
    return s;
  }

  /** A VMAF-like curve: falls faster and faster as the CRF rises. */
  private static double vmafLike(int crf) {
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
    TargetQuality t = TargetQuality.parse("vmaf=80-99");
    CrfSearch s = new CrfSearch(X264, t);
    s.record(20, 95);
    s.record(24, 90);
    assertTrue(s.next().isEmpty(), "a probe in the band ends the search");
    assertEquals(24, s.choice().crf());
  }

  @Test
  void theThirdProbeInterpolatesLinearlyAndTheFourthFollowsTheCubic() {
    TargetQuality t = TargetQuality.parse("vmaf=93");
    CrfSearch s = new CrfSearch(X264, t);
    s.record(27, 80);
    s.record(21, 96);
    // Linear: 93 lies 3/16 of the way from 96 to 80, i.e. 21 + 6 * 3/16 = 22.125 -> 22.
    assertEquals(22, s.next().getAsInt());
    s.record(22, 94.5);
    int fourth = s.next().getAsInt();
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
  void aTargetAboveReachTakesTheLowestCrfAndSaysSo() {
    TargetQuality t = TargetQuality.parse("psnr=70");
    CrfSearch s = run(t.withProbes(8), crf -> 50 - crf * 0.5);
    CrfSearch.Choice c = s.choice();
    assertFalse(c.inBand());
    assertEquals(15, c.crf(), s.probes().toString());
    assertTrue(c.note().contains("out of reach"), c.note());
  }

  @Test
  void stopsWhenNoWholeCrfCanHitANarrowBand() {
    TargetQuality t = TargetQuality.parse("vmaf=93.0-93.1");
    // Scores step by 1.3 per CRF: crf 20 scores 94.0, crf 21 92.7, and nothing between is whole.
    CrfSearch s = run(t.withProbes(12), crf -> 120 - crf * 1.3);
    CrfSearch.Choice c = s.choice();
    assertFalse(c.inBand());
    int above = c.crf();
    assertTrue(120 - above * 1.3 > 93.1 && 120 - (above + 1) * 1.3 < 93.0, "took " + above);
    assertTrue(s.probes().size() < 12, "stopped once neighbours straddle the band: " + s.probes());
    assertTrue(c.note().contains("closest above"), c.note());
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
