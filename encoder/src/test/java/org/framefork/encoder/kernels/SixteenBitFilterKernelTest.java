package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit scale and filters: the Vector API twins against the plain ones sample for sample
 * (every width up to three vectors plus one, odd heights, padded strides, 10-bit and full 16-bit
 * samples, the extremes), and what the filters do at 10 bits against what they do at 8.
 */
class SixteenBitFilterKernelTest {
  private final Kernels plain = Kernels.plain();

  /** Random samples of {@code depth} bits, a third of the planes at 0 or the peak only (edge values). */
  static Plane16 plane(Random random, int width, int height, int depth) {
    Plane16 p = RandomPictures.plane16(random, width, height);
    int peak = (1 << depth) - 1;
    int kind = random.nextInt(6);
    for (int i = 0; i < p.data().length; i++) {
      int v = kind == 0 ? (random.nextBoolean() ? 0 : peak) : random.nextInt(peak + 1);
      p.data()[i] = (short) v;
    }
    return p;
  }

  static Plane16 copy(Plane16 p) {
    return new Plane16(p.data().clone(), p.offset(), p.width(), p.height(), p.stride());
  }

  /** One twin case: a picture shape and depth, and the generator its pictures come from. */
  @FunctionalInterface
  private interface Shape {
    void check(Random random, int width, int height, int depth);
  }

  /** Every width up to three vectors plus one, at each odd height, at 10 and at 16 bits. */
  private static void everyShape(long seed, Shape shape) {
    Random random = new Random(seed);
    RandomPictures.widths().forEach(w -> {
      for (int h : RandomPictures.ODD_HEIGHTS) {
        shape.check(random, w, h, 10);
        shape.check(random, w, h, 16);
      }
    });
  }

  /**
   * Runs {@code kernel} with the plain and the Vector API kernels, each into its own copy of
   * {@code into}, and asserts the same samples, the padding between rows included.
   */
  private static void twins(String what, Plane16 into, java.util.function.BiConsumer<Kernels, Plane16> kernel) {
    Plane16 expected = copy(into);
    Plane16 actual = copy(into);
    kernel.accept(Kernels.plain(), expected);
    kernel.accept(RandomPictures.vectorKernels(), actual);
    assertArrayEquals(expected.data(), actual.data(), what);
  }

  @Test
  void vectorBilinearEqualsPlainForEveryWidthAndDepth() {
    everyShape(40, (random, w, h, depth) -> {
      Plane16 src = plane(random, w, h, depth);
      for (int ow : new int[] {1, w, (w + 1) / 2, w * 3 / 2 + 1, 1 + random.nextInt(3 * w + 1)}) {
        int oh = 1 + random.nextInt(2 * h + 1);
        BilinearPlan plan = BilinearPlan.of(w, h, ow, oh);
        twins(depth + " bits " + w + "x" + h + " -> " + ow + "x" + oh, plane(random, ow, oh, depth),
            (k, dst) -> k.scaler().bilinear(src, dst, plan));
      }
    });
  }

  @Test
  void vectorBlurAndSharpenEqualPlainForEveryWidthRadiusAndDepth() {
    everyShape(41, (random, w, h, depth) -> {
      Plane16 src = plane(random, w, h, depth);
      Plane16 scratch = plane(random, w, h, depth);
      for (int radius : new int[] {0, 1, 3}) {
        GaussianKernel kernel = new GaussianKernel(radius);
        String what = depth + " bits r" + radius + " " + w + "x" + h;
        twins("blur " + what, plane(random, w, h, depth),
            (k, dst) -> k.filter().sixteenBit().gaussianBlur(src, dst, kernel, copy(scratch)));
        twins("unsharp " + what, plane(random, w, h, depth),
            (k, dst) -> k.filter().sixteenBit().unsharpMask(src, dst, kernel, 3.96, copy(scratch), depth));
      }
    });
  }

