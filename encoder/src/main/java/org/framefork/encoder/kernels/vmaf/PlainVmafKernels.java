package org.framefork.encoder.kernels.vmaf;

/** The plain-Java VMAF kernels: the reference the Vector API twin must match bit for bit. */
public final class PlainVmafKernels implements VmafKernels {
  private static final float[] LO = DwtFilter.LO;
  private static final float[] HI = DwtFilter.HI;
  // ADM's constants, as libvmaf's float ADM has them: the guard against dividing by zero, the
  // weight of the additive detail, and the square of cos(1 degree) (the angle within which the
  // distorted detail counts as the reference's, enhanced).
  static final float ADM_EPS = 1e-30f;
  static final float ADM_ONE_BY_30 = 0.0333333351f;
  static final float ADM_COS_1DEG_SQ = (float) (Math.cos(Math.PI / 180.0) * Math.cos(Math.PI / 180.0));
  /** The most that restored detail may be enhanced. */
  static final double ADM_GAIN_LIMIT = 100.0;
  private static final int[] LOG2 = VifLog2.TABLE;
  static final int VIF_SIGMA_NSQ = 65536 << 1;
  static final double VIF_EPS = 65536 * 1.0e-10;
  static final double VIF_GAIN_LIMIT = 100.0;

  @Override
  public String name() {
    return "plain Java";
  }

  @Override
  public void motionVertical(byte[] src, int[] rows, int width, int[] dst, int dstOff) {
    motionVerticalColumns(src, null, rows, 0, width, 8, dst, dstOff);
  }

  @Override
  public void motionVertical16(short[] src, int[] rows, int width, int bits, int[] dst, int dstOff) {
    motionVerticalColumns(null, src, rows, 0, width, bits, dst, dstOff);
  }

  /**
   * The plain loop over columns {@code from} to {@code to} of 8-bit rows ({@code eight}) or of
   * {@code bits}-bit ones ({@code deep}; the other is null); the Vector API twin finishes its rows
   * with it. One loop for both depths: the branch on the array is the same for every sample.
   */
  static void motionVerticalColumns(byte[] eight, short[] deep, int[] rows, int from, int to, int bits, int[] dst,
      int dstOff) {
    int round = 1 << (bits - 1);
    int r0 = rows[0];
    int r1 = rows[1];
    int r2 = rows[2];
    int r3 = rows[3];
    int r4 = rows[4];
    for (int j = from; j < to; j++) {
      int acc = 3571 * sample(eight, deep, r0 + j) + 16004 * sample(eight, deep, r1 + j)
          + 26386 * sample(eight, deep, r2 + j) + 16004 * sample(eight, deep, r3 + j)
          + 3571 * sample(eight, deep, r4 + j);
      dst[dstOff + j] = (acc + round) >>> bits;
    }
  }

  /** Sample {@code i} of whichever of the two arrays is set, unsigned. */
  private static int sample(byte[] eight, short[] deep, int i) {
    return eight != null ? eight[i] & 0xFF : deep[i] & 0xFFFF;
  }

  @Override
  public void motionHorizontal(int[] src, int srcOff, int width, int[] dst, int dstOff) {
    motionHorizontalColumns(src, srcOff, 0, width, dst, dstOff);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void motionHorizontalColumns(int[] src, int srcOff, int from, int to, int[] dst, int dstOff) {
    for (int j = from; j < to; j++) {
      int s = srcOff + j;
      int acc = 3571 * src[s] + 16004 * src[s + 1] + 26386 * src[s + 2] + 16004 * src[s + 3] + 3571 * src[s + 4];
      dst[dstOff + j] = (acc + 32768) >>> 16;
    }
  }

  @Override
  public long sad(int[] a, int[] b, int n) {
    return sad(a, b, 0, n);
  }

  /** The plain sum over samples {@code from} to {@code to}; the Vector API twin adds its tail with it. */
  static long sad(int[] a, int[] b, int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }

  @Override
  public void vifVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    vifVerticalColumns(ref, null, refRows, dis, null, disRows, 0, width, filter, 8, mu1, mu2, rr, dd, rd, off);
  }

