package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.vmaf.VmafKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * VMAF's hot loops over one 1080p picture's worth of rows, plain Java against the Vector API twin
 * (the same bits; {@code VmafKernelTwinsTest} checks it). What to expect: the VIF and motion filters
 * are many multiply-adds per loaded sample, where the vector twin gains most (10x and more at 512
 * bits); SAD is one subtraction per sample and its vector twin must reduce its int lanes before
 * they can overflow, so it gains nothing; it is a fraction of a percent of a frame's VMAF.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class VmafBenchmark {
  private static final int[] FILTER_17 = VmafKernels.VIF_FILTERS[0];
  private static final int[] FILTER_9 = VmafKernels.VIF_FILTERS[1];
  private static final int W = Hd.WIDTH;
  private static final int H = Hd.HEIGHT;
  private static final int PAD = 8;
  private static final int STATISTIC_ROWS = 16;

  @Param({"plain", "vector"})
  public String impl;

  private VmafKernels kernels;
  private Plane ref;
  private Plane dis;
  private int[][] rows;
  private int[][] scratch;
  private short[] sixteenBitRef;
  private short[] tenBitRef;
  private short[] tenBitDis;
  private int[] blurredRef;
  private int[] blurredDis;
  private float[] wavelet;
  private float[] lo;
  private float[] hi;
  private static final int BAND = (W / 2) * (H / 2);
  private final float[][] bands = new float[4][W / 2];
  private final float[][] admRef = new float[3][BAND];
  private final float[][] admDis = new float[3][BAND];
  private final float[][] admRestored = new float[3][BAND];
  private final float[][] admAdded = new float[3][BAND];
  private final float[][] admCubes = new float[6][W / 2];
  private short[] halfRef;
  private short[] halfDis;
  private int[][][] statisticRows;
  private int[] statisticScratch;
  private long[] vifSums;

  @Setup
  public void setUp() {
    kernels = switch (impl) {
      case "plain" -> VmafKernels.plain();
      case "vector" -> VmafKernels.vector().orElseThrow(
          () -> new IllegalStateException("the Vector API VMAF kernels are unavailable in this JVM"));
      default -> throw new IllegalArgumentException("impl must be plain or vector, not " + impl);
    };
    ref = Hd.plane(1, W, H);
    dis = Hd.plane(2, W, H);
    rows = new int[18][];
    for (int taps : new int[] {4, 5, 9, 17}) {
      rows[taps] = new int[taps];
    }
    scratch = new int[10][W + 2 * PAD];
    sixteenBitRef = new short[W * H / 4];
    tenBitRef = new short[W * H];
    tenBitDis = new short[W * H];
    blurredRef = new int[W * H];
    blurredDis = new int[W * H];
    wavelet = new float[W * H];
    lo = new float[W];
    hi = new float[W];
    for (int i = 0; i < W * H; i++) {
      blurredRef[i] = (ref.data()[i] & 0xFF) << 8;
      blurredDis[i] = (dis.data()[i] & 0xFF) << 8;
      wavelet[i] = (ref.data()[i] & 0xFF) - 128;
      tenBitRef[i] = (short) (((ref.data()[i] & 0xFF) << 2) | (i & 3));
      tenBitDis[i] = (short) (((dis.data()[i] & 0xFF) << 2) | ((i >> 2) & 3));
    }
    // Wavelet-like bands: the picture's differences, the distorted one's a noisy, damped copy.
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < BAND; i++) {
        admRef[k][i] = (ref.data()[2 * i + k] & 0xFF) - (ref.data()[2 * i + k + 1] & 0xFF);
        admDis[k][i] = 0.8f * admRef[k][i] + ((dis.data()[2 * i + k] & 0xFF) - 128) / 32f;
      }
    }
    for (int i = 0; i < sixteenBitRef.length; i++) {
      sixteenBitRef[i] = (short) blurredRef[i];
    }
    halfRef = new short[W * H / 4];
    halfDis = new short[W * H / 4];
    statisticRows = filteredStatistics();
    statisticScratch = new int[6 * W];
    vifSums = new long[VmafKernels.VifSum.values().length];
  }

  /** Row offsets of the taps of output row {@code i}, mirrored at the edges as VIF and ADM do. */
  private int[] taps(int taps, int i, int height, int stride) {
    VmafKernels.mirroredRows(rows[taps], i, height, taps, 0, stride);
    return rows[taps];
  }


  @Benchmark
  @MovesBytes(2L * Hd.LUMA + 20L * Hd.LUMA)
  public int[] vifVertical8() {
    int[][] t = scratch;
    for (int i = 0; i < H; i++) {
      int[] r = taps(17, i, H, W);
      kernels.vifVertical8(ref.data(), r, dis.data(), r, W, FILTER_17, t[0], t[1], t[2], t[3], t[4], PAD);
    }
    return t[0];
  }

  @Benchmark
  @MovesBytes(40L * Hd.LUMA)
  public int[] vifHorizontal() {
    int[][] t = scratch;
    for (int i = 0; i < H; i++) {
      kernels.vifHorizontal(t[0], t[1], t[2], t[3], t[4], 0, W, FILTER_17, t[5], t[6], t[7], t[8], t[9]);
    }
    return t[5];
  }

  /** Scale 0 of a 10-bit picture: 17 taps over 16-bit samples, products summed in 64 bits. */
  @Benchmark
  @MovesBytes(4L * Hd.LUMA + 20L * Hd.LUMA)
  public int[] vifVertical10() {
    return vifVertical16(tenBitRef, tenBitDis, H, W, FILTER_17, 10);
  }

  /** Scale 1: a quarter of the picture, 16-bit samples. */
  @Benchmark
  @MovesBytes(Hd.LUMA / 4 * (4L + 20L))
  public int[] vifVertical16() {
    return vifVertical16(sixteenBitRef, sixteenBitRef, H / 2, W / 2, FILTER_9, 16);
  }

  /** VIF's vertical filter over {@code height} rows of {@code bits}-bit samples, each tap row mirrored at the edges. */
  private int[] vifVertical16(short[] ref, short[] dis, int height, int width, int[] filter, int bits) {
    int[][] t = scratch;
    for (int i = 0; i < height; i++) {
      int[] r = taps(filter.length, i, height, width);
      kernels.vifVertical16(ref, r, dis, r, width, filter, bits, t[0], t[1], t[2], t[3], t[4], PAD);
    }
    return t[0];
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA + 4L * Hd.LUMA)
  public int[] vifDecimateVertical8() {
    int[][] t = scratch;
    for (int i = 0; i < H / 2; i++) {
      int[] r = taps(9, 2 * i, H, W);
      kernels.vifDecimateVertical8(ref.data(), r, dis.data(), r, W, FILTER_9, t[0], t[1], PAD);
    }
    return t[0];
  }

  @Benchmark
  @MovesBytes(4L * Hd.LUMA + 4L * Hd.LUMA)
  public int[] vifDecimateVertical10() {
    for (int i = 0; i < H; i += 2) {
      kernels.vifDecimateVertical16(tenBitRef, taps(9, i, H, W), tenBitDis, rows[9], W, FILTER_9, 10, scratch[0],
          scratch[1], PAD);
    }
    return scratch[0];
  }

  /** Scale 1's decimation, horizontal: every other column of 9 taps over rows of 16-bit samples. */
  @Benchmark
  @MovesBytes(Hd.LUMA / 2 * (8L + 2L))
  public short[] vifDecimateHorizontal() {
    for (int i = 0; i < H / 2; i++) {
      kernels.vifDecimateHorizontal(scratch[0], scratch[1], PAD - 4, W / 2, FILTER_9, halfRef, halfDis, i * (W / 2));
    }
    return halfRef;
  }

  /**
   * VIF's statistic of a 1080p picture pair at scale 0: 1080 rows, taking in turn the filtered
   * statistics of {@link #STATISTIC_ROWS} rows of the two pictures (the plain twin branches on the
   * data, so that it is not one row over and over).
   */
  @Benchmark
  @MovesBytes(20L * Hd.LUMA)
  public long[] vifStatistic() {
    for (int i = 0; i < H; i++) {
      int[][] r = statisticRows[i % STATISTIC_ROWS];
      kernels.vifStatistic(r[0], r[1], r[2], r[3], r[4], W, statisticScratch, vifSums);
    }
    return vifSums;
  }

  /** Rows of the two pictures' means, variances and covariance, as VIF's filters leave them at scale 0. */
  private int[][][] filteredStatistics() {
    VmafKernels plain = VmafKernels.plain();
    int[][][] out = new int[STATISTIC_ROWS][5][W];
    int[][] t = new int[5][W + 2 * PAD];
    for (int n = 0; n < STATISTIC_ROWS; n++) {
      int[] r = taps(17, n * H / STATISTIC_ROWS, H, W);
      plain.vifVertical8(ref.data(), r, dis.data(), r, W, FILTER_17, t[0], t[1], t[2], t[3], t[4], PAD);
      int[][] o = out[n];
      plain.vifHorizontal(t[0], t[1], t[2], t[3], t[4], 0, W, FILTER_17, o[0], o[1], o[2], o[3], o[4]);
    }
    return out;
  }

  @Benchmark
  @MovesBytes(Hd.LUMA + 4L * Hd.LUMA)
  public int[] motionVertical() {
    for (int i = 0; i < H; i++) {
      kernels.motionVertical(ref.data(), taps(5, i, H, W), W, scratch[0], 2);
    }
    return scratch[0];
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA + 4L * Hd.LUMA)
  public int[] motionVertical10() {
    for (int i = 0; i < H; i++) {
      kernels.motionVertical16(tenBitRef, taps(5, i, H, W), W, 10, scratch[0], 2);
    }
    return scratch[0];
  }

  @Benchmark
  @MovesBytes(8L * Hd.LUMA)
  public int[] motionHorizontal() {
    for (int i = 0; i < H; i++) {
      kernels.motionHorizontal(scratch[0], 0, W, blurredDis, i * W);
    }
    return blurredDis;
  }

  @Benchmark
  @MovesBytes(8L * Hd.LUMA)
  public long sad() {
    return kernels.sad(blurredRef, blurredDis, W * H);
  }

  @Benchmark
  @MovesBytes(4L * Hd.LUMA + 4L * Hd.LUMA)
  public float[] dwtVertical() {
    for (int i = 0; i < H / 2; i++) {
      kernels.dwtVertical(wavelet, taps(4, 2 * i, H, W), W, lo, hi);
    }
    return lo;
  }

  @Benchmark
  @MovesBytes(8L * Hd.LUMA)
  public float[] dwtHorizontal() {
    for (int i = 0; i < H / 2; i++) {
      kernels.dwtHorizontal(lo, hi, W, bands[0], bands[1], bands[2], bands[3], 0);
    }
    return bands[0];
  }

  /** Scale 0's decoupling: the 960x540 bands of a 1080p picture, 6 read and 6 written. */
  @Benchmark
  @MovesBytes(12L * Hd.LUMA)
  public float[][] admDecouple() {
    kernels.admDecouple(admRef, admDis, 0, BAND, 0.5f, 0.3f, admRestored, admAdded);
    return admAdded;
  }

  /** Scale 0's masking, row by row: 9 bands read, 6 rows of cubes written. */
  @Benchmark
  @MovesBytes(15L * Hd.LUMA)
  public float[][] admMaskedCubes() {
    int w = W / 2;
    for (int i = 1; i < H / 2 - 1; i++) {
      kernels.admMaskedCubes(admAdded, admRestored, admRef, (i - 1) * w, i * w, (i + 1) * w, 0, w, w, 0.5f, 0.3f,
          admCubes);
    }
    return admCubes;
  }
}
