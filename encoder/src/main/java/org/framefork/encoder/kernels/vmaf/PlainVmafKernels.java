package org.framefork.encoder.kernels.vmaf;

/** The plain-Java VMAF kernels: the reference the Vector API twin must match bit for bit. */
public final class PlainVmafKernels implements VmafKernels {
  private static final float[] LO = DwtFilter.LO;
  private static final float[] HI = DwtFilter.HI;

  @Override
  public String name() {
    return "plain Java";
  }

  @Override
  public void motionVertical(byte[] src, int[] rows, int width, int[] dst, int dstOff) {
    motionVerticalColumns(src, rows, 0, width, dst, dstOff);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void motionVerticalColumns(byte[] src, int[] rows, int from, int to, int[] dst, int dstOff) {
    int r0 = rows[0];
    int r1 = rows[1];
    int r2 = rows[2];
    int r3 = rows[3];
    int r4 = rows[4];
    for (int j = from; j < to; j++) {
      int acc = 3571 * (src[r0 + j] & 0xFF) + 16004 * (src[r1 + j] & 0xFF) + 26386 * (src[r2 + j] & 0xFF)
          + 16004 * (src[r3 + j] & 0xFF) + 3571 * (src[r4 + j] & 0xFF);
      dst[dstOff + j] = (acc + 128) >>> 8;
    }
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
    vifVertical8Columns(ref, refRows, dis, disRows, 0, width, filter, mu1, mu2, rr, dd, rd, off);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifVertical8Columns(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int from, int to, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int taps = filter.length;
    for (int j = from; j < to; j++) {
      int m1 = 0;
      int m2 = 0;
      int sr = 0;
      int sd = 0;
      int srd = 0;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        int r = ref[refRows[k] + j] & 0xFF;
        int d = dis[disRows[k] + j] & 0xFF;
        int cr = c * r;
        int cd = c * d;
        m1 += cr;
        m2 += cd;
        sr += cr * r;
        sd += cd * d;
        srd += cr * d;
      }
      mu1[off + j] = (m1 + 128) >>> 8;
      mu2[off + j] = (m2 + 128) >>> 8;
      rr[off + j] = sr;
      dd[off + j] = sd;
      rd[off + j] = srd;
    }
  }

  @Override
  public void vifVertical16(int[] ref, int[] refRows, int[] dis, int[] disRows, int width, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    vifVertical16Columns(ref, refRows, dis, disRows, 0, width, filter, mu1, mu2, rr, dd, rd, off);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifVertical16Columns(int[] ref, int[] refRows, int[] dis, int[] disRows, int from, int to, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int taps = filter.length;
    for (int j = from; j < to; j++) {
      int m1 = 0;
      int m2 = 0;
      long sr = 0;
      long sd = 0;
      long srd = 0;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        int r = ref[refRows[k] + j];
        int d = dis[disRows[k] + j];
        int cr = c * r;
        int cd = c * d;
        m1 += cr;
        m2 += cd;
        sr += (cr & 0xFFFFFFFFL) * r;
        sd += (cd & 0xFFFFFFFFL) * d;
        srd += (cr & 0xFFFFFFFFL) * d;
      }
      mu1[off + j] = (m1 + 32768) >>> 16;
      mu2[off + j] = (m2 + 32768) >>> 16;
      rr[off + j] = (int) ((sr + 32768) >>> 16);
      dd[off + j] = (int) ((sd + 32768) >>> 16);
      rd[off + j] = (int) ((srd + 32768) >>> 16);
    }
  }

  @Override
  public void vifHorizontal(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int width,
      int[] filter, int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    vifHorizontalColumns(mu1, mu2, rr, dd, rd, srcOff, 0, width, filter, outMu1, outMu2, outRr, outDd, outRd);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifHorizontalColumns(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int from, int to,
      int[] filter, int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    int taps = filter.length;
    for (int j = from; j < to; j++) {
      int s = srcOff + j;
      int m1 = 0;
      int m2 = 0;
      long sr = 0;
      long sd = 0;
      long srd = 0;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        m1 += c * mu1[s + k];
        m2 += c * mu2[s + k];
        sr += c * (rr[s + k] & 0xFFFFFFFFL);
        sd += c * (dd[s + k] & 0xFFFFFFFFL);
        srd += c * (rd[s + k] & 0xFFFFFFFFL);
      }
      outMu1[j] = m1;
      outMu2[j] = m2;
      outRr[j] = (int) ((sr + 32768) >>> 16);
      outDd[j] = (int) ((sd + 32768) >>> 16);
      outRd[j] = (int) ((srd + 32768) >>> 16);
    }
  }

  @Override
  public void vifDecimateVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] outRef, int[] outDis, int off) {
    vifDecimateVertical8Columns(ref, refRows, dis, disRows, 0, width, filter, outRef, outDis, off);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifDecimateVertical8Columns(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int from, int to, int[] filter,
      int[] outRef, int[] outDis, int off) {
    int taps = filter.length;
    for (int j = from; j < to; j++) {
      int a = 0;
      int b = 0;
      for (int k = 0; k < taps; k++) {
        a += filter[k] * (ref[refRows[k] + j] & 0xFF);
        b += filter[k] * (dis[disRows[k] + j] & 0xFF);
      }
      outRef[off + j] = (a + 128) >>> 8;
      outDis[off + j] = (b + 128) >>> 8;
    }
  }

  @Override
  public void vifDecimateVertical16(int[] ref, int[] refRows, int[] dis, int[] disRows, int width, int[] filter,
      int[] outRef, int[] outDis, int off) {
    vifDecimateVertical16Columns(ref, refRows, dis, disRows, 0, width, filter, outRef, outDis, off);
  }

  /** The plain loop over columns {@code from} to {@code to}; the Vector API twin finishes its rows with it. */
  static void vifDecimateVertical16Columns(int[] ref, int[] refRows, int[] dis, int[] disRows, int from, int to, int[] filter,
      int[] outRef, int[] outDis, int off) {
    int taps = filter.length;
    for (int j = from; j < to; j++) {
      int a = 0;
      int b = 0;
      for (int k = 0; k < taps; k++) {
        a += filter[k] * ref[refRows[k] + j];
        b += filter[k] * dis[disRows[k] + j];
      }
      outRef[off + j] = (a + 32768) >>> 16;
      outDis[off + j] = (b + 32768) >>> 16;
    }
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
}
