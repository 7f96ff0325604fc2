package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Packed float RGBA pictures (a float TIFF's, rgbaf32) and float grey with alpha (a Y and A EXR's,
 * yaf32) made planar for libswscale, which takes no packed float RGBA as input (FFmpeg 8.1) and
 * aborts the process on yaf32 (an assertion, though sws_isSupportedInput says yes) but takes the
 * planar layout, gbrapf32le (EXR's), with the same samples (grey in each of G, B and R). Owns its
 * frame, and the rows and plane pointers that go with it, kept from picture to picture; one picture
 * at a time.
 */
final class PackedFloatRgba implements AutoCloseable {
  private AVFrame floats;
  /** The planes of {@link #floats}, pointed at as long as its buffers stay the same. */
  private final BytePointer[] planes = new BytePointer[4];
  /** One row of the packed picture (four samples a pixel at most), and one of each plane. */
  private byte[] packed;
  private byte[][] rows;

  /** Whether pictures in {@code format} are packed float RGBA or grey with alpha, which libswscale cannot take. */
  static boolean is(int format) {
    return format == AV_PIX_FMT_RGBAF32LE || format == AV_PIX_FMT_RGBAF32BE || format == AV_PIX_FMT_YAF32LE
        || format == AV_PIX_FMT_YAF32BE;
  }

  /** {@code f}, packed float RGBA or YA, as gbrapf32le in a frame this owns (valid until the next call). */
  AVFrame planar(AVFrame f) {
    int w = f.width();
    int h = f.height();
    writableFrame(w, h);
    boolean grey = f.format() == AV_PIX_FMT_YAF32LE || f.format() == AV_PIX_FMT_YAF32BE;
    int samples = grey ? 2 : 4;
    boolean little = f.format() == AV_PIX_FMT_RGBAF32LE || f.format() == AV_PIX_FMT_YAF32LE;
    // GBRA planes: green, blue, red, alpha; grey goes to all three colours.
    int[] from = grey ? new int[] {0, 0, 0, 1} : new int[] {1, 2, 0, 3};
    BytePointer source = f.data(0);
    int rowBytes = w * samples * 4;
    for (int y = 0; y < h; y++) {
      source.position((long) y * f.linesize(0)).get(packed, 0, rowBytes);
      for (int p = 0; p < 4; p++) {
        spread(packed, samples, from[p], little, rows[p], w);
        planes[p].position((long) y * floats.linesize(p)).put(rows[p], 0, w * 4);
      }
    }
    floats.color_range(f.color_range());
    return floats;
  }

  /**
   * Sample {@code channel} of each of the {@code w} pixels of {@code packed} ({@code samples} floats a
   * pixel), into {@code row} as little-endian floats: the bytes as they are, or reversed from big-endian.
   */
  private static void spread(byte[] packed, int samples, int channel, boolean little, byte[] row, int w) {
    for (int x = 0, i = channel * 4; x < w; x++, i += samples * 4) {
      int o = x * 4;
      if (little) {
        row[o] = packed[i];
        row[o + 1] = packed[i + 1];
        row[o + 2] = packed[i + 2];
        row[o + 3] = packed[i + 3];
      } else {
        row[o] = packed[i + 3];
        row[o + 1] = packed[i + 2];
        row[o + 2] = packed[i + 1];
        row[o + 3] = packed[i];
      }
    }
  }

  /**
   * A {@code w x h} frame to write into: the one kept, unless its size changed or its buffers are still
   * referenced elsewhere (then copied, to new buffers); its rows and plane pointers with it.
   */
  private void writableFrame(int w, int h) {
    if (floats == null || floats.width() != w || floats.height() != h) {
      close();
      floats = AlphaOver.frame(AV_PIX_FMT_GBRAPF32LE, w, h);
      packed = new byte[w * 4 * 4];
      rows = new byte[4][w * 4];
    } else if (av_frame_is_writable(floats) != 0) {
      return;
    } else {
      Ffmpeg.check(av_frame_make_writable(floats), "frame buffer");
    }
    for (int p = 0; p < 4; p++) {
      planes[p] = floats.data(p);
    }
  }

  @Override
  public void close() {
    floats = Ffmpeg.free(floats, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    java.util.Arrays.fill(planes, null);
    packed = null;
    rows = null;
  }
}
