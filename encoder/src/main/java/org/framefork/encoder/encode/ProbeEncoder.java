package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;

/**
 * Encodes pictures already decoded (and filtered) into a segment file, as a chunk's encoder would:
 * the probe encodes of target quality, which try one chunk's pictures at several CRFs.
 */
public final class ProbeEncoder {
  private ProbeEncoder() {}

  /**
   * Encodes {@code count} pictures, {@code picture.apply(i)} presented at {@code pts[i]} (in the
   * time base of {@code source}, the stream they were decoded from), into {@code file}.
   *
   * @param decoded the size the source's pictures were decoded at (before filters)
   * @return the segment's bytes
   * @throws CancellationException when {@code stop} says so
   */
  public static long encode(Path file, int chunk, EncodeSettings settings, AVStream source, FrameSize decoded,
      FrameSize size, int count, IntFunction<YuvFrame> picture, long[] pts, BooleanSupplier stop) {
    AVFrame frame = av_frame_alloc();
    try (SegmentWriter writer = new SegmentWriter(file, chunk, settings, source, decoded, size)) {
      frame.format(AV_PIX_FMT_YUV420P);
      frame.width(size.width());
      frame.height(size.height());
      Ffmpeg.check(av_frame_get_buffer(frame, 0), "frame buffer");
      for (int i = 0; i < count; i++) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("probe encode cancelled");
        }
        // The encoder may still hold a reference to the last picture: then this gets a fresh buffer.
        Ffmpeg.check(av_frame_make_writable(frame), "frame buffer");
        FramePlanes.copyOut(picture.apply(i), frame);
        frame.pts(pts[i]);
        frame.pict_type(AV_PICTURE_TYPE_NONE);
        writer.send(frame);
        writer.writeReady();
      }
      writer.endInput();
      writer.writeReady();
      writer.writeTrailer();
      return writer.bytes();
    } finally {
      Ffmpeg.free(frame, avutil::av_frame_free);
    }
  }
}