  @Override
  public void vifVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter, int bits,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    vifVerticalColumns(null, ref, refRows, null, dis, disRows, 0, width, filter, bits, mu1, mu2, rr, dd, rd, off);
  }

  /**
   * The plain loop over columns {@code from} to {@code to}, over 8-bit rows (bytes, {@code bits} 8)
   * or deeper ones (shorts); the Vector API twin finishes its rows with it. Products are summed in
   * 64 bits and shifted right by {@code 2 * (bits - 8)}: at 8 bits that is libvmaf's raw 32-bit sum,
   * which the 64-bit sum's low half equals (it never exceeds 32 bits).
   */
  static void vifVerticalColumns(byte[] ref8, short[] ref16, int[] refRows, byte[] dis8, short[] dis16, int[] disRows,
      int from, int to, int[] filter, int bits, int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int taps = filter.length;
    int round = 1 << (bits - 1);
    int sqShift = 2 * (bits - 8);
    long sqRound = sqShift == 0 ? 0 : 1L << (sqShift - 1);
    for (int j = from; j < to; j++) {
      int m1 = 0;
      int m2 = 0;
      long sr = 0;
      long sd = 0;
      long srd = 0;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        int r = sample(ref8, ref16, refRows[k] + j);
        int d = sample(dis8, dis16, disRows[k] + j);
        long cr = (c * r) & 0xFFFFFFFFL;
        long cd = (c * d) & 0xFFFFFFFFL;
        m1 += (int) cr;
        m2 += (int) cd;
        sr += cr * r;
        sd += cd * d;
        srd += cr * d;
      }
      mu1[off + j] = (m1 + round) >>> bits;
      mu2[off + j] = (m2 + round) >>> bits;
      rr[off + j] = (int) ((sr + sqRound) >>> sqShift);
      dd[off + j] = (int) ((sd + sqRound) >>> sqShift);
      rd[off + j] = (int) ((srd + sqRound) >>> sqShift);
    }
  }

  @Override
  public void vifHorizontal(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int width,
      int[] filter, int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    vifHorizontalColumns(mu1, mu2, rr, dd, rd, srcOff, 0, width, filter, outMu1, outMu2, outRr, outDd, outRd);
  }

  /**
   * The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows
   * with it. The means and the products' sums go in two passes: each loop then keeps fewer sums
   * live, and the two ran about 10% faster than one loop over all five.
   */
  static void vifHorizontalColumns(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int from, int to,
      int[] filter, int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    vifHorizontalMeans(mu1, mu2, srcOff, from, to, filter, outMu1, outMu2);
    vifHorizontalProducts(rr, dd, rd, srcOff, from, to, filter, outRr, outDd, outRd);
  }

  /** The means: int sums, which wrap as libvmaf's do. */
  private static void vifHorizontalMeans(int[] mu1, int[] mu2, int srcOff, int from, int to, int[] filter, int[] outMu1,
      int[] outMu2) {
    for (int j = from; j < to; j++) {
      int s = srcOff + j;
      int m1 = 0;
      int m2 = 0;
      for (int k = 0; k < filter.length; k++) {
        m1 += filter[k] * mu1[s + k];
        m2 += filter[k] * mu2[s + k];
      }
      outMu1[j] = m1;
      outMu2[j] = m2;
    }
  }

  /** The products' sums: unsigned 32-bit values, summed in 64 bits and rounded off by 16 bits. */
  private static void vifHorizontalProducts(int[] rr, int[] dd, int[] rd, int srcOff, int from, int to, int[] filter,
      int[] outRr, int[] outDd, int[] outRd) {
    for (int j = from; j < to; j++) {
      int s = srcOff + j;
      long sr = 0;
      long sd = 0;
      long srd = 0;
      for (int k = 0; k < filter.length; k++) {
        int c = filter[k];
        sr += c * (rr[s + k] & 0xFFFFFFFFL);
        sd += c * (dd[s + k] & 0xFFFFFFFFL);
        srd += c * (rd[s + k] & 0xFFFFFFFFL);
      }
      outRr[j] = (int) ((sr + 32768) >>> 16);
      outDd[j] = (int) ((sd + 32768) >>> 16);
      outRd[j] = (int) ((srd + 32768) >>> 16);
    }
  }

  @Override
  public void vifDecimateVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] outRef, int[] outDis, int off) {
    vifDecimateVerticalColumns(ref, null, refRows, dis, null, disRows, 0, width, filter, 8, outRef, outDis, off);
  }

  @Override
  public void vifDecimateVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter,
      int bits, int[] outRef, int[] outDis, int off) {
    vifDecimateVerticalColumns(null, ref, refRows, null, dis, disRows, 0, width, filter, bits, outRef, outDis, off);
  }

  /**
   * The plain loop over columns {@code from} to {@code to}, over 8-bit rows (bytes, {@code bits} 8)
   * or deeper ones (shorts); the Vector API twin finishes its rows with it.
   */
  static void vifDecimateVerticalColumns(byte[] ref8, short[] ref16, int[] refRows, byte[] dis8, short[] dis16,
      int[] disRows, int from, int to, int[] filter, int bits, int[] outRef, int[] outDis, int off) {
    int taps = filter.length;
    int round = 1 << (bits - 1);
    for (int j = from; j < to; j++) {
      int a = 0;
      int b = 0;
      for (int k = 0; k < taps; k++) {
        a += filter[k] * sample(ref8, ref16, refRows[k] + j);
        b += filter[k] * sample(dis8, dis16, disRows[k] + j);
      }
      outRef[off + j] = (a + round) >>> bits;
      outDis[off + j] = (b + round) >>> bits;
    }
  }

  @Override
  public void vifDecimateHorizontal(int[] ref, int[] dis, int srcOff, int width, int[] filter, short[] outRef,
      short[] outDis, int outOff) {
    vifDecimateHorizontalColumns(ref, dis, srcOff, 0, width, filter, outRef, outDis, outOff);
  }

  /** The plain loop over outputs {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifDecimateHorizontalColumns(int[] ref, int[] dis, int srcOff, int from, int to, int[] filter,
      short[] outRef, short[] outDis, int outOff) {
    for (int j = from; j < to; j++) {
      int a = 0;
      int b = 0;
      int s = srcOff + 2 * j;
      for (int k = 0; k < filter.length; k++) {
        a += filter[k] * ref[s + k];
        b += filter[k] * dis[s + k];
      }
      outRef[outOff + j] = (short) ((a + 32768) >>> 16);
      outDis[outOff + j] = (short) ((b + 32768) >>> 16);
    }
  }

  @Override
  public void vifStatistic(int[] mu1, int[] mu2, int[] xx, int[] yy, int[] xy, int width, int[] scratch,
      long[] sums) {
    vifStatisticColumns(mu1, mu2, xx, yy, xy, 0, width, sums);
  }

  /**
   * The plain loop over columns {@code from} to {@code to}, libvmaf's {@code vif_statistic} as it
   * is written; the Vector API twin finishes its rows with it.
   */
  static void vifStatisticColumns(int[] mu1, int[] mu2, int[] xx, int[] yy, int[] xy, int from, int to,
      long[] sums) {
    // The numerator's sums: only the pixels with a gain add to them.
    long accumX2 = 0;
    long numLog = 0;
    int pixels = to - from;
    long countX = 0;
    long accumX = 0;
    long denLog = 0;
    long numNonLog = 0;
    for (int j = from; j < to; j++) {
      long m1 = mu1[j] & 0xFFFFFFFFL;
      long m2 = mu2[j] & 0xFFFFFFFFL;
      int sigma1Sq = Math.max(xx[j] - (int) ((m1 * m1 + 2147483648L) >>> 32), 0);
      int sigma2Sq = Math.max(yy[j] - (int) ((m2 * m2 + 2147483648L) >>> 32), 0);
      int sigma12 = xy[j] - (int) ((m1 * m2 + 2147483648L) >>> 32);
      if (sigma1Sq >= VIF_SIGMA_NSQ) {
        long denStage = (sigma1Sq + (long) VIF_SIGMA_NSQ) & 0xFFFFFFFFL;
        int k = 16 - Integer.numberOfLeadingZeros((int) denStage);
        countX++;
        accumX += -k;
        denLog += LOG2[(int) (denStage >>> k)];
        if (sigma12 >= 0) {
          // libvmaf's gain g and the distortion's variance sv_sq; only this branch reads them, and
          // here sigma1_sq is positive and g is not negative, which leaves two of its cases.
          double g;
          int svSq;
          if (sigma2Sq == 0) {
            g = 0.0;
            svSq = 0;
          } else {
            g = sigma12 / (sigma1Sq + VIF_EPS);
            svSq = (int) (sigma2Sq - g * sigma12);
            svSq = svSq > 0 ? svSq : 0; // (uint32) max(sv_sq, eps)
          }
          g = Math.min(g, VIF_GAIN_LIMIT);
          long numer1 = (svSq & 0xFFFFFFFFL) + VIF_SIGMA_NSQ;
          long numer1Tmp = (long) (g * g * sigma1Sq) + numer1;
          long e1 = best16(numer1Tmp);
          long e2 = best16(numer1);
          accumX2 += exponent(e2) - exponent(e1);
          numLog += LOG2[mantissa(e1)] - LOG2[mantissa(e2)];
        }
      } else {
        numNonLog += sigma2Sq;
      }
    }
    addVifSums(sums, accumX, countX, accumX2, numLog, denLog, numNonLog, pixels - countX);
  }

  /** Adds a row's sums into a scale's; both twins end with it. */
  static void addVifSums(long[] sums, long accumX, long countX, long accumX2, long numLog, long denLog,
      long numNonLog, long denNonLog) {
    VifSum.ACCUM_X.add(sums, accumX);
    VifSum.COUNT_X.add(sums, countX);
    VifSum.ACCUM_X2.add(sums, accumX2);
    VifSum.NUM_LOG.add(sums, numLog);
    VifSum.DEN_LOG.add(sums, denLog);
    VifSum.NUM_NON_LOG.add(sums, numNonLog);
    VifSum.DEN_NON_LOG.add(sums, denNonLog);
  }

  /** libvmaf's get_best16_from64 packed as (mantissa << 32) | (exponent & 0xFFFFFFFF). */
  private static long best16(long v) {
    int k = Long.numberOfLeadingZeros(v);
    int x;
    if (k > 48) {
      k -= 48;
      v = v << k;
      x = k;
    } else if (k < 47) {
      k = 48 - k;
      v = v >>> k;
      x = -k;
    } else {
      x = 0;
      if ((v >>> 16) != 0) {
        v = v >>> 1;
        x = -1;
      }
    }
    return ((v & 0xFFFF) << 32) | (x & 0xFFFFFFFFL);
  }

  private static int mantissa(long packed) {
    return (int) (packed >>> 32);
  }

  private static int exponent(long packed) {
    return (int) packed;
  }

  @Override
  public void dwtVertical(float[] src, int[] rows, int width, float[] lo, float[] hi) {
    dwtVerticalColumns(src, rows, 0, width, lo, hi);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void dwtVerticalColumns(float[] src, int[] rows, int from, int to, float[] lo, float[] hi) {
    int r0 = rows[0];
    int r1 = rows[1];
    int r2 = rows[2];
    int r3 = rows[3];
    for (int j = from; j < to; j++) {
      float s0 = src[r0 + j];
      float s1 = src[r1 + j];
      float s2 = src[r2 + j];
      float s3 = src[r3 + j];
      lo[j] = LO[0] * s0 + LO[1] * s1 + LO[2] * s2 + LO[3] * s3;
      hi[j] = HI[0] * s0 + HI[1] * s1 + HI[2] * s2 + HI[3] * s3;
    }
  }

  @Override
  public void dwtHorizontal(float[] lo, float[] hi, int width, float[] a, float[] bv, float[] bh, float[] bd, int off) {
    dwtHorizontalColumns(lo, hi, width, 0, (width + 1) / 2, a, bv, bh, bd, off);
  }

  /** The plain loop over output columns {@code from} to {@code to}; the Vector API twin does the edges with it. */
  static void dwtHorizontalColumns(float[] lo, float[] hi, int width, int from, int to, float[] a, float[] bv,
      float[] bh, float[] bd, int off) {
    for (int j = from; j < to; j++) {
      int c0 = VmafKernels.admMirror(2 * j - 1, width);
      int c1 = VmafKernels.admMirror(2 * j, width);
      int c2 = VmafKernels.admMirror(2 * j + 1, width);
      int c3 = VmafKernels.admMirror(2 * j + 2, width);
      a[off + j] = taps(LO, lo, c0, c1, c2, c3);
      bv[off + j] = taps(HI, lo, c0, c1, c2, c3);
      bh[off + j] = taps(LO, hi, c0, c1, c2, c3);
      bd[off + j] = taps(HI, hi, c0, c1, c2, c3);
    }
  }

  private static float taps(float[] f, float[] row, int c0, int c1, int c2, int c3) {
    return f[0] * row[c0] + f[1] * row[c1] + f[2] * row[c2] + f[3] * row[c3];
  }

  @Override
  public void admDecouple(float[][] ref, float[][] dis, int from, int to, float rfHv, float rfD, float[][] restored,
      float[][] added) {
    admDecoupleSamples(ref, dis, from, to, rfHv, rfD, restored, added);
  }

  /** The plain loop over samples {@code from} to {@code to}; the Vector API twin finishes its runs with it. */
  static void admDecoupleSamples(float[][] ref, float[][] dis, int from, int to, float rfHv, float rfD,
      float[][] restored, float[][] added) {
    float[] refH = ref[0];
    float[] refV = ref[1];
    float[] refD = ref[2];
    float[] disH = dis[0];
    float[] disV = dis[1];
    float[] disD = dis[2];
    for (int p = from; p < to; p++) {
      float oh = refH[p];
      float ov = refV[p];
      float od = refD[p];
      float th = disH[p];
      float tv = disV[p];
      float td = disD[p];
      float rh = clamp01(th / (oh + ADM_EPS)) * oh;
      float rv = clamp01(tv / (ov + ADM_EPS)) * ov;
      float rd = clamp01(td / (od + ADM_EPS)) * od;
      float dot = oh * th + ov * tv;
      float oMag = oh * oh + ov * ov;
      float tMag = th * th + tv * tv;
      if (dot >= 0.0f && dot * dot >= ADM_COS_1DEG_SQ * oMag * tMag) {
        rh = restore(rh, th);
        rv = restore(rv, tv);
        rd = restore(rd, td);
      }
      restored[0][p] = rh;
      restored[1][p] = rv;
      restored[2][p] = rd;
      added[0][p] = ADM_ONE_BY_30 * Math.abs(rfHv * (th - rh));
      added[1][p] = ADM_ONE_BY_30 * Math.abs(rfHv * (tv - rv));
      added[2][p] = ADM_ONE_BY_30 * Math.abs(rfD * (td - rd));
    }
  }

  /** Restored detail within the angle: enhanced up to the gain limit, never past the distorted detail. */
  private static float restore(float r, float t) {
    if (r > 0.0f) {
      return (float) Math.min(r * ADM_GAIN_LIMIT, t);
    }
    if (r < 0.0f) {
      return (float) Math.max(r * ADM_GAIN_LIMIT, t);
    }
    return r;
  }

  private static float clamp01(float k) {
    return k < 0.0f ? 0.0f : (k > 1.0f ? 1.0f : k);
  }

  @Override
  public void admMaskedCubes(float[][] added, float[][] restored, float[][] ref, int up, int mid, int down, int from,
      int to, int width, float rfHv, float rfD, float[][] cubes) {
    admMaskedCubeColumns(added, restored, ref, up, mid, down, from, to, width, rfHv, rfD, cubes);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin does the edges and tails with it. */
  static void admMaskedCubeColumns(float[][] added, float[][] restored, float[][] ref, int up, int mid, int down,
      int from, int to, int width, float rfHv, float rfD, float[][] cubes) {
    float[] aH = added[0];
    float[] aV = added[1];
    float[] aD = added[2];
    for (int j = from; j < to; j++) {
      int jl = j == 0 ? 1 : j - 1;
      int jr = j == width - 1 ? width - 1 : j + 1;
      float thr = neighbourhood(aH, up, mid, down, jl, j, jr) + neighbourhood(aV, up, mid, down, jl, j, jr)
          + neighbourhood(aD, up, mid, down, jl, j, jr);
      int p = mid + j;
      float xh = Math.max(Math.abs(rfHv * restored[0][p]) - thr, 0f);
      float xv = Math.max(Math.abs(rfHv * restored[1][p]) - thr, 0f);
      float xd = Math.max(Math.abs(rfD * restored[2][p]) - thr, 0f);
      cubes[0][j] = xh * xh * xh;
      cubes[1][j] = xv * xv * xv;
      cubes[2][j] = xd * xd * xd;
      float oh = Math.abs(rfHv * ref[0][p]);
      float ov = Math.abs(rfHv * ref[1][p]);
      float od = Math.abs(rfD * ref[2][p]);
      cubes[3][j] = oh * oh * oh;
      cubes[4][j] = ov * ov * ov;
      cubes[5][j] = od * od * od;
    }
  }

  /** The 3x3 threshold sum of one band: its neighbours, and twice the centre. */
  private static float neighbourhood(float[] f, int up, int mid, int down, int jl, int j, int jr) {
    return f[up + jl] + f[up + j] + f[up + jr] + f[mid + jl] + 2 * f[mid + j] + f[mid + jr] + f[down + jl]
        + f[down + j] + f[down + jr];
  }
}
