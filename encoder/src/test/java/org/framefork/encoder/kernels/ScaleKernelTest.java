package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.framefork.encoder.kernels.scale.PlaneScaler;
import org.junit.jupiter.api.Test;

class ScaleKernelTest {
  private final PlaneScaler plain = Kernels.plain().scaler();

  @Test
  void vectorBilinearEqualsPlainForEveryWidth() {
    PlaneScaler vector = RandomPictures.vectorKernels().scaler();
    Random random = new Random(10);
    RandomPictures.widths().forEach(w -> {
      for (int h : RandomPictures.ODD_HEIGHTS) {
        Plane src = RandomPictures.plane(random, w, h);
        // Down, up, and sideways, including to the same width.
        int[] outWidths = {1, w, (w + 1) / 2, w * 3 / 2 + 1, 1 + random.nextInt(3 * w + 1)};
        for (int ow : outWidths) {
          int oh = 1 + random.nextInt(2 * h + 1);
          Plane expected = RandomPictures.plane(random, ow, oh);
          Plane actual = RandomPictures.copy(expected);
          BilinearPlan plan = BilinearPlan.of(src, expected);
          plain.bilinear(src, expected, plan);
          vector.bilinear(src, actual, plan);
          assertArrayEquals(expected.data(), actual.data(), w + "x" + h + " -> " + ow + "x" + oh);
        }
      }
    });
  }

  @Test
  void bilinearToTheSameSizeIsTheIdentity() {
    Random random = new Random(11);
    for (Kernels kernels : new Kernels[] {Kernels.plain(), RandomPictures.vectorKernels()}) {
      for (int w : new int[] {1, 2, 17, 64, 101}) {
        Plane src = RandomPictures.plane(random, w, 7);
        Plane dst = RandomPictures.plane(random, w, 7);
        kernels.scaler().bilinear(src, dst, BilinearPlan.of(src, dst));
        for (int y = 0; y < 7; y++) {
          for (int x = 0; x < w; x++) {
            assertEquals(src.get(x, y), dst.get(x, y), kernels.name() + " at " + x + "," + y);
          }
        }
      }
    }
  }

  @Test
  void bilinearUpscaleOfARampWorkedByHand() {
    // Output centres of 2 -> 4 fall at -0.25, 0.25, 0.75 and 1.25 input pixels.
    Plane src = Plane.allocate(2, 1);
    src.set(1, 0, 255);
    Plane dst = Plane.allocate(4, 1);
    plain.bilinear(src, dst, BilinearPlan.of(src, dst));
    assertArrayEquals(new byte[] {0, 64, (byte) 191, (byte) 255}, dst.data());
  }

  @Test
  void vectorHalveEqualsPlainForEveryWidth() {
    PlaneScaler vector = RandomPictures.vectorKernels().scaler();
    Random random = new Random(12);
    RandomPictures.widths().forEach(w -> {
      for (int h : RandomPictures.ODD_HEIGHTS) {
        Plane src = RandomPictures.plane(random, w, h);
        Plane expected = RandomPictures.plane(random, (w + 1) / 2, (h + 1) / 2);
        Plane actual = RandomPictures.copy(expected);
        plain.halve(src, expected);
        vector.halve(src, actual);
        assertArrayEquals(expected.data(), actual.data(), "halve " + w + "x" + h);
      }
    });
  }

  @Test
  void halveIsTheRoundedMeanOfEachBlockWithTheOddEdgeRepeated() {
    Plane src = Plane.allocate(3, 2);
    src.set(0, 0, 10);
    src.set(1, 0, 20);
    src.set(0, 1, 30);
    src.set(1, 1, 41); // (10 + 20 + 30 + 41 + 2) / 4 = 25.75 -> 25
    src.set(2, 0, 100);
    src.set(2, 1, 51); // (100 + 100 + 51 + 51 + 2) / 4 = 76
    Plane dst = Plane.allocate(2, 1);
    plain.halve(src, dst);
    assertEquals(25, dst.get(0, 0));
    assertEquals(76, dst.get(1, 0));
  }
}
