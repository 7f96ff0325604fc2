package org.framefork.encoder.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PresentationTimesTest {
  // MPEG-2 with two B-frames, decode order I P B B P B B: decode times 0..6, presentation I=1 P=4 B=2 B=3 P=7 B=5 B=6.
  private static final long[] DTS = {0, 1, 2, 3, 4, 5, 6};
  private static final long[] PTS = {1, 4, 2, 3, 7, 5, 6};
  private static final boolean[] KEY = {true, false, false, false, false, false, false};

  @Test
  void theIAndPPicturesWithoutTimesGetTheDecodeTimesMovedByTheDelay() {
    boolean[] has = {false, false, true, true, false, true, true}; // as MPEG-PS often has it
    long[][] r = PresentationTimes.fromDecodeTimes(DTS, PTS, has, KEY, () -> 1L);
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7}, r[0]);
    assertArrayEquals(new long[] {1}, r[1]);
  }

  @Test
  void withoutADecoderTheEarliestTimeTheFileCarriesSetsTheMove() {
    boolean[] has = {true, false, true, true, false, true, true};
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7}, PresentationTimes.fromDecodeTimes(DTS, PTS, has, KEY, () -> null)[0]);
  }

  @Test
  void timesThatContradictTheRuleOrDecodeTimesThatGoBackAreNotUsed() {
    boolean[] has = {false, false, true, true, false, true, true};
    long[] odd = PTS.clone();
    odd[2] = 40; // a carried time that no moved decode time gives
    assertNull(PresentationTimes.fromDecodeTimes(DTS, odd, has, KEY, () -> 1L));
    assertNull(PresentationTimes.fromDecodeTimes(new long[] {0, 2, 1, 3, 4, 5, 6}, PTS, has, KEY, () -> 1L));
  }
}
