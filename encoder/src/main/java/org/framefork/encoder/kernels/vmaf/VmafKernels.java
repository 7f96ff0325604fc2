package org.framefork.encoder.kernels.vmaf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.framefork.encoder.kernels.Kernels;

/**
 * The hot loops of VMAF's features, as a plain Java set and a Vector API twin that computes the
 * same bits. Sample arrays hold unsigned values: bytes are 8-bit pictures, shorts deeper pictures
 * (9 to 16 bits; VIF's decimated scales are 16-bit pictures), {@code int[]} rows hold filtered
 * samples or 32-bit sums that the caller reads as unsigned ({@code & 0xFFFFFFFFL}).
 *
 * <p>Row arguments are offsets: {@code rows[k]} is where the k-th filter tap's source row starts in
 * the source array, so that callers mirror the picture's edges by choosing the offsets, and the
 * kernels never look outside a row. Horizontal passes read a padded row: {@code src[pad + j]} is
 * sample {@code j}, and the caller has filled {@code pad} mirrored samples on each side.
 *
 * <p>Chosen like {@link Kernels}: the Vector API twin when {@link Kernels#get()} chose the Vector
 * API set, reached by reflection only then, so that nothing names {@code jdk.incubator.vector}
 * without the module.
 */
public interface VmafKernels {
  /** The taps of VMAF's 5-tap Gaussian (motion, and VIF at scale 2), summing to 65536. */
  int[] FILTER_5 = {3571, 16004, 26386, 16004, 3571};

  /** VIF's Gaussian taps per scale (0 to 3), as libvmaf's fixed point has them. */
  int[][] VIF_FILTERS = {
      {489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489},
      {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244},
      FILTER_5,
      {10904, 43728, 10904}};

  /**
   * The row offsets of the taps of output row {@code i} of a picture {@code h} rows high, as VIF and
   * ADM mirror them at the edges (without repeating the edge row: -1 is 1, h is h-2).
   */
  static void mirroredRows(int[] out, int i, int h, int taps, int offset, int stride) {
    int half = taps / 2;
    for (int k = 0; k < taps; k++) {
      int y = i - half + k;
      if (y < 0) {
        y = -y;
      } else if (y >= h) {
        y = 2 * (h - 1) - y;
      }
      out[k] = offset + y * stride;
    }
  }

  /**
   * Column or row {@code x} of {@code n}, mirrored as ADM's wavelet mirrors the edges: -1 is 1
   * (the edge sample is not repeated on the left or top), {@code n} is {@code n - 1} (it is on the
   * right and bottom).
   */
  static int admMirror(int x, int n) {
    if (x < 0) {
      return -x;
    }
    return x >= n ? 2 * n - x - 1 : x;
  }

  String name();

  /** Motion, vertical, 8-bit rows: {@code dst[off + j] = (sum_k FILTER_5[k] * src[rows[k] + j] + 128) >>> 8}. */
  void motionVertical(byte[] src, int[] rows, int width, int[] dst, int dstOff);

  /**
   * Motion, vertical, rows of {@code bits}-bit samples (9 to 16, unsigned in shorts): rounded
   * {@code >>> bits}, as libvmaf's {@code integer_motion} does for deeper pictures, so that the
   * result has the 8-bit kernel's scale.
   */
  void motionVertical16(short[] src, int[] rows, int width, int bits, int[] dst, int dstOff);

  /** Motion, horizontal: {@code dst[dstOff + j] = (sum_k FILTER_5[k] * src[srcOff + j + k] + 32768) >>> 16}. */
  void motionHorizontal(int[] src, int srcOff, int width, int[] dst, int dstOff);

  /** Sum of absolute differences of {@code n} samples. */
  long sad(int[] a, int[] b, int n);

