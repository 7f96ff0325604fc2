package org.framefork.encoder.verify.vmaf;

import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * The detail loss measure of ADM ({@code adm2}), in floating point: four levels of a Daubechies-2
 * wavelet transform of both pictures; at each level the distorted detail bands split into what is
 * left of the reference's detail (restored) and what was added, the added part weighted by the
 * contrast sensitivity of the level and used as a masking threshold, and the cube-root of the
 * summed cubes of the masked restored detail against that of the reference's, over the picture
 * less a 10% border. Holds its buffers for one picture size; one per thread.
 */
final class Adm {
  private static final double BORDER = 0.1;
  /** 1 / quantisation step per level, for the horizontal/vertical bands [0] and the diagonal [1]. */
  private static final float[][] RFACTOR = rfactors();

  private final VmafKernels kernels;
  private final int width;
  private final int height;
  private final float[] refImg;
  private final float[] disImg;
  // Approximation bands, two of each so that one level reads the last one's while writing its own.
  private final float[][] refA;
  private final float[][] disA;
  private final float[] refH;
  private final float[] refV;
  private final float[] refD;
  private final float[] disH;
  private final float[] disV;
  private final float[] disD;
  // Restored detail (r) and the weighted additive detail's magnitude (|csf(a)|).
  private final float[] rH;
  private final float[] rV;
  private final float[] rD;
  private final float[] aH;
  private final float[] aV;
  private final float[] aD;
  private final float[] lo;
  private final float[] hi;
  // The same bands, grouped horizontal, vertical, diagonal as the kernels take them.
  private final float[][] refBands;
  private final float[][] disBands;
  private final float[][] restored;
  private final float[][] added;
  // One row's cubes of masked restored detail (0-2) and of the reference's detail (3-5), and their sums.
  private final float[][] cubes;
  private final double[] levelSums = new double[6];
  private final int[] rows = new int[4];
  /** Run before each wavelet transform: throws to stop a frame (see {@link VmafScorer#stopWhen}). */
  Runnable checkpoint = () -> {};

  Adm(VmafKernels kernels, int width, int height) {
    this.kernels = kernels;
    this.width = width;
    this.height = height;
    refImg = new float[width * height];
    disImg = new float[width * height];
    int band = ((width + 1) / 2) * ((height + 1) / 2);
    refA = new float[][] {new float[band], new float[band]};
    disA = new float[][] {new float[band], new float[band]};
    refH = new float[band];
    refV = new float[band];
    refD = new float[band];
    disH = new float[band];
    disV = new float[band];
    disD = new float[band];
    rH = new float[band];
    rV = new float[band];
    rD = new float[band];
    aH = new float[band];
    aV = new float[band];
    aD = new float[band];
    lo = new float[width];
    hi = new float[width];
    refBands = new float[][] {refH, refV, refD};
    disBands = new float[][] {disH, disV, disD};
    restored = new float[][] {rH, rV, rD};
    added = new float[][] {aH, aV, aD};
    cubes = new float[6][(width + 1) / 2];
  }

  /** {@code adm2} of {@code d} against {@code r}; {@code scales} gets the four levels' num/den (may be null). */
  double score(LumaPicture r, LumaPicture d, double[] scales) {
    copy(r, refImg);
    copy(d, disImg);
    float[] refSrc = refImg;
    float[] disSrc = disImg;
    int w = width;
    int h = height;
    double num = 0;
    double den = 0;
    for (int scale = 0; scale < 4; scale++) {
      float[] ra = refA[scale & 1];
      float[] da = disA[scale & 1];
      checkpoint.run();
      dwt(refSrc, w, h, ra, refH, refV, refD);
      checkpoint.run();
      dwt(disSrc, w, h, da, disH, disV, disD);
      w = (w + 1) / 2;
      h = (h + 1) / 2;
      double[] nd = level(scale, w, h);
      num += nd[0];
      den += nd[1];
      if (scales != null) {
        scales[scale] = nd[1] == 0 ? 1.0 : nd[0] / nd[1];
      }
      refSrc = ra;
      disSrc = da;
    }
    double limit = 1e-10 * (width * (double) height) / (1920.0 * 1080.0);
    num = num < limit ? 0 : num;
    den = den < limit ? 0 : den;
    return den == 0 ? 1.0 : num / den;
  }

