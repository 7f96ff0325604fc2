package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.framefork.encoder.quality.CrfSearch.Probe;
import org.junit.jupiter.api.Test;

/** Where a chunk whose final encode missed the band is encoded again ({@link CrfSearch#retarget}). */
class CrfRetargetTest {
  private static final CrfRange X264 = new CrfRange(15, 40, true);
  private static final CrfRange WHOLE = new CrfRange(15, 55);
  private static final TargetQuality VMAF93 = TargetQuality.parse("vmaf=93");

  private static Optional<Probe> retarget(CrfRange range, List<Probe> probes, double drift, List<Probe> finals, double slope) {
    return CrfSearch.retarget(range, VMAF93, probes, drift, finals, slope);
  }

  @Test
  void interpolatesBetweenTheFinalAndTheShiftedProbeAcrossTheTarget() {
    // The 1080p sample's pan: probes 31, 32 and 34; the final at 32 scored 0.93 above its probe.
    List<Probe> probes = List.of(new Probe(31, 96.98), new Probe(32, 95.15), new Probe(34, 88.39));
    Probe again = retarget(X264, probes, 0.93, List.of(new Probe(32, 96.08)), Double.NaN).orElseThrow();
    // The final (32: 96.08) and 34 moved up by the drift (89.32): 93 lies 3.08 / 3.38 of the way.
    assertEquals(32.9, again.crf(), 1e-9);
    assertEquals(96.08 - 0.9 * (96.08 - 89.32) / 2, again.score(), 1e-9);
    assertTrue(VMAF93.inBand(again.score()));
  }

  @Test
  void stepsAtTheBorrowedSlopeAimingShortOfTheTargetWhenNothingLiesAcross() {
    // The 720p sample's fade: 22 clipped at 100, the final at 31 scored 95.12; the chunks before lost 1.37 per CRF.
    List<Probe> probes = List.of(new Probe(22, 100), new Probe(31, 94.07));
    Probe again = retarget(X264, probes, 1.05, List.of(new Probe(31, 95.12)), 1.37).orElseThrow();
    double aim = 93 + 0.75 * (VMAF93.high() - VMAF93.low()) / 2;
    assertEquals(Math.round((31 + (95.12 - aim) / 1.37) * 10) / 10.0, again.crf(), 1e-9);
    assertTrue(again.crf() > 31 && again.crf() < 32.2, "a step short of the target: " + again.crf());
  }

  @Test
  void aFinalBelowTheBandAtTheSearchsLowestCrfIsRetriedBelowIt() {
    // The QA's 360p chunk: vmaf=92-95, probes down to 15, its final at 15 scored 91.93, 0.07 below the band.
    TargetQuality band = TargetQuality.parse("vmaf=92-95");
    List<Probe> probes = List.of(new Probe(27, 80.1), new Probe(21, 86.5), new Probe(15, 92.6));
    CrfRange x264 = CrfRange.of(org.framefork.encoder.encode.VideoCodec.H264);
    List<Probe> finals = List.of(new Probe(15, 91.93));
    Probe again = CrfSearch.retarget(x264.codec(), band, probes, -0.67, finals, Double.NaN).orElseThrow();
    assertTrue(again.crf() < 15 && again.crf() >= 0, again.toString());
    assertTrue(Math.abs(again.score() - band.target()) < Math.abs(91.93 - band.target()), again.toString());
    // Kept to the search's range, no CRF was left: what the QA run said.
    assertTrue(CrfSearch.retarget(x264, band, probes, -0.67, finals, Double.NaN).isEmpty());
  }

  @Test
  void aRetryStepsPastThePointsHalfWayToTheCodecsEndAtMost() {
    // The QA's AV1 chunk at vmaf=99.5: its final at 15, the search's lowest CRF, scored 94.09;
    // the line through the points met the target past the codec's end and the retry took CRF 1.
    TargetQuality band = TargetQuality.parse("vmaf=99.5");
    CrfRange av1 = CrfRange.of(org.framefork.encoder.encode.VideoCodec.AV1).codec();
    List<Probe> probes = List.of(new Probe(35, 84.2), new Probe(25, 91.3), new Probe(15, 96.0));
    Probe again = CrfSearch.retarget(av1, band, probes, -1.91, List.of(new Probe(15, 94.093)), Double.NaN).orElseThrow();
    assertEquals(8, again.crf(), 1e-9, "half way from 15 to SVT-AV1's 1: " + again);
    // Above the points likewise: half way from 40 to x264's 51 (a half rounded up) is 46.
    CrfRange x264 = CrfRange.of(org.framefork.encoder.encode.VideoCodec.H264).codec();
    TargetQuality low = TargetQuality.parse("vmaf=40");
    List<Probe> up = List.of(new Probe(30, 80), new Probe(40, 75));
    Probe higher = CrfSearch.retarget(x264, low, up, 0, List.of(new Probe(40, 75)), Double.NaN).orElseThrow();
    assertEquals(46, higher.crf(), 1e-9, higher.toString());
  }

