package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class TargetQualitySweepTest {
  /** A score that falls by 0.5 a CRF step, 100 at CRF 0. */
  private static final IntToDoubleFunction SCORE = crf -> 100 - 0.5 * crf;

  @Test
  void aMeanFarFromTheStartIsBracketedInFewEncodes() {
    // The QA case: the chunks' mean CRF 33, the target's mean met only near CRF 8 (one step at a
    // time from 33 gave up after 7 encodes).
    List<Integer> tried = new ArrayList<>();
    int[] pair = TargetQualitySweep.bracketCrfs(33, 0, 51, 95.9, c -> {
      tried.add(c);
      return SCORE.applyAsDouble(c);
    });
    assertArrayEquals(new int[] {8, 9}, pair);
    assertTrue(tried.size() <= 12, "doubling then halving: " + tried);
  }

  @Test
  void bracketsUpwardAndAtTheStart() {
    assertArrayEquals(new int[] {40, 41}, TargetQualitySweep.bracketCrfs(20, 0, 51, 79.9, SCORE));
    assertArrayEquals(new int[] {20, 21}, TargetQualitySweep.bracketCrfs(20, 0, 51, 89.9, SCORE));
    assertArrayEquals(new int[] {50, 51}, TargetQualitySweep.bracketCrfs(3, 0, 51, 74.6, SCORE));
  }

  @Test
  void aMeanNoCrfReachesIsSaidInOneLine() {
    TargetQualitySweep.NoBracket e = assertThrows(TargetQualitySweep.NoBracket.class,
        () -> TargetQualitySweep.bracketCrfs(33, 0, 51, 100.5, SCORE));
    assertTrue(e.getMessage().contains("no fixed CRF from 0 to 51 reaches"), e.getMessage());
    assertTrue(e.getMessage().lines().count() == 1);
  }
}
