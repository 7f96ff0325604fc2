package org.framefork.encoder.kernels.vmaf;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twin of {@link PlainVmafKernels}: the same sums, lane by lane, so the same bits
 * (integer arithmetic wraps the same; float sums are added in the plain twin's order, without
 * fused multiply-add). Columns left over at the end of a row go through the plain twin. Reached
 * only through {@link VmafKernels#vector()}, by reflection.
 */
final class VectorVmafKernels implements VmafKernels {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * 8));
  private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(I.length() * 16));
  /** Shorts, half as many as {@code I}'s lanes. */
  private static final VectorSpecies<Short> HS = VectorSpecies.of(short.class, VectorShape.forBitSize(I.length() * 8));
  private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> IL = VectorSpecies.of(int.class, VectorShape.forBitSize(L.length() * 32));
  private static final VectorSpecies<Short> SL = VectorSpecies.of(short.class, VectorShape.forBitSize(L.length() * 16));
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D =
      VectorSpecies.of(double.class, VectorShape.forBitSize(L.length() * 64));
  private static final double TWO_TO_52 = 0x1p52;
  private static final int[] LOG2 = VifLog2.TABLE;
  private static final float[] LO = DwtFilter.LO;
  private static final float[] HI = DwtFilter.HI;
  /** A vector's even lanes, and its odd lanes, moved into its lower half (the upper half repeats them). */
  private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(F, m -> (2 * m) % F.length());
  private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(F, m -> (2 * m + 1) % F.length());
  private static final VectorMask<Float> LOWER_HALF = F.indexInRange(0, F.length() / 2);

  private VectorVmafKernels() {}

  static VmafKernels create() {
    if (I.vectorBitSize() < 128 || B.vectorBitSize() < 64) {
      throw new UnsupportedOperationException("vectors of " + I.vectorBitSize() + " bits are too narrow");
    }
    return new VectorVmafKernels();
  }

  @Override
  public String name() {
    return "Vector API, " + I.vectorBitSize() + "-bit";
  }

  private static IntVector bytes(byte[] a, int i) {
    return ((IntVector) ByteVector.fromArray(B, a, i).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
  }

  private static IntVector shorts(short[] a, int i) {
    return ((IntVector) ShortVector.fromArray(S, a, i).convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
  }

  /** {@code I.length()} samples of whichever of the two arrays is set (8-bit or deeper rows), unsigned. */
  private static IntVector samples(byte[] eight, short[] deep, int i) {
    return eight != null ? bytes(eight, i) : shorts(deep, i);
  }

  @Override
  public void motionVertical(byte[] src, int[] rows, int width, int[] dst, int dstOff) {
    motionVertical(src, null, rows, width, 8, dst, dstOff);
  }

  @Override
  public void motionVertical16(short[] src, int[] rows, int width, int bits, int[] dst, int dstOff) {
    motionVertical(null, src, rows, width, bits, dst, dstOff);
  }

  /** Both depths in one loop, as the plain twin: the array test is the same for every vector. */
  private static void motionVertical(byte[] eight, short[] deep, int[] rows, int width, int bits, int[] dst,
      int dstOff) {
    int n = I.length();
    int round = 1 << (bits - 1);
    int j = 0;
    for (; j <= width - n; j += n) {
      IntVector acc = samples(eight, deep, rows[0] + j).mul(3571)
          .add(samples(eight, deep, rows[1] + j).mul(16004))
          .add(samples(eight, deep, rows[2] + j).mul(26386))
          .add(samples(eight, deep, rows[3] + j).mul(16004))
          .add(samples(eight, deep, rows[4] + j).mul(3571));
      acc.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(dst, dstOff + j);
    }
    PlainVmafKernels.motionVerticalColumns(eight, deep, rows, j, width, bits, dst, dstOff);
  }

  @Override
  public void motionHorizontal(int[] src, int srcOff, int width, int[] dst, int dstOff) {
    int n = I.length();
    int j = 0;
    for (; j <= width - n; j += n) {
      int s = srcOff + j;
      IntVector acc = IntVector.fromArray(I, src, s).mul(3571)
          .add(IntVector.fromArray(I, src, s + 1).mul(16004))
          .add(IntVector.fromArray(I, src, s + 2).mul(26386))
          .add(IntVector.fromArray(I, src, s + 3).mul(16004))
          .add(IntVector.fromArray(I, src, s + 4).mul(3571));
      acc.add(32768).lanewise(VectorOperators.LSHR, 16).intoArray(dst, dstOff + j);
    }
    PlainVmafKernels.motionHorizontalColumns(src, srcOff, j, width, dst, dstOff);
  }

  @Override
  public long sad(int[] a, int[] b, int n) {
    // C2 vectorises the plain loop (abs and a long sum) by itself, and JMH measured it 5x faster
    // than an explicit IntVector loop, which must reduce its int lanes before they overflow
    // (bench/results/vmaf-agreement-2026-12-06.md). Same bits either way.
    return PlainVmafKernels.sad(a, b, 0, n);
  }

  @Override
  public void vifVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int n = I.length();
    int taps = filter.length;
    int j = 0;
    for (; j <= width - n; j += n) {
      IntVector m1 = IntVector.zero(I);
      IntVector m2 = m1;
      IntVector sr = m1;
      IntVector sd = m1;
      IntVector srd = m1;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        IntVector r = bytes(ref, refRows[k] + j);
        IntVector d = bytes(dis, disRows[k] + j);
        IntVector cr = r.mul(c);
        IntVector cd = d.mul(c);
        m1 = m1.add(cr);
        m2 = m2.add(cd);
        sr = sr.add(cr.mul(r));
        sd = sd.add(cd.mul(d));
        srd = srd.add(cr.mul(d));
      }
      m1.add(128).lanewise(VectorOperators.LSHR, 8).intoArray(mu1, off + j);
      m2.add(128).lanewise(VectorOperators.LSHR, 8).intoArray(mu2, off + j);
      sr.intoArray(rr, off + j);
      sd.intoArray(dd, off + j);
      srd.intoArray(rd, off + j);
    }
    PlainVmafKernels.vifVerticalColumns(ref, null, refRows, dis, null, disRows, j, width, filter, 8, mu1, mu2, rr, dd, rd,
        off);
  }

  /**
   * The products' sums in int lanes, as in {@link #vifHorizontal}, with one operation less a
   * product: {@code r * r}, {@code d * d} and {@code r * d} of 16-bit samples fit an unsigned int;
   * the sum of their upper halves times the taps fits too, and the sum of their lower halves is
   * the wrapping sum of the whole products less the upper one shifted left by 16. {@code (hi *
   * 65536 + lo + round) >>> shift} is {@code (hi << (16 - shift)) + ((lo + round) >>> shift)}, the
   * shift at most 16.
   */
  @Override
  public void vifVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter, int bits,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int taps = filter.length;
    int round = 1 << (bits - 1);
    int sqShift = 2 * (bits - 8);
    int sqRound = 1 << (sqShift - 1);
    int j = 0;
    for (; j <= width - I.length(); j += I.length()) {
      var m1 = IntVector.zero(I);
      var m2 = IntVector.zero(I);
      var rrSum = IntVector.zero(I);
      var ddSum = IntVector.zero(I);
      var rdSum = IntVector.zero(I);
      var rrHigh = IntVector.zero(I);
      var ddHigh = IntVector.zero(I);
      var rdHigh = IntVector.zero(I);
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        var r = ((IntVector) ShortVector.fromArray(S, ref, refRows[k] + j).convertShape(VectorOperators.S2I, I, 0))
            .and(0xFFFF);
        var d = ((IntVector) ShortVector.fromArray(S, dis, disRows[k] + j).convertShape(VectorOperators.S2I, I, 0))
            .and(0xFFFF);
        m1 = m1.add(r.mul(c));
        m2 = m2.add(d.mul(c));
        IntVector pr = r.mul(r);
        IntVector pd = d.mul(d);
        IntVector prd = r.mul(d);
        rrSum = rrSum.add(pr.mul(c));
        rrHigh = rrHigh.add(pr.lanewise(VectorOperators.LSHR, 16).mul(c));
        ddSum = ddSum.add(pd.mul(c));
        ddHigh = ddHigh.add(pd.lanewise(VectorOperators.LSHR, 16).mul(c));
        rdSum = rdSum.add(prd.mul(c));
        rdHigh = rdHigh.add(prd.lanewise(VectorOperators.LSHR, 16).mul(c));
      }
      m1.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(mu1, off + j);
      m2.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(mu2, off + j);
      rrHigh.lanewise(VectorOperators.LSHL, 16 - sqShift).add(rrSum.sub(rrHigh.lanewise(VectorOperators.LSHL, 16))
          .add(sqRound).lanewise(VectorOperators.LSHR, sqShift)).intoArray(rr, off + j);
      ddHigh.lanewise(VectorOperators.LSHL, 16 - sqShift).add(ddSum.sub(ddHigh.lanewise(VectorOperators.LSHL, 16))
          .add(sqRound).lanewise(VectorOperators.LSHR, sqShift)).intoArray(dd, off + j);
      rdHigh.lanewise(VectorOperators.LSHL, 16 - sqShift).add(rdSum.sub(rdHigh.lanewise(VectorOperators.LSHL, 16))
          .add(sqRound).lanewise(VectorOperators.LSHR, sqShift)).intoArray(rd, off + j);
    }
    PlainVmafKernels.vifVerticalColumns(null, ref, refRows, null, dis, disRows, j, width, filter, bits, mu1, mu2, rr, dd,
        rd, off);
  }

  /**
   * The products' sums without 64-bit lanes or multiplies (AVX2 has no 64-bit multiply; JMH: 2.6x
   * faster than long lanes at 256 bits, 1.4x at 512): each unsigned 32-bit sample is split into
   * 16-bit halves, and with taps summing to 65536 each half's sum fits an unsigned int, the low one
   * even after adding the rounding. {@code (hi * 65536 + lo + 32768) >>> 16} is then {@code hi +
   * ((lo + 32768) >>> 16)}, whose low 32 bits are the plain twin's {@code (int)}. A second pass for
   * the products, as the plain twin has, measured no faster.
   */
  @Override
  public void vifHorizontal(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int width, int[] filter,
      int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    int n = I.length();
    int taps = filter.length;
    int j = 0;
    for (; j <= width - n; j += n) {
      int s = srcOff + j;
      IntVector m1 = IntVector.zero(I);
      IntVector m2 = m1;
      IntVector rrHigh = m1;
      IntVector rrLow = m1;
      IntVector ddHigh = m1;
      IntVector ddLow = m1;
      IntVector rdHigh = m1;
      IntVector rdLow = m1;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        m1 = m1.add(IntVector.fromArray(I, mu1, s + k).mul(c));
        m2 = m2.add(IntVector.fromArray(I, mu2, s + k).mul(c));
        IntVector r = IntVector.fromArray(I, rr, s + k);
        IntVector d = IntVector.fromArray(I, dd, s + k);
        IntVector rd1 = IntVector.fromArray(I, rd, s + k);
        rrHigh = rrHigh.add(r.lanewise(VectorOperators.LSHR, 16).mul(c));
        rrLow = rrLow.add(r.and(0xFFFF).mul(c));
        ddHigh = ddHigh.add(d.lanewise(VectorOperators.LSHR, 16).mul(c));
        ddLow = ddLow.add(d.and(0xFFFF).mul(c));
        rdHigh = rdHigh.add(rd1.lanewise(VectorOperators.LSHR, 16).mul(c));
        rdLow = rdLow.add(rd1.and(0xFFFF).mul(c));
      }
      m1.intoArray(outMu1, j);
      m2.intoArray(outMu2, j);
      rrHigh.add(rrLow.add(32768).lanewise(VectorOperators.LSHR, 16)).intoArray(outRr, j);
      ddHigh.add(ddLow.add(32768).lanewise(VectorOperators.LSHR, 16)).intoArray(outDd, j);
      rdHigh.add(rdLow.add(32768).lanewise(VectorOperators.LSHR, 16)).intoArray(outRd, j);
    }
    PlainVmafKernels.vifHorizontalColumns(mu1, mu2, rr, dd, rd, srcOff, j, width, filter, outMu1, outMu2, outRr, outDd,
        outRd);
  }

  @Override
  public void vifDecimateVertical8(byte[] ref, int[] refRows, byte[] dis, int[] disRows, int width, int[] filter,
      int[] outRef, int[] outDis, int off) {
    vifDecimateVertical(ref, null, refRows, dis, null, disRows, width, filter, 8, outRef, outDis, off);
  }

  @Override
  public void vifDecimateVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter,
      int bits, int[] outRef, int[] outDis, int off) {
    vifDecimateVertical(null, ref, refRows, null, dis, disRows, width, filter, bits, outRef, outDis, off);
  }

  /** Both depths in one loop, as the plain twin: the array test is the same for every vector. */
  private static void vifDecimateVertical(byte[] ref8, short[] ref16, int[] refRows, byte[] dis8, short[] dis16,
      int[] disRows, int width, int[] filter, int bits, int[] outRef, int[] outDis, int off) {
    int n = I.length();
    int taps = filter.length;
    int round = 1 << (bits - 1);
    int j = 0;
    for (; j <= width - n; j += n) {
      IntVector a = IntVector.zero(I);
      IntVector b = a;
      for (int k = 0; k < taps; k++) {
        a = a.add(samples(ref8, ref16, refRows[k] + j).mul(filter[k]));
        b = b.add(samples(dis8, dis16, disRows[k] + j).mul(filter[k]));
      }
      a.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(outRef, off + j);
      b.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(outDis, off + j);
    }
    PlainVmafKernels.vifDecimateVerticalColumns(ref8, ref16, refRows, dis8, dis16, disRows, j, width, filter, bits,
        outRef, outDis, off);
  }

  /**
   * Filters {@code I.length()} columns a step and keeps the even ones: as longs, each even column is
   * a long's low half (lanes are reinterpreted in little-endian order), and narrowing the longs to
   * shorts keeps its low 16 bits, as the plain twin's {@code (short)} does. The last output is left
   * to the plain twin, so that a step reads no column that the plain twin does not.
   */
  @Override
  public void vifDecimateHorizontal(int[] ref, int[] dis, int srcOff, int width, int[] filter, short[] outRef,
      short[] outDis, int outOff) {
    int half = I.length() / 2;
    int taps = filter.length;
    int j = 0;
    for (; j < width - half; j += half) {
      int s = srcOff + 2 * j;
      IntVector a = IntVector.zero(I);
      IntVector b = a;
      for (int k = 0; k < taps; k++) {
        a = a.add(IntVector.fromArray(I, ref, s + k).mul(filter[k]));
        b = b.add(IntVector.fromArray(I, dis, s + k).mul(filter[k]));
      }
      ((ShortVector) a.add(32768).lanewise(VectorOperators.LSHR, 16).reinterpretAsLongs()
          .convertShape(VectorOperators.L2S, HS, 0)).intoArray(outRef, outOff + j);
      ((ShortVector) b.add(32768).lanewise(VectorOperators.LSHR, 16).reinterpretAsLongs()
          .convertShape(VectorOperators.L2S, HS, 0)).intoArray(outDis, outOff + j);
    }
    PlainVmafKernels.vifDecimateHorizontalColumns(ref, dis, srcOff, j, width, filter, outRef, outDis, outOff);
  }

  /**
   * Every lane computes both of libvmaf's branches and masks pick the sums, without the branches
   * or the 64-bit leading-zero counts: the logarithms' mantissas and exponents are read off
   * doubles, and the table indices go to {@code scratch} (0 for the pixels a sum skips), from which
   * the last pass gathers the logarithms. {@code scratch}'s rows: 0 to 2 the variances and the
   * covariance, 3 the denominator's mantissas, 4 and 5 the numerator's.
   *
   * <p>The passes' loops call the Vector API alone, no method of this class: C2 always inlines the
   * Vector API, but past its node-count cutoff it stops inlining other methods, and a vector handed
   * to one that is not inlined is boxed, a few hundred bytes a call.
   */
  @Override
  public void vifStatistic(int[] mu1, int[] mu2, int[] xx, int[] yy, int[] xy, int width, int[] scratch,
      long[] sums) {
    int end = width - width % L.length();
    vifSigmas(mu1, mu2, xx, yy, xy, width, end, scratch);
    vifDenominators(scratch, width, end, sums);
    vifNumerators(scratch, width, end);
    vifNumeratorMantissas(scratch, width, end, sums);
    addLogarithms(scratch, width, end, sums);
    PlainVmafKernels.vifStatisticColumns(mu1, mu2, xx, yy, xy, end, width, sums);
  }

  /**
   * Columns 0 to {@code end}: the variances and the covariance into {@code scratch}'s rows 0 to 2,
   * the squares and the product of the means rounded {@code (int) ((p + 2^31) >>> 32)}.
   */
  private static void vifSigmas(int[] mu1, int[] mu2, int[] xx, int[] yy, int[] xy, int width, int end,
      int[] scratch) {
    for (int j = 0; j < end; j += L.length()) {
      var m1 = ((LongVector) IntVector.fromArray(IL, mu1, j).convertShape(VectorOperators.I2L, L, 0)).and(0xFFFFFFFFL);
      var m2 = ((LongVector) IntVector.fromArray(IL, mu2, j).convertShape(VectorOperators.I2L, L, 0)).and(0xFFFFFFFFL);
      var mu1Sq = m1.mul(m1).add(1L << 31).lanewise(VectorOperators.LSHR, 32).convertShape(VectorOperators.L2I, IL, 0);
      var mu2Sq = m2.mul(m2).add(1L << 31).lanewise(VectorOperators.LSHR, 32).convertShape(VectorOperators.L2I, IL, 0);
      var mu1Mu2 = m1.mul(m2).add(1L << 31).lanewise(VectorOperators.LSHR, 32).convertShape(VectorOperators.L2I, IL, 0);
      IntVector.fromArray(IL, xx, j).sub((IntVector) mu1Sq).max(0).intoArray(scratch, j);
      IntVector.fromArray(IL, yy, j).sub((IntVector) mu2Sq).max(0).intoArray(scratch, width + j);
      IntVector.fromArray(IL, xy, j).sub((IntVector) mu1Mu2).intoArray(scratch, 2 * width + j);
    }
  }

  /**
   * Columns 0 to {@code end}: the denominator's mantissas into row 3 (see {@link #vifNumerators}
   * for how they are read), its exponents' sum and the sums of the pixels without logarithms. The
   * int lanes' sums stay far from overflowing: at most about 1100 per pixel.
   */
  private static void vifDenominators(int[] scratch, int width, int end, long[] sums) {
    IntVector countX = IntVector.zero(IL);
    IntVector exponents = countX;
    LongVector numNonLog = LongVector.zero(L);
    for (int j = 0; j < end; j += L.length()) {
      IntVector sigma1Sq = IntVector.fromArray(IL, scratch, j);
      IntVector sigma2Sq = IntVector.fromArray(IL, scratch, width + j);
      VectorMask<Integer> log = sigma1Sq.compare(VectorOperators.GE, PlainVmafKernels.VIF_SIGMA_NSQ);
      numNonLog = numNonLog.add(sigma2Sq.blend(0, log).convertShape(VectorOperators.I2L, L, 0));
      var den = ((DoubleVector) sigma1Sq.convertShape(VectorOperators.I2D, D, 0)).add(PlainVmafKernels.VIF_SIGMA_NSQ);
      var top = (IntVector) den.viewAsIntegralLanes().lanewise(VectorOperators.LSHR, 37)
          .convertShape(VectorOperators.L2I, IL, 0);
      countX = countX.add(1, log);
      exponents = exponents.add(top.lanewise(VectorOperators.LSHR, 15), log);
      IntVector.zero(IL).blend(top.and(0x7FFF).or(0x8000), log).intoArray(scratch, 3 * width + j);
    }
    long count = countX.reduceLanesToLong(VectorOperators.ADD);
    // -k per pixel, where libvmaf's shift k is the exponent less 15, and the exponent is biased by 1023.
    long accumX = 1038 * count - exponents.reduceLanesToLong(VectorOperators.ADD);
    PlainVmafKernels.addVifSums(sums, accumX, count, 0, 0, 0, numNonLog.reduceLanes(VectorOperators.ADD),
        end - count);
  }

  /**
   * Columns 0 to {@code end}: from the variances, libvmaf's {@code numer1_tmp} and {@code numer1}
   * into rows 4 and 5, for every pixel (the next pass keeps those that count), as bits 37 to 63 of
   * the doubles that hold them: the biased exponent above the top 15 bits of the fraction. Those
   * bits and the leading 1 are libvmaf's 16-bit mantissa ({@code get_best16_from64}: the integers are
   * 2^17 to 2^46), its shift the exponent less 15. {@code (long)} and {@code (int)} of the
   * non-negative doubles are floors: adding 2^52 rounds to an integer, one less where that rounded up
   * (AVX2 has no double-to-long conversion).
   */
  private static void vifNumerators(int[] scratch, int width, int end) {
    for (int j = 0; j < end; j += L.length()) {
      IntVector sigma2Sq = IntVector.fromArray(IL, scratch, width + j);
      var s1 = (DoubleVector) IntVector.fromArray(IL, scratch, j).convertShape(VectorOperators.I2D, D, 0);
      var s2 = (DoubleVector) sigma2Sq.convertShape(VectorOperators.I2D, D, 0);
      var s12 = (DoubleVector) IntVector.fromArray(IL, scratch, 2 * width + j).convertShape(VectorOperators.I2D, D, 0);
      DoubleVector g = s12.div(s1.add(PlainVmafKernels.VIF_EPS));
      // (int) of a value at most sigma2_sq, then max(0): floor(max(value, 0)).
      DoubleVector sv = s2.sub(g.mul(s12)).max(0.0);
      DoubleVector svRounded = sv.add(TWO_TO_52).sub(TWO_TO_52);
      DoubleVector numer1 = svRounded.sub(1.0, svRounded.compare(VectorOperators.GT, sv))
          .add(PlainVmafKernels.VIF_SIGMA_NSQ);
      g = g.blend(0.0, sigma2Sq.compare(VectorOperators.EQ, 0).cast(D)).min(PlainVmafKernels.VIF_GAIN_LIMIT);
      DoubleVector gain = g.mul(g).mul(s1);
      DoubleVector gainRounded = gain.add(TWO_TO_52).sub(TWO_TO_52);
      DoubleVector numer1Tmp = gainRounded.sub(1.0, gainRounded.compare(VectorOperators.GT, gain)).add(numer1);
      ((IntVector) numer1Tmp.viewAsIntegralLanes().lanewise(VectorOperators.LSHR, 37)
          .convertShape(VectorOperators.L2I, IL, 0)).intoArray(scratch, 4 * width + j);
      ((IntVector) numer1.viewAsIntegralLanes().lanewise(VectorOperators.LSHR, 37)
          .convertShape(VectorOperators.L2I, IL, 0)).intoArray(scratch, 5 * width + j);
    }
  }

  /**
   * Columns 0 to {@code end}: of the pixels with a gain (a logarithm and a covariance not
   * negative), the numerator's mantissas in rows 4 and 5 (0 for the others) and its exponents' sum.
   */
  private static void vifNumeratorMantissas(int[] scratch, int width, int end, long[] sums) {
    IntVector accumX2 = IntVector.zero(IL);
    for (int j = 0; j < end; j += L.length()) {
      VectorMask<Integer> gain = IntVector.fromArray(IL, scratch, j)
          .compare(VectorOperators.GE, PlainVmafKernels.VIF_SIGMA_NSQ)
          .and(IntVector.fromArray(IL, scratch, 2 * width + j).compare(VectorOperators.GE, 0));
      IntVector e1 = IntVector.fromArray(IL, scratch, 4 * width + j);
      IntVector e2 = IntVector.fromArray(IL, scratch, 5 * width + j);
      accumX2 = accumX2.add(e1.lanewise(VectorOperators.LSHR, 15).sub(e2.lanewise(VectorOperators.LSHR, 15)), gain);
      IntVector.zero(IL).blend(e1.and(0x7FFF).or(0x8000), gain).intoArray(scratch, 4 * width + j);
      IntVector.zero(IL).blend(e2.and(0x7FFF).or(0x8000), gain).intoArray(scratch, 5 * width + j);
    }
    VifSum.ACCUM_X2.add(sums, accumX2.reduceLanesToLong(VectorOperators.ADD));
  }

  /**
   * The table's logarithms of the mantissas in {@code scratch}'s rows 3 to 5, columns 0 to {@code
   * end}, gathered: 9% faster than a scalar loop at 512 bits, as fast at 256 (JMH). A lane adds at
   * most 2^15 a column, so rows up to half a million columns wide fit its int.
   */
  private static void addLogarithms(int[] scratch, int width, int end, long[] sums) {
    IntVector numLog = IntVector.zero(IL);
    IntVector denLog = numLog;
    for (int j = 0; j < end; j += IL.length()) {
      denLog = denLog.add(IntVector.fromArray(IL, LOG2, 0, scratch, 3 * width + j));
      numLog = numLog.add(IntVector.fromArray(IL, LOG2, 0, scratch, 4 * width + j))
          .sub(IntVector.fromArray(IL, LOG2, 0, scratch, 5 * width + j));
    }
    VifSum.NUM_LOG.add(sums, numLog.reduceLanesToLong(VectorOperators.ADD));
    VifSum.DEN_LOG.add(sums, denLog.reduceLanesToLong(VectorOperators.ADD));
  }


  @Override
  public void dwtVertical(float[] src, int[] rows, int width, float[] lo, float[] hi) {
    int n = F.length();
    int r0 = rows[0];
    int r1 = rows[1];
    int r2 = rows[2];
    int r3 = rows[3];
    int j = 0;
    for (; j <= width - n; j += n) {
      FloatVector s0 = FloatVector.fromArray(F, src, r0 + j);
      FloatVector s1 = FloatVector.fromArray(F, src, r1 + j);
      FloatVector s2 = FloatVector.fromArray(F, src, r2 + j);
      FloatVector s3 = FloatVector.fromArray(F, src, r3 + j);
      s0.mul(LO[0]).add(s1.mul(LO[1])).add(s2.mul(LO[2])).add(s3.mul(LO[3])).intoArray(lo, j);
      s0.mul(HI[0]).add(s1.mul(HI[1])).add(s2.mul(HI[2])).add(s3.mul(HI[3])).intoArray(hi, j);
    }
    PlainVmafKernels.dwtVerticalColumns(src, rows, j, width, lo, hi);
  }

  // The ADM kernels below run one short loop per band, not one loop over all: a loop body with
  // many vector operations, or vector-valued helper methods, exceeds what C2 inlines into one
  // method, and a vector operation left outside it falls back to a slow path that allocates.

  @Override
  public void dwtHorizontal(float[] lo, float[] hi, int width, float[] a, float[] bv, float[] bh, float[] bd, int off) {
    // Output j reads columns 2j-1 to 2j+2. Vectors from j = 1, while the last column read (2j + n)
    // is inside the row; the mirrored edges go through the plain twin.
    int w2 = (width + 1) / 2;
    int start = Math.min(1, w2);
    int end = Math.max(start, (width - F.length() + 1) / 2);
    int j = dwtHorizontalPair(lo, start, end, a, bv, off);
    dwtHorizontalPair(hi, start, end, bh, bd, off);
    PlainVmafKernels.dwtHorizontalColumns(lo, hi, width, 0, start, a, bv, bh, bd, off);
    PlainVmafKernels.dwtHorizontalColumns(lo, hi, width, j, w2, a, bv, bh, bd, off);
  }

  /**
   * The low and high pass of every other column of {@code row}, for outputs {@code from} up to
   * {@code to} in steps of half a vector: a vector from column 2j-1 holds the first two taps (its
   * even and odd lanes), one from column 2j+1 the last two; the lanes are gathered into the lower
   * half, which is stored. Returns the first output not done.
   */
  private static int dwtHorizontalPair(float[] row, int from, int to, float[] low, float[] high, int off) {
    int half = F.length() / 2;
    int j = from;
    for (; j + half <= to; j += half) {
      FloatVector s01 = FloatVector.fromArray(F, row, 2 * j - 1);
      FloatVector s23 = FloatVector.fromArray(F, row, 2 * j + 1);
      FloatVector s0 = s01.rearrange(EVEN_LANES);
      FloatVector s1 = s01.rearrange(ODD_LANES);
      FloatVector s2 = s23.rearrange(EVEN_LANES);
      FloatVector s3 = s23.rearrange(ODD_LANES);
      s0.mul(LO[0]).add(s1.mul(LO[1])).add(s2.mul(LO[2])).add(s3.mul(LO[3])).intoArray(low, off + j, LOWER_HALF);
      s0.mul(HI[0]).add(s1.mul(HI[1])).add(s2.mul(HI[2])).add(s3.mul(HI[3])).intoArray(high, off + j, LOWER_HALF);
    }
    return j;
  }

  @Override
  public void admDecouple(float[][] ref, float[][] dis, int from, int to, float rfHv, float rfD, float[][] restored,
      float[][] added) {
    int p = from;
    for (int b = 0; b < 3; b++) {
      p = decoupleBand(ref, dis, b, from, to, b == 2 ? rfD : rfHv, restored[b], added[b]);
    }
    PlainVmafKernels.admDecoupleSamples(ref, dis, p, to, rfHv, rfD, restored, added);
  }

  /**
   * Band {@code b}: the reference's detail {@code o} that the distorted detail {@code t} restores
   * ({@code t / o} clamped to 0..1, times {@code o}), enhanced within the angle (which the
   * horizontal and vertical bands decide) by up to the gain limit but not past {@code t}, and the
   * weighted magnitude of what is added. The gain is applied in float: {@code r * 100} is exact in
   * double, so rounding it to float before comparing with {@code t} picks the value the plain
   * twin's double comparison rounds to. Returns the first sample not done.
   */
  private static int decoupleBand(float[][] ref, float[][] dis, int b, int from, int to, float rf, float[] restored,
      float[] added) {
    int n = F.length();
    float gain = (float) PlainVmafKernels.ADM_GAIN_LIMIT;
    int p = from;
    for (; p <= to - n; p += n) {
      FloatVector oh = FloatVector.fromArray(F, ref[0], p);
      FloatVector ov = FloatVector.fromArray(F, ref[1], p);
      FloatVector th = FloatVector.fromArray(F, dis[0], p);
      FloatVector tv = FloatVector.fromArray(F, dis[1], p);
      FloatVector dot = oh.mul(th).add(ov.mul(tv));
      FloatVector oMag = oh.mul(oh).add(ov.mul(ov));
      FloatVector tMag = th.mul(th).add(tv.mul(tv));
      VectorMask<Float> angle = dot.compare(VectorOperators.GE, 0f)
          .and(dot.mul(dot).compare(VectorOperators.GE, oMag.mul(PlainVmafKernels.ADM_COS_1DEG_SQ).mul(tMag)));
      FloatVector o = FloatVector.fromArray(F, ref[b], p);
      FloatVector t = FloatVector.fromArray(F, dis[b], p);
      FloatVector k = t.div(o.add(PlainVmafKernels.ADM_EPS));
      k = k.blend(0f, k.compare(VectorOperators.LT, 0f)).blend(1f, k.compare(VectorOperators.GT, 1f));
      FloatVector r = k.mul(o);
      FloatVector gained = r.mul(gain);
      r = r.blend(gained.min(t), angle.and(r.compare(VectorOperators.GT, 0f)))
          .blend(gained.max(t), angle.and(r.compare(VectorOperators.LT, 0f)));
      r.intoArray(restored, p);
      t.sub(r).mul(rf).abs().mul(PlainVmafKernels.ADM_ONE_BY_30).intoArray(added, p);
    }
    return p;
  }

  @Override
  public void admMaskedCubes(float[][] added, float[][] restored, float[][] ref, int up, int mid, int down, int from,
      int to, int width, float rfHv, float rfD, float[][] cubes) {
    // Vectors over the columns whose neighbours are not mirrored (1 to width - 2); the plain twin
    // does the rest. The threshold goes through cubes[5], the last row written.
    int start = Math.min(Math.max(from, 1), to);
    int end = Math.max(Math.min(to, width - 1), start);
    int j = start + (end - start) / F.length() * F.length();
    for (int b = 0; b < 3; b++) {
      addNeighbourhood(added[b], up, mid, down, start, j, cubes[5], b == 0);
    }
    for (int b = 0; b < 3; b++) {
      float rf = b == 2 ? rfD : rfHv;
      maskedCubes(restored[b], mid, rf, cubes[5], start, j, cubes[b]);
      cubes(ref[b], mid, rf, start, j, cubes[3 + b]);
    }
    PlainVmafKernels.admMaskedCubeColumns(added, restored, ref, up, mid, down, from, start, width, rfHv, rfD, cubes);
    PlainVmafKernels.admMaskedCubeColumns(added, restored, ref, up, mid, down, j, to, width, rfHv, rfD, cubes);
  }

  /**
   * Adds the 3x3 sums of one band (neighbours, and twice the centre, in the plain twin's order) to
   * {@code thr}, or sets them ({@code first}), for columns {@code from} to {@code to} (whole vectors).
   */
  private static void addNeighbourhood(float[] f, int up, int mid, int down, int from, int to, float[] thr,
      boolean first) {
    for (int j = from; j < to; j += F.length()) {
      FloatVector s = FloatVector.fromArray(F, f, up + j - 1).add(FloatVector.fromArray(F, f, up + j))
          .add(FloatVector.fromArray(F, f, up + j + 1)).add(FloatVector.fromArray(F, f, mid + j - 1))
          .add(FloatVector.fromArray(F, f, mid + j).mul(2f)).add(FloatVector.fromArray(F, f, mid + j + 1))
          .add(FloatVector.fromArray(F, f, down + j - 1)).add(FloatVector.fromArray(F, f, down + j))
          .add(FloatVector.fromArray(F, f, down + j + 1));
      (first ? s : FloatVector.fromArray(F, thr, j).add(s)).intoArray(thr, j);
    }
  }

  /** Cubes of {@code |rf * band|} less the threshold, and at least 0, columns {@code from} to {@code to}. */
  private static void maskedCubes(float[] band, int mid, float rf, float[] thr, int from, int to, float[] cubes) {
    for (int j = from; j < to; j += F.length()) {
      FloatVector x = FloatVector.fromArray(F, band, mid + j).mul(rf).abs().sub(FloatVector.fromArray(F, thr, j)).max(0f);
      x.mul(x).mul(x).intoArray(cubes, j);
    }
  }

  /** Cubes of {@code |rf * band|}, columns {@code from} to {@code to}. */
  private static void cubes(float[] band, int mid, float rf, int from, int to, float[] cubes) {
    for (int j = from; j < to; j += F.length()) {
      FloatVector x = FloatVector.fromArray(F, band, mid + j).mul(rf).abs();
      x.mul(x).mul(x).intoArray(cubes, j);
    }
  }
}
