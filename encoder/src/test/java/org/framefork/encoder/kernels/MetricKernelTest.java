package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.framefork.encoder.kernels.metric.PlaneMetrics;
import org.framefork.encoder.kernels.metric.PsnrScore;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.junit.jupiter.api.Test;

class MetricKernelTest {
  private final PlaneMetrics plain = Kernels.plain().metrics();

  @Test
  void vectorSadAndSseEqualPlainForEveryWidthAndStride() {
    PlaneMetrics vector = RandomPictures.vectorKernels().metrics();
    forEverySize(1, RandomPictures.ODD_HEIGHTS, (random, w, h) -> {
      Plane a = RandomPictures.plane(random, w, h);
      Plane b = random.nextBoolean() ? RandomPictures.plane(random, w, h) : RandomPictures.near(random, a, 3);
      assertEquals(plain.sad(a, b), vector.sad(a, b), "SAD " + w + "x" + h);
      assertEquals(plain.sse(a, b), vector.sse(a, b), "SSE " + w + "x" + h);
    });
  }

  /** A check of one picture size, drawing from the test's generator. */
  private interface SizeCheck {
    void check(Random random, int w, int h);
  }

  /**
   * Runs {@code check} with one generator for every width up to three vectors plus one, each of
   * {@code heights}, then on longer rows (many vector steps) of 21.
   */
  private static void forEverySize(long seed, int[] heights, SizeCheck check) {
    Random random = new Random(seed);
    RandomPictures.widths().forEach(w -> {
      for (int h : heights) {
        check.check(random, w, h);
      }
    });
    for (int w : new int[] {131, 257, 400}) {
      check.check(random, w, 21);
    }
  }

  @Test
  void vectorSadSurvivesTheLargestDifferencesOnWideRows() {
    // All 0 against all 255 on a row longer than one short-accumulator flush (128 vectors).
    PlaneMetrics vector = RandomPictures.vectorKernels().metrics();
    int w = 128 * RandomPictures.VECTOR_BYTES * 2 + 5;
    Plane zeros = Plane.allocate(w, 3);
    Plane full = Plane.allocate(w, 3);
    Arrays.fill(full.data(), (byte) 255);
    assertEquals(255L * w * 3, vector.sad(zeros, full));
    assertEquals(255L * 255 * w * 3, vector.sse(zeros, full));
    assertEquals(plain.sad(zeros, full), vector.sad(full, zeros));
  }

  @Test
  void vectorSseSurvivesRowsWhoseSumPassesAnInt() {
    // 40000 errors of 255 in a row: 2.6e9, more than an int holds (the vector twin once wrapped).
    PlaneMetrics vector = RandomPictures.vectorKernels().metrics();
    int w = 40_000;
    Plane zeros = Plane.allocate(w, 2);
    Plane full = Plane.allocate(w, 2);
    Arrays.fill(full.data(), (byte) 255);
    assertEquals(255L * 255 * w * 2, plain.sse(zeros, full));
    assertEquals(255L * 255 * w * 2, vector.sse(zeros, full));
    assertEquals(255L * w * 2, vector.sad(full, zeros));
  }

