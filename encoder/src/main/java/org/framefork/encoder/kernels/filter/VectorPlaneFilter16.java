package org.framefork.encoder.kernels.filter;

import static org.framefork.encoder.kernels.filter.PlaneFilter.UNSHARP_BITS;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * The 16-bit filters with the Vector API; the same samples as {@link PlainPlaneFilter16}. Reached
 * through {@link VectorPlaneFilter}.
 *
 * <p>The 8-bit trick one size up: 16-bit samples need 32-bit intermediates (a blur sums up to
 * 65535 * 256), so a short vector is reinterpreted as ints, each lane holding two samples; {@code
 * & 0xFFFF} extracts the even one and an unsigned shift by 16 the odd one, and {@code even | odd <<
 * 16} packs the results back in order. Full-width loads and stores, no conversion, no shuffle.
 */
final class VectorPlaneFilter16 implements PlaneFilter16 {
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHORTS.vectorShape());
  private static final int STEP = SHORTS.length();
  private static final int LOW = 0xFFFF;
  private static final int INT_LANES = INTS.length();
  /** The overlay's 8-bit levels and alpha: bytes that widen to one int vector (at least 64 bits). */
  private static final VectorSpecies<Byte> MARK_BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, SHORTS.vectorBitSize() / 4)));
  /** Shorts that widen to (or receive) one int vector. */
  private static final VectorSpecies<Short> HALF_SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, SHORTS.vectorBitSize() / 2)));

  private static final PlainPlaneFilter16 PLAIN = new PlainPlaneFilter16();

  /** A table of up to 65536 entries: one scalar lookup per sample, as at 8 bits (see there). */
  @Override
  public void applyCurve(Plane16 src, Plane16 dst, ToneCurve curve) {
    PLAIN.applyCurve(src, dst, curve);
  }

  @Override
  public void fill(Plane16 plane, int value) {
    ShortVector v = ShortVector.broadcast(SHORTS, (short) value);
    short[] out = plane.data();
    for (int y = 0; y < plane.height(); y++) {
      int end = plane.rowStart(y) + plane.width();
      int at = plane.rowStart(y);
      for (; at <= end - STEP; at += STEP) {
        v.intoArray(out, at);
      }
      java.util.Arrays.fill(out, at, end, (short) value); // tail
    }
  }

  @Override
  public void gaussianBlur(Plane16 src, Plane16 dst, GaussianKernel kernel, Plane16 scratch) {
    PlainPlaneFilter16.requireSameSizes(src, dst, scratch, "blur");
    // Each pass method is compiled with its vector operations inlined; x0 and x1 are the row's ends.
    kernel.blur(src, dst, scratch, src.width(), src.height(), VectorPlaneFilter16::verticalBlurRow,
        VectorPlaneFilter16::horizontalBlurRow);
  }

  /** The vertical pass: every column is interior, only the row indices clamp. */
  private static void verticalBlurRow(Plane16 src, Plane16 dst, GaussianKernel kernel, int y, int x0, int x1) {
    int r = kernel.radius();
    int width = src.width();
    int lastRow = src.height() - 1;
    short[] in = src.data();
    int x = 0;
    for (; x <= width - STEP; x += STEP) {
      IntVector evenSums = IntVector.broadcast(INTS, GaussianKernel.HALF);
      IntVector oddSums = evenSums;
      for (int k = -r; k <= r; k++) {
        int row = src.rowStart(Math.max(0, Math.min(lastRow, y + k)));
        IntVector taps = pairs(in, row + x);
        evenSums = evenSums.add(taps.and(LOW).mul(kernel.weight(k)));
        oddSums = oddSums.add(odd(taps).mul(kernel.weight(k)));
      }
      pack(evenSums, oddSums).intoArray(dst.data(), dst.rowStart(y) + x);
    }
    PlainPlaneFilter16.verticalBlurRow(src, dst, kernel, y, x, width); // tail
  }

  /** The horizontal pass: vectors only where all 2r+1 shifted loads stay inside the row. */
  private static void horizontalBlurRow(Plane16 src, Plane16 dst, GaussianKernel kernel, int y, int x0, int x1) {
    int r = kernel.radius();
    int width = src.width();
    short[] in = src.data();
    int ri = src.rowStart(y);
    int head = Math.min(r, width);
    PlainPlaneFilter16.horizontalBlurRow(src, dst, kernel, y, 0, head); // left edge
    int x = head;
    for (; x <= width - r - STEP; x += STEP) {
      IntVector evenSums = IntVector.broadcast(INTS, GaussianKernel.HALF);
      IntVector oddSums = evenSums;
      for (int k = -r; k <= r; k++) {
        IntVector taps = pairs(in, ri + x + k);
        evenSums = evenSums.add(taps.and(LOW).mul(kernel.weight(k)));
        oddSums = oddSums.add(odd(taps).mul(kernel.weight(k)));
      }
      pack(evenSums, oddSums).intoArray(dst.data(), dst.rowStart(y) + x);
    }
    PlainPlaneFilter16.horizontalBlurRow(src, dst, kernel, y, x, width); // right edge and tail
  }

  /**
   * Two Q8 sums (below 2^24) rounded back to samples in order: the even one shifted down, the odd
   * one shifted up into the high half of its lane.
   */
  private static ShortVector pack(IntVector even, IntVector odd) {
    return even.lanewise(VectorOperators.LSHR, GaussianKernel.BITS)
        .or(odd.lanewise(VectorOperators.LSHL, 16 - GaussianKernel.BITS).and(0xFFFF0000)).reinterpretAsShorts();
  }

  /** Even and odd results (0..65535) back into shorts in their original order. */
  private static ShortVector interleave(IntVector even, IntVector odd) {
    return even.or(odd.lanewise(VectorOperators.LSHL, 16)).reinterpretAsShorts();
  }

  @Override
  public void unsharpMask(Plane16 src, Plane16 dst, GaussianKernel kernel, double amount, Plane16 scratch, int depth) {
    int a = PlaneFilter.unsharpAmount(amount);
    int peak = PlainPlaneFilter16.peak(depth);
    gaussianBlur(src, dst, kernel, scratch);
    short[] in = src.data();
    short[] out = dst.data();
    for (int y = 0; y < src.height(); y++) {
      int x = 0;
      for (int ri = src.rowStart(y), ro = dst.rowStart(y); x <= src.width() - STEP; x += STEP) {
        IntVector s = pairs(in, ri + x);
        IntVector blur = pairs(out, ro + x);
        interleave(sharpen(s.and(LOW), blur.and(LOW), a, peak), sharpen(odd(s), odd(blur), a, peak))
            .intoArray(out, ro + x);
      }
      PlainPlaneFilter16.sharpenRow(src, dst, a, peak, y, x, src.width()); // tail
    }
  }

  /** {@code s + (a * (s - blur) + 16) >> 5}, clamped to 0..peak. */
  private static IntVector sharpen(IntVector s, IntVector blur, int a, int peak) {
    return s.add(s.sub(blur).mul(a).add(1 << (UNSHARP_BITS - 1)).lanewise(VectorOperators.ASHR, UNSHARP_BITS))
        .max(0).min(peak);
  }

  /** Samples {@code at} and on as ints, two per lane (the even one low). */
  private static IntVector pairs(short[] samples, int at) {
    return ShortVector.fromArray(SHORTS, samples, at).reinterpretAsInts();
  }

  /** The odd samples of {@link #pairs}; {@code & LOW} gives the even ones. */
  private static IntVector odd(IntVector pairs) {
    return pairs.lanewise(VectorOperators.LSHR, 16);
  }

  @Override
  public void temporalDenoise(Plane16 current, Plane16 previous, Plane16 dst, int threshold, int strength) {
    PlainPlaneFilter16.requireSameSizes(current, previous, dst, "temporal denoise");
    PlaneFilter.requireDenoiseSettings(threshold, strength, 1 << 16);
    int width = current.width();
    for (int y = 0; y < current.height(); y++) {
      int x = 0;
      for (; x <= width - STEP; x += STEP) {
        IntVector cur = pairs(current.data(), current.rowStart(y) + x);
        IntVector prev = pairs(previous.data(), previous.rowStart(y) + x);
        IntVector even = denoise(cur.and(LOW), prev.and(LOW), threshold, strength);
        interleave(even, denoise(odd(cur), odd(prev), threshold, strength)).intoArray(dst.data(), dst.rowStart(y) + x);
      }
      PlainPlaneFilter16.denoiseRow(current, previous, dst, threshold, strength, y, x); // tail
    }
  }

  private static IntVector denoise(IntVector cur, IntVector prev, int threshold, int strength) {
    IntVector diff = prev.sub(cur);
    VectorMask<Integer> still = diff.abs().compare(VectorOperators.LT, threshold);
    return cur.blend(cur.add(diff.mul(strength).add(8).lanewise(VectorOperators.ASHR, 4)), still);
  }

  /**
   * The overlay mixes 8-bit levels and alpha into 16-bit samples, so each operand widens to one
   * int vector (B2I and S2I sign-extend: masked back) and the result narrows to shorts.
   */
  @Override
  public void blend(YuvFrame16 frame, int plane, int dx, int dy, Plane src, Plane alpha, int sx, int sy, int width,
      int height, boolean fullRange) {
    Plane16 dst = frame.plane(plane);
    int shift = frame.depth() - 8;
    int stretch = Watermark.stretch(shift, fullRange);
    int bias = Watermark.bias(shift, plane, fullRange) + 127; // with div255's rounding
    int offset = Watermark.offset(plane, fullRange);
    short[] out = dst.data();
    int lastX = width - Math.max(MARK_BYTES.length(), INT_LANES);
    for (int row = 0; row < height; row++) {
      int ro = dst.rowStart(dy + row) + dx;
      int ri = src.rowStart(sy + row) + sx;
      int ra = alpha.rowStart(sy + row) + sx;
      int x = 0;
      for (; x <= lastX; x += INT_LANES) {
        IntVector under = ((IntVector) ShortVector.fromArray(HALF_SHORTS, out, ro + x)
            .convertShape(VectorOperators.S2I, INTS, 0)).and(LOW);
        IntVector over = deepen(widen(src.data(), ri + x), shift, stretch, bias, offset);
        IntVector a = widen(alpha.data(), ra + x);
        IntVector w = a.add(a.lanewise(VectorOperators.LSHR, 7));
        IntVector mixed = under.mul(IntVector.broadcast(INTS, 256).sub(w)).add(over.mul(w)).add(128)
            .lanewise(VectorOperators.LSHR, 8);
        ((ShortVector) mixed.convertShape(VectorOperators.I2S, HALF_SHORTS, 0)).intoArray(out, ro + x);
      }
      PlainPlaneFilter16.blendRow(out, ro, src.data(), ri, alpha.data(), ra, shift, plane, fullRange, x, width); // tail
    }
  }

  /** {@link Watermark#deepen} on lanes; {@code bias} includes div255's 127. */
  private static IntVector deepen(IntVector level, int shift, int stretch, int bias, int offset) {
    IntVector y = level.mul(stretch).add(bias);
    IntVector rounded = y.add(y.lanewise(VectorOperators.ASHR, 8)).add(1).lanewise(VectorOperators.ASHR, 8);
    return level.lanewise(VectorOperators.LSHL, shift).add(rounded).sub(offset).max(0);
  }

  /** INT_LANES bytes from {@code at} as ints 0..255. */
  private static IntVector widen(byte[] data, int at) {
    return ((IntVector) ByteVector.fromArray(MARK_BYTES, data, at).convertShape(VectorOperators.B2I, INTS, 0))
        .and(0xFF);
  }
}
