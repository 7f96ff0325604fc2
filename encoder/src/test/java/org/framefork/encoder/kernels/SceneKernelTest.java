package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 16-bit kernels of the 10-bit scene analysis: the 2:1 box and SAD. */
class SceneKernelTest {
  private final Kernels plain = Kernels.plain();

  @Test
  void tenBitHalvingRoundsEachBlocksMeanAndRepeatsAnOddLastColumnAndRow() {
    Plane16 src = Plane16.allocate(3, 3);
    int[][] samples = {{1023, 1022, 7}, {1021, 1020, 0}, {4, 5, 1000}};
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        src.set(x, y, samples[y][x]);
      }
    }
    Plane16 half = Plane16.allocate(2, 2);
    plain.scaler().halve(src, half);
    // (1023 + 1022 + 1021 + 1020 + 2) / 4 = 1022; (7 + 7 + 0 + 0 + 2) / 4 = 4;
    // (4 + 5 + 4 + 5 + 2) / 4 = 5; (1000 * 4 + 2) / 4 = 1000.
    assertArrayEquals(new short[] {1022, 4, 5, 1000}, half.data());
    assertThrows(IllegalArgumentException.class, () -> plain.scaler().halve(src, Plane16.allocate(1, 2)));
  }

  @Test
  void vectorTenBitHalvingEqualsPlainForEveryWidthAndStride() {
    Kernels vector = RandomPictures.vectorKernels();
    Random random = new Random(30);
    RandomPictures.widths().forEach(w -> {
      for (int h : new int[] {1, 2, 3, 5}) {
        Plane16 src = RandomPictures.plane16(random, w, h);
        Plane16 expected = RandomPictures.plane16(random, (w + 1) / 2, (h + 1) / 2);
        Plane16 actual = new Plane16(expected.data().clone(), expected.offset(), expected.width(), expected.height(),
            expected.stride());
        plain.scaler().halve(src, expected);
        vector.scaler().halve(src, actual);
        assertArrayEquals(expected.data(), actual.data(), w + "x" + h);
      }
    });
  }

  @Test
  void tenBitSadOfASmallCaseWorkedByHand() {
    Plane16 a = Plane16.allocate(3, 2);
    Plane16 b = Plane16.allocate(3, 2);
    int[] sa = {0, 1023, 500, 7, 8, 9};
    int[] sb = {1023, 0, 510, 7, 0, 19};
    for (int i = 0; i < 6; i++) {
      a.set(i % 3, i / 3, sa[i]);
      b.set(i % 3, i / 3, sb[i]);
    }
    assertEquals(1023 + 1023 + 10 + 0 + 8 + 10, plain.metrics().sad(a, b));
    assertEquals(plain.metrics().sad(a, b), RandomPictures.vectorKernels().metrics().sad(b, a));
  }
}