  /**
   * VIF at scale 0, vertical pass over 8-bit rows: the filtered means (rounded, {@code >> 8}) and
   * the raw 32-bit sums of {@code r*r}, {@code d*d} and {@code r*d}, written at {@code off + j}.
   */
  void vifVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off);

  /**
   * VIF, vertical pass over rows of {@code bits}-bit samples (9 to 16, unsigned in shorts), as
   * libvmaf's {@code integer_vif} for its 16-bit buffers: means rounded {@code >>> bits}, products
   * summed in 64 bits and rounded {@code >>> 2 * (bits - 8)}, written at {@code off + j}. Scale 0 of
   * a 10-bit picture has {@code bits} 10; the decimated scales 1-3, which hold 16-bit samples, 16
   * (both shifts 16).
   */
  void vifVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter, int bits,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off);

  /**
   * VIF, horizontal pass (tap {@code k} of output {@code j} reads {@code srcOff + j + k}): the means
   * as 32-bit sums, the products rounded {@code (sum + 32768) >>> 16} from 64-bit sums. The taps sum
   * to 65536, as VIF's do.
   */
  void vifHorizontal(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int width, int[] filter,
      int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd);

  /** VIF's low-pass before decimation, vertical, 8-bit rows: {@code (sum + 128) >>> 8}. */
  void vifDecimateVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] outRef, int[] outDis, int off);

  /**
   * VIF's low-pass before decimation, vertical, rows of {@code bits}-bit samples (9 to 16, in
   * shorts): rounded {@code >>> bits} (10 for a 10-bit picture's scale 0, 16 for the scales after).
   */
  void vifDecimateVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter,
      int bits, int[] outRef, int[] outDis, int off);

  /**
   * VIF's low-pass before decimation, horizontal, keeping every other column: output {@code j} of
   * {@code width} is {@code (sum_k filter[k] * src[srcOff + 2 * j + k] + 32768) >>> 16}, a 16-bit
   * sample of the next scale, at {@code outOff + j}.
   */
  void vifDecimateHorizontal(int[] ref, int[] dis, int srcOff, int width, int[] filter, short[] outRef,
      short[] outDis, int outOff);

  /** The sums of a VIF scale that {@link #vifStatistic} adds into, at their ordinals (libvmaf's names). */
  enum VifSum {
    ACCUM_X, COUNT_X, ACCUM_X2, NUM_LOG, DEN_LOG, NUM_NON_LOG, DEN_NON_LOG;

    /** This sum in {@code sums}. */
    public long of(long[] sums) {
      return sums[ordinal()];
    }

    void add(long[] sums, long value) {
      sums[ordinal()] += value;
    }
  }

  /**
   * VIF's statistic of one row (the horizontal pass's outputs: the means as unsigned 32-bit sums,
   * {@code xx}, {@code yy}, {@code xy} the filtered products): per pixel, the information the
   * distorted picture keeps of the reference's, in libvmaf's fixed-point base-2 logarithms, added
   * into {@code sums} (a {@link VifSum} each). {@code scratch} holds at least {@code 6 * width}
   * ints that the kernel may overwrite (the Vector API twin keeps its table indices there).
   */
  void vifStatistic(int[] mu1, int[] mu2, int[] xx, int[] yy, int[] xy, int width, int[] scratch, long[] sums);

  /**
   * ADM's Daubechies-2 wavelet, vertical pass: low and high pass of four source rows (the taps of
   * output row {@code i}: {@code rows} are source offsets), {@code width} columns.
   */
  void dwtVertical(float[] src, int[] rows, int width, float[] lo, float[] hi);

  /**
   * ADM's wavelet, horizontal pass over one row of the vertical pass's {@code lo} and {@code hi}
   * ({@code width} samples, mirrored at the edges without repeating the edge sample on the left, with
   * it on the right, as libvmaf's float ADM): every other column's four bands, written at {@code off
   * + j} for {@code j} below {@code (width + 1) / 2}: the approximation {@code a}, the vertical detail
   * {@code bv} (high pass across the low-passed rows), the horizontal {@code bh} and the diagonal {@code bd}.
   */
  void dwtHorizontal(float[] lo, float[] hi, int width, float[] a, float[] bv, float[] bh, float[] bd, int off);

  /**
   * ADM's decoupling of one run of band samples, {@code from} to {@code to}: each of the distorted
   * picture's detail bands ({@code dis}: horizontal, vertical, diagonal) split into the reference's
   * detail it restores ({@code restored}) and the magnitude of what it adds, weighted by the
   * contrast sensitivity ({@code rfHv} for the horizontal and vertical bands, {@code rfD} for the
   * diagonal) and by 1/30 ({@code added}), as libvmaf's float ADM does it.
   */
  void admDecouple(float[][] ref, float[][] dis, int from, int to, float rfHv, float rfD, float[][] restored,
      float[][] added);

  /**
   * ADM's contrast masking of columns {@code from} to {@code to} of one row of bands {@code width}
   * wide: the masking threshold is the 3x3 neighbourhood of the three {@code added} bands (rows at
   * {@code up}, {@code mid} and {@code down}; the first and last column mirrored), and {@code
   * cubes[0..2][j]} get the cube of what of the restored detail stands above it, {@code
   * cubes[3..5][j]} the cube of the reference's detail, each weighted as in {@link #admDecouple}.
   * The caller sums the cubes in column order, in double precision.
   */
  void admMaskedCubes(float[][] added, float[][] restored, float[][] ref, int up, int mid, int down, int from, int to,
      int width, float rfHv, float rfD, float[][] cubes);

  /** The plain-Java set. */
  static VmafKernels plain() {
    return new PlainVmafKernels();
  }

  /** The Vector API set if this JVM has the module and wide enough vectors. */
  static Optional<VmafKernels> vector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      Class<?> c = Class.forName(VmafKernels.class.getPackageName() + ".VectorVmafKernels");
      var create = MethodHandles.lookup().findStatic(c, "create", MethodType.methodType(VmafKernels.class));
      return Optional.of((VmafKernels) create.invokeExact());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    } catch (Throwable e) {
      return Optional.empty();
    }
  }

  /** The set for this JVM: the Vector API twin when {@link Kernels#get()} uses the Vector API. */
  static VmafKernels get() {
    return Chosen.KERNELS;
  }

  /** Holder: chosen once. */
  final class Chosen {
    static final VmafKernels KERNELS =
        Kernels.get().vectorBits() > 0 ? vector().orElseGet(VmafKernels::plain) : plain();

    private Chosen() {}
  }
}
