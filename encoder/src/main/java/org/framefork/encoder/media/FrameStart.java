package org.framefork.encoder.media;

/**
 * Where a read starts: frame {@code frame} of the stream (in presentation order), presented at
 * {@code pts}, and the keyframe at or before it, presented at {@code keyframePts}, where decoding
 * must begin for that frame to come out whole. Times are in the stream's time base.
 */
public record FrameStart(int frame, long pts, long keyframePts) {
  /** Whether this is the stream's first frame, which needs no seek. */
  public boolean atStreamStart() {
    return frame == 0;
  }
}