  @Test
  void vectorDenoiseCurveAndFillEqualPlainForEveryWidth() {
    ToneCurve curve = new ToneCurve(0.1, 1.3, 1.8, 10);
    int[][] settings = {{48, 9}, {0, 16}, {1 << 16, 16}, {4, 0}};
    everyShape(42, (random, w, h, depth) -> {
      Plane16 current = plane(random, w, h, 10);
      Plane16 previous = RandomPictures.near16(random, current, 96);
      int[] s = settings[(w + h + depth) % settings.length];
      twins("denoise " + w + "x" + h + " " + s[0] + "/" + s[1], plane(random, w, h, 10),
          (k, dst) -> k.filter().sixteenBit().temporalDenoise(current, previous, dst, s[0], s[1]));
      twins("curve " + w + "x" + h, plane(random, w, h, 10),
          (k, dst) -> k.filter().sixteenBit().applyCurve(current, dst, curve));
      int value = random.nextInt(1 << depth);
      twins("fill " + w + "x" + h, plane(random, w, h, depth), (k, dst) -> k.filter().sixteenBit().fill(dst, value));
    });
  }

  @Test
  void vectorOverlayEqualsPlainForEveryWatermarkWidthAndPlace() {
    Random random = new Random(43);
    int frameWidth = 3 * RandomPictures.VECTOR_BYTES + 10;
    RandomPictures.widths().forEach(w -> {
      ColourRange range = w % 2 == 0 ? ColourRange.FULL : ColourRange.LIMITED;
      Watermark mark = Watermark.of(RandomPictures.image(random, w, 5, PixelLayout.RGBA), ColourMatrix.BT709, range);
      YuvFrame16 frame = new YuvFrame16(plane(random, frameWidth, 9, 10), plane(random, frameWidth / 2, 5, 10),
          plane(random, frameWidth / 2, 5, 10), 10);
      for (int[] at : new int[][] {{2, 2}, {-5, -3}, {w / 2, 4}}) {
        for (int i = 0; i < 3; i++) {
          int plane = i;
          // Each kernel overlays its own copy of the frame; the plane compared is the copy's.
          twins("overlay " + w + " wide " + range + " at " + at[0] + "," + at[1] + " plane " + i, frame.plane(i), (k, dst) -> {
            YuvFrame16 mine = new YuvFrame16(plane == 0 ? dst : copy(frame.y()), plane == 1 ? dst : copy(frame.u()),
                plane == 2 ? dst : copy(frame.v()), 10);
            k.filter().sixteenBit().overlay(mark, mine, at[0], at[1]);
          });
        }
      }
    });
  }

