package org.framefork.encoder.media;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Where a chunk's pictures come from, in presentation order, each yuv420p with its presentation
 * time: a video file's {@link VideoDecoder}, or an image sequence's reader. Not thread-safe.
 */
public interface PictureSource extends AutoCloseable {
  /** Reads from frame {@code start} on, exactly; call it before the first {@link #next()}. */
  void startAt(FrameStart start, ReadFrom readFrom);

  /** The stream the pictures are of (time base, rate, size, pixel format, colour); read it before the first {@link #next()}. */
  AVStream stream();

  /** Hands out yuv420p pictures of {@code width x height} and {@code depth} bits (8 or 10); call it before the first {@link #next()}. */
  void convertTo(int width, int height, int depth);

  /**
   * Composites pictures with alpha over {@code background} as they are converted ({@code
   * --alpha-over} for a video); call it before the first {@link #next()}. An image sequence's reader
   * takes its colour from the sequence's manifest and ignores this.
   */
  default void compositeOver(Background background) {}

  /** Decodes the next picture; false at the end. */
  boolean next();

  /** The current picture: yuv420p of the depth asked for; valid until the next call. */
  AVFrame picture();

  /** The current picture's presentation time, in the stream's time base. */
  long pts();

  /** Pictures that could not be decoded, or were dropped for a missing or repeated time. */
  int decodeErrors();

  @Override
  void close();
}
