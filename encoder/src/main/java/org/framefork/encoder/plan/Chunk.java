package org.framefork.encoder.plan;

/**
 * One independent piece of the video: the frames {@code firstFrame … firstFrame+frameCount-1} in
 * presentation order, whose times lie in {@code [startPts, endPts)} (the source stream's time base).
 * Decoding starts at the keyframe presented at {@code seekPts}, at or before the first frame.
 */
public record Chunk(int index, int firstFrame, int frameCount, long startPts, long endPts, long seekPts) {
  /** endPts of the last chunk: it runs to the end of the stream. */
  public static final long OPEN_END = Long.MAX_VALUE;

  public boolean contains(long pts) {
    return pts >= startPts && pts < endPts;
  }

  /** Whether decoding starts at the very first frame, so no seek is needed. */
  public boolean startsOnKeyframeAtStreamStart() {
    return firstFrame == 0;
  }

  /** Whether the chunk starts on a source keyframe, so that no frame before it must be decoded. */
  public boolean startsOnKeyframe() {
    return seekPts == startPts;
  }
}
