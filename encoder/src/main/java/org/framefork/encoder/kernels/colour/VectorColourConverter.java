package org.framefork.encoder.kernels.colour;

import static org.framefork.encoder.kernels.colour.ColourMatrix.CHROMA_SUM_BIAS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.INVERSE_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
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
  /** Lanes 0, 2, 4, ... of two vectors (indices past LANES select from the second). */
  private static final VectorShuffle<Integer> EVEN_LANES = VectorShuffle.fromOp(INTS, i -> 2 * i);
  private static final VectorShuffle<Integer> ODD_LANES = VectorShuffle.fromOp(INTS, i -> 2 * i + 1);
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
    byte[] in = src.data();
    byte[] luma = dst.y().data();
    byte[] u = dst.u().data();
    byte[] v = dst.v().data();
    int bpp = src.layout().bytesPerPixel();
    for (int y = 0; y < height; y += 2) {
      int y1 = Math.min(y + 1, height - 1);
      int topIn = src.rowStart(y);
      int bottomIn = src.rowStart(y1);
      int topOut = dst.y().rowStart(y);
      int bottomOut = dst.y().rowStart(y1);
      int uOut = dst.u().rowStart(y >> 1);
      int vOut = dst.v().rowStart(y >> 1);
      int x = 0;
      for (; x <= lastX; x += 2 * LANES) {
        IntVector t0 = pixels(in, topIn + x * bpp, bgr);
        IntVector t1 = pixels(in, topIn + (x + LANES) * bpp, bgr);
        IntVector b0 = pixels(in, bottomIn + x * bpp, bgr);
        IntVector b1 = pixels(in, bottomIn + (x + LANES) * bpp, bgr);
        // Bottom first: on an odd last row top == bottom and the top row's values must win
        // (they are the same values, so the order only matters for clarity).
        storeBytes(luma(b0, m), luma, bottomOut + x);
        storeBytes(luma(b1, m), luma, bottomOut + x + LANES);
        storeBytes(luma(t0, m), luma, topOut + x);
        storeBytes(luma(t1, m), luma, topOut + x + LANES);

        // Red | blue << 16 and green | junk << 16, summed over the 2x2 blocks.
        IntVector rb0 = t0.and(0x00FF00FF).add(b0.and(0x00FF00FF));
        IntVector rb1 = t1.and(0x00FF00FF).add(b1.and(0x00FF00FF));
        IntVector gx0 = t0.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF)
            .add(b0.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF));
        IntVector gx1 = t1.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF)
            .add(b1.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF));
        IntVector rb = rb0.rearrange(EVEN_LANES, rb1).add(rb0.rearrange(ODD_LANES, rb1));
        IntVector gx = gx0.rearrange(EVEN_LANES, gx1).add(gx0.rearrange(ODD_LANES, gx1));
        IntVector rs = rb.and(0xFFFF);
        IntVector bs = rb.lanewise(VectorOperators.LSHR, 16);
        IntVector gs = gx.and(0xFFFF);
        storeBytes(chroma(rs, gs, bs, m.ur, m.ug, m.ub), u, uOut + (x >> 1));
        storeBytes(chroma(rs, gs, bs, m.vr, m.vg, m.vb), v, vOut + (x >> 1));
      }
      // Tail: fewer than 2 * LANES pixels (plus the bytes the vector loads would overrun).
      PlainColourConverter.toYuv420Rows(src, dst, m, y, y1, x, width);
    }
  }

  /** LANES pixels as ints, red in the low byte, then green, then blue; the top byte is junk. */
  private static IntVector pixels(byte[] in, int offset, boolean bgr) {
    ByteVector bytes = ByteVector.fromArray(BYTES, in, offset);
    if (bgr) {
      bytes = bytes.rearrange(BGR_TO_RGBX);
    }
    return bytes.reinterpretAsInts();
  }

  private static IntVector luma(IntVector rgbx, ColourMatrix m) {
    IntVector r = rgbx.and(0xFF);
    IntVector g = rgbx.lanewise(VectorOperators.LSHR, 8).and(0xFF);
    IntVector b = rgbx.lanewise(VectorOperators.LSHR, 16).and(0xFF);
    return r.mul(m.yr).add(g.mul(m.yg)).add(b.mul(m.yb)).add(LUMA_BIAS)
        .lanewise(VectorOperators.ASHR, FORWARD_BITS);
  }

  private static IntVector chroma(IntVector rs, IntVector gs, IntVector bs, int cr, int cg, int cb) {
    return rs.mul(cr).add(gs.mul(cg)).add(bs.mul(cb)).add(CHROMA_SUM_BIAS)
        .lanewise(VectorOperators.ASHR, FORWARD_BITS + 2);
  }

  /** Writes the low byte of each lane (values are 0..255) as NARROW_BYTES bytes. */
  private static void storeBytes(IntVector values, byte[] out, int offset) {
    ((ByteVector) values.convertShape(VectorOperators.I2B, NARROW, 0)).intoArray(out, offset);
  }

  /** NARROW_BYTES bytes widened to ints; B2I sign-extends, so mask back to 0..255. */
  private static IntVector loadBytes(byte[] in, int offset) {
    return ((IntVector) ByteVector.fromArray(NARROW, in, offset)
        .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
  }

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
        IntVector c = loadBytes(luma, lumaIn + x).sub(16).mul(m.y).add(round);
        IntVector d = loadBytes(u, uIn + (x >> 1)).rearrange(DOUBLE_UP).sub(128);
        IntVector e = loadBytes(v, vIn + (x >> 1)).rearrange(DOUBLE_UP).sub(128);
        IntVector r = clampToByte(c.add(e.mul(m.rv)));
        IntVector g = clampToByte(c.sub(d.mul(m.gu)).sub(e.mul(m.gv)));
        IntVector b = clampToByte(c.add(d.mul(m.bu)));
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

  private static IntVector clampToByte(IntVector scaled) {
    return scaled.lanewise(VectorOperators.ASHR, INVERSE_BITS).max(0).min(255);
  }
}
