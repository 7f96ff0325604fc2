package org.framefork.encoder.probe;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.framefork.encoder.media.Rational;

/**
 * The packet scan's record of the video stream: each picture-carrying packet is one frame, noted
 * in file (decode) order with its times and whether it is a keyframe.
 */
final class VideoPackets {
  /** The time a packet without one of its own is given after the one before, and its duration. */
  private long defaultDuration;

  private long[] pts = new long[1024];
  private long[] dts = new long[1024];
  private long[] dur = new long[1024];
  private boolean[] hasPts = new boolean[1024];
  private boolean[] isKey = new boolean[1024];
  private int missingPts;
  private long hidden;
  private long[] keys = new long[64];
  private int n;
  private int nk;
  private long lastTs = AV_NOPTS_VALUE;
  /** The packets at the end of the scan that the demuxer flagged as corrupt: cut off by the file's end. */
  private int corruptTail;
  /** Those of them {@link #dropUndecoded} took out: no picture decodes from them. */
  private int cut;
  /** Packets of the lead (shown before the first keyframe) that {@link #dropUndecodedLead} took out. */
  private int lead;
  /** The decode times of every packet as the lead check found them, the lead's left out included. */
  private long[] dtsWithLead;
  /** Where the container says the stream ends, or {@code Long.MIN_VALUE}: see {@link #containerEnd(long)}. */
  private long containerEnd = Long.MIN_VALUE;

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
    long d = Math.max(0, pkt.duration());
    if (n == pts.length) {
      pts = Arrays.copyOf(pts, n * 2);
      dts = Arrays.copyOf(dts, n * 2);
      dur = Arrays.copyOf(dur, n * 2);
      hasPts = Arrays.copyOf(hasPts, n * 2);
      isKey = Arrays.copyOf(isKey, n * 2);
    }
    dts[n] = pkt.dts();
    dur[n] = d;
    corruptTail = (pkt.flags() & AV_PKT_FLAG_CORRUPT) != 0 ? corruptTail + 1 : 0;
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
  }

  /**
   * Sets the duration of the packets that have none of their own, after the scan: a stream that
   * states no average rate is measured by its frames' times ({@link Prober}), and its base rate,
   * FFmpeg's guess, is not taken where the frames say otherwise.
   */
  void defaultDuration(long ticks) {
    defaultDuration = Math.max(1, ticks);
  }

  /** The time, in the first frame's time base, between the first frame and the last, or -1 for fewer than two frames. */
  long firstToLast() {
    if (n < 2) {
      return -1;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      first = Math.min(first, pts[i]);
      last = Math.max(last, pts[i]);
    }
    return last - first;
  }

  /**
   * The latest time a frame ends at: its time and its duration, or the default one where it has
   * none; or the {@linkplain #containerEnd end the container states} where that is earlier but
   * after the last frame's start.
   */
  private long end() {
    long end = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      end = Math.max(end, pts[i] + (dur[i] > 0 ? dur[i] : defaultDuration));
      last = Math.max(last, pts[i]);
    }
    return containerEnd > last && containerEnd < end ? containerEnd : end;
  }

  /**
   * Notes where the container says the stream ends (MP4 and MOV: its edit list, or its media's
   * length), used where the packets' durations read past it. An MP4 stores durations in decode
   * order, so with reordered frames the last one shown reads the gap of a frame before it (0.1 s
   * where it lasts 1/30 s): its own length is the container's end.
   */
  void containerEnd(long ts) {
    containerEnd = ts;
  }

  /**
   * The presentation times of the packets at the end of the scan that the demuxer flagged as
   * corrupt, as a file cut off inside its last packet leaves them (MP4 reads the part that is
   * there); empty when there are none, or when one has no time of its own to tell its picture by.
   */
  long[] corruptTailPts() {
    for (int i = n - corruptTail; i < n; i++) {
      if (!hasPts[i]) {
        return new long[0];
      }
    }
    return Arrays.copyOfRange(pts, n - corruptTail, n);
  }

  /** The time of the latest keyframe presented at or before {@code ts}, or {@code AV_NOPTS_VALUE} when there is none. */
  long keyframeAtOrBefore(long ts) {
    long best = AV_NOPTS_VALUE;
    for (int k = 0; k < nk; k++) {
      if (keys[k] <= ts && (best == AV_NOPTS_VALUE || keys[k] > best)) {
        best = keys[k];
      }
    }
    return best;
  }

  /**
   * Takes out the {@linkplain #corruptTailPts corrupt packets at the end} whose picture did not
   * decode ({@code decoded} tells by presentation time): they are no frames. Keeps them all when
   * none of the stream's frames would be left.
   */
  void dropUndecoded(LongPredicate decoded) {
    int from = n - corruptTail;
    int removed = retain(i -> i < from || decoded.test(pts[i]));
    cut = removed;
    corruptTail -= removed;
  }

  /**
   * The presentation times of the lead: the packets before the first keyframe (in file order), as
   * a recording cut inside a group of pictures starts, and those right after it that are shown
   * before it (an open group's leading pictures, which refer to the group the cut took off); empty
   * when there are none, or when one has no time of its own to tell its picture by.
   */
  long[] leadPts() {
    int[] lead = leadRange();
    if (lead == null) {
      return new long[0];
    }
    long[] out = new long[lead[1] - 1];
    int m = 0;
    for (int i = 0; i < lead[1]; i++) {
      if (i != lead[0]) {
        if (!hasPts[i]) {
          return new long[0];
        }
        out[m++] = pts[i];
      }
    }
    return out;
  }

  /**
   * The first keyframe's number (in file order) and the end of the run of packets after it that
   * are shown before it: the lead is every packet below that end but the keyframe. Null when
   * there is no keyframe; no run when the keyframe has no time of its own to compare with.
   */
  private int[] leadRange() {
    int k = firstKey();
    return k < 0 ? null : leadRange(k, hasPts[k] ? pts[k] : AV_NOPTS_VALUE);
  }

  /** As {@link #leadRange()}, the first keyframe ({@code k}) shown at {@code keyTime} (none: no run after it). */
  private int[] leadRange(int k, long keyTime) {
    int end = k + 1;
    while (end < n && keyTime != AV_NOPTS_VALUE && hasPts[end] && pts[end] < keyTime) {
      end++;
    }
    return new int[] {k, end};
  }

  /** The packets up to the first keyframe (in file order), it included; all of them when there is none. */
  int packetsToFirstKey() {
    int k = firstKey();
    return k < 0 ? n : k + 1;
  }

  /** The first keyframe's number in file order, or -1 when there is none. */
  private int firstKey() {
    int k = 0;
    while (k < n && !isKey[k]) {
      k++;
    }
    return k == n ? -1 : k;
  }

  /**
   * Whether the first keyframe, or a packet before it, has no presentation time of its own (MPEG-PS,
   * MPEG-2 in MPEG-TS: I and P pictures often carry none), so that {@link #leadPts} cannot tell the
   * lead: {@link #dropUntimedLead} does, from what the decoder puts out.
   */
  boolean leadUntimed() {
    int k = firstKey();
    for (int i = 0; i <= k; i++) {
      if (!hasPts[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes out a lead that has packets without a time of its own ({@link #leadUntimed}): {@code
   * keyTime} is the time the decoder gives the first keyframe's picture, and {@code decodedBefore}
   * the times of the pictures it put out before it, the lead's that decode. The lead's timed packets
   * that are not among them go, and its untimed ones when none of those decoded (every picture put
   * out before the keyframe's is a timed packet's); when some did, which ones cannot be told and the
   * untimed packets stay, as without the check. The keyframe takes {@code keyTime} where it has no time.
   */
  void dropUntimedLead(long keyTime, Set<Long> decodedBefore) {
    int k = firstKey();
    if (k < 0) {
      return;
    }
    if (!hasPts[k]) {
      pts[k] = keyTime;
      hasPts[k] = true;
      keys[0] = keyTime;
      missingPts--;
    }
    int[] r = leadRange(k, keyTime);
    long timedDecoded = 0;
    for (int i = 0; i < r[1]; i++) {
      timedDecoded += i != k && hasPts[i] && decodedBefore.contains(pts[i]) ? 1 : 0;
    }
    boolean untimedDecoded = decodedBefore.size() > timedDecoded;
    dropLead(i -> i == k || i >= r[1] || (hasPts[i] ? decodedBefore.contains(pts[i]) : untimedDecoded));
  }

  /**
   * Takes out the {@linkplain #leadPts lead's packets} whose picture did not decode ({@code
   * decoded} tells by presentation time): they refer to pictures the file does not hold, so they
   * are no frames.
   */
  void dropUndecodedLead(LongPredicate decoded) {
    if (leadPts().length == 0) {
      return;
    }
    int[] r = leadRange();
    dropLead(i -> i == r[0] || i >= r[1] || decoded.test(pts[i]));
  }

  /** Keeps the packets {@code keep} accepts as the lead check's result, noting the decode times of all of them first. */
  private void dropLead(IntPredicate keep) {
    long[] all = Arrays.copyOf(dts, n);
    lead = retain(keep);
    dtsWithLead = all;
  }

  /** Pictures shown before the first keyframe that do not decode: not counted as frames. */
  int leadCount() {
    return lead;
  }

  /** Keeps the packets whose number {@code keep} accepts, unless none would be left; returns how many went. */
  private int retain(IntPredicate keep) {
    int kept = 0;
    int untimed = 0;
    for (int i = 0; i < n; i++) {
      if (keep.test(i)) {
        untimed += hasPts[i] ? 0 : 1;
        pts[kept] = pts[i];
        dts[kept] = dts[i];
        dur[kept] = dur[i];
        hasPts[kept] = hasPts[i];
        isKey[kept] = isKey[i];
        kept++;
      }
    }
    if (kept == 0) {
      return 0;
    }
    int removed = n - kept;
    n = kept;
    missingPts = untimed;
    nk = 0;
    for (int i = 0; i < n; i++) {
      if (isKey[i]) {
        keys[nk++] = pts[i];
      }
    }
    return removed;
  }

  /** Pictures whose packets the file's end cuts off so that they do not decode: not counted as frames. */
  int cutCount() {
    return cut;
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
    long endPts = end();
    if (missingPts > 0) {
      boolean withLead = dtsWithLead != null && dtsWithLead.length == n + lead;
      long[][] rebuilt = PresentationTimes.fromDecodeTimes(withLead ? dtsWithLead : Arrays.copyOf(dts, n), withLead ? lead : 0,
          Arrays.copyOf(pts, n),
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
