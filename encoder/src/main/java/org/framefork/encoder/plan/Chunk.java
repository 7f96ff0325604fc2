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

  /** This chunk cut short before the frame at index {@code atFrame}, presented at {@code atPts}. */
  public Chunk endingAt(int atFrame, long atPts) {
    if (atFrame <= firstFrame || atFrame >= firstFrame + frameCount || atPts <= startPts || atPts >= endPts) {
      throw new IllegalArgumentException("frame " + atFrame + " is not inside chunk " + index);
    }
    return new Chunk(index, firstFrame, atFrame - firstFrame, startPts, atPts, seekPts);
  }

  /**
   * The frames from index {@code atFrame} (presented at {@code atPts}) to this chunk's end, as chunk
   * {@code newIndex}, decoding from the keyframe at {@code keyframePts}.
   */
  public Chunk tailFrom(int newIndex, int atFrame, long atPts, long keyframePts) {
    if (atFrame <= firstFrame || atFrame >= firstFrame + frameCount || atPts <= startPts || atPts >= endPts) {
      throw new IllegalArgumentException("frame " + atFrame + " is not inside chunk " + index);
    }
    return new Chunk(newIndex, atFrame, firstFrame + frameCount - atFrame, atPts, endPts, keyframePts);
  }
}
