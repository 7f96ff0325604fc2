package org.framefork.encoder.verify.vmaf;

import java.util.Arrays;
import org.framefork.encoder.kernels.vmaf.VmafKernels;
import org.framefork.encoder.kernels.vmaf.VmafKernels.VifSum;

/**
 * Visual information fidelity at four scales, in the fixed point of libvmaf's {@code integer_vif}
 * (the extractor behind {@code vmaf_v0.6.1}): Gaussian windows of 17, 9, 5 and 3 taps, the picture
 * low-passed and halved between scales, and per pixel the information the distorted picture keeps
 * of the reference's, in base-2 logarithms from a table. Edges are mirrored without repeating the
 * edge sample. Holds its buffers for one picture size; one per thread.
 */
final class Vif {
  static final int[][] FILTERS = VmafKernels.VIF_FILTERS;
  private static final int PAD = 8;

  private final VmafKernels kernels;
  private final int width;
  private final int height;
  // Decimated pictures of scales 1-3 (16-bit samples, as libvmaf keeps them), the largest first.
  private final short[] ref;
  private final short[] dis;
  private final short[] ref2;
  private final short[] dis2;
  // One row of vertical results, padded for the horizontal pass.
  private final int[] tMu1;
  private final int[] tMu2;
  private final int[] tRr;
  private final int[] tDd;
  private final int[] tRd;
  // One row of filtered statistics.
  private final int[] mu1;
  private final int[] mu2;
  private final int[] xx;
  private final int[] yy;
  private final int[] xy;
  private final int[] statisticScratch;
  private final int[] refRows = new int[17];
  private final int[] disRows = new int[17];
  private final int[] decRef;
  private final int[] decDis;
  private final double[] scores = new double[4];
  private final Stat st = new Stat();
  /** Run between scales and every {@link #ROWS_PER_CHECK} rows of scale 0: throws to stop a frame (see {@link VmafScorer#stopWhen}). */
  Runnable checkpoint = () -> {};
  /** Rows of scale 0 between checkpoints: a cold 1080p frame's scale 0 takes seconds, a compiled one's milliseconds. */
  private static final int ROWS_PER_CHECK = 64;

  Vif(VmafKernels kernels, int width, int height) {
    if (width < 16 || height < 16) {
      throw new IllegalArgumentException("VIF needs pictures of at least 16x16, not " + width + "x" + height);
    }
    this.kernels = kernels;
    this.width = width;
    this.height = height;
    int half = (width / 2) * (height / 2);
    ref = new short[half];
    dis = new short[half];
    ref2 = new short[half];
    dis2 = new short[half];
    int row = width + 2 * PAD;
    tMu1 = new int[row];
    tMu2 = new int[row];
    tRr = new int[row];
    tDd = new int[row];
    tRd = new int[row];
    mu1 = new int[width];
    mu2 = new int[width];
    xx = new int[width];
    yy = new int[width];
    xy = new int[width];
    statisticScratch = new int[6 * width];
    decRef = new int[row];
    decDis = new int[row];
  }

  /**
   * The four scales' scores of {@code d} against {@code r} (luma planes of this size and one
   * depth), in a reused array, in the steps of libvmaf's fixed-point VIF: scale 0 on the pictures
   * (8-bit, or deeper ones shifted by their bits so that the sums have the 8-bit scale), then
   * filter, decimate and score each smaller scale on 16-bit planes.
   */
  double[] score(LumaPicture r, LumaPicture d) {
    int w = width;
    int h = height;
    scores[0] = pictureScale(r, d);
    short[] srcRef = null;
    short[] srcDis = null;
    short[] dstRef = ref;
    short[] dstDis = dis;
    for (int scale = 1; scale < 4; scale++) {
      checkpoint.run();
      int[] f = FILTERS[scale];
      decimate(r, d, srcRef, srcDis, w, h, f, dstRef, dstDis);
      w /= 2;
      h /= 2;
      scores[scale] = smallerScale(dstRef, dstDis, w, h, f);
      srcRef = dstRef;
      srcDis = dstDis;
      dstRef = srcRef == ref ? ref2 : ref;
      dstDis = srcDis == dis ? dis2 : dis;
    }
    return scores;
  }

  /** The score of scale 0, the pictures themselves. */
  private double pictureScale(LumaPicture r, LumaPicture d) {
    st.reset();
    for (int i = 0; i < height; i++) {
      if (i % ROWS_PER_CHECK == 0) {
        checkpoint.run();
      }
      VmafKernels.mirroredRows(refRows, i, height, 17, r.offset(), r.stride());
      VmafKernels.mirroredRows(disRows, i, height, 17, d.offset(), d.stride());
      if (r.bits() == 8) {
        kernels.vifVertical8(r.bytes(), refRows, d.bytes(), disRows, width, FILTERS[0], tMu1, tMu2, tRr, tDd, tRd,
            PAD);
      } else {
        kernels.vifVertical16(r.shorts(), refRows, d.shorts(), disRows, width, FILTERS[0], r.bits(), tMu1, tMu2, tRr,
            tDd, tRd, PAD);
      }
      horizontalAndStatistic(width, FILTERS[0], st);
    }
    return st.score();
  }

