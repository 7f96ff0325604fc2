package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.framefork.encoder.kernels.colour.ColourConverter;
import org.framefork.encoder.kernels.colour.ChromaTaps;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.kernels.colour.RgbToYuv420;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColourKernelTest {
  private final ColourConverter plain = Kernels.plain().colour();

  @Test
  void vectorToYuvEqualsPlainForEveryWidthLayoutAndMatrix() {
    ColourConverter vector = RandomPictures.vectorKernels().colour();
    Random random = new Random(20);
    for (PixelLayout layout : PixelLayout.values()) {
      for (ColourMatrix matrix : ColourMatrix.values()) {
        RandomPictures.widths().forEach(w -> {
          for (int h : new int[] {1, 2, 3}) { // one row, a pair, a pair and an odd last row
            PackedImage src = RandomPictures.image(random, w, h, layout);
            YuvFrame expected = RandomPictures.frame(random, w, h);
            YuvFrame actual = RandomPictures.copy(expected);
            plain.toYuv420(src, expected, matrix);
            vector.toYuv420(src, actual, matrix);
            String what = layout + " " + matrix + " " + w + "x" + h;
            for (int i = 0; i < 3; i++) {
              assertArrayEquals(expected.plane(i).data(), actual.plane(i).data(), what + " plane " + i);
            }
          }
        });
      }
    }
  }

  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {8, 10})
  void vectorRgbToYuv420EqualsPlainForEveryWidthHeightMatrixAndDepth(int depth) {
    ColourConverter vector = RandomPictures.vectorKernels().colour();
    Random random = new Random(23 + depth);
    int max = depth == 10 ? RgbToYuv420.SAMPLE_MAX_10 : RgbToYuv420.SAMPLE_MAX;
    for (ColourMatrix matrix : ColourMatrix.values()) {
      RandomPictures.widths().map(w -> w + (w & 1)).forEach(w -> {
        for (int h : new int[] {2, 4, 6, 8, 10, 16}) { // the chroma taps reach past both edges below 8 rows
          int[][] rgb = RandomPictures.rgbSamples(random, w, h, max);
          long noise = random.nextLong(); // the same starting frame for both
          byte[][] expected = converted(plain, depth, rgb, w, h, matrix, noise);
          byte[][] actual = converted(vector, depth, rgb, w, h, matrix, noise);
          for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], actual[i], matrix + " " + w + "x" + h + " plane " + i);
          }
        }
      });
    }
  }

  /** {@code rgb} converted by {@code kernels} at {@code depth} into a frame of noise from {@code seed}: its three planes' arrays, 10-bit samples as bytes. */
  private static byte[][] converted(ColourConverter kernels, int depth, int[][] rgb, int w, int h, ColourMatrix m, long seed) {
    Random noise = new Random(seed);
    if (depth == 8) {
      YuvFrame f = RandomPictures.frame(noise, w, h);
      new RgbToYuv420(kernels, w, h).convert(RandomPictures.rows(rgb, w), f, m);
      return new byte[][] {f.y().data(), f.u().data(), f.v().data()};
    }
    YuvFrame16 f = RandomPictures.frame16(noise, w, h);
    new RgbToYuv420(kernels, w, h, 10).convert(RandomPictures.rows(rgb, w), f, m);
    byte[][] out = new byte[3][];
    for (int i = 0; i < 3; i++) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * f.plane(i).data().length);
      b.asShortBuffer().put(f.plane(i).data());
      out[i] = b.array();
    }
    return out;
  }

  /**
   * The 10-bit conversion is the 8-bit one at four times the scale: on random 8-bit RGB (exact in
   * both sample scales) its luma is the exact limited-range value within half a code value (plus the
   * coefficients' rounding), greys get U = V = 512, and black and white 64 and 940.
   */
  @Test
  void tenBitLumaIsRoundedAndGreysHaveNeutralChroma() {
    Random random = new Random(25);
    int w = 38;
    int h = 6;
    for (ColourMatrix matrix : ColourMatrix.values()) {
      int[][] rgb = new int[3][w * h];
      for (int i = 0; i < w * h; i++) {
        int grey = i < w ? (i % 2) * 255 : -1; // the first row: black and white
        for (int c = 0; c < 3; c++) {
          rgb[c][i] = (grey >= 0 ? grey : random.nextInt(256)) << RgbToYuv420.SAMPLE_BITS_10;
        }
      }
      YuvFrame16 out = YuvFrame16.allocate(w, h, 10);
      new RgbToYuv420(plain, w, h, 10).convert(RandomPictures.rows(rgb, w), out, matrix);
      double kr = matrix == ColourMatrix.BT709 ? 0.2126 : 0.299;
      double kb = matrix == ColourMatrix.BT709 ? 0.0722 : 0.114;
      for (int i = 0; i < w * h; i++) {
        double r = (rgb[0][i] >> RgbToYuv420.SAMPLE_BITS_10) / 255.0;
        double g = (rgb[1][i] >> RgbToYuv420.SAMPLE_BITS_10) / 255.0;
        double b = (rgb[2][i] >> RgbToYuv420.SAMPLE_BITS_10) / 255.0;
        double exact = 64 + 876 * (kr * r + (1 - kr - kb) * g + kb * b);
        int y = out.y().get(i % w, i / w);
        assertTrue(Math.abs(y - exact) <= 0.5 + 0.1, matrix + " pixel " + i + ": " + y + " for " + exact);
      }
      assertEquals(64, out.y().get(0, 0));
      assertEquals(940, out.y().get(1, 0));
    }
    int[][] grey = new int[3][w * h];
    for (int[] channel : grey) {
      java.util.Arrays.fill(channel, 77 << RgbToYuv420.SAMPLE_BITS_10);
    }
    YuvFrame16 out = YuvFrame16.allocate(w, h, 10);
    new RgbToYuv420(plain, w, h, 10).convert(RandomPictures.rows(grey, w), out, ColourMatrix.BT709);
    for (int c = 0; c < w / 2; c++) {
      assertEquals(512, out.u().get(c, 1));
      assertEquals(512, out.v().get(c, 2));
    }
  }

  @Test
  void chromaTapsSumToOneAndRepeatTheEdgeRows() {
    for (int h : new int[] {2, 3, 8, 1080}) {
      ChromaTaps taps = new ChromaTaps(h);
      for (int c = 0; c < taps.chromaRows(); c++) {
        assertEquals(1 << ChromaTaps.WEIGHT_BITS, java.util.Arrays.stream(taps.weights(c)).sum(), h + " rows, chroma row " + c);
        for (int row : taps.rows(c)) {
          assertTrue(row >= 0 && row < h, "row " + row + " of " + h);
        }
      }
    }
    // Inside the picture: libswscale's bicubic 2:1 (B = 0, C = 0.6), symmetric about the two rows.
    int[] inner = new ChromaTaps(1080).weights(100);
    assertArrayEquals(new int[] {-58, -172, 492, 1786, 1786, 492, -172, -58}, inner);
  }

  @Test
  void vectorFromYuvEqualsPlainForEveryWidthLayoutAndMatrix() {
    ColourConverter vector = RandomPictures.vectorKernels().colour();
    Random random = new Random(21);
    for (PixelLayout layout : PixelLayout.values()) {
      for (ColourMatrix matrix : ColourMatrix.values()) {
        RandomPictures.widths().forEach(w -> {
          for (int h : new int[] {1, 3}) {
            YuvFrame src = RandomPictures.frame(random, w, h); // includes out-of-gamut YUV: clamps
            PackedImage expected = RandomPictures.image(random, w, h, layout);
            PackedImage actual = RandomPictures.copy(expected);
            plain.fromYuv420(src, expected, matrix);
            vector.fromYuv420(src, actual, matrix);
            assertArrayEquals(expected.data(), actual.data(), layout + " " + matrix + " " + w + "x" + h);
          }
        });
      }
    }
  }

  @Test
  void rgbRoundTripsThroughYuvWithinTwoPerChannel() {
    // One colour per 2x2 block, so 4:2:0 loses nothing but rounding.
    Random random = new Random(22);
    for (Kernels kernels : new Kernels[] {Kernels.plain(), RandomPictures.vectorKernels()}) {
      for (PixelLayout layout : PixelLayout.values()) {
        for (ColourMatrix matrix : ColourMatrix.values()) {
          for (int[] size : new int[][] {{64, 8}, {37, 5}, {2, 2}}) {
            int w = size[0];
            int h = size[1];
            PackedImage src = PackedImage.allocate(w, h, layout);
            for (int by = 0; by < h; by += 2) {
              for (int bx = 0; bx < w; bx += 2) {
                int r = random.nextInt(256), g = random.nextInt(256), b = random.nextInt(256);
                for (int y = by; y < Math.min(by + 2, h); y++) {
                  for (int x = bx; x < Math.min(bx + 2, w); x++) {
                    int p = src.pixelStart(x, y);
                    src.data()[p + layout.red()] = (byte) r;
                    src.data()[p + layout.green()] = (byte) g;
                    src.data()[p + layout.blue()] = (byte) b;
                  }
                }
              }
            }
            YuvFrame yuv = YuvFrame.allocate(w, h);
            PackedImage back = PackedImage.allocate(w, h, layout);
            kernels.colour().toYuv420(src, yuv, matrix);
            kernels.colour().fromYuv420(yuv, back, matrix);
            int worst = 0;
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                int p = src.pixelStart(x, y);
                for (int c : new int[] {layout.red(), layout.green(), layout.blue()}) {
                  worst = Math.max(worst, Math.abs((src.data()[p + c] & 0xFF) - (back.data()[p + c] & 0xFF)));
                }
                if (layout.hasAlpha()) {
                  assertEquals(255, back.data()[p + layout.alpha()] & 0xFF);
                }
              }
            }
            assertTrue(worst <= 2, kernels.name() + " " + layout + " " + matrix + ": off by " + worst);
          }
        }
      }
    }
  }

  @Test
  void primariesLandOnTheirTextbookLimitedRangeValues() {
    // BT.601: white 235/128/128, black 16/128/128, red 81/90/240. BT.709 red: 63/102/240.
    assertYuv(ColourMatrix.BT601, 255, 255, 255, 235, 128, 128);
    assertYuv(ColourMatrix.BT601, 0, 0, 0, 16, 128, 128);
    assertYuv(ColourMatrix.BT601, 255, 0, 0, 81, 90, 240);
    assertYuv(ColourMatrix.BT601, 0, 0, 255, 41, 240, 110);
    assertYuv(ColourMatrix.BT709, 255, 0, 0, 63, 102, 240);
    assertYuv(ColourMatrix.BT709, 0, 255, 0, 173, 42, 26);
  }

  @Test
  void everyCornerOfTheRgbCubeStaysInsideLimitedRange() {
    for (ColourMatrix matrix : ColourMatrix.values()) {
      for (int corner = 0; corner < 8; corner++) {
        YuvFrame yuv = convert(matrix, (corner & 1) * 255, (corner >> 1 & 1) * 255, (corner >> 2) * 255);
        assertTrue(yuv.y().get(0, 0) >= 16 && yuv.y().get(0, 0) <= 235, matrix + " corner " + corner);
        assertTrue(yuv.u().get(0, 0) >= 16 && yuv.u().get(0, 0) <= 240, matrix + " corner " + corner);
        assertTrue(yuv.v().get(0, 0) >= 16 && yuv.v().get(0, 0) <= 240, matrix + " corner " + corner);
      }
    }
  }

  private void assertYuv(ColourMatrix matrix, int r, int g, int b, int y, int u, int v) {
    YuvFrame yuv = convert(matrix, r, g, b);
    assertEquals(y, yuv.y().get(0, 0), matrix + " Y of " + r + "," + g + "," + b);
    assertEquals(u, yuv.u().get(0, 0), matrix + " U of " + r + "," + g + "," + b);
    assertEquals(v, yuv.v().get(0, 0), matrix + " V of " + r + "," + g + "," + b);
  }

  private YuvFrame convert(ColourMatrix matrix, int r, int g, int b) {
    PackedImage pixel = PackedImage.allocate(1, 1, PixelLayout.BGR24);
    pixel.data()[0] = (byte) b;
    pixel.data()[1] = (byte) g;
    pixel.data()[2] = (byte) r;
    YuvFrame yuv = YuvFrame.allocate(1, 1);
    plain.toYuv420(pixel, yuv, matrix);
    return yuv;
  }

  /** The tone map's Vector API twin gives the plain twin's bytes, whatever the size, curve and peak. */
  @Test
  void vectorToneMapEqualsPlainForEveryWidthHeightCurveAndPeak() {
    ColourConverter vector = RandomPictures.vectorKernels().colour();
    Random random = new Random(24);
    for (HdrToSdr.Curve curve : HdrToSdr.Curve.values()) {
      for (double peak : new double[] {400, 1000, 10000}) {
        HdrToSdr mapping = new HdrToSdr(curve, peak);
        RandomPictures.widths().forEach(w -> {
          for (int h : new int[] {1, 2, 3, 6}) {
            assertSameSdr(mapping, RandomPictures.hdrFrame(random, w, h), vector, curve + " " + peak + " " + w + "x" + h);
          }
        });
      }
    }
  }

  /**
   * Every 10-bit luma code against chroma that sweeps all codes, both curves: the whole range of
   * each table, its clamps at 0 and 1 and the pixels whose brightest component is below the floor.
   */
  @Test
  void vectorToneMapEqualsPlainOverEveryCode() {
    ColourConverter vector = RandomPictures.vectorKernels().colour();
    YuvFrame16 src = YuvFrame16.allocate(2048, 256, 10);
    for (int y = 0; y < src.height(); y++) {
      for (int x = 0; x < src.width(); x++) {
        src.y().set(x, y, (x >> 1) ^ (y & 1)); // 0..1023, neighbours differ
      }
    }
    for (int cy = 0; cy < src.u().height(); cy++) {
      for (int cx = 0; cx < src.u().width(); cx++) {
        src.u().set(cx, cy, (8 * cy + cx) & 1023);
        src.v().set(cx, cy, (8 * cx + 3 * cy) & 1023);
      }
    }
    for (HdrToSdr.Curve c : HdrToSdr.Curve.values()) {
      YuvFrame sdr = assertSameSdr(new HdrToSdr(c, 1000), src, vector, c + " every code");
      // The picture is not flat: the comparison saw real tone mapping, not two blank frames.
      int min = 255;
      int max = 0;
      for (byte b : sdr.y().data()) {
        min = Math.min(min, b & 0xFF);
        max = Math.max(max, b & 0xFF);
      }
      assertTrue(min <= 16 && max >= 230, c + ": luma from " + min + " to " + max);
    }
  }

  private YuvFrame assertSameSdr(HdrToSdr mapping, YuvFrame16 src, ColourConverter vector, String what) {
    Random fill = new Random(src.width() * 31L + src.height());
    YuvFrame expected = RandomPictures.frame(fill, src.width(), src.height());
    YuvFrame actual = RandomPictures.copy(expected);
    mapping.toSdr(src, expected, plain);
    mapping.toSdr(src, actual, vector);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected.plane(i).data(), actual.plane(i).data(), what + " plane " + i);
    }
    return expected;
  }
}
