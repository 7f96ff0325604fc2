package org.framefork.encoder.probe;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Presentation times for a video stream whose packets carry decode times only, or only for some
 * pictures: AVI (no presentation times at all), MPEG-PS and MPEG-2 in MPEG-TS (the I and P pictures
 * often without one). With B-frames the decode time of such a packet is not its picture's
 * presentation time, so the packet scan's frame list would hold the wrong times (repeated, with
 * holes) and the chunks would not get the pictures the decoder hands out.
 *
 * <p>What holds instead: the stream's presentation times, sorted, are its decode times moved by the
 * decoder's reordering delay (a muxer derives each decode time from the presentation time a fixed
 * number of frames earlier). The move is read where it is sure: the time of the first picture the
 * decoder puts out, which is also the time every chunk's decoder will give it. The result is used
 * only when every presentation time the packets do carry is among the rebuilt ones.
 */
final class PresentationTimes {
  private PresentationTimes() {}

  /**
   * @param dts the decode time of each video packet, in file order, and before them those of the
   *     {@code lead} packets the probe left out (pictures shown before all others that do not decode)
   * @param lead how many of {@code dts} are the lead's
   * @param pts each packet's presentation time where {@code hasPts}
   * @param isKey whether each packet is a keyframe
   * @param firstDecoded the decoder's time for its first picture, or null when it cannot tell
   * @return the sorted presentation times and the sorted keyframe times, or null when the decode
   *     times cannot give them (missing, not increasing, or contradicting the times the packets carry)
   */
  static long[][] fromDecodeTimes(long[] dts, int lead, long[] pts, boolean[] hasPts, boolean[] isKey, Supplier<Long> firstDecoded) {
    int n = pts.length;
    if (n == 0 || dts.length != n + lead) {
      return null;
    }
    for (int i = 0; i < dts.length; i++) {
      if (dts[i] == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE || (i > 0 && dts[i] <= dts[i - 1])) {
        return null;
      }
    }
    Long shift = shift(dts[lead], pts, hasPts, firstDecoded);
    if (shift == null) {
      return null;
    }
    // The lead's pictures are shown first: the frames are the later times.
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = dts[lead + i] + shift;
    }
    for (int i = 0; i < n; i++) {
      if (hasPts[i] && Arrays.binarySearch(times, pts[i]) < 0) {
        return null; // the packets' own times disagree: not a stream this rule describes
      }
    }
    long[] keys = new long[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (isKey[i]) {
        keys[k++] = hasPts[i] ? pts[i] : times[i];
      }
    }
    keys = Arrays.copyOf(keys, k);
    Arrays.sort(keys);
    return new long[][] {times, keys};
  }

  /**
   * How far the presentation times lie after the decode times: from the first picture the decoder
   * puts out, whose decode time is {@code firstDts}, or else from the earliest time a packet carries.
   */
  private static Long shift(long firstDts, long[] pts, boolean[] hasPts, Supplier<Long> firstDecoded) {
    Long first = firstDecoded.get();
    if (first != null) {
      return first - firstDts;
    }
    long minKnown = Long.MAX_VALUE;
    for (int i = 0; i < pts.length; i++) {
      if (hasPts[i]) {
        minKnown = Math.min(minKnown, pts[i]);
      }
    }
    return minKnown == Long.MAX_VALUE ? null : minKnown - firstDts;
  }
}
