package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YAF32LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * Packed float RGBA and YA pictures, in both byte orders, come out as gbrapf32le with each sample
 * in its plane and place; the planar frame and its rows are kept from picture to picture.
 */
class PackedFloatRgbaTest {
  /** A sample no other place of the picture has: its column, row and channel. */
  private static float sample(int x, int y, int channel) {
    return x + 1000f * y + channel / 4f;
  }

  /** A {@code w x h} picture in {@code format} (4 or 2 channels), every sample {@link #sample}. */
  private static AVFrame packed(int format, int w, int h) {
    boolean grey = format == AV_PIX_FMT_YAF32LE || format == AV_PIX_FMT_YAF32BE;
    int samples = grey ? 2 : 4;
    ByteOrder order = format == AV_PIX_FMT_RGBAF32LE || format == AV_PIX_FMT_YAF32LE
        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    AVFrame f = AlphaOver.frame(format, w, h);
    ByteBuffer row = ByteBuffer.allocate(w * samples * 4).order(order);
    for (int y = 0; y < h; y++) {
      row.clear();
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < samples; c++) {
          row.putFloat(sample(x, y, c));
        }
      }
      f.data(0).position((long) y * f.linesize(0)).put(row.array(), 0, row.capacity());
    }
    f.color_range(AVCOL_RANGE_JPEG);
    return f;
  }

  /** Row {@code y} of plane {@code p} of a gbrapf32le frame. */
  private static float[] row(AVFrame f, int p, int y) {
    float[] row = new float[f.width()];
    new FloatPointer(f.data(p)).position((long) y * f.linesize(p) / 4).get(row);
    return row;
  }

  private static void assertPlanar(AVFrame out, int format, int w, int h) {
    assertEquals(AV_PIX_FMT_GBRAPF32LE, out.format());
    assertEquals(w, out.width());
    assertEquals(h, out.height());
    assertEquals(AVCOL_RANGE_JPEG, out.color_range());
    boolean grey = format == AV_PIX_FMT_YAF32LE || format == AV_PIX_FMT_YAF32BE;
    int[] from = grey ? new int[] {0, 0, 0, 1} : new int[] {1, 2, 0, 3}; // G, B, R, A
    for (int p = 0; p < 4; p++) {
      for (int y = 0; y < h; y++) {
        float[] expected = new float[w];
        for (int x = 0; x < w; x++) {
          expected[x] = sample(x, y, from[p]);
        }
        assertArrayEquals(expected, row(out, p, y), "plane " + p + ", row " + y + " of format " + format);
      }
    }
  }

  @Test
  void everyFormatComesOutPlanarSampleForSample() {
    try (PackedFloatRgba floats = new PackedFloatRgba()) {
      // Odd widths and a change of size between pictures: the kept rows and frame follow it.
      int[][] sizes = {{37, 5}, {37, 5}, {64, 3}, {5, 7}};
      for (int format : new int[] {AV_PIX_FMT_RGBAF32LE, AV_PIX_FMT_RGBAF32BE, AV_PIX_FMT_YAF32LE, AV_PIX_FMT_YAF32BE}) {
        for (int[] size : sizes) {
          AVFrame in = packed(format, size[0], size[1]);
          try {
            assertPlanar(floats.planar(in), format, size[0], size[1]);
          } finally {
            av_frame_free(in);
          }
        }
      }
    }
  }

  @Test
  void aPictureStillReferencedElsewhereIsNotWrittenOver() {
    try (PackedFloatRgba floats = new PackedFloatRgba()) {
      AVFrame first = packed(AV_PIX_FMT_RGBAF32LE, 16, 4);
      AVFrame kept = av_frame_alloc();
      try {
        assertEquals(0, av_frame_ref(kept, floats.planar(first)));
        AVFrame second = packed(AV_PIX_FMT_YAF32BE, 16, 4);
        try {
          assertPlanar(floats.planar(second), AV_PIX_FMT_YAF32BE, 16, 4);
        } finally {
          av_frame_free(second);
        }
        assertPlanar(kept, AV_PIX_FMT_RGBAF32LE, 16, 4);
      } finally {
        av_frame_free(kept);
        av_frame_free(first);
      }
    }
  }

  /** Per picture it allocated its rows, four FloatPointers, and two buffers and a pointer per row: 148 KB at 1920 x 270. */
  @Test
  void aPictureAllocatesNoRowsOnceTheFirstIsDone() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    AVFrame in = packed(AV_PIX_FMT_RGBAF32LE, 1920, 270);
    try (PackedFloatRgba floats = new PackedFloatRgba()) {
      for (int i = 0; i < 3; i++) {
        floats.planar(in);
      }
      int pictures = 20;
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < pictures; i++) {
        floats.planar(in);
      }
      long perPicture = (threads.getCurrentThreadAllocatedBytes() - before) / pictures;
      System.out.println("PackedFloatRgba.planar, 1920 x 270 rgbaf32le: " + perPicture + " bytes allocated per picture");
      assertTrue(perPicture < 2_048, perPicture + " bytes allocated per picture");
    } finally {
      av_frame_free(in);
    }
  }
}
