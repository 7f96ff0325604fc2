package org.framefork.encoder.probe;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.framefork.encoder.media.Rational;

/**
 * The packet scan's record of the video stream: each picture-carrying packet is one frame, noted
 * in file (decode) order with its times and whether it is a keyframe.
 */
final class VideoPackets {
  /** The time a packet without one of its own is given after the one before, and its duration. */
  private final long defaultDuration;

  private long[] pts = new long[1024];
  private long[] dts = new long[1024];
  private boolean[] hasPts = new boolean[1024];
  private boolean[] isKey = new boolean[1024];
  private int missingPts;
  private long hidden;
  private long[] keys = new long[64];
  private int n;
  private int nk;
  private long end = Long.MIN_VALUE;
  private long lastTs = AV_NOPTS_VALUE;

  VideoPackets(long defaultDuration) {
    this.defaultDuration = defaultDuration;
  }

  /** Notes {@code pkt} as a frame, unless it carries no picture (empty, or marked to be discarded). */
  void add(AVPacket pkt) {
    if (pkt.size() <= 0) {
      return;
    }
    if ((pkt.flags() & AV_PKT_FLAG_DISCARD) != 0) {
      hidden++;
      return;
    }
    long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
    if (ts == AV_NOPTS_VALUE) {
      ts = lastTs == AV_NOPTS_VALUE ? 0 : lastTs + defaultDuration;
    }
    lastTs = ts;
    long dur = pkt.duration() > 0 ? pkt.duration() : defaultDuration;
    if (n == pts.length) {
      pts = Arrays.copyOf(pts, n * 2);
      dts = Arrays.copyOf(dts, n * 2);
      hasPts = Arrays.copyOf(hasPts, n * 2);
      isKey = Arrays.copyOf(isKey, n * 2);
    }
    dts[n] = pkt.dts();
    hasPts[n] = pkt.pts() != AV_NOPTS_VALUE;
    isKey[n] = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
    if (!hasPts[n]) {
      missingPts++;
    }
    if (isKey[n]) {
      if (nk == keys.length) {
        keys = Arrays.copyOf(keys, nk * 2);
      }
      keys[nk++] = ts;
    }
    pts[n++] = ts;
    end = Math.max(end, ts + dur);
  }

  int frameCount() {
    return n;
  }

  /** Pictures the file holds but marks to be discarded: those an edit list trims off (a stream copy's cut). */
  long hiddenCount() {
    return hidden;
  }

  int keyframeCount() {
    return nk;
  }

  /**
   * The frames' presentation times, sorted, and the keyframes'. Where packets lack presentation
   * times they are rebuilt from the decode times ({@link PresentationTimes}), the decoder's first
   * picture (from {@code firstDecoded}) telling by how much they move.
   */
  FrameIndex index(Rational timeBase, Supplier<Long> firstDecoded) {
    long[] sorted = Arrays.copyOf(pts, n);
    Arrays.sort(sorted);
    long[] keySorted = Arrays.copyOf(keys, nk);
    Arrays.sort(keySorted);
    long endPts = end;
    if (missingPts > 0) {
      long[][] rebuilt = PresentationTimes.fromDecodeTimes(Arrays.copyOf(dts, n), Arrays.copyOf(pts, n),
          Arrays.copyOf(hasPts, n), Arrays.copyOf(isKey, n), firstDecoded);
      if (rebuilt != null) {
        sorted = rebuilt[0];
        keySorted = rebuilt[1];
        endPts = sorted[n - 1] + defaultDuration;
      }
    }
    return new FrameIndex(timeBase, sorted, keySorted, endPts);
  }
}
