package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_AYUV64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P12LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P12LE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.junit.jupiter.api.Test;

class YuvAlphaOverTest {
  @Test
  void takesPlanarYuvWithAlphaOnly() {
    assertTrue(YuvAlphaOver.takes(AV_PIX_FMT_YUVA420P));
    assertTrue(YuvAlphaOver.takes(AV_PIX_FMT_YUVA444P12LE));
    assertEquals(AV_PIX_FMT_YUV444P12LE, YuvAlphaOver.withoutAlpha(AV_PIX_FMT_YUVA444P12LE));
    assertFalse(YuvAlphaOver.takes(AV_PIX_FMT_YUV420P));
    assertFalse(YuvAlphaOver.takes(AV_PIX_FMT_ARGB));
    assertFalse(YuvAlphaOver.takes(AV_PIX_FMT_AYUV64LE), "packed");
  }

  @Test
  void theBackgroundIsMadeYuvInTheMatrixRangeAndDepth() {
    double[] bt601 = YuvAlphaOver.coefficients(AVCOL_SPC_UNSPECIFIED, ColourMatrix.BT601);
    assertArrayEquals(new int[] {235, 128, 128}, YuvAlphaOver.toYuv(new Background(255, 255, 255), bt601[0], bt601[1], false, 8));
    assertArrayEquals(new int[] {64, 512, 512}, YuvAlphaOver.toYuv(new Background(0, 0, 0), bt601[0], bt601[1], false, 10));
    assertArrayEquals(new int[] {255, 128, 128}, YuvAlphaOver.toYuv(new Background(255, 255, 255), bt601[0], bt601[1], true, 8));
    // Red in BT.601 (FFmpeg: 81, 90, 240) and BT.709 (63, 102, 240).
    assertArrayEquals(new int[] {81, 90, 240}, YuvAlphaOver.toYuv(new Background(255, 0, 0), bt601[0], bt601[1], false, 8));
    double[] bt709 = YuvAlphaOver.coefficients(AVCOL_SPC_UNSPECIFIED, ColourMatrix.BT709);
    assertArrayEquals(new int[] {63, 102, 240}, YuvAlphaOver.toYuv(new Background(255, 0, 0), bt709[0], bt709[1], false, 8));
  }

  /** A 4x2 yuva420p picture: Y 200 everywhere, alpha 255, 0, 128, 64 by column; over white. */
  @Test
  void eachPlaneBlendsWithItsAlphaAndChromaWithTheMeanOfItsPixels() {
    AVFrame f = AlphaOver.frame(AV_PIX_FMT_YUVA420P, 4, 2);
    f.color_range(AVCOL_RANGE_MPEG);
    int[] alphas = {255, 0, 128, 64};
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        f.data(0).put((long) y * f.linesize(0) + x, (byte) 200);
        f.data(3).put((long) y * f.linesize(3) + x, (byte) alphas[x]);
      }
    }
    for (int x = 0; x < 2; x++) {
      f.data(1).put(x, (byte) 60);
      f.data(2).put(x, (byte) 200);
    }
    try (YuvAlphaOver over = new YuvAlphaOver(new Background(255, 255, 255))) {
      AVFrame out = over.apply(f);
      assertEquals(AV_PIX_FMT_YUV420P, out.format());
      // 200 at 255; 235 at 0; (200 * 128 + 235 * 127 + 127) / 255 = 217; (200 * 64 + 235 * 191 + 127) / 255 = 226.
      int[] luma = {200, 235, 217, 226};
      for (int x = 0; x < 4; x++) {
        assertEquals(luma[x], out.data(0).get((long) out.linesize(0) + x) & 0xFF, "Y at " + x);
      }
      // Mean alpha 128 (255, 0) then 96 (128, 64): U (60 * 128 + 128 * 127 + 127) / 255 = 94; (60 * 96 + 128 * 159 + 127) / 255 = 102.
      assertEquals(94, out.data(1).get(0) & 0xFF);
      assertEquals(102, out.data(1).get(1) & 0xFF);
      assertEquals(164, out.data(2).get(0) & 0xFF);
    } finally {
      Ffmpeg.free(f, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    }
  }

  /**
   * A full-range 10-bit picture, wholly transparent, over red: the background in H.273's full range,
   * chroma {@code 1023 * u + 512} (BT.601: Y 1023 * 0.299 = 306, U 512 - 1023 * 0.1687 = 339, V 512 +
   * 1023 * 0.5, clipped to 1023), not 8-bit full range scaled by 4 (340, 1022).
   */
  @Test
  void aFullRangeTenBitBackgroundIsH273s() {
    AVFrame f = AlphaOver.frame(AV_PIX_FMT_YUVA444P10LE, 2, 2);
    f.color_range(AVCOL_RANGE_JPEG);
    f.colorspace(AVCOL_SPC_BT470BG);
    for (int plane = 0; plane < 4; plane++) {
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 2; x++) {
          f.data(plane).putShort((long) y * f.linesize(plane) + 2L * x, (short) (plane == 3 ? 0 : 700));
        }
      }
    }
    try (YuvAlphaOver over = new YuvAlphaOver(new Background(255, 0, 0))) {
      AVFrame out = over.apply(f);
      assertEquals(AV_PIX_FMT_YUV444P10LE, out.format());
      int[] want = {306, 339, 1023};
      for (int plane = 0; plane < 3; plane++) {
        assertEquals(want[plane], out.data(plane).getShort((long) out.linesize(plane) + 2) & 0xFFFF, "plane " + plane);
      }
    } finally {
      Ffmpeg.free(f, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    }
    double[] bt601 = YuvAlphaOver.coefficients(AVCOL_SPC_BT470BG, ColourMatrix.BT601);
    // Grey's chroma is 2^(d-1) at every depth; blue's U the top of 12 and 16 bits.
    int[] grey = YuvAlphaOver.toYuv(new Background(128, 128, 128), bt601[0], bt601[1], true, 12);
    assertArrayEquals(new int[] {2048, 2048}, new int[] {grey[1], grey[2]});
    assertEquals(4095, YuvAlphaOver.toYuv(new Background(0, 0, 255), bt601[0], bt601[1], true, 12)[1]);
    assertEquals(65535, YuvAlphaOver.toYuv(new Background(0, 0, 255), bt601[0], bt601[1], true, 16)[1]);
  }
}
