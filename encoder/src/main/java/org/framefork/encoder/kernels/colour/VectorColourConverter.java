package org.framefork.encoder.kernels.colour;

import static org.framefork.encoder.kernels.colour.ColourMatrix.CHROMA_SUM_BIAS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.INVERSE_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * Colour conversion with the Vector API, the same integer arithmetic as {@link
 * PlainColourConverter} (so the same bytes), one pixel per int lane.
 *
 * <p>Why int lanes: the Q15 products need more than 16 bits, and an int lane holds exactly one
 * RGBA pixel, so a vector load of RGBA bytes reinterpreted as ints is already "one pixel per lane"
 * with no shuffling. BGR24 pixels are 3 bytes, so they are first spread to 4 bytes each with one
 * byte rearrange (on AVX2 a cross-lane byte shuffle is two {@code vpshufb} and a blend). Chroma
 * sums are made before the channels are split: masking with {@code 0x00FF00FF} keeps red and blue
 * in two 16-bit fields of one int, so one add sums both (four samples of at most 255 never carry
 * out of a field).
 *
 * <p>Results leave through an I2B narrowing that writes {@link #NARROW} bytes; on 256-bit vectors
 * that is exactly one int vector's pixels, on 128-bit vectors it is 8 bytes for 4 pixels, and the
 * loop bounds keep that spill inside the row (the next step overwrites it).
 */
public final class VectorColourConverter implements ColourConverter {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, BYTES.vectorShape());
  /** Pixels per int vector (8 with AVX2, 16 with AVX-512). */
  private static final int LANES = INTS.length();
  /** Bytes that receive one int vector narrowed to bytes: a quarter of the shape, at least 64 bits. */
  private static final VectorSpecies<Byte> NARROW =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 4)));
  private static final int NARROW_BYTES = NARROW.length();
  /** Shorts that receive one int vector narrowed: half its bits, exactly its lanes (from 128-bit vectors up). */
  private static final VectorSpecies<Short> SHORTS_NARROW =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, BYTES.vectorBitSize() / 2)));

  /** BGR24 to "RGBX": int lane k gets red, green, blue of pixel k in its low three bytes. */
  private static final VectorShuffle<Byte> BGR_TO_RGBX =
      VectorShuffle.fromOp(BYTES, i -> {
        int pixel = i >> 2;
        return switch (i & 3) {
          case 0 -> 3 * pixel + 2;
          case 1 -> 3 * pixel + 1;
          default -> 3 * pixel; // blue; the fourth byte is ignored
        };
      });
  /** "BGRX" to BGR24: drops every fourth byte; the last quarter of the lanes is filler. */
  private static final VectorShuffle<Byte> BGRX_TO_BGR =
      VectorShuffle.fromOp(BYTES, i -> i < 3 * LANES ? (i / 3) * 4 + i % 3 : 0);
  /** Lane i gets lane i + 1 (the last lane's value is never used). */
  private static final VectorShuffle<Integer> NEXT_LANE =
      VectorShuffle.fromOp(INTS, i -> Math.min(i + 1, LANES - 1));
  /** Lane i gets lane 2i modulo the length: the even lanes, twice. */
  private static final VectorShuffle<Integer> EVEN_LANES_WRAPPED =
      VectorShuffle.fromOp(INTS, i -> (2 * i) % LANES);
  /** The upper half of the lanes. */
  private static final VectorMask<Integer> HIGH_HALF =
      VectorMask.fromLong(INTS, -1L << (LANES / 2));
  /** Lane i gets lane i / 2: one chroma sample for two luma columns. */
  private static final VectorShuffle<Integer> DOUBLE_UP = VectorShuffle.fromOp(INTS, i -> i >> 1);

  @Override
  public void toYuv420(PackedImage src, YuvFrame dst, ColourMatrix m) {
    ColourConverter.requireSameSize(src, dst);
    int width = src.width();
    int height = src.height();
    boolean bgr = src.layout() == PixelLayout.BGR24;
    int chromaWidth = dst.u().width();
    // Largest x for a step of 2 * LANES pixels: reads, luma stores and chroma stores stay in rows.
    int lastX = Math.min(width - 2 * LANES, width - LANES - NARROW_BYTES);
    lastX = Math.min(lastX, 2 * (chromaWidth - NARROW_BYTES));
    if (bgr) {
      // The second load starts at pixel x + LANES and reads a whole vector (4 * LANES bytes).
      lastX = Math.min(lastX, Math.floorDiv(3 * width - 7 * LANES, 3));
    }
    // Whole steps of 2 * LANES pixels; the rest of each row goes to the plain code.
    int vectorEnd = lastX < 0 ? 0 : lastX - lastX % (2 * LANES) + 2 * LANES;
    byte[] in = src.data();
    byte[] luma = dst.y().data();
    for (int y = 0; y < height; y += 2) {
      int y1 = Math.min(y + 1, height - 1);
      int topIn = src.rowStart(y);
      int bottomIn = src.rowStart(y1);
      rowPair(in, topIn, bottomIn, bgr, dst, y >> 1, vectorEnd, m, luma, dst.y().rowStart(y),
          dst.y().rowStart(y1));
      PlainColourConverter.toYuv420Rows(src, dst, m, y, y1, vectorEnd, width); // tail
    }
  }

  /**
   * Pixels [0, end) of rows top and bottom (the same row for an odd last row): the luma of both
   * rows and chroma row cy, from one load of each pixel.
   *
   * <p>Luma: each int lane is one pixel, red in the low byte; mask, multiply, add, shift.
   *
   * <p>Chroma: red and blue are summed together: masked with 0x00FF00FF they sit in two 16-bit
   * fields of one int (green and the junk byte likewise after a shift by 8), and four samples of
   * at most 255 never carry out of a field. Horizontal pairs are added with a one-lane shift
   * ({@code vpermd}), then the even lanes of two vectors are collected into one with two more
   * permutes and a blend.
   *
   * <p>Each layout has its own loop, written out, and nothing in them calls a helper that takes or
   * returns vectors. The first version did: its helpers ran past C2's inlining budget, every
   * vector crossing a call was boxed, and it was slower than plain Java. Choosing the layout in
   * the loop (a variable holding "either vector") also defeats the intrinsics. Hence the
   * repetition.
   */
  private static void rowPair(byte[] in, int topIn, int bottomIn, boolean bgr, YuvFrame dst,
      int cy, int end, ColourMatrix m, byte[] luma, int topOut, int bottomOut) {
    int yr = m.yr;
    int yg = m.yg;
    int yb = m.yb;
    byte[] u = dst.u().data();
    byte[] v = dst.v().data();
    int uOut = dst.u().rowStart(cy);
    int vOut = dst.v().rowStart(cy);
    int ur = m.ur;
    int ug = m.ug;
    int ub = m.ub;
    int vr = m.vr;
    int vg = m.vg;
    int vb = m.vb;
    // The two loop bodies differ only in how pixels are loaded (see above for why twice).
    if (bgr) {
      for (int x = 0; x < end; x += 2 * LANES) {
        IntVector t0 = ByteVector.fromArray(BYTES, in, topIn + 3 * x).rearrange(BGR_TO_RGBX)
            .reinterpretAsInts();
        IntVector t1 = ByteVector.fromArray(BYTES, in, topIn + 3 * (x + LANES))
            .rearrange(BGR_TO_RGBX).reinterpretAsInts();
        IntVector b0 = ByteVector.fromArray(BYTES, in, bottomIn + 3 * x).rearrange(BGR_TO_RGBX)
            .reinterpretAsInts();
        IntVector b1 = ByteVector.fromArray(BYTES, in, bottomIn + 3 * (x + LANES))
            .rearrange(BGR_TO_RGBX).reinterpretAsInts();
        // Luma of the four pixel vectors, from the same registers.
        IntVector yt0 = t0.and(0xFF).mul(yr).add(t0.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(t0.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yt1 = t1.and(0xFF).mul(yr).add(t1.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(t1.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yb0 = b0.and(0xFF).mul(yr).add(b0.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(b0.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yb1 = b1.and(0xFF).mul(yr).add(b1.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(b1.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        ((ByteVector) yb0.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, bottomOut + x);
        ((ByteVector) yb1.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, bottomOut + x + LANES);
        ((ByteVector) yt0.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, topOut + x);
        ((ByteVector) yt1.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, topOut + x + LANES);
        IntVector rb0 = t0.and(FIELDS).add(b0.and(FIELDS));
        IntVector rb1 = t1.and(FIELDS).add(b1.and(FIELDS));
        IntVector gx0 = t0.lanewise(VectorOperators.LSHR, 8).and(FIELDS)
            .add(b0.lanewise(VectorOperators.LSHR, 8).and(FIELDS));
        IntVector gx1 = t1.lanewise(VectorOperators.LSHR, 8).and(FIELDS)
            .add(b1.lanewise(VectorOperators.LSHR, 8).and(FIELDS));
        // Horizontal pairs: add the next lane, then keep the even lanes of both vectors.
        IntVector rbPairs0 = rb0.add(rb0.rearrange(NEXT_LANE));
        IntVector rbPairs1 = rb1.add(rb1.rearrange(NEXT_LANE));
        IntVector gxPairs0 = gx0.add(gx0.rearrange(NEXT_LANE));
        IntVector gxPairs1 = gx1.add(gx1.rearrange(NEXT_LANE));
        IntVector rb = rbPairs0.rearrange(EVEN_LANES_WRAPPED)
            .blend(rbPairs1.rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
        IntVector gx = gxPairs0.rearrange(EVEN_LANES_WRAPPED)
            .blend(gxPairs1.rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
        IntVector rs = rb.and(0xFFFF);
        IntVector bs = rb.lanewise(VectorOperators.LSHR, 16);
        IntVector gs = gx.and(0xFFFF);
        IntVector cu = rs.mul(ur).add(gs.mul(ug)).add(bs.mul(ub)).add(CHROMA_SUM_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS + 2);
        IntVector cv = rs.mul(vr).add(gs.mul(vg)).add(bs.mul(vb)).add(CHROMA_SUM_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS + 2);
        ((ByteVector) cu.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(u, uOut + (x >> 1));
        ((ByteVector) cv.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(v, vOut + (x >> 1));
      }
    } else {
      for (int x = 0; x < end; x += 2 * LANES) {
        IntVector t0 = ByteVector.fromArray(BYTES, in, topIn + 4 * x).reinterpretAsInts();
        IntVector t1 = ByteVector.fromArray(BYTES, in, topIn + 4 * (x + LANES)).reinterpretAsInts();
        IntVector b0 = ByteVector.fromArray(BYTES, in, bottomIn + 4 * x).reinterpretAsInts();
        IntVector b1 = ByteVector.fromArray(BYTES, in, bottomIn + 4 * (x + LANES)).reinterpretAsInts();
        // Luma of the four pixel vectors, from the same registers.
        IntVector yt0 = t0.and(0xFF).mul(yr).add(t0.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(t0.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yt1 = t1.and(0xFF).mul(yr).add(t1.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(t1.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yb0 = b0.and(0xFF).mul(yr).add(b0.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(b0.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        IntVector yb1 = b1.and(0xFF).mul(yr).add(b1.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(yg))
            .add(b1.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(yb)).add(LUMA_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS);
        ((ByteVector) yb0.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, bottomOut + x);
        ((ByteVector) yb1.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, bottomOut + x + LANES);
        ((ByteVector) yt0.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, topOut + x);
        ((ByteVector) yt1.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(luma, topOut + x + LANES);
        IntVector rb0 = t0.and(FIELDS).add(b0.and(FIELDS));
        IntVector rb1 = t1.and(FIELDS).add(b1.and(FIELDS));
        IntVector gx0 = t0.lanewise(VectorOperators.LSHR, 8).and(FIELDS)
            .add(b0.lanewise(VectorOperators.LSHR, 8).and(FIELDS));
        IntVector gx1 = t1.lanewise(VectorOperators.LSHR, 8).and(FIELDS)
            .add(b1.lanewise(VectorOperators.LSHR, 8).and(FIELDS));
        // Horizontal pairs: add the next lane, then keep the even lanes of both vectors.
        IntVector rbPairs0 = rb0.add(rb0.rearrange(NEXT_LANE));
        IntVector rbPairs1 = rb1.add(rb1.rearrange(NEXT_LANE));
        IntVector gxPairs0 = gx0.add(gx0.rearrange(NEXT_LANE));
        IntVector gxPairs1 = gx1.add(gx1.rearrange(NEXT_LANE));
        IntVector rb = rbPairs0.rearrange(EVEN_LANES_WRAPPED)
            .blend(rbPairs1.rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
        IntVector gx = gxPairs0.rearrange(EVEN_LANES_WRAPPED)
            .blend(gxPairs1.rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
        IntVector rs = rb.and(0xFFFF);
        IntVector bs = rb.lanewise(VectorOperators.LSHR, 16);
        IntVector gs = gx.and(0xFFFF);
        IntVector cu = rs.mul(ur).add(gs.mul(ug)).add(bs.mul(ub)).add(CHROMA_SUM_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS + 2);
        IntVector cv = rs.mul(vr).add(gs.mul(vg)).add(bs.mul(vb)).add(CHROMA_SUM_BIAS)
            .lanewise(VectorOperators.ASHR, FORWARD_BITS + 2);
        ((ByteVector) cu.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(u, uOut + (x >> 1));
        ((ByteVector) cv.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(v, vOut + (x >> 1));
      }
    }
  }

  /** Two 16-bit fields per int: red or green low, blue or junk high. */
  private static final int FIELDS = 0x00FF00FF;





  @Override
  public void fromYuv420(YuvFrame src, PackedImage dst, ColourMatrix m) {
    ColourConverter.requireSameSize(dst, src);
    int width = src.width();
    boolean bgr = dst.layout() == PixelLayout.BGR24;
    int bpp = dst.layout().bytesPerPixel();
    int chromaWidth = src.u().width();
    int lastX = Math.min(width - NARROW_BYTES, 2 * (chromaWidth - NARROW_BYTES));
    lastX = Math.min(lastX, bgr ? Math.floorDiv(3 * width - 4 * LANES, 3) : width - LANES);
    int round = 1 << (INVERSE_BITS - 1);
    IntVector alpha = IntVector.broadcast(INTS, bgr ? 0 : 0xFF000000);
    int cy = m.y;
    int rv = m.rv;
    int gu = m.gu;
    int gv = m.gv;
    int bu = m.bu;
    byte[] luma = src.y().data();
    byte[] u = src.u().data();
    byte[] v = src.v().data();
    byte[] out = dst.data();
    for (int y = 0; y < src.height(); y++) {
      int lumaIn = src.y().rowStart(y);
      int uIn = src.u().rowStart(y >> 1);
      int vIn = src.v().rowStart(y >> 1);
      int rowOut = dst.rowStart(y);
      int x = 0;
      for (; x <= lastX; x += LANES) {
        // B2I sign-extends: mask back to 0..255. One chroma sample serves two columns.
        IntVector c = ((IntVector) ByteVector.fromArray(NARROW, luma, lumaIn + x)
            .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF).sub(16).mul(cy).add(round);
        IntVector d = ((IntVector) ByteVector.fromArray(NARROW, u, uIn + (x >> 1))
            .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF).rearrange(DOUBLE_UP).sub(128);
        IntVector e = ((IntVector) ByteVector.fromArray(NARROW, v, vIn + (x >> 1))
            .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF).rearrange(DOUBLE_UP).sub(128);
        IntVector r = c.add(e.mul(rv)).lanewise(VectorOperators.ASHR, INVERSE_BITS).max(0).min(255);
        IntVector g = c.sub(d.mul(gu)).sub(e.mul(gv)).lanewise(VectorOperators.ASHR, INVERSE_BITS)
            .max(0).min(255);
        IntVector b = c.add(d.mul(bu)).lanewise(VectorOperators.ASHR, INVERSE_BITS).max(0).min(255);
        if (bgr) {
          IntVector bgrx = b.or(g.lanewise(VectorOperators.LSHL, 8))
              .or(r.lanewise(VectorOperators.LSHL, 16));
          // Writes 4 * LANES bytes: LANES pixels and a filler the next step overwrites.
          bgrx.reinterpretAsBytes().rearrange(BGRX_TO_BGR).intoArray(out, rowOut + x * 3);
        } else {
          r.or(g.lanewise(VectorOperators.LSHL, 8)).or(b.lanewise(VectorOperators.LSHL, 16))
              .or(alpha).reinterpretAsBytes().intoArray(out, rowOut + x * bpp);
        }
      }
      PlainColourConverter.fromYuv420Row(src, dst, m, y, x, width);
    }
  }

  // The row operations of RgbToYuv420: int arrays in, one pixel (or pixel pair) per lane, the same
  // integer operations as the plain twin. Each loop narrows its results to bytes with I2B, whose
  // store may spill past the vector's pixels on 128-bit vectors (see NARROW): the bounds keep the
  // spill inside the row, and the next step or the plain tail overwrites it.

  @Override
  public void luma(int[] r, int[] g, int[] b, int n, byte[] y, int yOffset, ColourMatrix m) {
    int i = lumaVectors(r, g, b, n, y, null, yOffset, m);
    PlainColourConverter.lumaRange(r, g, b, i, n, y, null, yOffset, m);
  }

  @Override
  public void luma10(int[] r, int[] g, int[] b, int n, short[] y, int yOffset, ColourMatrix m) {
    int i = lumaVectors(r, g, b, n, null, y, yOffset, m);
    PlainColourConverter.lumaRange(r, g, b, i, n, null, y, yOffset, m);
  }

  /**
   * The whole vectors of {@link #luma} (into {@code bytes}) or {@link #luma10} (into {@code
   * shorts} when it is not null: callers pass a constant null, folded once inlined); returns where
   * the plain tail starts. An int vector narrows to shorts of exactly its lanes, to bytes with a
   * possible spill (see NARROW), hence the two bounds.
   */
  private static int lumaVectors(int[] r, int[] g, int[] b, int n, byte[] bytes, short[] shorts, int yOffset,
      ColourMatrix m) {
    boolean ten = shorts != null;
    int bias = ten ? RgbToYuv420.LUMA_SAMPLE_BIAS_10 : RgbToYuv420.LUMA_SAMPLE_BIAS;
    int shift = ten ? RgbToYuv420.LUMA_SHIFT_10 : RgbToYuv420.LUMA_SHIFT;
    int reach = ten ? LANES : Math.max(LANES, NARROW_BYTES);
    int i = 0;
    for (; i + reach <= n; i += LANES) {
      IntVector sum = IntVector.fromArray(INTS, r, i).mul(m.yr)
          .add(IntVector.fromArray(INTS, g, i).mul(m.yg))
          .add(IntVector.fromArray(INTS, b, i).mul(m.yb))
          .add(bias)
          .lanewise(VectorOperators.ASHR, shift);
      store(sum, bytes, shorts, yOffset + i);
    }
    return i;
  }

  /**
   * {@code values} narrowed into {@code shorts} at {@code at}, or into {@code bytes} when {@code
   * shorts} is null. Small enough that C2 always inlines it, so the vector is never boxed (see
   * {@link #rowPair} on helpers that take vectors).
   */
  private static void store(IntVector values, byte[] bytes, short[] shorts, int at) {
    if (shorts != null) {
      values.convertShape(VectorOperators.I2S, SHORTS_NARROW, 0).reinterpretAsShorts().intoArray(shorts, at);
    } else {
      values.convertShape(VectorOperators.I2B, NARROW, 0).reinterpretAsBytes().intoArray(bytes, at);
    }
  }

  @Override
  public void chromaPairs(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m) {
    pairs(rs, gs, bs, n, u, v, offset, m, RgbToYuv420.PAIR_SHIFT);
  }

  @Override
  public void chromaPairs10(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m) {
    pairs(rs, gs, bs, n, u, v, offset, m, RgbToYuv420.PAIR_SHIFT_10);
  }

  /** {@link #chromaPairs} with its shift a parameter (arrays in and out, no vector crosses the call). */
  private static void pairs(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m,
      int shift) {
    int round = 1 << (shift - 1);
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      IntVector r = IntVector.fromArray(INTS, rs, i);
      IntVector g = IntVector.fromArray(INTS, gs, i);
      IntVector b = IntVector.fromArray(INTS, bs, i);
      r.mul(m.ur).add(g.mul(m.ug)).add(b.mul(m.ub)).add(round)
          .lanewise(VectorOperators.ASHR, shift).intoArray(u, offset + i);
      r.mul(m.vr).add(g.mul(m.vg)).add(b.mul(m.vb)).add(round)
          .lanewise(VectorOperators.ASHR, shift).intoArray(v, offset + i);
    }
    PlainColourConverter.chromaPairRange(rs, gs, bs, i, n, u, v, offset, m, shift);
  }

  @Override
  public void toneMap(HdrToSdr mapping, HdrToSdr.Pixels pixels, int n) {
    VectorToneMap.map(mapping, pixels, n);
  }

  @Override
  public void chromaTaps(int[] src, int[] rowStarts, int[] weights, int n, byte[] dst, int dstOffset) {
    int i = taps(src, rowStarts, weights, n, dst, null, dstOffset);
    PlainColourConverter.chromaTapRange(src, rowStarts, weights, i, n, dst, dstOffset);
  }

  /**
   * The whole vectors of {@link #chromaTaps} (into {@code bytes}) or {@link #chromaTaps10} (into
   * {@code shorts} when it is not null: each caller passes a constant null, folded once inlined);
   * returns where the plain tail starts. A short store takes exactly an int vector's lanes, a byte
   * store may spill (see NARROW), hence the two bounds.
   */
  private static int taps(int[] src, int[] rowStarts, int[] weights, int n, byte[] bytes, short[] shorts, int dstOffset) {
    boolean ten = shorts != null;
    int bias = ten ? RgbToYuv420.TAP_BIAS_10 : RgbToYuv420.TAP_BIAS;
    int shift = ten ? RgbToYuv420.TAP_SHIFT_10 : RgbToYuv420.TAP_SHIFT;
    int max = ten ? RgbToYuv420.MAX_10 : 255;
    int reach = ten ? LANES : Math.max(LANES, NARROW_BYTES);
    int i = 0;
    for (; i + reach <= n; i += LANES) {
      IntVector acc = IntVector.broadcast(INTS, bias);
      for (int k = 0; k < rowStarts.length; k++) {
        acc = acc.add(IntVector.fromArray(INTS, src, rowStarts[k] + i).mul(weights[k]));
      }
      store(acc.lanewise(VectorOperators.ASHR, shift).max(0).min(max), bytes, shorts, dstOffset + i);
    }
    return i;
  }

  @Override
  public void chromaTaps10(int[] src, int[] rowStarts, int[] weights, int n, short[] dst, int dstOffset) {
    int i = taps(src, rowStarts, weights, n, null, dst, dstOffset);
    PlainColourConverter.chromaTap10Range(src, rowStarts, weights, i, n, dst, dstOffset);
  }
}
