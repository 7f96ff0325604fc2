package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AlphaOver}'s blend, against {@link AlphaOver#over}'s arithmetic. */
class AlphaOverTest {
  /**
   * The in-place integer blend gives what {@link AlphaOver#over} gives for every opacity 0-65535,
   * colours spread over the range, over two backgrounds: each pixel's RGB48 at byte 6x of the row.
   */
  @ParameterizedTest(name = "premultiplied {0}")
  @ValueSource(booleans = {false, true})
  void theBlendIsOverForEveryOpacity(boolean premultiplied) {
    int w = 65536;
    int[][] backgrounds = {{0x33 * 257, 0x66 * 257, 0x99 * 257}, {0, 0, 65535}};
    for (int[] bg : backgrounds) {
      byte[] row = new byte[w * 8];
      int[][] px = new int[w][];
      for (int x = 0; x < w; x++) {
        px[x] = new int[] {(x * 7919) & 0xFFFF, (x * 104729) & 0xFFFF, 65535 - x, x};
        for (int c = 0; c < 4; c++) {
          row[x * 8 + c * 2] = (byte) px[x][c];
          row[x * 8 + c * 2 + 1] = (byte) (px[x][c] >> 8);
        }
      }
      if (premultiplied) {
        AlphaOver.blendPremultiplied(row, w, bg[0], bg[1], bg[2]);
      } else {
        AlphaOver.blend(row, w, bg[0], bg[1], bg[2]);
      }
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int got = (row[x * 6 + c * 2] & 0xFF) | (row[x * 6 + c * 2 + 1] & 0xFF) << 8;
          int want = AlphaOver.over(px[x][c], bg[c], px[x][3], premultiplied);
          if (got != want) {
            assertEquals(want, got, "pixel " + x + " channel " + c + " over " + java.util.Arrays.toString(bg));
          }
        }
      }
    }
  }

  /**
   * A frame FFmpeg gives no buffer (a width of 0: EINVAL) is refused as a MediaException naming the
   * frame buffer, on the free-then-throw path of both allocators, and a second time alike (the frame
   * freed is not touched again).
   */
  @Test
  void aFrameThatGetsNoBufferIsRefused() {
    for (int i = 0; i < 2; i++) {
      MediaException picture = assertThrows(MediaException.class, () -> FramePlanes.newPicture(0, 64, 8));
      assertTrue(picture.getMessage().startsWith("frame buffer"), picture.getMessage());
      MediaException rgba = assertThrows(MediaException.class, () -> AlphaOver.frame(avutil.AV_PIX_FMT_RGBA64LE, 0, 64));
      assertTrue(rgba.getMessage().startsWith("frame buffer"), rgba.getMessage());
    }
  }
}
