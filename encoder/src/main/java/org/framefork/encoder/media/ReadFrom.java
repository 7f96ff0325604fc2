package org.framefork.encoder.media;

/** How a {@link VideoDecoder} reaches the first frame of a read ({@link VideoDecoder#startAt(FrameStart, ReadFrom)}). */
public enum ReadFrom {
  /** Seeks to the frame's keyframe, stepping back when the seek lands late. */
  KEYFRAME,
  /**
   * Decodes from the start of the file: slower, but with no seek nothing can land wrong (a retry
   * after a read that went wrong).
   */
  FILE_START
}
