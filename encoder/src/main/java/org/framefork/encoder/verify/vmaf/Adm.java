package org.framefork.encoder.verify.vmaf;

import org.framefork.encoder.kernels.vmaf.DwtFilter;
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
  private static final float EPS = 1e-30f;
  private static final float ONE_BY_30 = 0.0333333351f;
  private static final float ONE_BY_15 = 0.0666666701f;
  private static final float COS_1DEG_SQ = (float) (Math.cos(Math.PI / 180.0) * Math.cos(Math.PI / 180.0));
  private static final double GAIN_LIMIT = 100.0;
  private static final double BORDER = 0.1;
  private static final float[] L = DwtFilter.LO;
  private static final float[] H = DwtFilter.HI;
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
  private final int[] rows = new int[4];
  private final int[][] cols;

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
    cols = new int[4][(width + 1) / 2];
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
      dwt(refSrc, w, h, ra, refH, refV, refD);
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
    int w2 = (w + 1) / 2;
    int h2 = (h + 1) / 2;
    for (int j = 0; j < w2; j++) {
      for (int k = 0; k < 4; k++) {
        cols[k][j] = mirror(2 * j - 1 + k, w);
      }
    }
    int[] c0 = cols[0];
    int[] c1 = cols[1];
    int[] c2 = cols[2];
    int[] c3 = cols[3];
    for (int i = 0; i < h2; i++) {
      for (int k = 0; k < 4; k++) {
        rows[k] = mirror(2 * i - 1 + k, h) * w;
      }
      kernels.dwtVertical(src, rows, w, lo, hi);
      int o = i * w2;
      for (int j = 0; j < w2; j++) {
        float l0 = lo[c0[j]];
        float l1 = lo[c1[j]];
        float l2 = lo[c2[j]];
        float l3 = lo[c3[j]];
        float h0 = hi[c0[j]];
        float h1 = hi[c1[j]];
        float h2v = hi[c2[j]];
        float h3 = hi[c3[j]];
        a[o + j] = L[0] * l0 + L[1] * l1 + L[2] * l2 + L[3] * l3;
        bv[o + j] = H[0] * l0 + H[1] * l1 + H[2] * l2 + H[3] * l3;
        bh[o + j] = L[0] * h0 + L[1] * h1 + L[2] * h2v + L[3] * h3;
        bd[o + j] = H[0] * h0 + H[1] * h1 + H[2] * h2v + H[3] * h3;
      }
    }
  }

  private static int mirror(int x, int n) {
    if (x < 0) {
      return -x;
    }
    return x >= n ? 2 * n - x - 1 : x;
  }

  private final double[] levelResult = new double[2];

  /**
   * Numerator and denominator of one level whose bands are {@code w x h}.
   *
   * <p>Longer than a screen on purpose: it follows libvmaf's ADM level step for step (decouple,
   * CSF, contrast masking, the border crop), so that it can be read beside the published algorithm
   * and its order of floating-point operations, which the agreement figures depend on, stays in
   * one place.
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
    int y0 = Math.max(top - 1, 0);
    int y1 = Math.min(bottom + 1, h);
    for (int i = y0; i < y1; i++) {
      for (int j = x0; j < x1; j++) {
        int p = i * w + j;
        float oh = refH[p];
        float ov = refV[p];
        float od = refD[p];
        float th = disH[p];
        float tv = disV[p];
        float td = disD[p];
        float kh = clamp01(th / (oh + EPS));
        float kv = clamp01(tv / (ov + EPS));
        float kd = clamp01(td / (od + EPS));
        float rh = kh * oh;
        float rv = kv * ov;
        float rd = kd * od;
        float dot = oh * th + ov * tv;
        float oMag = oh * oh + ov * ov;
        float tMag = th * th + tv * tv;
        boolean angle = dot >= 0.0f && dot * dot >= COS_1DEG_SQ * oMag * tMag;
        if (angle) {
          rh = restore(rh, th);
          rv = restore(rv, tv);
          rd = restore(rd, td);
        }
        rH[p] = rh;
        rV[p] = rv;
        rD[p] = rd;
        aH[p] = ONE_BY_30 * Math.abs(rfHv * (th - rh));
        aV[p] = ONE_BY_30 * Math.abs(rfHv * (tv - rv));
        aD[p] = ONE_BY_30 * Math.abs(rfD * (td - rd));
      }
    }
    double numH = 0;
    double numV = 0;
    double numD = 0;
    double denH = 0;
    double denV = 0;
    double denD = 0;
    for (int i = top; i < bottom; i++) {
      int up = (i == 0 ? 1 : i - 1) * w;
      int mid = i * w;
      int down = (i == h - 1 ? h - 1 : i + 1) * w;
      for (int j = left; j < right; j++) {
        int jl = j == 0 ? 1 : j - 1;
        int jr = j == w - 1 ? w - 1 : j + 1;
        float thr = neighbourhood(aH, up, mid, down, jl, j, jr) + neighbourhood(aV, up, mid, down, jl, j, jr)
            + neighbourhood(aD, up, mid, down, jl, j, jr);
        int p = mid + j;
        float xh = Math.max(Math.abs(rfHv * rH[p]) - thr, 0f);
        float xv = Math.max(Math.abs(rfHv * rV[p]) - thr, 0f);
        float xd = Math.max(Math.abs(rfD * rD[p]) - thr, 0f);
        numH += xh * xh * xh;
        numV += xv * xv * xv;
        numD += xd * xd * xd;
        float oh = Math.abs(rfHv * refH[p]);
        float ov = Math.abs(rfHv * refV[p]);
        float od = Math.abs(rfD * refD[p]);
        denH += oh * oh * oh;
        denV += ov * ov * ov;
        denD += od * od * od;
      }
    }
    double noise = Math.cbrt((bottom - top) * (double) (right - left) / 32.0);
    levelResult[0] = Math.cbrt(numH) + Math.cbrt(numV) + Math.cbrt(numD) + 3 * noise;
    levelResult[1] = Math.cbrt(denH) + Math.cbrt(denV) + Math.cbrt(denD) + 3 * noise;
    return levelResult;
  }

  /** The 3x3 threshold sum of one band: its neighbours' 1/30 and twice that for the centre. */
  private static float neighbourhood(float[] f, int up, int mid, int down, int jl, int j, int jr) {
    return f[up + jl] + f[up + j] + f[up + jr] + f[mid + jl] + 2 * f[mid + j] + f[mid + jr] + f[down + jl]
        + f[down + j] + f[down + jr];
  }

  private static float restore(float r, float t) {
    if (r > 0.0f) {
      return (float) Math.min(r * GAIN_LIMIT, t);
    }
    if (r < 0.0f) {
      return (float) Math.max(r * GAIN_LIMIT, t);
    }
    return r;
  }

  private static float clamp01(float k) {
    return k < 0.0f ? 0.0f : (k > 1.0f ? 1.0f : k);
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
