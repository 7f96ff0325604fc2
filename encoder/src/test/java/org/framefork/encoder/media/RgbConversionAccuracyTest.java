package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FrameFork's RGB to YUV 4:2:0 conversion (the colour kernels, through {@link PictureConverter})
 * against libswscale's most accurate one, Debian's {@code ffmpeg -sws_flags
 * accurate_rnd+full_chroma_int} with the same matrix and range: every luma and chroma sample of
 * every test picture within one code value.
 */
class RgbConversionAccuracyTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}x{2} {3}")
  @CsvSource({
      "testsrc2, 1920, 1080, rgb24, bt709",
      "mandelbrot, 1920, 1080, rgb24, bt709",
      "testsrc2, 640, 480, rgb24, bt470bg",
      "mandelbrot, 320, 240, rgba, bt470bg",
      "mandelbrot, 64, 36, rgb24, bt470bg"})
  void everySampleIsWithinOneCodeValueOfLibswscale(String source, int width, int height, String pixFmt, String matrix)
      throws IOException {
    Path png = dir.resolve("picture.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", source + "=size=" + width + "x" + height + ":rate=1", "-frames:v", "1",
        "-vf", "format=" + pixFmt, png.toString());
    Path reference = dir.resolve("reference.yuv");
    DebianFfmpeg.ffmpeg("-i", png.toString(), "-sws_flags", "accurate_rnd+full_chroma_int",
        "-vf", "scale=out_color_matrix=" + matrix + ":out_range=tv,format=yuv420p", "-f", "rawvideo", reference.toString());
    byte[] expected = Files.readAllBytes(reference);

    byte[] ours = convertedByFrameFork(png, width, height);

    assertEquals(expected.length, ours.length);
    int lumaSize = width * height;
    assertTrue(maxDifference(expected, ours, 0, lumaSize) <= 1, "luma within 1: " + report(expected, ours, lumaSize));
    assertTrue(maxDifference(expected, ours, lumaSize, expected.length) <= 1, "chroma within 1: " + report(expected, ours, lumaSize));
  }

  /**
   * A 16-bit picture is converted from its 16 bits, with rounding: every luma sample within half a
   * code value (and the 16th of one that the kernels' samples keep) of the exact BT.709 value
   * computed here from the 16-bit channels. (libswscale's own 16-bit path is further off: up to 1.7
   * code values, 0.43 too high on average, on this picture.)
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"rgb48be", "rgba64be"})
  void sixteenBitPicturesAreConvertedFromTheirSixteenBitsWithRounding(String pixFmt) throws IOException {
    int width = 1280;
    int height = 720;
    Path png = dir.resolve("deep.png");
    // Scaling up in 16 bits leaves values between the 8-bit steps.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=1", "-frames:v", "1",
        "-vf", "format=rgb48le,scale=" + width + ":" + height + ":flags=bicubic,format=" + pixFmt, png.toString());
    Path raw = dir.resolve("deep.rgb48le");
    DebianFfmpeg.ffmpeg("-i", png.toString(), "-f", "rawvideo", "-pix_fmt", "rgb48le", raw.toString());
    byte[] rgb = Files.readAllBytes(raw);
    byte[] ours = convertedByFrameFork(png, width, height);

    double worst = 0;
    int between = 0;
    for (int i = 0; i < width * height; i++) {
      double r = channel(rgb, 3 * i);
      double g = channel(rgb, 3 * i + 1);
      double b = channel(rgb, 3 * i + 2);
      if (Math.abs(r * 255 - Math.rint(r * 255)) > 0.01) {
        between++;
      }
      double exact = 16 + 219 * (0.2126 * r + 0.7152 * g + 0.0722 * b);
      worst = Math.max(worst, Math.abs((ours[i] & 0xFF) - exact));
    }
    assertTrue(between > width * height / 10, "the test picture has values between 8-bit steps: " + between);
    assertTrue(worst <= 0.5 + 1.0 / 16, "luma within half a code value of exact, worst " + worst);
  }

  private static double channel(byte[] rgb48le, int sample) {
    return ((rgb48le[2 * sample] & 0xFF) | (rgb48le[2 * sample + 1] & 0xFF) << 8) / 65535.0;
  }

  private static byte[] convertedByFrameFork(Path png, int width, int height) {
    try (VideoDecoder d = new VideoDecoder(png, DecoderOptions.defaults().withThreads(1))) {
      assertTrue(d.next(), "the picture decodes");
      AVFrame f = d.picture();
      YuvFrame yuv = FramePlanes.allocateLike(f);
      FramePlanes.copyIn(f, yuv);
      byte[] out = new byte[width * height * 3 / 2];
      int at = 0;
      for (int p = 0; p < 3; p++) {
        var plane = yuv.plane(p);
        for (int y = 0; y < plane.height(); y++) {
          System.arraycopy(plane.data(), plane.rowStart(y), out, at, plane.width());
          at += plane.width();
        }
      }
      return out;
    }
  }

  private static int maxDifference(byte[] a, byte[] b, int from, int to) {
    int max = 0;
    for (int i = from; i < to; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
    }
    return max;
  }

  private static String report(byte[] a, byte[] b, int lumaSize) {
    int[] hist = new int[4];
    for (int i = 0; i < a.length; i++) {
      hist[Math.min(3, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)))]++;
    }
    return "luma max " + maxDifference(a, b, 0, lumaSize) + ", chroma max " + maxDifference(a, b, lumaSize, a.length)
        + ", samples off by 0/1/2/3+: " + hist[0] + "/" + hist[1] + "/" + hist[2] + "/" + hist[3];
  }
}
