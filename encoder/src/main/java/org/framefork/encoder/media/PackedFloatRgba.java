package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Packed float RGBA pictures (a float TIFF's, rgbaf32) made planar for libswscale, which takes no
 * packed float RGBA as input (FFmpeg 8.1) but takes the planar layout, gbrapf32le (EXR's), with the
 * same samples. Owns its frame; one picture at a time.
 */
final class PackedFloatRgba implements AutoCloseable {
  private AVFrame floats;

  /** Whether pictures in {@code format} are packed float RGBA, which libswscale cannot take. */
  static boolean is(int format) {
    return format == AV_PIX_FMT_RGBAF32LE || format == AV_PIX_FMT_RGBAF32BE;
  }

  /** {@code f}, packed float RGBA, as gbrapf32le in a frame this owns (valid until the next call). */
  AVFrame planar(AVFrame f) {
    int w = f.width();
    int h = f.height();
    if (floats == null || floats.width() != w || floats.height() != h) {
      floats = Ffmpeg.free(floats, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
      floats = AlphaOver.frame(AV_PIX_FMT_GBRAPF32LE, w, h);
    }
    Ffmpeg.check(av_frame_make_writable(floats), "frame buffer");
    byte[] packed = new byte[w * 16];
    float[] rgba = new float[w * 4];
    float[][] planes = {new float[w], new float[w], new float[w], new float[w]};
    FloatPointer[] to = new FloatPointer[4];
    for (int p = 0; p < 4; p++) {
      to[p] = new FloatPointer(floats.data(p));
    }
    ByteOrder order = f.format() == AV_PIX_FMT_RGBAF32LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    for (int y = 0; y < h; y++) {
      f.data(0).position((long) y * f.linesize(0)).get(packed, 0, w * 16);
      ByteBuffer.wrap(packed).order(order).asFloatBuffer().get(rgba);
      for (int x = 0; x < w; x++) {
        // GBRA planes: green, blue, red, alpha.
        planes[0][x] = rgba[x * 4 + 1];
        planes[1][x] = rgba[x * 4 + 2];
        planes[2][x] = rgba[x * 4];
        planes[3][x] = rgba[x * 4 + 3];
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
