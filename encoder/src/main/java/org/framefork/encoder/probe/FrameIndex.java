package org.framefork.encoder.probe;

import java.util.Arrays;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.Rational;

/**
 * Presentation times of every frame of the video stream, in the stream's time base, sorted, and
 * which of them are keyframes. Built from a packet scan; the planner cuts chunks on it and the
 * joiner restores exact times from it.
 */
public final class FrameIndex {
  private final Rational timeBase;
  private final long[] pts;
  private final long[] keyframePts;
  private final long endPts;

  public FrameIndex(Rational timeBase, long[] sortedPts, long[] sortedKeyframePts, long endPts) {
    this.timeBase = timeBase;
    this.pts = sortedPts;
    this.keyframePts = sortedKeyframePts;
    this.endPts = endPts;
  }

  public Rational timeBase() {
    return timeBase;
  }

  public int frameCount() {
    return pts.length;
  }

  /** Presentation time of frame {@code i} (in presentation order). */
  public long pts(int i) {
    return pts[i];
  }

  /** The time just after the last frame ends (its time plus its duration). */
  public long endPts() {
    return endPts;
  }

  public int keyframeCount() {
    return keyframePts.length;
  }

  public long keyframePts(int k) {
    return keyframePts[k];
  }

  /** Index of the frame presented at {@code ts}, or -1. */
  public int frameAt(long ts) {
    int i = Arrays.binarySearch(pts, ts);
    return i >= 0 ? i : -1;
  }

  /** Whether the frame at index {@code i} is a keyframe. */
  public boolean isKeyframe(int i) {
    return Arrays.binarySearch(keyframePts, pts[i]) >= 0;
  }

  /** The latest keyframe presented at or before {@code ts}; the first frame if there is none. */
  public long keyframeAtOrBefore(long ts) {
    int k = Arrays.binarySearch(keyframePts, ts);
    if (k >= 0) {
      return keyframePts[k];
    }
    int insertion = -k - 1;
    return insertion == 0 ? pts[0] : keyframePts[insertion - 1];
  }

  /** Frames a read that starts at frame {@code i} decodes before it, from the keyframe at or before it. */
  public int framesBefore(int i) {
    return i - Math.max(0, frameAt(keyframeAtOrBefore(pts[i])));
  }

  /** Seconds from the first frame to the end of the last. */
  public double durationSeconds() {
    return pts.length == 0 ? 0 : timeBase.seconds(endPts - pts[0]);
  }

  /** Where a read that must start exactly at frame {@code i} (presentation order) begins. */
  public FrameStart startOf(int i) {
    return new FrameStart(i, pts[i], keyframeAtOrBefore(pts[i]));
  }
}