  @Test
  void aRetryNeverTakesX264sLosslessCrfZero() {
    // A final at CRF 2 just below the band: the line says CRF 0; the retry stops at 1.
    CrfRange x264 = CrfRange.of(org.framefork.encoder.encode.VideoCodec.H264).codec();
    List<Probe> probes = List.of(new Probe(15, 85), new Probe(2, 91.8));
    Probe again = CrfSearch.retarget(x264, VMAF93, probes, 0, List.of(new Probe(2, 91.8)), Double.NaN).orElseThrow();
    assertEquals(1, again.crf(), 1e-9, again.toString());
    // With the final at 1 already below the band, nothing is left: not CRF 0.
    List<Probe> finals = List.of(new Probe(2, 91.8), new Probe(1, 91.9));
    assertTrue(CrfSearch.retarget(x264, VMAF93, probes, 0, finals, Double.NaN).isEmpty());
  }

  @Test
  void aStepBelowTheBandGoesDownAndUsesTheLocalSlope() {
    // Both probes and the final score below the band: the two nearest measured points give the slope.
    List<Probe> probes = List.of(new Probe(27, 88), new Probe(30, 84));
    Probe again = retarget(X264, probes, -1, List.of(new Probe(27, 87)), 5).orElseThrow();
    // Local slope (87 - 83) / 3 = 1.33 per CRF (not the borrowed 5); aim 93 - 0.465.
    double aim = 93 - (VMAF93.high() - VMAF93.low()) / 4;
    assertEquals(Math.round((27 - (aim - 87) / (4 / 3.0)) * 10) / 10.0, again.crf(), 1e-9);
    assertTrue(again.crf() < 27);
  }

  @Test
  void wholeCrfCodecsTakeTheNearestWholeCrfAndNeverTheOneJustEncoded() {
    List<Probe> probes = List.of(new Probe(30, 94.5), new Probe(33, 90.0));
    // The line through the final (30: 94.2) and 33 (89.7) meets 93 at 30.8: 31 for a whole-CRF codec.
    Probe again = retarget(WHOLE, probes, -0.3, List.of(new Probe(30, 94.2)), Double.NaN).orElseThrow();
    assertEquals(31, again.crf());
    assertEquals(94.2 - 1.5, again.score(), 1e-9);
    // A steep chunk: 93 lies at 30.3, nearest the final's own 30, and 31 would land farther off (90.55).
    assertTrue(retarget(WHOLE, List.of(new Probe(30, 94.05), new Probe(34, 80.05)), 0, List.of(new Probe(30, 94.05)),
        Double.NaN).isEmpty());
  }

  @Test
  void givesUpWhenNothingIsPredictedNearerThanTheFinal() {
    // Every probe clipped: no slope, no line.
    assertTrue(retarget(X264, List.of(new Probe(27, 100)), 0, List.of(new Probe(27, 100)), Double.NaN).isEmpty());
    // The range's end already encoded and still above the band.
    assertTrue(retarget(X264, List.of(new Probe(40, 95)), 0, List.of(new Probe(40, 95)), 1.0).isEmpty());
    // A second final on the other side of a first, whole CRFs between them used up.
    List<Probe> finals = List.of(new Probe(30, 94.5), new Probe(31, 91.5));
    assertTrue(retarget(WHOLE, List.of(new Probe(30, 94.0)), 0.5, finals, Double.NaN).isEmpty());
  }

