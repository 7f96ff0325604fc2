package org.framefork.encoder.encode;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.Rational;

/**
 * Encodes pictures already read (and filtered) by a {@link ChunkInput} into a segment file, as a
 * chunk's encoder would: the probe encodes of target quality, which try one chunk's pictures at
 * several CRFs, and which can be scored on the pictures the encoder reconstructs (see {@link
 * #reconstructs}) rather than by decoding the file.
 */
public final class ProbeEncoder {
  private ProbeEncoder() {}

  /**
   * Whether the encoder of {@code settings} hands back the pictures it reconstructs, bit for bit
   * those a decoder of its output makes (the encoder predicts from them), so that a probe is scored
   * without decoding its file: x264 at 8 bits, whose pictures come as NV12 (see {@link
   * FramePlanes#copyInNv12}).
   */
  public static boolean reconstructs(EncodeSettings settings) {
    if (settings.codec() != VideoCodec.H264 || settings.picture().depth() != 8) {
      return false;
    }
    AVCodec codec = avcodec.avcodec_find_encoder_by_name(settings.codec().encoderName());
    return codec != null && !codec.isNull() && (codec.capabilities() & avcodec.AV_CODEC_CAP_ENCODER_RECON_FRAME) != 0;
  }

  /**
   * Encodes {@code count} pictures, {@code picture.apply(i)} presented at {@code pts[i]} (in the
   * time base of {@code source}, the stream they were decoded from), into {@code file}.
   * {@code reconstructed}, where not null, takes each encoded picture as a decoder of the file
   * would make it (valid during the call), with its pts, in the file's (coded) order. Only for
   * settings that {@link #reconstructs}; the file is the same either way.
   *
   * @param settings with the picture format settled (see {@link ChunkInput#settings()}): the
   *     pictures are of its depth, and the segment carries its HDR metadata
   * @param sar the pixel shape of the pictures (see {@link ChunkInput#sampleAspectRatio})
   * @return the segment's bytes
   * @throws CancellationException when {@code stop} says so
   */
  public static long encode(Path file, int chunk, EncodeSettings settings, AVStream source, Rational sar,
      FrameSize size, int count, IntFunction<? extends Yuv420Frame<?>> picture, long[] pts,
      ObjLongConsumer<AVFrame> reconstructed, BooleanSupplier stop) {
    AVFrame frame = FramePlanes.newPicture(size.width(), size.height(), settings.picture().depth());
    try (SegmentWriter writer = new SegmentWriter(file, chunk, settings, source, size, sar, reconstructed)) {
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