  /**
   * Low-passes the scale of {@code w} by {@code h} with {@code f} and keeps every other row and
   * column: of the pictures themselves for scale 1 ({@code srcRef} null), of the decimated planes
   * after.
   */
  private void decimate(LumaPicture r, LumaPicture d, short[] srcRef, short[] srcDis, int w, int h, int[] f,
      short[] dstRef, short[] dstDis) {
    int half = f.length / 2;
    for (int i = 0; i < h / 2; i++) {
      if (srcRef == null) {
        VmafKernels.mirroredRows(refRows, 2 * i, h, f.length, r.offset(), r.stride());
        VmafKernels.mirroredRows(disRows, 2 * i, h, f.length, d.offset(), d.stride());
        decimatePicture(r, d, w, f);
      } else {
        VmafKernels.mirroredRows(refRows, 2 * i, h, f.length, 0, w);
        System.arraycopy(refRows, 0, disRows, 0, f.length);
        kernels.vifDecimateVertical16(srcRef, refRows, srcDis, disRows, w, f, 16, decRef, decDis, PAD);
      }
      mirror(decRef, w, half);
      mirror(decDis, w, half);
      kernels.vifDecimateHorizontal(decRef, decDis, PAD - half, w / 2, f, dstRef, dstDis, i * (w / 2));
    }
  }

  /**
   * The score of a decimated scale of {@code w} by {@code h}. Each row loop is a method of its own:
   * C2 compiles it alone, and the kernels it inlines stay within its node-count cutoff (inlined
   * into one long method, vifVertical16 boxed its vectors at 256 bits, 4 MB a 1080p frame).
   */
  private double smallerScale(short[] ref, short[] dis, int w, int h, int[] f) {
    st.reset();
    for (int i = 0; i < h; i++) {
      VmafKernels.mirroredRows(refRows, i, h, f.length, 0, w);
      System.arraycopy(refRows, 0, disRows, 0, f.length);
      kernels.vifVertical16(ref, refRows, dis, disRows, w, f, 16, tMu1, tMu2, tRr, tDd, tRd, PAD);
      horizontalAndStatistic(w, f, st);
    }
    return st.score();
  }

  /** The vertical low-pass of one row of the pictures themselves (scale 1), at their depth. */
  private void decimatePicture(LumaPicture r, LumaPicture d, int w, int[] f) {
    if (r.bits() == 8) {
      kernels.vifDecimateVertical8(r.bytes(), refRows, d.bytes(), disRows, w, f, decRef, decDis, PAD);
    } else {
      kernels.vifDecimateVertical16(r.shorts(), refRows, d.shorts(), disRows, w, f, r.bits(), decRef, decDis, PAD);
    }
  }

  private void horizontalAndStatistic(int w, int[] f, Stat st) {
    int half = f.length / 2;
    mirror(tMu1, w, half);
    mirror(tMu2, w, half);
    mirror(tRr, w, half);
    mirror(tDd, w, half);
    mirror(tRd, w, half);
    kernels.vifHorizontal(tMu1, tMu2, tRr, tDd, tRd, PAD - half, w, f, mu1, mu2, xx, yy, xy);
    kernels.vifStatistic(mu1, mu2, xx, yy, xy, w, statisticScratch, st.sums);
  }

  /** Fills {@code half} mirrored samples on each side of a row of {@code w} samples at {@code PAD}. */
  private static void mirror(int[] row, int w, int half) {
    for (int f = 1; f <= half; f++) {
      row[PAD - f] = row[PAD + f];
      row[PAD + w - 1 + f] = row[PAD + w - 1 - f];
    }
  }

  /** The sums of one scale. */
  private static final class Stat {
    final long[] sums = new long[VifSum.values().length];

    void reset() {
      Arrays.fill(sums, 0);
    }

    double score() {
      long accumX = VifSum.ACCUM_X.of(sums);
      long countX = VifSum.COUNT_X.of(sums);
      long denNonLog = VifSum.DEN_NON_LOG.of(sums);
      float num = (float) (VifSum.NUM_LOG.of(sums) / 2048.0 + VifSum.ACCUM_X2.of(sums)
          + (denNonLog - (VifSum.NUM_NON_LOG.of(sums) / 16384.0) / 65025.0));
      float den = (float) (VifSum.DEN_LOG.of(sums) / 2048.0 - (accumX + countX * 17) + denNonLog);
      return (double) num / (double) den;
    }
  }
}
