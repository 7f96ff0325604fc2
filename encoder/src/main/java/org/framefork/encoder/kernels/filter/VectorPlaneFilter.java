package org.framefork.encoder.kernels.filter;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * Filters with the Vector API; the same bytes as {@link PlainPlaneFilter}.
 *
 * <p>Every filter here needs at most 16 bits per intermediate (the blur sums to at most 255 * 256,
 * the blend too), so they all run on 16-bit lanes and never convert: a byte vector reinterpreted as
 * shorts holds two samples per lane, {@code & 0xFF} extracts the even one and an unsigned shift by
 * 8 the odd one, and {@code even | odd << 8} packs the results back in their original order. That
 * is two 16-lane halves per 32-byte load on AVX2, with no cross-lane shuffle. The 16-bit twins
 * are {@link VectorPlaneFilter16}'s: the same trick on int lanes.
 */
public final class VectorPlaneFilter implements PlaneFilter, Watermark.RegionBlend<YuvFrame> {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, BYTES.vectorShape());
  private static final int STEP = BYTES.length();
  private static final short LOW_BYTE = 0xFF;

  /**
   * A 256-entry byte table does not fit a vector register: the lookup would be sixteen 16-entry
   * {@code vpshufb} plus blends per vector, slower than the scalar loop, which already does one
   * load and one store per sample. So the table lookup stays scalar.
   */
  @Override
  public void applyCurve(Plane src, Plane dst, ToneCurve curve) {
    PLAIN.applyCurve(src, dst, curve);
  }

  private static final PlainPlaneFilter PLAIN = new PlainPlaneFilter();

  @Override
  public void fill(Plane plane, int value) {
    ByteVector v = ByteVector.broadcast(BYTES, (byte) value);
    byte[] out = plane.data();
    int width = plane.width();
    for (int y = 0; y < plane.height(); y++) {
      int r = plane.rowStart(y);
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        v.intoArray(out, r + x);
      }
      for (; x < width; x++) { // tail
        out[r + x] = (byte) value;
      }
    }
  }

  @Override
  public void gaussianBlur(Plane src, Plane dst, GaussianKernel kernel, Plane scratch) {
    src.requireSameSize(dst, "blur");
    src.requireSameSize(scratch, "blur scratch");
    int width = src.width();
    int height = src.height();
    int r = kernel.radius();
    int[] w = kernel.weights();
    byte[] in = src.data();
    byte[] mid = scratch.data();
    byte[] out = dst.data();
    // Vertical pass: every column is interior, only the row indices clamp.
    for (int y = 0; y < height; y++) {
      int ro = scratch.rowStart(y);
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        ShortVector even = ShortVector.broadcast(SHORTS, (short) 128);
        ShortVector odd = even;
        for (int k = -r; k <= r; k++) {
          int row = Math.max(0, Math.min(height - 1, y + k));
          ShortVector s = ByteVector.fromArray(BYTES, in, src.rowStart(row) + x).reinterpretAsShorts();
          short weight = (short) w[k + r];
          even = even.add(s.and(LOW_BYTE).mul(weight));
          odd = odd.add(s.lanewise(VectorOperators.LSHR, 8).mul(weight));
        }
        pack(even, odd).intoArray(mid, ro + x);
      }
      PlainPlaneFilter.verticalBlurRow(src, scratch, kernel, y, x, width); // tail
    }
    // Horizontal pass: vectors only where all 2r+1 shifted loads stay inside the row.
    int lastX = width - r - STEP;
    for (int y = 0; y < height; y++) {
      int ri = scratch.rowStart(y);
      int ro = dst.rowStart(y);
      int head = Math.min(r, width);
      PlainPlaneFilter.horizontalBlurRow(scratch, dst, kernel, y, 0, head); // left edge
      int x = head;
      for (; x <= lastX; x += STEP) {
        ShortVector even = ShortVector.broadcast(SHORTS, (short) 128);
        ShortVector odd = even;
        for (int k = -r; k <= r; k++) {
          ShortVector s = ByteVector.fromArray(BYTES, mid, ri + x + k).reinterpretAsShorts();
          short weight = (short) w[k + r];
          even = even.add(s.and(LOW_BYTE).mul(weight));
          odd = odd.add(s.lanewise(VectorOperators.LSHR, 8).mul(weight));
        }
        pack(even, odd).intoArray(out, ro + x);
      }
      PlainPlaneFilter.horizontalBlurRow(scratch, dst, kernel, y, x, width); // right edge and tail
    }
  }

  /**
   * Packs two Q8 accumulators (at most 255 * 256 + 128, so unsigned 16-bit) back into bytes: the
   * even sample is the accumulator's high byte moved down, the odd one is already in place.
   */
  private static ByteVector pack(ShortVector even, ShortVector odd) {
    return even.lanewise(VectorOperators.LSHR, 8).or(odd.and((short) 0xFF00)).reinterpretAsBytes();
  }

  /** Even and odd 0..255 results back into bytes in their original order. */
  private static ByteVector interleave(ShortVector even, ShortVector odd) {
    return even.or(odd.lanewise(VectorOperators.LSHL, 8)).reinterpretAsBytes();
  }

  @Override
  public void unsharpMask(Plane src, Plane dst, GaussianKernel kernel, double amount, Plane scratch) {
    int a = PlaneFilter.unsharpAmount(amount);
    gaussianBlur(src, dst, kernel, scratch);
    byte[] in = src.data();
    byte[] out = dst.data();
    short round = 1 << (UNSHARP_BITS - 1);
    int width = src.width();
    for (int y = 0; y < src.height(); y++) {
      int ri = src.rowStart(y);
      int ro = dst.rowStart(y);
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        ShortVector s = ByteVector.fromArray(BYTES, in, ri + x).reinterpretAsShorts();
        ShortVector b = ByteVector.fromArray(BYTES, out, ro + x).reinterpretAsShorts();
        interleave(
            sharpen(s.and(LOW_BYTE), b.and(LOW_BYTE), a, round),
            sharpen(s.lanewise(VectorOperators.LSHR, 8), b.lanewise(VectorOperators.LSHR, 8), a, round))
            .intoArray(out, ro + x);
      }
      PlainPlaneFilter.sharpenRow(src, dst, a, y, x, width); // tail
    }
  }

  /** {@code s + (a * (s - blur) + 16) >> 5}, clamped; |255 * 127| fits a signed short. */
  private static ShortVector sharpen(ShortVector s, ShortVector blur, int a, short round) {
    return s.add(s.sub(blur).mul((short) a).add(round).lanewise(VectorOperators.ASHR, UNSHARP_BITS))
        .max((short) 0).min((short) 255);
  }

  @Override
  public void temporalDenoise(Plane current, Plane previous, Plane dst, int threshold, int strength) {
    current.requireSameSize(previous, "temporal denoise");
    current.requireSameSize(dst, "temporal denoise");
    PlaneFilter.requireDenoiseSettings(threshold, strength);
    byte[] c = current.data();
    byte[] p = previous.data();
    byte[] out = dst.data();
    int width = current.width();
    for (int y = 0; y < current.height(); y++) {
      int rc = current.rowStart(y);
      int rp = previous.rowStart(y);
      int ro = dst.rowStart(y);
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        ShortVector cur = ByteVector.fromArray(BYTES, c, rc + x).reinterpretAsShorts();
        ShortVector prev = ByteVector.fromArray(BYTES, p, rp + x).reinterpretAsShorts();
        interleave(
            denoise(cur.and(LOW_BYTE), prev.and(LOW_BYTE), threshold, strength),
            denoise(cur.lanewise(VectorOperators.LSHR, 8), prev.lanewise(VectorOperators.LSHR, 8),
                threshold, strength))
            .intoArray(out, ro + x);
      }
      PlainPlaneFilter.denoiseRow(current, previous, dst, threshold, strength, y, x, width); // tail
    }
  }

  private static ShortVector denoise(ShortVector cur, ShortVector prev, int threshold, int strength) {
    ShortVector diff = prev.sub(cur);
    VectorMask<Short> still = diff.abs().compare(VectorOperators.LT, (short) threshold);
    ShortVector moved = cur.add(diff.mul((short) strength).add((short) 8)
        .lanewise(VectorOperators.ASHR, 4));
    return cur.blend(moved, still);
  }

  @Override
  public void overlay(Watermark mark, YuvFrame frame, int x, int y) {
    mark.place(frame, frame.width(), frame.height(), x, y, this);
  }

  @Override
  public void blend(YuvFrame frame, int plane, int dx, int dy, Plane src, Plane alpha, int sx, int sy, int width,
      int height, boolean fullRange) {
    Plane dst = frame.plane(plane);
    byte[] out = dst.data();
    byte[] in = src.data();
    byte[] al = alpha.data();
    for (int row = 0; row < height; row++) {
      int ro = dst.rowStart(dy + row) + dx;
      int ri = src.rowStart(sy + row) + sx;
      int ra = alpha.rowStart(sy + row) + sx;
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        ShortVector d = ByteVector.fromArray(BYTES, out, ro + x).reinterpretAsShorts();
        ShortVector s = ByteVector.fromArray(BYTES, in, ri + x).reinterpretAsShorts();
        ShortVector a = ByteVector.fromArray(BYTES, al, ra + x).reinterpretAsShorts();
        interleave(
            blend(d.and(LOW_BYTE), s.and(LOW_BYTE), a.and(LOW_BYTE)),
            blend(d.lanewise(VectorOperators.LSHR, 8), s.lanewise(VectorOperators.LSHR, 8),
                a.lanewise(VectorOperators.LSHR, 8)))
            .intoArray(out, ro + x);
      }
      PlainPlaneFilter.blendRow(out, ro, in, ri, al, ra, x, width); // tail
    }
  }

  /**
   * {@code (d * (256 - w) + s * w + 128) >> 8} with w = alpha + (alpha >> 7): a convex mix of two
   * bytes in Q8, at most 255 * 256 + 128, so unsigned 16-bit lanes hold it (hence LSHR).
   */
  private static ShortVector blend(ShortVector d, ShortVector s, ShortVector alpha) {
    ShortVector w = alpha.add(alpha.lanewise(VectorOperators.LSHR, 7));
    return d.mul(ShortVector.broadcast(SHORTS, (short) 256).sub(w)).add(s.mul(w)).add((short) 128)
        .lanewise(VectorOperators.LSHR, 8);
  }

  private static final VectorPlaneFilter16 SIXTEEN_BIT = new VectorPlaneFilter16();

  @Override
  public PlaneFilter16 sixteenBit() {
    return SIXTEEN_BIT;
  }
}
