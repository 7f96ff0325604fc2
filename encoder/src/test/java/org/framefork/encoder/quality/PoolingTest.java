package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A chunk's pooled score, and the frames that decide a low percentile, which later probes score alone. */
class PoolingTest {
  @Test
  void theLowestQuarterDecidesTheFifthPercentileAsIfEveryFrameWereScored() {
    // 40 frames: a hard stretch (frames 10-19) among easy ones, scores all different.
    double[] first = IntStream.range(0, 40).mapToDouble(i -> i >= 10 && i < 20 ? 80 + i * 0.1 : 95 + i * 0.01).toArray();
    boolean[] deciding = Pooling.DEFAULT.deciding(first);
    assertEquals(10, IntStream.range(0, 40).filter(i -> deciding[i]).count(), "a quarter of 40");
    assertTrue(IntStream.range(10, 20).allMatch(i -> deciding[i]), "the hard stretch");
    // A later probe at another CRF: every score lower, the same frames hard.
    double[] later = IntStream.range(0, 40).mapToDouble(i -> first[i] - 3).toArray();
    double[] partly = later.clone();
    IntStream.range(0, 40).filter(i -> !deciding[i]).forEach(i -> partly[i] = Double.NaN);
    assertEquals(Pooling.DEFAULT.apply(later), Pooling.DEFAULT.apply(partly), 0.0);
  }

  @Test
  void aPercentileRunsFromTheWorstFrameToTheBestAndNoFurther() {
    double[] scores = {93, 80, 99, 90};
    assertEquals(80, Pooling.parse("p0").apply(scores), 0.0, "p0: the worst frame");
    assertEquals(99, Pooling.parse("p100").apply(scores), 0.0, "p100: the best frame");
    assertEquals(91.5, Pooling.parse("p50").apply(scores), 1e-12, "p50: the median");
    assertEquals(80 + 0.075 * 10, Pooling.parse("p2.5").apply(scores), 1e-12, "a fraction of a percent");
    for (String beyond : new String[] {"p100.5", "p101", "p-1", "pNaN", "p", "5"}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> Pooling.parseOption("--quality-pool", beyond));
      assertEquals("--quality-pool " + beyond + ": '" + beyond + "' is no pooling; use mean or pN for the N-th percentile, "
          + "N 0 (the worst frame) to 100 (the best): p5, p10, ...", e.getMessage());
    }
  }

  @Test
  void aShortChunkKeepsAtLeastEightFramesAndTheMeanNeedsThemAll() {
    double[] twelve = IntStream.range(0, 12).mapToDouble(i -> 90 + i).toArray();
    boolean[] deciding = Pooling.DEFAULT.deciding(twelve);
    assertEquals(8, IntStream.range(0, 12).filter(i -> deciding[i]).count());
    assertTrue(IntStream.range(0, 8).allMatch(i -> deciding[i]), "the eight lowest");
    assertNull(Pooling.DEFAULT.deciding(new double[9]), "8 of 9 frames: score them all");
    assertNull(Pooling.parse("mean").deciding(twelve));
    assertNull(Pooling.parse("p50").deciding(twelve));
  }

  @Test
  void aPercentileThatFallsOnUnscoredFramesIsNaN() {
    double[] scores = {91, Double.NaN, 90, Double.NaN};
    assertTrue(Double.isNaN(Pooling.parse("p50").apply(scores)));
    assertEquals(90.3, Pooling.parse("p10").apply(scores), 1e-12, "between the two scored frames");
  }

  @Test
  void aProbeFrameStandsForRateFramesOfTheChunkButTheFirstForItselfAlone() {
    // 5 frames at every 2nd: frames 0, 2, 4 kept; 6 frames: 0, 2, 4 and the last, 5.
    assertArrayEquals(new double[] {80, 97, 97, 99, 99}, ProbeScorer.asChunkFrames(new double[] {80, 97, 99}, 2, 5));
    assertArrayEquals(new double[] {80, 97, 97, 99, 99, 90}, ProbeScorer.asChunkFrames(new double[] {80, 97, 99, 90}, 2, 6));
    assertEquals(4, ChunkPictures.keptCount(6, 2));
    assertEquals(3, ChunkPictures.keptCount(5, 2));
    assertEquals(java.util.List.of(0, 3, 6, 7), IntStream.range(0, 8).filter(f -> ChunkPictures.kept(f, 3, 8)).boxed().toList());
    assertEquals(4, ChunkPictures.keptCount(8, 3));
    double[] every = {80, 97, 99};
    assertSame(every, ProbeScorer.asChunkFrames(every, 1, 3));
    // A 31-frame chunk probed at every 2nd frame: the first frame's low score (no motion: a chunk's
    // start) weighs as one frame of 31, not as one of 16, and the 5th percentile no longer falls on it.
    double[] probe = IntStream.range(0, 16).mapToDouble(i -> i == 0 ? 80 : i == 1 ? 97 : 99).toArray();
    assertEquals(97, Pooling.DEFAULT.apply(ProbeScorer.asChunkFrames(probe, 2, 31)), 1e-9);
    assertEquals(80 + 0.75 * 17, Pooling.DEFAULT.apply(probe), 1e-9, "as the probe's own 16 frames");
  }

  @Test
  void aVmafProbeScoresEveryOtherFrameAndEachStandsForTheOneBeforeIt() {
    boolean[] sparse = ProbeScorer.sparse(6, QualityMetric.VMAF, 2);
    assertArrayEquals(new boolean[] {true, false, true, false, true, true}, sparse, "every 2nd, and the last");
    assertNull(ProbeScorer.sparse(6, QualityMetric.SSIM, 2), "SSIM costs little: every frame");
    assertNull(ProbeScorer.sparse(6, QualityMetric.VMAF, 1), "a probe of every frame scores every frame");
    // The first frame (no motion for VMAF) is not copied onto its neighbour; the next frame is.
    double[] scores = {70, Double.NaN, 95, Double.NaN, 93, 90};
    assertArrayEquals(new double[] {70, 95, 95, 93, 93, 90}, ProbeScorer.heldBack(scores, sparse));
    // The deciding frames are picked among those scored: never one the sparse probe left out.
    double[] first = IntStream.range(0, 40).mapToDouble(i -> i % 2 == 1 ? Double.NaN : 90 + i * 0.1).toArray();
    boolean[] deciding = Pooling.DEFAULT.deciding(first);
    assertEquals(8, IntStream.range(0, 40).filter(i -> deciding[i]).count(), "20 scored: at least 8");
    assertTrue(IntStream.range(0, 40).filter(i -> deciding[i]).allMatch(i -> i % 2 == 0 && i < 16), "the 8 lowest scored");
    // A later probe scores only those; a left-out frame takes the next frame's score or NaN.
    boolean[] sparse40 = ProbeScorer.sparse(40, QualityMetric.VMAF, 2);
    double[] later = IntStream.range(0, 40).mapToDouble(i -> deciding[i] ? 85 + i * 0.1 : Double.NaN).toArray();
    ProbeScorer.heldBack(later, sparse40);
    assertEquals(85.2, later[1], 1e-12, "frame 2's");
    assertTrue(Double.isNaN(later[17]) && Double.isNaN(later[39]));
  }
}
