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
    long[][] r = PresentationTimes.fromDecodeTimes(DTS, 0, PTS, has, KEY, () -> 1L);
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7}, r[0]);
    assertArrayEquals(new long[] {1}, r[1]);
  }

  @Test
  void withoutADecoderTheEarliestTimeTheFileCarriesSetsTheMove() {
    boolean[] has = {true, false, true, true, false, true, true};
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7}, PresentationTimes.fromDecodeTimes(DTS, 0, PTS, has, KEY, () -> null)[0]);
  }

  @Test
  void timesThatContradictTheRuleOrDecodeTimesThatGoBackAreNotUsed() {
    boolean[] has = {false, false, true, true, false, true, true};
    long[] odd = PTS.clone();
    odd[2] = 40; // a carried time that no moved decode time gives
    assertNull(PresentationTimes.fromDecodeTimes(DTS, 0, odd, has, KEY, () -> 1L));
    assertNull(PresentationTimes.fromDecodeTimes(new long[] {0, 2, 1, 3, 4, 5, 6}, 0, PTS, has, KEY, () -> 1L));
  }

  @Test
  void theLeadLeftOutStillMovesTheDecodeTimes() {
    // An open group cut off before its I: decode order I B B P B B P B B (times 0..8), the two B
    // shown before the I (1, 2) refer to the group cut off and are left out; I and P carry no time.
    long[] dts = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    long[] pts = {3, 6, 4, 5, 9, 7, 8};
    boolean[] has = {false, false, true, true, false, true, true};
    long[][] r = PresentationTimes.fromDecodeTimes(dts, 2, pts, has, KEY, () -> 3L);
    assertArrayEquals(new long[] {3, 4, 5, 6, 7, 8, 9}, r[0]);
    assertArrayEquals(new long[] {3}, r[1]);
  }
}