  @Test
  void aFlatChunkIsNotEncodedAgainForNoise() {
    // QA 2026-12-07: a black chunk, VMAF 97.42804 at CRF 27, 34 and 40, 97.42791 at 46; its final at 46
    // scored 97.428 and was encoded again at 49 and 50 "(97.43 predicted)".
    List<Probe> probes = List.of(new Probe(27, 97.42804), new Probe(34, 97.42804), new Probe(40, 97.42804),
        new Probe(46, 97.42791));
    WHOLE_CODEC.forEach(range -> assertTrue(retarget(range, probes, 0, List.of(new Probe(46, 97.428)), Double.NaN).isEmpty(),
        "a flat curve is saturated: no retry"));
    // A slope the chunk's own points do not give: a borrowed one still moves the score, and a retry is made.
    assertTrue(retarget(WHOLE, List.of(new Probe(46, 97.4)), 0, List.of(new Probe(46, 97.4)), 1.0).isPresent());
  }

  @Test
  void finalsAFractionOfACrfApartAreNoFlatCurve() {
    // Two finals 0.3 CRF apart (31: 91.5, then 30.7: 91.59) lie within the noise (0.093) on a curve that
    // falls 0.3 per CRF: read as flat, the second retry was empty and the note said no CRF was predicted nearer.
    List<Probe> finals = List.of(new Probe(31, 91.5), new Probe(30.7, 91.59));
    assertFalse(CrfSearch.flat(finals, VMAF93));
    Probe again = retarget(X264, List.of(new Probe(31, 93.0)), -1.5, finals, Double.NaN).orElseThrow();
    assertTrue(again.crf() < 30.7 && again.score() > 91.59, again.toString());
    // A CRF or more apart, the same scores are flat; at one CRF, nothing says how the score moves.
    assertTrue(CrfSearch.flat(List.of(new Probe(31, 91.5), new Probe(30, 91.59)), VMAF93));
    assertFalse(CrfSearch.flat(List.of(new Probe(31, 91.5), new Probe(31, 91.5)), VMAF93));
  }

  @Test
  void noRetryWithoutAGainOfATenthOfTheHalfBand() {
    // The band's half-width is 0.93: a retry must be predicted at least 0.093 nearer the target.
    List<Probe> probes = List.of(new Probe(30, 94.0), new Probe(31, 93.98));
    assertTrue(retarget(WHOLE, probes, 0, List.of(new Probe(31, 93.98)), Double.NaN).isEmpty(),
        "0.02 per CRF: the whole CRF 32 is predicted only 0.02 nearer");
    List<Probe> steeper = List.of(new Probe(30, 94.5), new Probe(31, 94.1));
    assertTrue(retarget(WHOLE, steeper, 0, List.of(new Probe(31, 94.1)), Double.NaN).isPresent());
  }

  private static final List<CrfRange> WHOLE_CODEC = List.of(WHOLE, new CrfRange(0, 63, true));

  @Test
  void theNewCrfLiesPastTheFinalOnTheTargetsSide() {
    // Uneven probes: 28 read below the target, but the final at 30 scored above the band, which
    // contradicts it: it is left out, and the new CRF lies above 30.
    List<Probe> probes = List.of(new Probe(26, 97), new Probe(28, 92), new Probe(30, 95));
    Probe again = retarget(X264, probes, 1, List.of(new Probe(30, 96)), 2).orElseThrow();
    assertTrue(again.crf() > 30, again.toString());
    // A final below the band after one above: the new CRF lies between them, on their line.
    List<Probe> finals = List.of(new Probe(30, 96), new Probe(31.5, 90.6));
    Probe between = retarget(X264, probes, 1, finals, 2).orElseThrow();
    assertEquals(30.8, between.crf(), 1e-9, "the line between the finals meets 93 at 30.83: " + between);
  }

  @Test
  void theSecondRetryInterpolatesBetweenTheTwoFinals() {
    // The fade again: its first retry at 32.6 overshot to 91.19; the two finals bracket the target.
    List<Probe> probes = List.of(new Probe(22, 100), new Probe(31, 94.07));
    List<Probe> finals = List.of(new Probe(31, 95.12), new Probe(32.6, 91.19));
    Probe again = retarget(X264, probes, 1.05, finals, 1.37).orElseThrow();
    assertEquals(Math.round((31 + 1.6 * (95.12 - 93) / (95.12 - 91.19)) * 10) / 10.0, again.crf(), 1e-9);
    assertTrue(VMAF93.inBand(again.score()));
  }
}
