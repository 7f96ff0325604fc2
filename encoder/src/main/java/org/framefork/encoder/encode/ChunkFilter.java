package org.framefork.encoder.encode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;

/**
 * One chunk's own run of the job's filter chain (a temporal filter starts fresh at the chunk's
 * first frame). Each picture (yuv420p) is copied into planes on the heap, filtered, and copied into
 * a frame for the encoder; the planes and the frame are made once per chunk.
 */
final class ChunkFilter implements AutoCloseable {
  private final FilterRun run;
  /** The decoded picture on the heap; laid out like the first decoded picture. */
  private YuvFrame planes;
  /** The filtered picture, handed to the encoder. */
  private AVFrame filtered;

  ChunkFilter(FilterSetup setup, FrameSize decoded) {
    this.run = setup.start(decoded);
  }

  FrameSize outputSize() {
    return run.outputSize();
  }

  /** Runs the filters on {@code f} (yuv420p) and returns the encoder's frame with the result. */
  AVFrame apply(AVFrame f) {
    if (planes == null) {
      planes = FramePlanes.allocateLike(f);
      filtered = FramePlanes.newPicture(outputSize().width(), outputSize().height());
    }
    FramePlanes.copyIn(f, planes);
    YuvFrame out = run.apply(planes);
    FramePlanes.copyOutWritable(out, filtered);
    filtered.pts(f.pts());
    return filtered;
  }

  @Override
  public void close() {
    filtered = Ffmpeg.free(filtered, avutil::av_frame_free);
  }
}
