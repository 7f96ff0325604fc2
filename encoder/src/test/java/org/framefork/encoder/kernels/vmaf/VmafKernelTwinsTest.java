package org.framefork.encoder.kernels.vmaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * The Vector API VMAF kernels compute the plain twin's bits (VIF's statistic: the same sums), on
 * random data, widths that leave a tail and extreme samples (all 255; all 1023 in 10-bit rows; all 65535 in 16-bit rows) where the
 * unsigned 32-bit sums come closest to wrapping. Run once here (C1 or the interpreter) and in forked JVMs with
 * {@code -Xcomp -XX:-TieredCompilation}, so that C2's intrinsics compute them too, at this CPU's width and at
 * AVX2's 256 bits (each fork must say the width it ran at); at 128 bits the plain set must be chosen. The
 * widths expected come from the Vector API's preferred int species, so that a CPU with only 128-bit
 * vectors (SSE-only or AVX1 x86, Arm's Neon) expects the plain set in each.
 */
class VmafKernelTwinsTest {
  static final int[][] FILTERS = {
      {489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489},
      {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244},
      {3571, 16004, 26386, 16004, 3571},
      {10904, 43728, 10904}};

  @Test
  void vectorTwinComputesThePlainBits() {
    int bits = expectedBits(preferredBits());
    if (bits == 0) {
      // Narrower than 256-bit int vectors (SSE-only or AVX1 x86, Arm's Neon): the plain set only.
      assertTrue(VmafKernels.vector().isEmpty(), "this JVM's int vectors are " + preferredBits()
          + " bits, too narrow for the VMAF twins, yet it built them: " + VmafKernels.vector().map(VmafKernels::name));
      compare(VmafKernels.plain(), VmafKernels.get(), 20);
      return;
    }
    VmafKernels vector = VmafKernels.vector().orElseThrow(() -> new AssertionError("this JVM's int vectors are "
        + preferredBits() + " bits, yet it built no Vector API VMAF kernels"));
    assertTrue(vector.name().contains(bits + "-bit"), "expected " + bits + "-bit kernels: " + vector.name());
    compare(VmafKernels.plain(), vector, 20);
  }

  @Test
  void vectorTwinComputesThePlainBitsAfterC2() throws Exception {
    assertForkAgrees(List.of("-Xcomp", "-XX:-TieredCompilation"), expectedBits(preferredBits()));
  }

  /**
   * 256-bit vectors, as on AVX2 machines: the shuffles and lane counts of the twins change with the
   * width. {@code -XX:UseAVX=2} on x86 (an AVX2 CPU's instructions, too); elsewhere vectors capped at 32 bytes.
   * Where this JVM's int vectors are narrower (a CPU without AVX2, or flags of this JVM's that say so,
   * which the fork keeps) no flag of its own: the plain set again.
   */
  @Test
  void vectorTwinComputesThePlainBitsOnAvx2() throws Exception {
    String arch = System.getProperty("os.arch");
    boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
    List<String> flags = new ArrayList<>(List.of("-Xcomp", "-XX:-TieredCompilation"));
    if (preferredBits() >= 256) {
      flags.addFirst(x86 ? "-XX:UseAVX=2" : "-XX:MaxVectorSize=32");
    }
    assertForkAgrees(flags, expectedBits(Math.min(256, preferredBits())));
  }

  /**
   * 128-bit vectors, as on SSE-only x86 and Arm's Neon: too narrow for the VMAF twins (a lane of
   * bytes per int lane would be 32 bits), so the plain set is chosen there, and computes.
   */
  @Test
  void at128BitsThePlainSetIsChosen() throws Exception {
    assertForkAgrees(List.of("-XX:MaxVectorSize=16", "-Xcomp", "-XX:-TieredCompilation"), 0);
  }

  /**
   * This JVM's preferred int vector size, from the Vector API itself (not from the kernels under
   * test): the CPU's widest, or less where flags such as {@code -XX:MaxVectorSize} or {@code -XX:UseAVX} cap it.
   */
  private static int preferredBits() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize();
  }

  /** The width of VMAF twins at {@code intBits}-bit int vectors: 0 (the plain set) below 256 bits. */
  private static int expectedBits(int intBits) {
    return intBits < 256 ? 0 : intBits;
  }

  /**
   * This JVM's flags that set the vector size or instruction set, which its forks keep (before their
   * own, so that a fork's own flag of the same name wins): a run of this test under
   * {@code -XX:UseAVX=1} checks what an AVX1 machine's forks would do.
   */
  private static List<String> vectorFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.matches("-XX:(UseAVX|UseSSE|MaxVectorSize)=\\d+")).toList();
  }

  /**
   * A forked JVM with {@code flags} finds the twins agree, its Vector API kernels {@code bits} wide;
   * 0: it has none and uses the plain set.
   */
  private static void assertForkAgrees(List<String> flags, int bits) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
    cmd.addAll(vectorFlags());
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Fork.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "forked JVM timed out");
    assertEquals(0, p.exitValue(), out);
    String expected = bits == 0 ? "plain only (plain Java" : "twins agree (Vector API, " + bits + "-bit";
    assertTrue(out.contains(expected), "with " + cmd.subList(1, cmd.size() - 3) + " expected "
        + (bits == 0 ? "the plain set (int vectors under 256 bits)" : bits + "-bit VMAF twins") + ": " + out);
  }

  @Test
  void plainKernelsAllocateNothingPerCall() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    VmafKernels k = VmafKernels.plain();
    byte[] img = new byte[64 * 40];
    short[] img16 = new short[64 * 40];
    int[] rows = {0, 64, 128, 192, 256, 320, 384, 448, 512, 576, 640, 704, 768, 832, 896, 960, 1024};
    int[][] t = new int[10][100];
    float[] f = new float[64 * 40];
    float[] lo = new float[64];
    float[] hi = new float[64];
    float[][] bands = {new float[180], new float[180], new float[180]};
    float[][] cubes = new float[6][60];
    int[] statisticScratch = new int[6 * 60];
    long[] sums = new long[VmafKernels.VifSum.values().length];
    Runnable all = () -> {
      k.vifVertical8(img, rows, img, rows, 60, FILTERS[0], t[0], t[1], t[2], t[3], t[4], 8);
      k.vifVertical16(img16, rows, img16, rows, 60, FILTERS[1], 10, t[0], t[1], t[2], t[3], t[4], 8);
      k.vifHorizontal(t[0], t[1], t[2], t[3], t[4], 0, 60, FILTERS[0], t[5], t[6], t[7], t[8], t[9]);
      k.vifDecimateVertical8(img, rows, img, rows, 60, FILTERS[1], t[0], t[1], 8);
      k.vifDecimateVertical16(img16, rows, img16, rows, 60, FILTERS[2], 16, t[0], t[1], 8);
      k.vifDecimateHorizontal(t[0], t[1], 0, 40, FILTERS[1], img16, img16, 0);
      k.vifStatistic(t[0], t[1], t[2], t[3], t[4], 60, statisticScratch, sums);
      k.motionVertical(img, rows, 60, t[0], 2);
      k.motionVertical16(img16, rows, 60, 10, t[0], 2);
      k.motionHorizontal(t[0], 0, 60, t[1], 0);
      k.sad(t[0], t[1], 60);
      k.dwtVertical(f, rows, 60, lo, hi);
      k.dwtHorizontal(lo, hi, 60, f, f, f, f, 0);
      k.admDecouple(bands, bands, 0, 60, 1f, 1f, bands, bands);
      k.admMaskedCubes(bands, bands, bands, 0, 60, 120, 0, 60, 60, 1f, 1f, cubes);
    };
    all.run();
    // The least of a few measurements: a kernel that allocates per call allocates in every one;
    // the JIT's one-off work (a compile landing mid-round, seen once as 56 bytes) does not repeat.
    long least = Long.MAX_VALUE;
    for (int m = 0; m < 5 && least > 0; m++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 3; i++) {
        all.run();
      }
      least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    assertEquals(0, least, "bytes allocated by 3 rounds of every kernel");
  }

  /** The forked JVM's entry point. */
  public static final class Fork {
    public static void main(String[] args) {
      VmafKernels vector = VmafKernels.vector().orElse(null);
      if (vector == null) {
        // Too narrow vectors: the plain set is this JVM's, and computes what it computes in any JVM.
        compare(VmafKernels.plain(), VmafKernels.get(), 1);
        System.out.println("plain only (" + VmafKernels.get().name() + ")");
        return;
      }
      compare(VmafKernels.plain(), vector, 3);
      System.out.println("twins agree (" + vector.name() + ", " + ManagementFactory.getRuntimeMXBean().getInputArguments() + ")");
    }
  }

  static void compare(VmafKernels a, VmafKernels b, int rounds) {
    Random random = new Random(16);
    for (int round = 0; round < rounds; round++) {
      int width = 1 + random.nextInt(70);
      int mode = round % 4; // 0, 1: random; 2: all maximum; 3: all zero
      byte[] ref = bytes(random, 20 * 80, mode);
      byte[] dis = bytes(random, 20 * 80, mode);
      // 10-bit pictures, and 16-bit ones as VIF's decimated scales hold them.
      int bits = (round + round / 4) % 2 == 0 ? 10 : 16; // rounds 2 and 6, all maximum: 10 and 16 bits
      short[] ref16 = shorts(random, 20 * 80, mode, (1 << bits) - 1);
      short[] dis16 = shorts(random, 20 * 80, mode, (1 << bits) - 1);
      for (int[] f : FILTERS) {
        int[] refRows = rows(random, f.length, 19 * 80 - width);
        int[] disRows = rows(random, f.length, 19 * 80 - width);
        int[][] outA = new int[5][width + 3];
        int[][] outB = new int[5][width + 3];
        a.vifVertical8(ref, refRows, dis, disRows, width, f, outA[0], outA[1], outA[2], outA[3], outA[4], 3);
        b.vifVertical8(ref, refRows, dis, disRows, width, f, outB[0], outB[1], outB[2], outB[3], outB[4], 3);
        assertDeepEquals(outA, outB, "vifVertical8");
        a.vifVertical16(ref16, refRows, dis16, disRows, width, f, bits, outA[0], outA[1], outA[2], outA[3], outA[4], 3);
        b.vifVertical16(ref16, refRows, dis16, disRows, width, f, bits, outB[0], outB[1], outB[2], outB[3], outB[4], 3);
        assertDeepEquals(outA, outB, "vifVertical16, " + bits + " bits");
        a.vifDecimateVertical8(ref, refRows, dis, disRows, width, f, outA[0], outA[1], 2);
        b.vifDecimateVertical8(ref, refRows, dis, disRows, width, f, outB[0], outB[1], 2);
        assertDeepEquals(outA, outB, "vifDecimateVertical8");
        a.vifDecimateVertical16(ref16, refRows, dis16, disRows, width, f, bits, outA[0], outA[1], 2);
        b.vifDecimateVertical16(ref16, refRows, dis16, disRows, width, f, bits, outB[0], outB[1], 2);
        assertDeepEquals(outA, outB, "vifDecimateVertical16, " + bits + " bits");
        // Horizontal, every other column: rows of 16-bit samples as the vertical pass leaves them.
        int[] decRef = ints(random, 2 * width + f.length - 1, mode, 65535); // no more than the plain twin reads
        int[] decDis = ints(random, 2 * width + f.length - 1, mode, 65535);
        short[][] halfA = new short[2][width + 2];
        short[][] halfB = new short[2][width + 2];
        a.vifDecimateHorizontal(decRef, decDis, 1, width, f, halfA[0], halfA[1], 2);
        b.vifDecimateHorizontal(decRef, decDis, 1, width, f, halfB[0], halfB[1], 2);
        assertArrayEquals(halfA[0], halfB[0], "vifDecimateHorizontal ref");
        assertArrayEquals(halfA[1], halfB[1], "vifDecimateHorizontal dis");
        // Horizontal: 16-bit means, full 32-bit products (as the vertical pass leaves them).
        int[][] in = new int[5][];
        for (int k = 0; k < 5; k++) {
          in[k] = k < 2 ? ints(random, width + 20, mode, 65280) : ints(random, width + 20, mode, -1);
        }
        a.vifHorizontal(in[0], in[1], in[2], in[3], in[4], 2, width, f, outA[0], outA[1], outA[2], outA[3], outA[4]);
        b.vifHorizontal(in[0], in[1], in[2], in[3], in[4], 2, width, f, outB[0], outB[1], outB[2], outB[3], outB[4]);
        assertDeepEquals(outA, outB, "vifHorizontal");
        // A lone sample in rows of zeros puts outputs' rounding on a tie, which random rows all but
        // miss: c * 0x8000 is 32768 modulo 65536 for every odd tap c, c * 0x1000 for the 3-tap's 10904.
        for (int[] row : in) {
          java.util.Arrays.fill(row, 0);
        }
        int lone = 2 + f.length - 1;
        in[2][lone] = 0x12348000;
        in[3][lone] = 0x00011000;
        in[4][lone] = 0xFFFF8000;
        a.vifHorizontal(in[0], in[1], in[2], in[3], in[4], 2, width, f, outA[0], outA[1], outA[2], outA[3], outA[4]);
        b.vifHorizontal(in[0], in[1], in[2], in[3], in[4], 2, width, f, outB[0], outB[1], outB[2], outB[3], outB[4]);
        assertDeepEquals(outA, outB, "vifHorizontal, rounding on ties");
      }
      compareVifStatistic(a, b, random, width, mode);
      int[] rows5 = rows(random, 5, 19 * 80 - width);
      int[] ma = new int[width + 7];
      int[] mb = new int[width + 7];
      a.motionVertical(ref, rows5, width, ma, 1);
      b.motionVertical(ref, rows5, width, mb, 1);
      assertArrayEquals(ma, mb, "motionVertical");
      a.motionVertical16(ref16, rows5, width, bits, ma, 1);
      b.motionVertical16(ref16, rows5, width, bits, mb, 1);
      assertArrayEquals(ma, mb, "motionVertical16, " + bits + " bits");
      int[] row = ints(random, width + 9, mode, 65280);
      a.motionHorizontal(row, 3, width, ma, 2);
      b.motionHorizontal(row, 3, width, mb, 2);
      assertArrayEquals(ma, mb, "motionHorizontal");
      int n = random.nextInt(3000);
      int[] s1 = ints(random, n, mode, 65280);
      int[] s2 = ints(random, n, round % 4 == 2 ? 3 : mode, 65280);
      assertEquals(a.sad(s1, s2, n), b.sad(s1, s2, n), "sad");
    }
    // A 1080p picture against a black one: the largest sum of absolute differences motion meets.
    int[] white = new int[1920 * 1080];
    java.util.Arrays.fill(white, 65280);
    int[] black = new int[white.length];
    assertEquals(65280L * white.length, a.sad(white, black, white.length), "sad of a plain 1080p picture");
    assertEquals(a.sad(white, black, white.length), b.sad(white, black, white.length), "sad of a whole 1080p picture");
    for (int round = 0; round < rounds; round++) {
      int width = 1 + random.nextInt(70);
      float[] img = new float[20 * 80];
      for (int i = 0; i < img.length; i++) {
        img[i] = random.nextInt(256) - 128 + random.nextFloat();
      }
      int[] rows4 = rows(random, 4, 19 * 80 - width);
      float[] loA = new float[width];
      float[] hiA = new float[width];
      float[] loB = new float[width];
      float[] hiB = new float[width];
      a.dwtVertical(img, rows4, width, loA, hiA);
      b.dwtVertical(img, rows4, width, loB, hiB);
      assertArrayEquals(loA, loB, "dwtVertical lo");
      assertArrayEquals(hiA, hiB, "dwtVertical hi");
      // Horizontal: every other column's four bands, written after an offset.
      int off = random.nextInt(5);
      float[][] bandsA = new float[4][off + (width + 1) / 2];
      float[][] bandsB = new float[4][off + (width + 1) / 2];
      a.dwtHorizontal(loA, hiA, width, bandsA[0], bandsA[1], bandsA[2], bandsA[3], off);
      b.dwtHorizontal(loA, hiA, width, bandsB[0], bandsB[1], bandsB[2], bandsB[3], off);
      for (int k = 0; k < 4; k++) {
        assertArrayEquals(bandsA[k], bandsB[k], "dwtHorizontal band " + k + ", width " + width);
      }
    }
    for (int round = 0; round < rounds * 2; round++) {
      compareAdm(a, b, random, round % 4);
    }
  }

  /**
   * ADM's decoupling and masking on three rows of random bands: distorted detail that scales the
   * reference's by -0.5 to 1.5 (so that some samples fall within the angle and are enhanced, some
   * are clamped), plus noise, and in mode 2 zeros in the reference (the division's guard) and mode
   * 3 in the distorted bands.
   */
  private static void compareAdm(VmafKernels a, VmafKernels b, Random random, int mode) {
    int width = 2 + random.nextInt(70);
    int n = 3 * width;
    float[][] ref = new float[3][n];
    float[][] dis = new float[3][n];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        float o = mode == 2 && random.nextInt(3) == 0 ? 0f : (random.nextFloat() - 0.5f) * 100f;
        float gain = random.nextFloat() * 2f - 0.5f;
        ref[k][i] = o;
        dis[k][i] = mode == 3 && random.nextInt(3) == 0 ? 0f : o * gain + (random.nextFloat() - 0.5f) * (mode == 1 ? 20f : 2f);
      }
    }
    float rfHv = 0.5f + random.nextFloat();
    float rfD = 0.2f + random.nextFloat();
    float[][][] restored = new float[2][3][n];
    float[][][] added = new float[2][3][n];
    int from = random.nextInt(n);
    int to = from + random.nextInt(n - from + 1);
    a.admDecouple(ref, dis, from, to, rfHv, rfD, restored[0], added[0]);
    b.admDecouple(ref, dis, from, to, rfHv, rfD, restored[1], added[1]);
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(restored[0][k], restored[1][k], "admDecouple restored band " + k + ", samples " + from + "-" + to);
      assertArrayEquals(added[0][k], added[1][k], "admDecouple added band " + k + ", samples " + from + "-" + to);
    }
    a.admDecouple(ref, dis, 0, n, rfHv, rfD, restored[0], added[0]);
    float[][][] cubes = new float[2][6][width];
    int col = random.nextInt(width);
    int colTo = col + random.nextInt(width - col + 1);
    a.admMaskedCubes(added[0], restored[0], ref, 0, width, 2 * width, col, colTo, width, rfHv, rfD, cubes[0]);
    b.admMaskedCubes(added[0], restored[0], ref, 0, width, 2 * width, col, colTo, width, rfHv, rfD, cubes[1]);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(cubes[0][k], cubes[1][k], "admMaskedCubes " + k + ", columns " + col + "-" + colTo + " of " + width);
    }
  }

  /**
   * The statistic's sums over one row, added to sums that are not zero: means as the horizontal
   * pass leaves them, variances of every size (none, below libvmaf's noise floor, up to 2^31) and
   * covariances that fit them, so that every branch is taken; modes 2 and 3 give rows of 0xFFFFFFFF
   * and of zeros.
   */
  private static void compareVifStatistic(VmafKernels a, VmafKernels b, Random random, int width, int mode) {
    int[][] in = new int[5][width];
    for (int j = 0; j < width; j++) {
      long m1 = random.nextInt(65281) * (long) random.nextInt(65537);
      long m2 = random.nextBoolean() ? m1 : random.nextInt(65281) * (long) random.nextInt(65537);
      in[0][j] = (int) m1;
      in[1][j] = (int) m2;
      int v1 = variance(random);
      int v2 = variance(random);
      // A covariance as pictures have it (correlation -1 to 1, now and then beyond), or one that
      // fits no variance (a gain above libvmaf's limit of 100, a covariance where one variance is 0).
      long covariance = random.nextInt(4) == 0 ? (random.nextBoolean() ? 1 : -1) * variance(random)
          : (long) ((random.nextDouble() * 2.4 - 1.2) * Math.sqrt((double) v1 * v2));
      in[2][j] = (int) ((m1 * m1 + (1L << 31)) >>> 32) + v1;
      in[3][j] = (int) ((m2 * m2 + (1L << 31)) >>> 32) + v2;
      in[4][j] = (int) ((m1 * m2 + (1L << 31)) >>> 32) + (int) covariance;
      for (int[] row : in) {
        row[j] = mode == 2 ? -1 : mode == 3 ? 0 : row[j];
      }
    }
    long[] sumsA = new long[VmafKernels.VifSum.values().length];
    long[] sumsB = new long[VmafKernels.VifSum.values().length];
    for (int i = 0; i < sumsA.length; i++) {
      sumsA[i] = random.nextInt() - (1L << 40);
      sumsB[i] = sumsA[i];
    }
    a.vifStatistic(in[0], in[1], in[2], in[3], in[4], width, new int[6 * width], sumsA);
    b.vifStatistic(in[0], in[1], in[2], in[3], in[4], width, new int[6 * width], sumsB);
    assertArrayEquals(sumsA, sumsB, "vifStatistic, width " + width + ", mode " + mode);
  }

  /** A variance: none, below libvmaf's noise floor (2^17), up to 2^24, or up to 2^31. */
  private static int variance(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1 << 17);
      case 2 -> random.nextInt(1 << 24);
      default -> random.nextInt() & Integer.MAX_VALUE;
    };
  }

  private static void assertDeepEquals(int[][] a, int[][] b, String what) {
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], what + " output " + i);
    }
  }

  private static int[] rows(Random random, int taps, int max) {
    int[] r = new int[taps];
    for (int k = 0; k < taps; k++) {
      r[k] = random.nextInt(max);
    }
    return r;
  }

  private static byte[] bytes(Random random, int n, int mode) {
    byte[] b = new byte[n];
    if (mode == 2) {
      java.util.Arrays.fill(b, (byte) 255);
    } else if (mode != 3) {
      random.nextBytes(b);
    }
    return b;
  }

  /** Samples up to {@code max} (at most 65535), unsigned in shorts. */
  private static short[] shorts(Random random, int n, int mode, int max) {
    short[] v = new short[n];
    for (int i = 0; i < n; i++) {
      v[i] = (short) (mode == 2 ? max : mode == 3 ? 0 : random.nextInt(max + 1));
    }
    return v;
  }

  /** Samples up to {@code max}; max -1 means any 32-bit pattern (an unsigned sum). */
  private static int[] ints(Random random, int n, int mode, int max) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = mode == 2 ? max : mode == 3 ? 0 : max == -1 ? random.nextInt() : random.nextInt(max + 1);
    }
    return v;
  }
}