  /**
   * The picture as floats centred on 0, at the 8-bit scale: deeper samples divided by {@code 2^(bits
   * - 8)} (exact in float), as libvmaf's wavelet shifts them right by their bits where it shifts
   * 8-bit ones by 8.
   */
  private static void copy(LumaPicture p, float[] img) {
    int w = p.width();
    byte[] eight = p.bytes();
    short[] deep = p.shorts();
    float scale = 1.0f / (1 << (p.bits() - 8));
    for (int i = 0; i < p.height(); i++) {
      int s = p.offset() + i * p.stride();
      int o = i * w;
      if (eight != null) {
        for (int j = 0; j < w; j++) {
          img[o + j] = (eight[s + j] & 0xFF) - 128;
        }
      } else {
        for (int j = 0; j < w; j++) {
          img[o + j] = (deep[s + j] & 0xFFFF) * scale - 128;
        }
      }
    }
  }

  /** One level of the transform of a {@code w x h} picture (stride {@code w}) into four bands. */
  private void dwt(float[] src, int w, int h, float[] a, float[] bh, float[] bv, float[] bd) {
    for (int i = 0; i < (h + 1) / 2; i++) {
      for (int k = 0; k < 4; k++) {
        rows[k] = VmafKernels.admMirror(2 * i - 1 + k, h) * w;
      }
      kernels.dwtVertical(src, rows, w, lo, hi);
      kernels.dwtHorizontal(lo, hi, w, a, bv, bh, bd, i * ((w + 1) / 2));
    }
  }

  private final double[] levelResult = new double[2];

  /**
   * Numerator and denominator of one level whose bands are {@code w x h}: libvmaf's ADM level step
   * (decouple, contrast sensitivity, contrast masking, the border crop), its per-sample work in the
   * kernels and the sums of cubes here, in double precision and column order as libvmaf adds them.
   */
  private double[] level(int scale, int w, int h) {
    float rfHv = RFACTOR[scale][0];
    float rfD = RFACTOR[scale][1];
    int left = (int) (w * BORDER - 0.5);
    int top = (int) (h * BORDER - 0.5);
    int right = w - left;
    int bottom = h - top;
    // Decouple and weight one sample more on each side: the masking threshold reads the neighbours.
    int x0 = Math.max(left - 1, 0);
    int x1 = Math.min(right + 1, w);
    for (int i = Math.max(top - 1, 0); i < Math.min(bottom + 1, h); i++) {
      kernels.admDecouple(refBands, disBands, i * w + x0, i * w + x1, rfHv, rfD, restored, added);
    }
    double[] sums = levelSums;
    java.util.Arrays.fill(sums, 0);
    for (int i = top; i < bottom; i++) {
      int up = (i == 0 ? 1 : i - 1) * w;
      int down = (i == h - 1 ? h - 1 : i + 1) * w;
      kernels.admMaskedCubes(added, restored, refBands, up, i * w, down, left, right, w, rfHv, rfD, cubes);
      for (int k = 0; k < 6; k++) {
        float[] c = cubes[k];
        double sum = sums[k];
        for (int j = left; j < right; j++) {
          sum += c[j];
        }
        sums[k] = sum;
      }
    }
    double noise = Math.cbrt((bottom - top) * (double) (right - left) / 32.0);
    levelResult[0] = Math.cbrt(sums[0]) + Math.cbrt(sums[1]) + Math.cbrt(sums[2]) + 3 * noise;
    levelResult[1] = Math.cbrt(sums[3]) + Math.cbrt(sums[4]) + Math.cbrt(sums[5]) + 3 * noise;
    return levelResult;
  }

  private static float[][] rfactors() {
    // Watson et al., "Visibility of wavelet quantization noise" (1997): the luma threshold model
    // and the 7-9 basis amplitudes, at 3 picture heights from a 1080-line display.
    float a = 0.495f;
    float k = 0.466f;
    float f0 = 0.401f;
    float[] g = {1.501f, 1.0f, 0.534f, 1.0f};
    float[][] amp = {
        {0.62171f, 0.67234f, 0.72709f, 0.67234f},
        {0.34537f, 0.41317f, 0.49428f, 0.41317f},
        {0.18004f, 0.22727f, 0.28688f, 0.22727f},
        {0.091401f, 0.11792f, 0.15214f, 0.11792f}};
    float r = (float) (3.0 * 1080 * Math.PI / 180.0);
    float[][] out = new float[4][2];
    for (int lambda = 0; lambda < 4; lambda++) {
      for (int t = 0; t < 2; t++) {
        int theta = t + 1;
        float temp = (float) Math.log10(Math.pow(2.0, lambda + 1) * f0 * g[theta] / r);
        float q = (float) (2.0 * a * Math.pow(10.0, k * temp * temp) / amp[lambda][theta]);
        out[lambda][t] = 1.0f / q;
      }
    }
    return out;
  }
}
