package org.framefork.encoder.kernels.metric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;

/**
 * Metrics with the Vector API; the same integers as {@link PlainPlaneMetrics}, and for SSIM the
 * same floats (each window score is the same IEEE float expression, and the row sums are made in
 * the same order).
 *
 * <p>SAD and SSE stay on bytes as long as they can. {@code |a - b|} of unsigned bytes is
 * {@code max - min} after flipping the sign bit (XOR 0x80 maps unsigned order onto signed order;
 * there is no unsigned byte max in the JDK 21 API); the difference fits a byte again. Widening then
 * costs no conversion: reinterpreted as shorts, {@code & 0xFF} is the even sample and an unsigned
 * shift by 8 the odd one (order does not matter for a sum). x86 has {@code psadbw} for exactly this,
 * but the Vector API does not expose it.
 */
public final class VectorPlaneMetrics implements PlaneMetrics {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, BYTES.vectorShape());
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, BYTES.vectorShape());
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, BYTES.vectorShape());
  private static final int INT_LANES = INTS.length();
  private static final VectorSpecies<Byte> QUARTER =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 4)));
  private static final VectorShuffle<Integer> EVEN_LANES = VectorShuffle.fromOp(INTS, i -> 2 * i);
  private static final VectorShuffle<Integer> ODD_LANES = VectorShuffle.fromOp(INTS, i -> 2 * i + 1);

  /**
   * SAD adds at most 2 * 255 to a 16-bit lane per vector step; 128 steps stay below 65536, so the
   * short accumulator is flushed into ints every 128 steps.
   */
  private static final int SAD_STEPS_PER_FLUSH = 128;
  /** SSE adds at most 4 * 255^2 to an int lane per step; 4096 steps stay below 2^31. */
  private static final int SSE_STEPS_PER_FLUSH = 4096;

  @Override
  public long sad(Plane a, Plane b) {
    a.requireSameSize(b, "SAD");
    byte[] pa = a.data();
    byte[] pb = b.data();
    int step = BYTES.length();
    int width = a.width();
    int vectorEnd = width - width % step;
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      int ra = a.rowStart(y);
      int rb = b.rowStart(y);
      IntVector rowSum = IntVector.zero(INTS);
      int x = 0;
      while (x < vectorEnd) {
        int chunkEnd = Math.min(vectorEnd, x + SAD_STEPS_PER_FLUSH * step);
        ShortVector acc = ShortVector.zero(SHORTS);
        for (; x < chunkEnd; x += step) {
          ShortVector d = absDiff(pa, ra + x, pb, rb + x).reinterpretAsShorts();
          acc = acc.add(d.and((short) 0xFF)).add(d.lanewise(VectorOperators.LSHR, 8));
        }
        // Unsigned 16-bit lanes to ints: the same even/odd split, one level up.
        IntVector wide = acc.reinterpretAsInts();
        rowSum = rowSum.add(wide.and(0xFFFF)).add(wide.lanewise(VectorOperators.LSHR, 16));
      }
      total += rowSum.reduceLanes(VectorOperators.ADD);
      total += PlainPlaneMetrics.sadRow(pa, ra, pb, rb, x, width); // tail
    }
    return total;
  }

  /** |a - b| of unsigned bytes, as unsigned bytes. */
  private static ByteVector absDiff(byte[] a, int ia, byte[] b, int ib) {
    ByteVector va = ByteVector.fromArray(BYTES, a, ia).lanewise(VectorOperators.XOR, (byte) 0x80);
    ByteVector vb = ByteVector.fromArray(BYTES, b, ib).lanewise(VectorOperators.XOR, (byte) 0x80);
    return va.max(vb).sub(va.min(vb));
  }

  @Override
  public long sse(Plane a, Plane b) {
    a.requireSameSize(b, "SSE");
    byte[] pa = a.data();
    byte[] pb = b.data();
    int step = BYTES.length();
    int width = a.width();
    int vectorEnd = width - width % step;
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      int ra = a.rowStart(y);
      int rb = b.rowStart(y);
      int x = 0;
      while (x < vectorEnd) {
        int chunkEnd = Math.min(vectorEnd, x + SSE_STEPS_PER_FLUSH * step);
        IntVector acc = IntVector.zero(INTS);
        for (; x < chunkEnd; x += step) {
          ShortVector d = absDiff(pa, ra + x, pb, rb + x).reinterpretAsShorts();
          ShortVector even = d.and((short) 0xFF);
          ShortVector odd = d.lanewise(VectorOperators.LSHR, 8);
          // 255^2 = 65025 fits an unsigned 16-bit lane, so the low half of the product is exact.
          IntVector evenSquares = even.mul(even).reinterpretAsInts();
          IntVector oddSquares = odd.mul(odd).reinterpretAsInts();
          acc = acc.add(evenSquares.and(0xFFFF)).add(evenSquares.lanewise(VectorOperators.LSHR, 16))
              .add(oddSquares.and(0xFFFF)).add(oddSquares.lanewise(VectorOperators.LSHR, 16));
        }
        total += acc.reduceLanes(VectorOperators.ADD);
      }
      total += PlainPlaneMetrics.sseRow(pa, ra, pb, rb, x, width); // tail
    }
    return total;
  }

  @Override
  public double ssim(Plane a, Plane b, SsimScratch scratch) {
    a.requireSameSize(b, "SSIM");
    scratch.requireFits(a.width());
    int blocksX = a.width() >> 2;
    int blocksY = a.height() >> 2;
    if (blocksX < 2 || blocksY < 2) {
      return Double.NaN;
    }
    double total = 0;
    for (int by = 0; by < blocksY; by++) {
      scratch.swapRows();
      int bx = blockSums(a, b, by, blocksX, scratch);
      PlainPlaneMetrics.blockSums(a, b, by, bx, blocksX, scratch); // tail
      if (by > 0) {
        int i = windowScores(scratch, blocksX - 1);
        PlainPlaneMetrics.windowScores(scratch, i, blocksX - 1); // tail
        total += PlainPlaneMetrics.sumScores(scratch.windowScores, blocksX - 1);
      }
    }
    return total / ((double) (blocksX - 1) * (blocksY - 1));
  }

  /**
   * Block sums, INT_LANES blocks (4 * INT_LANES columns) per step. Column sums over the block's
   * four rows come first (contiguous, one column per int lane) into scratch; then two rounds of
   * "even lanes + odd lanes" fold each four neighbouring columns into one block. Returns the first
   * block not done.
   */
  private static int blockSums(Plane a, Plane b, int by, int blocksX, SsimScratch s) {
    byte[] pa = a.data();
    byte[] pb = b.data();
    int columnsEnd = 4 * (blocksX - blocksX % INT_LANES);
    // With 128-bit vectors a widening load reads 8 bytes for 4 lanes: keep it inside the row.
    while (columnsEnd > 0 && columnsEnd - INT_LANES + QUARTER.length() > a.width()) {
      columnsEnd -= 4 * INT_LANES;
    }
    for (int x = 0; x < columnsEnd; x += INT_LANES) {
      IntVector sa = IntVector.zero(INTS);
      IntVector sb = sa;
      IntVector sq = sa;
      IntVector pr = sa;
      for (int y = 4 * by; y < 4 * by + 4; y++) {
        IntVector va = widen(pa, a.rowStart(y) + x);
        IntVector vb = widen(pb, b.rowStart(y) + x);
        sa = sa.add(va);
        sb = sb.add(vb);
        sq = sq.add(va.mul(va)).add(vb.mul(vb));
        pr = pr.add(va.mul(vb));
      }
      sa.intoArray(s.columnA, x);
      sb.intoArray(s.columnB, x);
      sq.intoArray(s.columnSquares, x);
      pr.intoArray(s.columnProducts, x);
    }
    int bx = 0;
    for (; 4 * bx < columnsEnd; bx += INT_LANES) {
      fourColumns(s.columnA, 4 * bx).intoArray(s.sumA, bx);
      fourColumns(s.columnB, 4 * bx).intoArray(s.sumB, bx);
      fourColumns(s.columnSquares, 4 * bx).intoArray(s.sumSquares, bx);
      fourColumns(s.columnProducts, 4 * bx).intoArray(s.sumProducts, bx);
    }
    return bx;
  }

  /** Lane i is the sum of columns {@code 4i .. 4i+3} from {@code x}. */
  private static IntVector fourColumns(int[] columns, int x) {
    IntVector pairs0 = pairs(
        IntVector.fromArray(INTS, columns, x), IntVector.fromArray(INTS, columns, x + INT_LANES));
    IntVector pairs1 = pairs(
        IntVector.fromArray(INTS, columns, x + 2 * INT_LANES),
        IntVector.fromArray(INTS, columns, x + 3 * INT_LANES));
    return pairs(pairs0, pairs1);
  }

  /** Lane i is {@code lo[2i] + lo[2i+1]}, continuing into {@code hi}. */
  private static IntVector pairs(IntVector lo, IntVector hi) {
    return lo.rearrange(EVEN_LANES, hi).add(lo.rearrange(ODD_LANES, hi));
  }

  private static IntVector widen(byte[] in, int offset) {
    return ((IntVector) ByteVector.fromArray(QUARTER, in, offset)
        .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
  }

  /** Window scores, INT_LANES at a time, in the same float operations as windowScore. */
  private static int windowScores(SsimScratch s, int windows) {
    int i = 0;
    for (; i + INT_LANES <= windows; i += INT_LANES) {
      IntVector s1 = window(s.sumA, s.prevSumA, i);
      IntVector s2 = window(s.sumB, s.prevSumB, i);
      IntVector ss = window(s.sumSquares, s.prevSumSquares, i);
      IntVector s12 = window(s.sumProducts, s.prevSumProducts, i);
      IntVector vars = ss.mul(64).sub(s1.mul(s1)).sub(s2.mul(s2));
      IntVector covar = s12.mul(64).sub(s1.mul(s2));
      FloatVector numerator1 = toFloat(s1.mul(s2).mul(2).add(SsimScratch.C1));
      FloatVector numerator2 = toFloat(covar.mul(2).add(SsimScratch.C2));
      FloatVector denominator1 = toFloat(s1.mul(s1).add(s2.mul(s2)).add(SsimScratch.C1));
      FloatVector denominator2 = toFloat(vars.add(SsimScratch.C2));
      numerator1.mul(numerator2).div(denominator1.mul(denominator2)).intoArray(s.windowScores, i);
    }
    return i;
  }

  /** Sum of one quantity over the 2x2 blocks of windows i .. i + INT_LANES - 1. */
  private static IntVector window(int[] current, int[] previous, int i) {
    return IntVector.fromArray(INTS, current, i).add(IntVector.fromArray(INTS, current, i + 1))
        .add(IntVector.fromArray(INTS, previous, i)).add(IntVector.fromArray(INTS, previous, i + 1));
  }

  private static FloatVector toFloat(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, FLOATS, 0);
  }
}
