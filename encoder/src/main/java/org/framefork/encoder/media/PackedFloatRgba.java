package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Packed float RGBA pictures (a float TIFF's, rgbaf32) and float grey with alpha (a Y and A EXR's,
 * yaf32) made planar for libswscale, which takes no packed float RGBA as input (FFmpeg 8.1) and
 * aborts the process on yaf32 (an assertion, though sws_isSupportedInput says yes) but takes the
 * planar layout, gbrapf32le (EXR's), with the same samples (grey in each of G, B and R). Owns its
 * frame; one picture at a time.
 */
final class PackedFloatRgba implements AutoCloseable {
  private AVFrame floats;

  /** Whether pictures in {@code format} are packed float RGBA or grey with alpha, which libswscale cannot take. */
  static boolean is(int format) {
    return format == AV_PIX_FMT_RGBAF32LE || format == AV_PIX_FMT_RGBAF32BE || format == AV_PIX_FMT_YAF32LE
        || format == AV_PIX_FMT_YAF32BE;
  }

  /** {@code f}, packed float RGBA or YA, as gbrapf32le in a frame this owns (valid until the next call). */
  AVFrame planar(AVFrame f) {
    int w = f.width();
    int h = f.height();
    if (floats == null || floats.width() != w || floats.height() != h) {
      floats = Ffmpeg.free(floats, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
      floats = AlphaOver.frame(AV_PIX_FMT_GBRAPF32LE, w, h);
    }
    Ffmpeg.check(av_frame_make_writable(floats), "frame buffer");
    boolean grey = f.format() == AV_PIX_FMT_YAF32LE || f.format() == AV_PIX_FMT_YAF32BE;
    int samples = grey ? 2 : 4;
    byte[] packed = new byte[w * samples * 4];
    float[] rgba = new float[w * samples];
    float[][] planes = {new float[w], new float[w], new float[w], new float[w]};
    FloatPointer[] to = new FloatPointer[4];
    for (int p = 0; p < 4; p++) {
      to[p] = new FloatPointer(floats.data(p));
    }
    boolean little = f.format() == AV_PIX_FMT_RGBAF32LE || f.format() == AV_PIX_FMT_YAF32LE;
    ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    // GBRA planes: green, blue, red, alpha; grey goes to all three colours.
    int[] from = grey ? new int[] {0, 0, 0, 1} : new int[] {1, 2, 0, 3};
    for (int y = 0; y < h; y++) {
      f.data(0).position((long) y * f.linesize(0)).get(packed, 0, packed.length);
      ByteBuffer.wrap(packed).order(order).asFloatBuffer().get(rgba);
      for (int x = 0; x < w; x++) {
        for (int p = 0; p < 4; p++) {
          planes[p][x] = rgba[x * samples + from[p]];
        }
      }
      for (int p = 0; p < 4; p++) {
        to[p].position((long) y * floats.linesize(p) / 4).put(planes[p], 0, w);
      }
    }
    f.data(0).position(0);
    floats.color_range(f.color_range());
    return floats;
  }

  @Override
  public void close() {
    floats = Ffmpeg.free(floats, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
  }
}
