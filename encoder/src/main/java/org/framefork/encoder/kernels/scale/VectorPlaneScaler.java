package org.framefork.encoder.kernels.scale;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;

/**
 * Scaling with the Vector API; same integers as {@link PlainPlaneScaler}.
 *
 * <p>Bilinear works in two passes so that most of the work is contiguous: first the two input rows
 * are blended vertically for the whole row (plain loads, one int lane per sample), then each output
 * sample gathers its two neighbours from that blended row. Gathers from an {@code int[]} compile to
 * {@code vpgatherdd} on AVX2; gathering bytes would not be intrinsified, which is why the blended
 * row is kept in ints.
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
  /** Bytes that receive one short vector narrowed. */
  private static final VectorSpecies<Byte> HALF =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 2)));

  @Override
  public void bilinear(Plane src, Plane dst, BilinearPlan plan) {
    plan.requireFits(src, dst);
    byte[] in = src.data();
    byte[] out = dst.data();
    int[] blended = plan.blendedRow;
    int srcWidth = src.width();
    int dstWidth = dst.width();
    int quarter = QUARTER.length();
    int lastBlendX = srcWidth - quarter;
    int lastOutX = Math.min(dstWidth - INT_LANES, dstWidth - quarter);
    for (int y = 0; y < dst.height(); y++) {
      int topRow = src.rowStart(plan.top[y]);
      int bottomRow = src.rowStart(plan.bottom[y]);
      int wy = plan.yWeight[y];
      // Pass 1: blend the two input rows, Q8, exact (at most 255 * 256).
      int x = 0;
      for (; x <= lastBlendX; x += INT_LANES) {
        IntVector t = widen(in, topRow + x);
        IntVector b = widen(in, bottomRow + x);
        t.lanewise(VectorOperators.LSHL, 8).add(b.sub(t).mul(wy)).intoArray(blended, x);
      }
      for (; x < srcWidth; x++) { // tail
        int t = in[topRow + x] & 0xFF;
        blended[x] = (t << 8) + ((in[bottomRow + x] & 0xFF) - t) * wy;
      }
      // Pass 2: gather the two horizontal neighbours of each output sample.
      int outRow = dst.rowStart(y);
      x = 0;
      for (; x <= lastOutX; x += INT_LANES) {
        IntVector l = IntVector.fromArray(INTS, blended, 0, plan.left, x);
        IntVector r = IntVector.fromArray(INTS, blended, 0, plan.right, x);
        IntVector w = IntVector.fromArray(INTS, plan.xWeight, x);
        IntVector value = l.lanewise(VectorOperators.LSHL, 8).add(r.sub(l).mul(w)).add(1 << 15)
            .lanewise(VectorOperators.ASHR, 16);
        ((ByteVector) value.convertShape(VectorOperators.I2B, QUARTER, 0)).intoArray(out, outRow + x);
      }
      for (; x < dstWidth; x++) { // tail
        int l = blended[plan.left[x]];
        int r = blended[plan.right[x]];
        out[outRow + x] = (byte) (((l << 8) + (r - l) * plan.xWeight[x] + (1 << 15)) >> 16);
      }
    }
  }

  /** QUARTER bytes widened to ints; B2I sign-extends, so mask back to 0..255. */
  private static IntVector widen(byte[] in, int offset) {
    return ((IntVector) ByteVector.fromArray(QUARTER, in, offset)
        .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
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
}
