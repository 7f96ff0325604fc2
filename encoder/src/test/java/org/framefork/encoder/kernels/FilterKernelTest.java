package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.junit.jupiter.api.Test;

class FilterKernelTest {
  private final PlaneFilter plain = Kernels.plain().filter();

  @Test
  void vectorBlurAndSharpenEqualPlainForEveryWidthAndRadius() {
    PlaneFilter vector = RandomPictures.vectorKernels().filter();
    Random random = new Random(30);
    RandomPictures.widths().forEach(w -> {
      for (int h : RandomPictures.ODD_HEIGHTS) {
        Plane src = RandomPictures.plane(random, w, h);
        for (int radius : new int[] {0, 1, 3}) {
          GaussianKernel kernel = new GaussianKernel(radius);
          Plane expected = RandomPictures.plane(random, w, h);
          Plane actual = RandomPictures.copy(expected);
          Plane scratchA = RandomPictures.plane(random, w, h);
          Plane scratchB = RandomPictures.copy(scratchA);
          plain.gaussianBlur(src, expected, kernel, scratchA);
          vector.gaussianBlur(src, actual, kernel, scratchB);
          assertArrayEquals(expected.data(), actual.data(), "blur r" + radius + " " + w + "x" + h);
          plain.unsharpMask(src, expected, kernel, 1.5, scratchA);
          vector.unsharpMask(src, actual, kernel, 1.5, scratchB);
          assertArrayEquals(expected.data(), actual.data(), "unsharp r" + radius + " " + w + "x" + h);
        }
      }
    });
  }

  @Test
  void vectorDenoiseCurveAndFillEqualPlainForEveryWidth() {
    PlaneFilter vector = RandomPictures.vectorKernels().filter();
    Random random = new Random(31);
    ToneCurve curve = new ToneCurve(0.1, 1.3, 1.8);
    RandomPictures.widths().forEach(w -> {
      for (int h : RandomPictures.ODD_HEIGHTS) {
        Plane current = RandomPictures.plane(random, w, h);
        Plane previous = RandomPictures.near(random, current, 24);
        Plane expected = RandomPictures.plane(random, w, h);
        Plane actual = RandomPictures.copy(expected);
        plain.temporalDenoise(current, previous, expected, 12, 9);
        vector.temporalDenoise(current, previous, actual, 12, 9);
        assertArrayEquals(expected.data(), actual.data(), "denoise " + w + "x" + h);
        plain.applyCurve(current, expected, curve);
        vector.applyCurve(current, actual, curve);
        assertArrayEquals(expected.data(), actual.data(), "curve " + w + "x" + h);
        plain.fill(expected, 77);
        vector.fill(actual, 77);
        assertArrayEquals(expected.data(), actual.data(), "fill " + w + "x" + h);
      }
    });
  }

