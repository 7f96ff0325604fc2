package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Where a stream states no average rate, FFmpeg's base rate is a guess: 1000/1 or 90000/1 for a
 * Matroska or MPEG-TS stream of 25 fps would be written as the output's rate and make a frame
 * without a duration last one tick. It is taken only within twice the frames over their time.
 */
class PlausibleRateTest {
  @Test
  void aGuessFarFromTheFramesIsReplacedByTheirRate() {
    assertEquals(new Rational(25, 1), Ffmpeg.plausibleRate(new Rational(1000, 1), 25.0));
    assertEquals(new Rational(25, 1), Ffmpeg.plausibleRate(new Rational(90000, 1), 25.0));
    assertEquals(new Rational(30000, 1001), Ffmpeg.plausibleRate(new Rational(0, 0), 30000 / 1001.0));
  }

  @Test
  void aGuessNearTheFramesIsKept() {
    // A variable rate: 30 fps stated, the frames 23 a second on average.
    assertEquals(new Rational(30, 1), Ffmpeg.plausibleRate(new Rational(30, 1), 23.0));
    assertEquals(new Rational(24000, 1001), Ffmpeg.plausibleRate(new Rational(24000, 1001), 23.976));
  }

  @Test
  void withoutAMeasureTheGuessStays() {
    // One picture: nothing to measure it by.
    assertEquals(new Rational(1, 3), Ffmpeg.plausibleRate(new Rational(1, 3), 0));
  }
}
