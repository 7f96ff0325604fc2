package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.PlaneGeometry;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FrameFork's RGB to YUV 4:2:0 conversion (the colour kernels, through {@link PictureConverter}),
 * to 8 and to 10 bits, against libswscale's most accurate one, Debian's {@code ffmpeg -sws_flags
 * accurate_rnd+full_chroma_int} with the same matrix, range and depth: every luma and chroma sample
 * of every test picture within one code value of the output's depth.
 */
class RgbConversionAccuracyTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}x{2} {3} {5} bits")
  @CsvSource({
      "testsrc2, 1920, 1080, rgb24, bt709, 8",
      "mandelbrot, 1920, 1080, rgb24, bt709, 8",
      "testsrc2, 640, 480, rgb24, bt470bg, 8",
      "mandelbrot, 320, 240, rgba, bt470bg, 8",
      "mandelbrot, 64, 36, rgb24, bt470bg, 8",
      "testsrc2, 1920, 1080, rgb24, bt709, 10",
      "mandelbrot, 1920, 1080, rgb24, bt709, 10",
      "testsrc2, 640, 480, rgb24, bt470bg, 10",
      "mandelbrot, 320, 240, rgba, bt470bg, 10",
      "mandelbrot, 64, 36, rgb24, bt470bg, 10"})
  void everySampleIsWithinOneCodeValueOfLibswscale(String source, int width, int height, String pixFmt, String matrix,
      int depth) throws IOException {
    Path png = dir.resolve("picture.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", source + "=size=" + width + "x" + height + ":rate=1", "-frames:v", "1",
        "-vf", "format=" + pixFmt, png.toString());
    Path reference = dir.resolve("reference.yuv");
    DebianFfmpeg.ffmpeg("-i", png.toString(), "-sws_flags", "accurate_rnd+full_chroma_int",
        "-vf", "scale=out_color_matrix=" + matrix + ":out_range=tv,format=" + (depth == 10 ? "yuv420p10le" : "yuv420p"),
        "-f", "rawvideo", reference.toString());
    int[] expected = samples(Files.readAllBytes(reference), depth);

    int[] ours = convertedByFrameFork(png, width, height, depth);

    assertEquals(expected.length, ours.length);
    int lumaSize = width * height;
    assertTrue(maxDifference(expected, ours, 0, lumaSize) <= 1, "luma within 1: " + report(expected, ours, lumaSize));
    assertTrue(maxDifference(expected, ours, lumaSize, expected.length) <= 1, "chroma within 1: " + report(expected, ours, lumaSize));
  }

  /**
   * A 16-bit picture is converted from its 16 bits, with rounding: every luma sample within half a
   * code value (and the 16th of one that the kernels' samples keep) of the exact BT.709 value
   * computed here from the 16-bit channels, at 8 and at 10 bits. libswscale's own 16-bit path is
   * further off: at 8 bits up to 1.7 code values, 0.43 too high on average, on this picture; at 10
   * bits up to 3.7, 1.9 too high (Debian's 5.1 makes 16-bit white Y 943 instead of 940).
   */
  @ParameterizedTest(name = "{0} {1} bits")
  @CsvSource({"rgb48be, 8", "rgba64be, 8", "rgb48be, 10", "rgba64be, 10"})
  void sixteenBitPicturesAreConvertedFromTheirSixteenBitsWithRounding(String pixFmt, int depth) throws IOException {
    int width = 1280;
    int height = 720;
    Path png = dir.resolve("deep.png");
    // Scaling up in 16 bits leaves values between the 8- and 10-bit steps.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=1", "-frames:v", "1",
        "-vf", "format=rgb48le,scale=" + width + ":" + height + ":flags=bicubic,format=" + pixFmt, png.toString());
    Path raw = dir.resolve("deep.rgb48le");
    DebianFfmpeg.ffmpeg("-i", png.toString(), "-f", "rawvideo", "-pix_fmt", "rgb48le", raw.toString());
    int[] rgb = samples(Files.readAllBytes(raw), 16);
    int[] ours = convertedByFrameFork(png, width, height, depth);

    int scale = 1 << (depth - 8);
    int top = (1 << depth) - 1;
    double worst = 0;
    int between = 0;
    for (int i = 0; i < width * height; i++) {
      double r = rgb[3 * i] / 65535.0;
      double g = rgb[3 * i + 1] / 65535.0;
      double b = rgb[3 * i + 2] / 65535.0;
      if (Math.abs(r * top - Math.rint(r * top)) > 0.01) {
        between++;
      }
      double exact = scale * (16 + 219 * (0.2126 * r + 0.7152 * g + 0.0722 * b));
      worst = Math.max(worst, Math.abs(ours[i] - exact));
    }
    assertTrue(between > width * height / 10, "the test picture has values between " + depth + "-bit steps: " + between);
    assertTrue(worst <= 0.5 + 1.0 / 16, "luma within half a code value of exact, worst " + worst);
  }

  /** Raw samples: bytes at 8 bits, little-endian pairs of bytes deeper. */
  private static int[] samples(byte[] raw, int depth) {
    if (depth == 8) {
      int[] out = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] & 0xFF;
      }
      return out;
    }
    int[] out = new int[raw.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (raw[2 * i] & 0xFF) | (raw[2 * i + 1] & 0xFF) << 8;
    }
    return out;
  }

  private static int[] convertedByFrameFork(Path png, int width, int height, int depth) {
    try (VideoDecoder d = new VideoDecoder(png, DecoderOptions.defaults().withThreads(1).withDepth(depth))) {
      assertTrue(d.next(), "the picture decodes");
      AVFrame f = d.picture();
      assertEquals(depth, Ffmpeg.bitDepth(f.format()), "the decoder's pictures are " + depth + "-bit");
      Yuv420Frame<?> yuv = FramePlanes.allocateAtDepth(f);
      FramePlanes.copyIn(f, yuv);
      int[] out = new int[width * height * 3 / 2];
      int at = 0;
      for (int p = 0; p < 3; p++) {
        PlaneGeometry plane = yuv.plane(p);
        for (int y = 0; y < plane.height(); y++) {
          for (int x = 0; x < plane.width(); x++) {
            out[at++] = switch (plane) {
              case Plane e -> e.get(x, y);
              case Plane16 s -> s.get(x, y);
            };
          }
        }
      }
      return out;
    }
  }

  private static int maxDifference(int[] a, int[] b, int from, int to) {
    int max = 0;
    for (int i = from; i < to; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static String report(int[] a, int[] b, int lumaSize) {
    int[] hist = new int[4];
    for (int i = 0; i < a.length; i++) {
      hist[Math.min(3, Math.abs(a[i] - b[i]))]++;
    }
    return "luma max " + maxDifference(a, b, 0, lumaSize) + ", chroma max " + maxDifference(a, b, lumaSize, a.length)
        + ", samples off by 0/1/2/3+: " + hist[0] + "/" + hist[1] + "/" + hist[2] + "/" + hist[3];
  }
}
