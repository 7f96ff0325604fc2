package org.framefork.encoder.kernels.vmaf;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
  private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> IL = VectorSpecies.of(int.class, VectorShape.forBitSize(L.length() * 32));
  private static final VectorSpecies<Short> SL = VectorSpecies.of(short.class, VectorShape.forBitSize(L.length() * 16));
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final float[] LO = DwtFilter.LO;
  private static final float[] HI = DwtFilter.HI;

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

  /** {@code L.length()} deeper samples, unsigned, as ints. */
  private static IntVector shortsL(short[] a, int i) {
    return ((IntVector) ShortVector.fromArray(SL, a, i).convertShape(VectorOperators.S2I, IL, 0)).and(0xFFFF);
  }

  private static LongVector unsigned(int[] a, int i) {
    return ((LongVector) IntVector.fromArray(IL, a, i).convertShape(VectorOperators.I2L, L, 0)).and(0xFFFFFFFFL);
  }

  private static LongVector unsigned(IntVector v, int part) {
    return ((LongVector) v.convertShape(VectorOperators.I2L, L, part)).and(0xFFFFFFFFL);
  }

  private static void store(LongVector v, int[] a, int i) {
    ((IntVector) v.convertShape(VectorOperators.L2I, IL, 0)).intoArray(a, i);
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

  @Override
  public void vifVertical16(short[] ref, int[] refRows, short[] dis, int[] disRows, int width, int[] filter, int bits,
      int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int off) {
    int n = L.length();
    int taps = filter.length;
    int round = 1 << (bits - 1);
    int sqShift = 2 * (bits - 8);
    long sqRound = sqShift == 0 ? 0 : 1L << (sqShift - 1);
    int j = 0;
    for (; j <= width - n; j += n) {
      IntVector m1 = IntVector.zero(IL);
      IntVector m2 = m1;
      LongVector sr = LongVector.zero(L);
      LongVector sd = sr;
      LongVector srd = sr;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        IntVector r = shortsL(ref, refRows[k] + j);
        IntVector d = shortsL(dis, disRows[k] + j);
        IntVector cr = r.mul(c);
        IntVector cd = d.mul(c);
        m1 = m1.add(cr);
        m2 = m2.add(cd);
        LongVector rl = (LongVector) r.convertShape(VectorOperators.I2L, L, 0);
        LongVector dl = (LongVector) d.convertShape(VectorOperators.I2L, L, 0);
        LongVector crl = unsigned(cr, 0);
        sr = sr.add(crl.mul(rl));
        sd = sd.add(unsigned(cd, 0).mul(dl));
        srd = srd.add(crl.mul(dl));
      }
      m1.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(mu1, off + j);
      m2.add(round).lanewise(VectorOperators.LSHR, bits).intoArray(mu2, off + j);
      store(sr.add(sqRound).lanewise(VectorOperators.LSHR, sqShift), rr, off + j);
      store(sd.add(sqRound).lanewise(VectorOperators.LSHR, sqShift), dd, off + j);
      store(srd.add(sqRound).lanewise(VectorOperators.LSHR, sqShift), rd, off + j);
    }
    PlainVmafKernels.vifVerticalColumns(null, ref, refRows, null, dis, disRows, j, width, filter, bits, mu1, mu2, rr, dd,
        rd, off);
  }

  @Override
  public void vifHorizontal(int[] mu1, int[] mu2, int[] rr, int[] dd, int[] rd, int srcOff, int width, int[] filter,
      int[] outMu1, int[] outMu2, int[] outRr, int[] outDd, int[] outRd) {
    int n = L.length();
    int taps = filter.length;
    int j = 0;
    for (; j <= width - n; j += n) {
      int s = srcOff + j;
      IntVector m1 = IntVector.zero(IL);
      IntVector m2 = m1;
      LongVector sr = LongVector.zero(L);
      LongVector sd = sr;
      LongVector srd = sr;
      for (int k = 0; k < taps; k++) {
        int c = filter[k];
        m1 = m1.add(IntVector.fromArray(IL, mu1, s + k).mul(c));
        m2 = m2.add(IntVector.fromArray(IL, mu2, s + k).mul(c));
        sr = sr.add(unsigned(rr, s + k).mul(c));
        sd = sd.add(unsigned(dd, s + k).mul(c));
        srd = srd.add(unsigned(rd, s + k).mul(c));
      }
      m1.intoArray(outMu1, j);
      m2.intoArray(outMu2, j);
      store(sr.add(32768).lanewise(VectorOperators.LSHR, 16), outRr, j);
      store(sd.add(32768).lanewise(VectorOperators.LSHR, 16), outDd, j);
      store(srd.add(32768).lanewise(VectorOperators.LSHR, 16), outRd, j);
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
}
