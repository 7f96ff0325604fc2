package org.framefork.encoder.encode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.PictureConverter;

/**
 * One chunk's own run of the job's filter chain (a temporal filter starts fresh at the chunk's
 * first frame), at the depth of the decoded pictures: yuv420p on 8-bit planes, yuv420p10le on
 * 16-bit ones. Each picture is copied into planes on the heap, filtered, and copied into a frame
 * for the encoder; the planes and the frame are made once per chunk.
 *
 * <p>An 8-bit output of a 10-bit source is filtered at 10 bits and dithered to 8 afterwards (by
 * libswscale, as an unfiltered encode is), not dithered first: a blur, a scale or a contrast
 * stretch of dithered pictures averages the dither away and rounds to 8 bits again, which brings
 * back the bands the dither was there to hide, and a curve that stretches 8-bit levels leaves
 * gaps between them; from 10 bits both get one dither at the very end.
 */
final class ChunkFilter implements AutoCloseable {
  private final FilterRun run;
  /** Bits per sample of the encoder's pictures: the run's, or 8 after the dither. */
  private final int outputDepth;
  /** The decoded picture on the heap; laid out like the first decoded picture. */
  private YuvFrame planes;
  private YuvFrame16 planes16;
  /** The filtered picture, at the run's depth. */
  private AVFrame filtered;
  /** To 8 bits after a deeper run, or null. */
  private PictureConverter dither;

  /**
   * @param depth bits per sample of the decoded pictures, which the filters run at: 8 or 10
   * @param outputDepth bits per sample for the encoder: {@code depth}, or 8 from 10 (dithered)
   */
  ChunkFilter(FilterSetup setup, FrameSize decoded, int depth, int outputDepth) {
    if (outputDepth != depth && !(depth == 10 && outputDepth == 8)) {
      throw new IllegalArgumentException("filters at " + depth + " bits cannot give " + outputDepth + "-bit pictures");
    }
    this.run = setup.start(decoded, depth);
    this.outputDepth = outputDepth;
  }

  FrameSize outputSize() {
    return run.outputSize();
  }

  /** Runs the filters on {@code f} (at the run's depth) and returns the encoder's frame with the result. */
  AVFrame apply(AVFrame f) {
    if (filtered == null) {
      filtered = FramePlanes.newPicture(outputSize().width(), outputSize().height(), run.depth());
      if (outputDepth != run.depth()) {
        dither = new PictureConverter(outputSize().width(), outputSize().height(), outputDepth);
      }
    }
    if (run.depth() == 8) {
      planes = planes == null ? FramePlanes.allocateLike(f) : planes;
      FramePlanes.copyIn(f, planes);
      FramePlanes.copyOutWritable(run.apply(planes), filtered);
    } else {
      planes16 = planes16 == null ? FramePlanes.allocateLike16(f) : planes16;
      FramePlanes.copyIn16(f, planes16);
      FramePlanes.copyOutWritable(run.apply(planes16), filtered);
    }
    AVFrame out = dither == null ? filtered : dither.convert(filtered);
    out.pts(f.pts());
    return out;
  }

  @Override
  public void close() {
    filtered = Ffmpeg.free(filtered, avutil::av_frame_free);
    dither = Ffmpeg.free(dither, PictureConverter::close);
  }
}