  /** An 8-bit plane and the same levels at 10 bits (times 4). */
  private record Pair(Plane eight, Plane16 ten) {
    static Pair random(Random random, int w, int h) {
      Plane eight = RandomPictures.plane(random, w, h);
      Plane16 ten = Plane16.allocate(w, h);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          ten.set(x, y, eight.get(x, y) << 2);
        }
      }
      return new Pair(eight, ten);
    }

    /** The largest difference between the 10-bit result and four times the 8-bit one. */
    int maxDifference() {
      int max = 0;
      for (int y = 0; y < eight.height(); y++) {
        for (int x = 0; x < eight.width(); x++) {
          max = Math.max(max, Math.abs(ten.get(x, y) - 4 * eight.get(x, y)));
        }
      }
      return max;
    }
  }

  @Test
  void tenBitScaleBlurAndSharpenGiveTheEightBitResultsAtFourTimesTheLevels() {
    Random random = new Random(44);
    for (Kernels k : new Kernels[] {plain, RandomPictures.vectorKernels()}) {
      Pair src = Pair.random(random, 67, 13);
      Pair out = new Pair(Plane.allocate(45, 20), Plane16.allocate(45, 20));
      BilinearPlan plan = BilinearPlan.of(67, 13, 45, 20);
      k.scaler().bilinear(src.eight(), out.eight(), plan);
      k.scaler().bilinear(src.ten(), out.ten(), plan);
      // Each rounds once at its own depth: four times the 8-bit rounding (2) plus the 10-bit one.
      assertTrue(out.maxDifference() <= 3, k.name() + " scale: " + out.maxDifference());
      Pair blurred = new Pair(Plane.allocate(67, 13), Plane16.allocate(67, 13));
      k.filter().gaussianBlur(src.eight(), blurred.eight(), new GaussianKernel(3), Plane.allocate(67, 13));
      k.filter().sixteenBit().gaussianBlur(src.ten(), blurred.ten(), new GaussianKernel(3), Plane16.allocate(67, 13));
      // Two passes, each rounded: at most one 8-bit level (4) plus one 10-bit level apart.
      assertTrue(blurred.maxDifference() <= 5, k.name() + " blur: " + blurred.maxDifference());
      k.filter().unsharpMask(src.eight(), blurred.eight(), new GaussianKernel(2), 0.5, Plane.allocate(67, 13));
      k.filter().sixteenBit().unsharpMask(src.ten(), blurred.ten(), new GaussianKernel(2), 0.5, Plane16.allocate(67, 13), 10);
      // The blur's difference, half of it again through the detail, and one more rounding each.
      assertTrue(blurred.maxDifference() <= 8, k.name() + " sharpen: " + blurred.maxDifference());
    }
  }

  @Test
  void sharpenClampsToTheDepthsPeakAndBlurKeepsAFlatPlaneFlat() {
    for (Kernels k : new Kernels[] {plain, RandomPictures.vectorKernels()}) {
      Plane16 edge = Plane16.allocate(70, 3);
      for (int x = 35; x < 70; x++) {
        for (int y = 0; y < 3; y++) {
          edge.set(x, y, 1000);
        }
      }
      Plane16 out = Plane16.allocate(70, 3);
      k.filter().sixteenBit().unsharpMask(edge, out, new GaussianKernel(2), 3.96, Plane16.allocate(70, 3), 10);
      assertEquals(1023, out.get(35, 1), k.name()); // overshoot clamped to the 10-bit peak
      assertEquals(0, out.get(34, 1), k.name()); // undershoot clamped to 0
      Plane16 flat = Plane16.allocate(70, 3);
      Arrays.fill(flat.data(), (short) 777);
      k.filter().sixteenBit().gaussianBlur(flat, out, new GaussianKernel(5), Plane16.allocate(70, 3));
      assertArrayEquals(flat.data(), out.data(), k.name());
    }
  }

  @Test
  void denoiseAtTenBitsTakesTheThresholdInTenBitLevels() {
    Plane16 out = row(0, 0, 0);
    // |16| < 40: 400 + (16 * 8 + 8) / 16 = 408; |40| is motion, kept; |39| < 40: 400 + 320 / 16 = 420.
    plain.filter().sixteenBit().temporalDenoise(row(400, 400, 400), row(416, 440, 439), out, 40, 8);
    assertArrayEquals(new short[] {408, 400, 420}, out.data());
    assertThrows(IllegalArgumentException.class,
        () -> plain.filter().sixteenBit().temporalDenoise(out, out, out, (1 << 16) + 1, 8));
  }

  private static Plane16 row(int... samples) {
    short[] data = new short[samples.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = (short) samples[i];
    }
    return new Plane16(data, 0, data.length, 1, data.length);
  }

  @Test
  void toneCurveAtTenBitsHasALevelForEachOfTheThousandTwentyFour() {
    ToneCurve identity = new ToneCurve(0, 1, 1, 10);
    for (int i = 0; i < 1024; i++) {
      assertEquals(i, identity.map(i));
    }
    ToneCurve gamma = new ToneCurve(0, 1, 2.2, 10);
    ToneCurve gamma8 = new ToneCurve(0, 1, 2.2);
    int distinct = (int) java.util.stream.IntStream.range(0, 1024).map(gamma::map).distinct().count();
    assertTrue(distinct > 600, "levels " + distinct); // the 8-bit curve has at most 256
    for (int i = 0; i < 256; i++) {
      assertTrue(Math.abs(gamma.map(i * 1023 / 255) - 4 * gamma8.map(i)) <= 6, "level " + i);
    }
    Plane16 p = Plane16.allocate(3, 1);
    p.set(2, 0, 2000); // above the peak: treated as the peak
    plain.filter().sixteenBit().applyCurve(p, p, new ToneCurve(0, 1, 1, 10));
    assertEquals(1023, p.get(2, 0));
    assertThrows(IllegalArgumentException.class, () -> plain.filter().sixteenBit().applyCurve(p, p, gamma8));
  }

  @Test
  void overlayAtTenBitsPutsTheWatermarksLevelsTimesFourAndGrayIsFiveTwelve() {
    Watermark mark = FilterKernelTest.whiteSquare(); // opaque, transparent, half, half
    YuvFrame eight = YuvFrame.allocate(4, 4);
    plain.filter().fill(eight.u(), 128);
    plain.filter().overlay(mark, eight, 2, 2);
    for (Kernels k : new Kernels[] {plain, RandomPictures.vectorKernels()}) {
      YuvFrame16 frame = YuvFrame16.allocate(4, 4, 10);
      k.filter().sixteenBit().fill(frame.y(), 64); // the planes share one array
      k.filter().sixteenBit().fill(frame.u(), 512);
      k.filter().sixteenBit().overlay(mark, frame, 2, 2);
      assertEquals(940, frame.y().get(2, 2), k.name()); // 235 << 2: white at 10 bits
      assertEquals(64, frame.y().get(3, 2), k.name());
      // 64 * (256 - 129) + 940 * 129 + 128 >> 8 = 505, four times the 8-bit 126 plus rounding
      assertEquals(505, frame.y().get(2, 3), k.name());
      assertEquals(64, frame.y().get(0, 0), k.name());
      // The logo's chroma, half covered, over neutral: four times the 8-bit result, give or take rounding.
      assertTrue(Math.abs(frame.u().get(1, 1) - 4 * eight.u().get(1, 1)) <= 3, k.name() + " chroma");
      k.filter().sixteenBit().grayscale(frame);
      assertEquals(512, frame.v().get(0, 1), k.name());
    }
  }

  @Test
  void overlayOnATenBitFullRangePictureSpreadsLevelsToThePeakAndKeepsChromaNeutral() {
    PackedImage rgba = PackedImage.allocate(4, 2, PixelLayout.RGBA); // opaque: white | grey 128 over black
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        int level = x < 2 ? 255 : y == 0 ? 128 : 0;
        Arrays.fill(rgba.data(), rgba.pixelStart(x, y), rgba.pixelStart(x, y) + 3, (byte) level);
        rgba.data()[rgba.pixelStart(x, y) + 3] = (byte) 255;
      }
    }
    Watermark full = Watermark.of(rgba, ColourMatrix.BT709, ColourRange.FULL);
    Watermark limited = Watermark.of(rgba, ColourMatrix.BT709, ColourRange.LIMITED);
    for (Kernels k : new Kernels[] {plain, RandomPictures.vectorKernels()}) {
      YuvFrame16 frame = YuvFrame16.allocate(4, 2, 10);
      k.filter().sixteenBit().overlay(full, frame, 0, 0);
      assertEquals(1023, frame.y().get(0, 0), k.name() + ": full-range white at the 10-bit peak, not 255 << 2");
      assertEquals(0, frame.y().get(2, 1), k.name() + ": black");
      assertEquals(514, frame.y().get(2, 0), k.name() + ": grey, 128 * 1023 / 255 = 513.5");
      for (int cx = 0; cx < 2; cx++) {
        assertEquals(512, frame.u().get(cx, 0), k.name() + ": neutral Cb of white and of grey over black");
        assertEquals(512, frame.v().get(cx, 0), k.name() + ": neutral Cr");
      }
      k.filter().sixteenBit().overlay(limited, frame, 0, 0);
      assertEquals(940, frame.y().get(0, 0), k.name() + ": limited-range white as before, 235 << 2");
      assertEquals(64, frame.y().get(2, 1), k.name() + ": limited-range black, 16 << 2");
      assertEquals(512, frame.u().get(0, 0), k.name());
    }
  }
}