  @Test
  void vectorOverlayEqualsPlainWhereverTheMarkLands() {
    PlaneFilter vector = RandomPictures.vectorKernels().filter();
    Random random = new Random(32);
    int size = RandomPictures.VECTOR_BYTES * 2 + 3;
    Watermark mark = Watermark.of(RandomPictures.image(random, size, 9, PixelLayout.RGBA), ColourMatrix.BT709);
    YuvFrame frame = RandomPictures.frame(random, size + 20, 31);
    for (int[] at : new int[][] {{0, 0}, {5, 3}, {-7, -4}, {30, 25}, {-size + 1, 0}, {size + 20, 0}}) {
      YuvFrame expected = RandomPictures.copy(frame);
      YuvFrame actual = RandomPictures.copy(frame);
      plain.overlay(mark, expected, at[0], at[1]);
      vector.overlay(mark, actual, at[0], at[1]);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(expected.plane(i).data(), actual.plane(i).data(),
            "overlay at " + at[0] + "," + at[1] + " plane " + i);
      }
    }
  }

  @Test
  void vectorOverlayEqualsPlainForEveryWatermarkWidth() {
    PlaneFilter vector = RandomPictures.vectorKernels().filter();
    Random random = new Random(34);
    YuvFrame frame = RandomPictures.frame(random, 3 * RandomPictures.VECTOR_BYTES + 10, 9);
    RandomPictures.widths().forEach(w -> {
      Watermark mark = Watermark.of(RandomPictures.image(random, w, 5, PixelLayout.RGBA), ColourMatrix.BT601);
      YuvFrame expected = RandomPictures.copy(frame);
      YuvFrame actual = RandomPictures.copy(frame);
      plain.overlay(mark, expected, 2, 2);
      vector.overlay(mark, actual, 2, 2);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(expected.plane(i).data(), actual.plane(i).data(), "watermark width " + w);
      }
    });
  }

  @Test
  void blurAndSharpenLeaveAFlatPlaneFlat() {
    Plane flat = Plane.allocate(40, 9);
    Arrays.fill(flat.data(), (byte) 173);
    Plane out = Plane.allocate(40, 9);
    Plane scratch = Plane.allocate(40, 9);
    for (Kernels kernels : new Kernels[] {Kernels.plain(), RandomPictures.vectorKernels()}) {
      kernels.filter().gaussianBlur(flat, out, new GaussianKernel(4), scratch);
      assertArrayEquals(flat.data(), out.data(), kernels.name() + " blur");
      kernels.filter().unsharpMask(flat, out, new GaussianKernel(2), 3.0, scratch);
      assertArrayEquals(flat.data(), out.data(), kernels.name() + " unsharp");
    }
  }

  @Test
  void blurSpreadsAnImpulseByTheKernelWeights() {
    GaussianKernel kernel = new GaussianKernel(2);
    Plane src = Plane.allocate(9, 9);
    src.set(4, 4, 255);
    Plane out = Plane.allocate(9, 9);
    plain.gaussianBlur(src, out, kernel, Plane.allocate(9, 9));
    // Two Q8 passes, each rounded: round(round(255 * wy / 256) * wx / 256).
    for (int k = -2; k <= 2; k++) {
      int column = (255 * kernel.weight(k) + 128) >> 8;
      assertEquals((column * kernel.weight(0) + 128) >> 8, out.get(4, 4 + k));
    }
    assertEquals(256, sumOfWeights(kernel));
  }

  private static int sumOfWeights(GaussianKernel kernel) {
    int sum = 0;
    for (int k = -kernel.radius(); k <= kernel.radius(); k++) {
      sum += kernel.weight(k);
    }
    return sum;
  }

  @Test
  void denoiseBlendsSmallDifferencesAndKeepsMotion() {
    Plane current = Plane.allocate(2, 1);
    Plane previous = Plane.allocate(2, 1);
    current.set(0, 0, 100);
    previous.set(0, 0, 104); // |4| < 10: 100 + (4 * 8 + 8) / 16 = 102
    current.set(1, 0, 100);
    previous.set(1, 0, 130); // |30| >= 10: motion, kept
    Plane out = Plane.allocate(2, 1);
    plain.temporalDenoise(current, previous, out, 10, 8);
    assertEquals(102, out.get(0, 0));
    assertEquals(100, out.get(1, 0));
  }

  /** A 2x2 white watermark: opaque, transparent, half, half (BT.601). */
  static Watermark whiteSquare() {
    PackedImage rgba = PackedImage.allocate(2, 2, PixelLayout.RGBA);
    byte[] px = rgba.data();
    int[] alpha = {255, 0, 128, 128};
    for (int i = 0; i < 4; i++) {
      Arrays.fill(px, 4 * i, 4 * i + 3, (byte) 255);
      px[4 * i + 3] = (byte) alpha[i];
    }
    return Watermark.of(rgba, ColourMatrix.BT601);
  }

  @Test
  void overlayOpaquePixelsReplaceTransparentOnesLeaveAndHalfAlphaMixes() {
    Watermark mark = whiteSquare();
    YuvFrame frame = YuvFrame.allocate(4, 4);
    Arrays.fill(frame.y().data(), (byte) 16);
    plain.overlay(mark, frame, 2, 2);
    assertEquals(235, frame.y().get(2, 2));
    assertEquals(16, frame.y().get(3, 2));
    // 16 * (256 - 129) + 235 * 129 + 128 >> 8 = 126
    assertEquals(126, frame.y().get(2, 3));
    assertEquals(16, frame.y().get(0, 0));
  }

  @Test
  void grayscaleSetsChromaToNeutral() {
    YuvFrame frame = RandomPictures.frame(new Random(33), 7, 5);
    byte[] luma = frame.y().data().clone();
    RandomPictures.vectorKernels().filter().grayscale(frame);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(128, frame.u().get(x, y));
        assertEquals(128, frame.v().get(x, y));
      }
    }
    assertArrayEquals(luma, frame.y().data());
  }

  @Test
  void toneCurveIdentityChangesNothingAndSettingsOutOfRangeAreRefused() {
    ToneCurve identity = ToneCurve.identity();
    for (int i = 0; i < 256; i++) {
      assertEquals(i, identity.map(i));
    }
    assertEquals(255, new ToneCurve(0.5, 1, 1).map(200));
    assertThrows(IllegalArgumentException.class, () -> new ToneCurve(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GaussianKernel(-1));
  }
}
