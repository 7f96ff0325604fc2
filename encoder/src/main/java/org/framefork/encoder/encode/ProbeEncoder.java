package org.framefork.encoder.encode;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;

/**
 * Encodes pictures already read (and filtered) by a {@link ChunkInput} into a segment file, as a
 * chunk's encoder would: the probe encodes of target quality, which try one chunk's pictures at
 * several CRFs.
 */
public final class ProbeEncoder {
  private ProbeEncoder() {}

  /**
   * Encodes {@code count} pictures, {@code picture.apply(i)} presented at {@code pts[i]} (in the
   * time base of {@code source}, the stream they were decoded from), into {@code file}.
   *
   * @param settings with the picture format settled (see {@link ChunkInput#settings()}): the
   *     pictures are of its depth, and the segment carries its HDR metadata
   * @param decoded the size the source's pictures were decoded at (before filters)
   * @return the segment's bytes
   * @throws CancellationException when {@code stop} says so
   */
  public static long encode(Path file, int chunk, EncodeSettings settings, AVStream source, FrameSize decoded,
      FrameSize size, int count, IntFunction<? extends Yuv420Frame<?>> picture, long[] pts, BooleanSupplier stop) {
    AVFrame frame = FramePlanes.newPicture(size.width(), size.height(), settings.picture().depth());
    try (SegmentWriter writer = new SegmentWriter(file, chunk, settings, source, decoded, size)) {
      for (int i = 0; i < count; i++) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("probe encode cancelled");
        }
        // The encoder may still hold a reference to the last picture: then this gets a fresh buffer.
        FramePlanes.copyOutWritable(picture.apply(i), frame);
        frame.pts(pts[i]);
        frame.pict_type(avutil.AV_PICTURE_TYPE_NONE);
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
