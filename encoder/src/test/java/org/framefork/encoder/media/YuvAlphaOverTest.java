package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_AYUV64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P12LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA420P;
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
}