  @Test
  void tenBitVectorSseAndSsimEqualPlainForEveryWidthAndStride() {
    PlaneMetrics vector = RandomPictures.vectorKernels().metrics();
    SsimScratch scratch = new SsimScratch(400);
    forEverySize(3, new int[] {1, 5, 8, 13}, (random, w, h) -> {
      Plane16 a = RandomPictures.plane16(random, w, h);
      Plane16 b = random.nextBoolean() ? RandomPictures.plane16(random, w, h) : RandomPictures.near16(random, a, 40);
      assertEquals(plain.sse(a, b), vector.sse(a, b), "SSE " + w + "x" + h);
      assertEquals(plain.sad(a, b), vector.sad(a, b), "SAD " + w + "x" + h);
      double expected = plain.ssim(a, b, 10, scratch);
      double actual = vector.ssim(a, b, 10, scratch);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), "SSIM " + w + "x" + h + ": " + expected
          + " vs " + actual);
    });
  }

  @Test
  void tenBitSadAndSseSurviveTheLargestErrorsOnRowsWhoseSumPassesAnInt() {
    Plane16 zeros = Plane16.allocate(8192, 2);
    Plane16 full = Plane16.allocate(8192, 2);
    Arrays.fill(full.data(), (short) 1023);
    long samples = zeros.width() * 2L;
    for (PlaneMetrics m : List.of(plain, RandomPictures.vectorKernels().metrics())) {
      assertEquals(1023L * 1023 * samples, m.sse(zeros, full), m.getClass().getSimpleName());
      assertEquals(1023L * samples, m.sad(full, zeros), m.getClass().getSimpleName());
    }
  }

  @Test
  void tenBitSsimUsesThePeakOf1023() {
    // A uniform shift of 4 levels: at 10 bits a quarter of an 8-bit level, so SSIM stays near 1,
    // where 8-bit constants on these sums would score it far lower.
    Plane16 a = Plane16.allocate(64, 64);
    Plane16 b = Plane16.allocate(64, 64);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        a.set(x, y, 400 + ((x * 7 + y * 3) & 63));
        b.set(x, y, a.get(x, y) + 4);
      }
    }
    double ssim = plain.ssim(a, b, 10, new SsimScratch(64));
    assertTrue(ssim > 0.99 && ssim < 1, "SSIM " + ssim);
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> plain.ssim(a, b, 12, new SsimScratch(64))).getMessage().contains("10-bit"));
  }

  @Test
  void vectorSsimEqualsPlainForEveryWidth() {
    PlaneMetrics vector = RandomPictures.vectorKernels().metrics();
    SsimScratch scratch = new SsimScratch(400);
    forEverySize(2, new int[] {5, 8, 13}, (random, w, h) -> assertSameSsim(plain, vector, random, scratch, w, h));
  }

  private static void assertSameSsim(
      PlaneMetrics plain, PlaneMetrics vector, Random random, SsimScratch scratch, int w, int h) {
    Plane a = RandomPictures.plane(random, w, h);
    Plane b = RandomPictures.near(random, a, 20);
    double expected = plain.ssim(a, b, scratch);
    double actual = vector.ssim(a, b, scratch);
    if (w < 8 || h < 8) {
      assertTrue(Double.isNaN(expected) && Double.isNaN(actual), "no 8x8 window in " + w + "x" + h);
    } else {
      // The same double, bit for bit: the same float per window, summed in the same order.
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
          "SSIM " + w + "x" + h + ": " + expected + " vs " + actual);
      assertTrue(expected > 0.3 && expected < 1, "SSIM " + expected + " of a noisy copy");
    }
  }

  @Test
  void ssimOfIdenticalPlanesIsOne() {
    Plane a = RandomPictures.plane(new Random(3), 64, 48);
    assertEquals(1.0, plain.ssim(a, RandomPictures.copy(a), new SsimScratch(64)));
  }

  @Test
  void ssimOfTwoFlatPlanesIsTheLuminanceTerm() {
    // Worked by hand: flat 100 against flat 110 has no variance, so SSIM is the luminance term
    // (2 s1 s2 + c1) / (s1^2 + s2^2 + c1) on sums over 64 samples, with FFmpeg's
    // c1 = round(0.01^2 * 255^2 * 64) = 416: in means, (2 * 100 * 110 + 416/4096) / (...).
    Plane a = Plane.allocate(16, 16);
    Plane b = Plane.allocate(16, 16);
    Arrays.fill(a.data(), (byte) 100);
    Arrays.fill(b.data(), (byte) 110);
    double c1 = 416 / 4096.0;
    double expected = (2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1);
    assertEquals(expected, plain.ssim(a, b, new SsimScratch(16)), 1e-6);
  }

  @Test
  void sadSseAndPsnrOfASmallCaseWorkedByHand() {
    Plane a = Plane.allocate(4, 4);
    Plane b = Plane.allocate(4, 4);
    Arrays.fill(a.data(), (byte) 10);
    Arrays.fill(b.data(), (byte) 13);
    b.set(0, 0, 200); // one sample off by 190
    assertEquals(15 * 3 + 190, plain.sad(a, b));
    assertEquals(15 * 9 + 190 * 190, plain.sse(a, b));
    double mse = (15 * 9 + 190 * 190) / 16.0;
    assertEquals(10 * Math.log10(255 * 255 / mse), PsnrScore.psnr(mse), 1e-12);
  }

  @Test
  void psnrOfIdenticalFramesIsInfiniteAndTheAverageIsWeightedByMse() {
    Random random = new Random(4);
    YuvFrame a = RandomPictures.frame(random, 16, 8);
    PsnrScore same = PsnrScore.of(plain, a, RandomPictures.copy(a));
    assertEquals(Double.POSITIVE_INFINITY, same.psnrAverage());
    assertEquals(Double.POSITIVE_INFINITY, same.psnrY());

    // Only chroma U differs, by 4 everywhere: MSE_U = 16, weighted by 32 of 192 samples.
    YuvFrame b = RandomPictures.copy(a);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        b.u().set(x, y, a.u().get(x, y) ^ 4);
      }
    }
    PsnrScore score = PsnrScore.of(plain, a, b);
    assertEquals(16.0, score.mseU());
    assertEquals(16.0 * 32 / 192, score.mseAverage(), 1e-12);
    assertEquals(10 * Math.log10(65025 / (16.0 / 6)), score.psnrAverage(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, score.psnrV());
  }

  @Test
  void frameSsimWeightsPlanesBySampleCount() {
    Random random = new Random(5);
    YuvFrame a = RandomPictures.frame(random, 32, 32);
    YuvFrame b = RandomPictures.copy(a);
    b.y().set(3, 3, 255 - a.y().get(3, 3));
    SsimScore score = SsimScore.of(plain, a, b, new SsimScratch(32));
    assertEquals(1.0, score.u());
    assertTrue(score.y() < 1);
    assertEquals(score.y() * 4 / 6 + 2.0 / 6, score.all(), 1e-12);
  }

  /**
   * The numbers FFmpeg 8.1.2 printed for these frames (raw yuv420p files of {@link
   * RandomPictures#structured} and {@link RandomPictures#distorted}) with {@code ffmpeg -f rawvideo
   * -pix_fmt yuv420p -s WxH -i a.yuv ... -i b.yuv -lavfi "[0:v][1:v]ssim;[0:v][1:v]psnr" -f null -},
   * to its six decimals: an even size and an odd one (odd chroma, partial 4x4 blocks ignored).
   */
  @Test
  void ssimAndPsnrMatchFfmpegsFilters() {
    assertMatchesFfmpeg(176, 144, new double[] {0.969141, 0.964667, 0.961393, 0.967104, 14.828582},
        new double[] {33.320735, 33.338667, 33.352423, 33.328988});
    assertMatchesFfmpeg(97, 61, new double[] {0.967661, 0.967674, 0.964767, 0.967172, 14.837602},
        new double[] {33.249292, 33.274655, 33.301842, 33.262462});
  }

  private static void assertMatchesFfmpeg(int w, int h, double[] ssim, double[] psnr) {
    YuvFrame a = RandomPictures.structured(42, w, h);
    YuvFrame b = RandomPictures.distorted(a, 43, 9);
    for (Kernels kernels : new Kernels[] {Kernels.plain(), RandomPictures.vectorKernels()}) {
      SsimScore s = SsimScore.of(kernels.metrics(), a, b, new SsimScratch(w));
      PsnrScore p = PsnrScore.of(kernels.metrics(), a, b);
      String what = kernels.name() + " " + w + "x" + h;
      double printed = 0.5e-6; // FFmpeg rounds to six decimals
      assertEquals(ssim[0], s.y(), printed, what + " SSIM Y");
      assertEquals(ssim[1], s.u(), printed, what + " SSIM U");
      assertEquals(ssim[2], s.v(), printed, what + " SSIM V");
      assertEquals(ssim[3], s.all(), printed, what + " SSIM All");
      assertEquals(ssim[4], SsimScore.decibels(s.all()), 1e-5, what + " SSIM dB");
      assertEquals(psnr[0], p.psnrY(), printed, what + " PSNR y");
      assertEquals(psnr[1], p.psnrU(), printed, what + " PSNR u");
      assertEquals(psnr[2], p.psnrV(), printed, what + " PSNR v");
      assertEquals(psnr[3], p.psnrAverage(), printed, what + " PSNR average");
    }
  }
}
