package org.framefork.encoder.kernels.scale;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/**
 * Scaling with the Vector API; same integers as {@link PlainPlaneScaler}.
 *
 * <p>Bilinear works in two passes so that most of the work is contiguous: first the two input rows
 * are blended vertically for the whole row (plain loads, one int lane per sample), then each output
 * sample picks its two neighbours from that blended row with in-register permutes (see
 * horizontalRow). The blended row is kept in ints because int lanes permute with one instruction.
 *
 * <p>The 2:1 box works on 16-bit lanes without any conversion on the way in: reinterpreting bytes
 * as shorts puts each horizontal pair in one lane, {@code & 0xFF} gives the left sample and an
 * unsigned shift by 8 the right one.
 */
public final class VectorPlaneScaler implements PlaneScaler {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, BYTES.vectorShape());
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, BYTES.vectorShape());
  private static final int INT_LANES = INTS.length();
  /** Bytes that widen to one int vector (or receive one narrowed): at least 64 bits. */
  private static final VectorSpecies<Byte> QUARTER =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 4)));
  /** Shorts that receive one int vector narrowed (16-bit samples). */
  private static final VectorSpecies<Short> HALF_SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 2)));
  /** Bytes that receive one short vector narrowed. */
  private static final VectorSpecies<Byte> HALF =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 2)));

  @Override
  public void bilinear(Plane src, Plane dst, BilinearPlan plan) {
    plan.requireFits(src, dst);
    for (int y = 0; y < dst.height(); y++) {
      // One method per pass: each loop is compiled with all its vector operations inlined.
      blendRows(src, plan.top[y], plan.bottom[y], plan.yWeight[y], plan.blendedRow);
      horizontalRow(plan, dst.data(), null, dst.rowStart(y), dst.width());
    }
  }

  /**
   * 16-bit samples: the same two passes. Pass 1 widens each short vector into two int vectors;
   * pass 2 is shared with 8 bits and only narrows to shorts instead of bytes.
   */
  @Override
  public void bilinear(Plane16 src, Plane16 dst, BilinearPlan plan) {
    plan.requireFits(src, dst);
    for (int y = 0; y < dst.height(); y++) {
      blendRows16(src, plan.top[y], plan.bottom[y], plan.yWeight[y], plan.blendedRow);
      horizontalRow(plan, null, dst.data(), dst.rowStart(y), dst.width());
    }
  }

  /** Pass 1 for 16-bit samples, Q8, exact (at most 65535 * 256). */
  private static void blendRows16(Plane16 src, int top, int bottom, int wy, int[] blended) {
    short[] in = src.data();
    int topRow = src.rowStart(top);
    int bottomRow = src.rowStart(bottom);
    int width = src.width();
    int step = SHORTS.length();
    int x = 0;
    for (; x <= width - step; x += step) {
      ShortVector t = ShortVector.fromArray(SHORTS, in, topRow + x);
      ShortVector b = ShortVector.fromArray(SHORTS, in, bottomRow + x);
      for (int part = 0; part < 2; part++) {
        IntVector ti = unsigned(t, part);
        unsigned(b, part).sub(ti).mul(wy).add(ti.lanewise(VectorOperators.LSHL, 8))
            .intoArray(blended, x + part * INT_LANES);
      }
    }
    for (; x < width; x++) { // tail
      blended[x] = BilinearPlan.mix(in[topRow + x] & 0xFFFF, in[bottomRow + x] & 0xFFFF, wy);
    }
  }

  /** Half {@code part} of a short vector as ints: S2I sign-extends, so mask back to 0..65535. */
  private static IntVector unsigned(ShortVector v, int part) {
    return ((IntVector) v.convertShape(VectorOperators.S2I, INTS, part)).and(0xFFFF);
  }

  /** Pass 1: input rows top and bottom blended with weight wy, Q8, exact (at most 255 * 256). */
  private static void blendRows(Plane src, int top, int bottom, int wy, int[] blended) {
    byte[] in = src.data();
    int topRow = src.rowStart(top);
    int bottomRow = src.rowStart(bottom);
    int width = src.width();
    int lastX = width - QUARTER.length();
    int x = 0;
    for (; x <= lastX; x += INT_LANES) {
      // B2I sign-extends: mask back to 0..255.
      IntVector t = ((IntVector) ByteVector.fromArray(QUARTER, in, topRow + x)
          .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
      IntVector b = ((IntVector) ByteVector.fromArray(QUARTER, in, bottomRow + x)
          .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
      t.lanewise(VectorOperators.LSHL, 8).add(b.sub(t).mul(wy)).intoArray(blended, x);
    }
    for (; x < width; x++) { // tail
      int t = in[topRow + x] & 0xFF;
      blended[x] = (t << 8) + ((in[bottomRow + x] & 0xFF) - t) * wy;
    }
  }

  /**
   * Pass 2: each output sample takes its two horizontal neighbours from the blended row. Not with
   * a gather: {@code vpgatherdd} measured no faster than scalar loads on this Zen 3 (about 1.8 ns per
   * sample). Instead, the taps of each group of INT_LANES outputs lie in a window of two vectors
   * (see {@link BilinearPlan.Windows}), loaded plainly; each tap is picked from both halves with a
   * one-register permute ({@code vpermd}) and the halves are blended: about 0.65 ns per sample.
   */
  private static void horizontalRow(BilinearPlan plan, byte[] out8, short[] out16, int outRow, int width) {
    int[] blended = plan.blendedRow;
    BilinearPlan.Windows windows = plan.windows(INT_LANES);
    int[] relativeLeft = windows.relativeLeft;
    int[] relativeRight = windows.relativeRight;
    int lastX = Math.min(width - INT_LANES, width - QUARTER.length());
    int x = 0;
    for (int group = 0; x <= lastX; x += INT_LANES, group++) {
      int start = windows.start[group];
      if (start < 0) { // taps too far apart for a window: this group is scalar
        horizontal(plan, out8, out16, outRow, x, x + INT_LANES);
        continue;
      }
      IntVector low = IntVector.fromArray(INTS, blended, start);
      IntVector high = IntVector.fromArray(INTS, blended, start + INT_LANES);
      IntVector li = IntVector.fromArray(INTS, relativeLeft, x);
      IntVector ri = IntVector.fromArray(INTS, relativeRight, x);
      VectorShuffle<Integer> ls = li.and(INT_LANES - 1).toShuffle();
      VectorShuffle<Integer> rs = ri.and(INT_LANES - 1).toShuffle();
      IntVector l = low.rearrange(ls).blend(high.rearrange(ls), li.compare(VectorOperators.GE, INT_LANES));
      IntVector r = low.rearrange(rs).blend(high.rearrange(rs), ri.compare(VectorOperators.GE, INT_LANES));
      IntVector w = IntVector.fromArray(INTS, plan.xWeight, x);
      // Below 2^32 but maybe past 2^31 for 16-bit samples: an unsigned shift (see BilinearPlan.sample).
      IntVector value = l.lanewise(VectorOperators.LSHL, 8).add(r.sub(l).mul(w)).add(1 << 15)
          .lanewise(VectorOperators.LSHR, 16);
      if (out8 != null) {
        ((ByteVector) value.convertShape(VectorOperators.I2B, QUARTER, 0)).intoArray(out8, outRow + x);
      } else {
        ((ShortVector) value.convertShape(VectorOperators.I2S, HALF_SHORTS, 0)).intoArray(out16, outRow + x);
      }
    }
    horizontal(plan, out8, out16, outRow, x, width); // tail
  }

  /** Pass 2 one sample at a time, into {@code out8} or else {@code out16}. */
  private static void horizontal(BilinearPlan plan, byte[] out8, short[] out16, int outRow, int x0, int x1) {
    int[] blended = plan.blendedRow;
    for (int x = x0; x < x1; x++) {
      int v = BilinearPlan.sample(blended[plan.left[x]], blended[plan.right[x]], plan.xWeight[x]);
      if (out8 != null) {
        out8[outRow + x] = (byte) v;
      } else {
        out16[outRow + x] = (short) v;
      }
    }
  }

  @Override
  public void halve(Plane src, Plane dst) {
    PlaneScaler.requireHalfSize(src, dst);
    byte[] in = src.data();
    byte[] out = dst.data();
    int outLanes = SHORTS.length();
    // A step reads 2 * outLanes input samples and writes HALF.length() output bytes.
    int lastX = Math.min(src.width() / 2 - outLanes, dst.width() - HALF.length());
    for (int y = 0; y < dst.height(); y++) {
      int top = src.rowStart(2 * y);
      int bottom = src.rowStart(Math.min(2 * y + 1, src.height() - 1));
      int outRow = dst.rowStart(y);
      int x = 0;
      for (; x <= lastX; x += outLanes) {
        ShortVector t = ByteVector.fromArray(BYTES, in, top + 2 * x).reinterpretAsShorts();
        ShortVector b = ByteVector.fromArray(BYTES, in, bottom + 2 * x).reinterpretAsShorts();
        ShortVector sum = t.and((short) 0xFF).add(t.lanewise(VectorOperators.LSHR, 8))
            .add(b.and((short) 0xFF)).add(b.lanewise(VectorOperators.LSHR, 8))
            .add((short) 2).lanewise(VectorOperators.LSHR, 2);
        ((ByteVector) sum.convertShape(VectorOperators.S2B, HALF, 0)).intoArray(out, outRow + x);
      }
      PlainPlaneScaler.halveRow(src, dst, y, x);
    }
  }
  /**
   * 16-bit samples: reinterpreting shorts as ints puts each horizontal pair in one int lane, as
   * bytes as shorts do for 8 bits; a block's sum of 16-bit samples fits the int lane.
   */
  @Override
  public void halve(Plane16 src, Plane16 dst) {
    PlaneScaler.requireHalfSize(src, dst);
    for (int y = 0; y < dst.height(); y++) {
      PlainPlaneScaler.halveRows(src, dst, y, y + 1, halveRow(src, dst, y));
    }
  }

  /** Row {@code y} of {@code dst} but its last few columns; returns the first column not done. */
  private static int halveRow(Plane16 src, Plane16 dst, int y) {
    short[] in = src.data();
    int top = src.rowStart(2 * y);
    int bottom = src.rowStart(Math.min(2 * y + 1, src.height() - 1));
    // A step reads 2 * INT_LANES input samples and writes INT_LANES output samples.
    int end = Math.min(src.width() / 2, dst.width()) - INT_LANES;
    int x = 0;
    for (; x <= end; x += INT_LANES) {
      IntVector t = ShortVector.fromArray(SHORTS, in, top + 2 * x).reinterpretAsInts();
      IntVector b = ShortVector.fromArray(SHORTS, in, bottom + 2 * x).reinterpretAsInts();
      IntVector sum = t.and(0xFFFF).add(t.lanewise(VectorOperators.LSHR, 16))
          .add(b.and(0xFFFF)).add(b.lanewise(VectorOperators.LSHR, 16))
          .add(2).lanewise(VectorOperators.LSHR, 2);
      ((ShortVector) sum.convertShape(VectorOperators.I2S, HALF_SHORTS, 0)).intoArray(dst.data(), dst.rowStart(y) + x);
    }
    return x;
  }


}
