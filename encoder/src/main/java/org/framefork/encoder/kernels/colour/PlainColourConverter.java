package org.framefork.encoder.kernels.colour;

import static org.framefork.encoder.kernels.colour.ColourMatrix.CHROMA_SUM_BIAS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.INVERSE_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/** The reference colour conversion: one pixel at a time, integer arithmetic only. */
public final class PlainColourConverter implements ColourConverter {

  @Override
  public void toYuv420(PackedImage src, YuvFrame dst, ColourMatrix m) {
    ColourConverter.requireSameSize(src, dst);
    int width = src.width();
    int height = src.height();
    for (int y = 0; y < height; y += 2) {
      // An odd last row pairs with itself, so its chroma is that row's own.
      int y1 = Math.min(y + 1, height - 1);
      toYuv420Rows(src, dst, m, y, y1, 0, width);
    }
  }

  /**
   * Converts pixel columns [{@code x0}, {@code x1}) of rows {@code top} and {@code bottom} (equal
   * for an odd last row); {@code x0} is even. The Vector API twin calls this for its row tails.
   */
  static void toYuv420Rows(
      PackedImage src, YuvFrame dst, ColourMatrix m, int top, int bottom, int x0, int x1) {
    byte[] in = src.data();
    PixelLayout layout = src.layout();
    int bpp = layout.bytesPerPixel();
    int r = layout.red();
    int g = layout.green();
    int b = layout.blue();
    int width = src.width();
    int topIn = src.rowStart(top);
    int bottomIn = src.rowStart(bottom);
    Plane yPlane = dst.y();
    byte[] luma = yPlane.data();
    int topOut = yPlane.rowStart(top);
    int bottomOut = yPlane.rowStart(bottom);
    int chromaOut = dst.u().rowStart(top >> 1);
    int chromaOutV = dst.v().rowStart(top >> 1);
    byte[] u = dst.u().data();
    byte[] v = dst.v().data();
    for (int x = x0; x < x1; x += 2) {
      int xr = Math.min(x + 1, width - 1);
      int p0 = topIn + x * bpp;
      int p1 = topIn + xr * bpp;
      int p2 = bottomIn + x * bpp;
      int p3 = bottomIn + xr * bpp;
      int r0 = in[p0 + r] & 0xFF, g0 = in[p0 + g] & 0xFF, b0 = in[p0 + b] & 0xFF;
      int r1 = in[p1 + r] & 0xFF, g1 = in[p1 + g] & 0xFF, b1 = in[p1 + b] & 0xFF;
      int r2 = in[p2 + r] & 0xFF, g2 = in[p2 + g] & 0xFF, b2 = in[p2 + b] & 0xFF;
      int r3 = in[p3 + r] & 0xFF, g3 = in[p3 + g] & 0xFF, b3 = in[p3 + b] & 0xFF;
      // Writing an odd last column or row twice is harmless: same input, same value.
      luma[topOut + x] = luma(m, r0, g0, b0);
      luma[topOut + xr] = luma(m, r1, g1, b1);
      luma[bottomOut + x] = luma(m, r2, g2, b2);
      luma[bottomOut + xr] = luma(m, r3, g3, b3);
      int rs = r0 + r1 + r2 + r3;
      int gs = g0 + g1 + g2 + g3;
      int bs = b0 + b1 + b2 + b3;
      u[chromaOut + (x >> 1)] = (byte) ((m.ur * rs + m.ug * gs + m.ub * bs + CHROMA_SUM_BIAS) >> (FORWARD_BITS + 2));
      v[chromaOutV + (x >> 1)] = (byte) ((m.vr * rs + m.vg * gs + m.vb * bs + CHROMA_SUM_BIAS) >> (FORWARD_BITS + 2));
    }
  }

  /**
   * {@link #chromaTapRange} and {@link #chromaTap10Range} for the eight taps every chroma row has,
   * written out: with the taps' rows and weights in locals, C2 vectorizes the loop (the general
   * loop's inner loop over the taps it cannot), which makes this about twice as fast. Into {@code
   * bytes} (8 bits) or, when it is not null, {@code shorts} (10 bits): each caller passes a constant
   * null, which C2 folds once this small method is inlined.
   */
  private static void eightTaps(int[] src, int[] rowStarts, int[] weights, int from, int to, byte[] bytes, short[] shorts,
      int dstOffset) {
    boolean ten = shorts != null;
    int bias = ten ? RgbToYuv420.TAP_BIAS_10 : RgbToYuv420.TAP_BIAS;
    int shift = ten ? RgbToYuv420.TAP_SHIFT_10 : RgbToYuv420.TAP_SHIFT;
    int max = ten ? RgbToYuv420.MAX_10 : 255;
    int s0 = rowStarts[0], s1 = rowStarts[1], s2 = rowStarts[2], s3 = rowStarts[3];
    int s4 = rowStarts[4], s5 = rowStarts[5], s6 = rowStarts[6], s7 = rowStarts[7];
    int w0 = weights[0], w1 = weights[1], w2 = weights[2], w3 = weights[3];
    int w4 = weights[4], w5 = weights[5], w6 = weights[6], w7 = weights[7];
    for (int i = from; i < to; i++) {
      int acc = bias + w0 * src[s0 + i] + w1 * src[s1 + i] + w2 * src[s2 + i] + w3 * src[s3 + i]
          + w4 * src[s4 + i] + w5 * src[s5 + i] + w6 * src[s6 + i] + w7 * src[s7 + i];
      int value = Math.max(0, Math.min(max, acc >> shift));
      if (ten) {
        shorts[dstOffset + i] = (short) value;
      } else {
        bytes[dstOffset + i] = (byte) value;
      }
    }
  }

  private static byte luma(ColourMatrix m, int r, int g, int b) {
    return (byte) ((m.yr * r + m.yg * g + m.yb * b + LUMA_BIAS) >> FORWARD_BITS);
  }

  @Override
  public void fromYuv420(YuvFrame src, PackedImage dst, ColourMatrix m) {
    ColourConverter.requireSameSize(dst, src);
    for (int y = 0; y < src.height(); y++) {
      fromYuv420Row(src, dst, m, y, 0, src.width());
    }
  }

  /** Converts pixels [{@code x0}, {@code x1}) of row {@code y}; {@code x0} is even. */
  static void fromYuv420Row(YuvFrame src, PackedImage dst, ColourMatrix m, int y, int x0, int x1) {
    byte[] luma = src.y().data();
    byte[] u = src.u().data();
    byte[] v = src.v().data();
    int lumaIn = src.y().rowStart(y);
    int uIn = src.u().rowStart(y >> 1);
    int vIn = src.v().rowStart(y >> 1);
    PixelLayout layout = dst.layout();
    byte[] out = dst.data();
    int bpp = layout.bytesPerPixel();
    int r = layout.red();
    int g = layout.green();
    int b = layout.blue();
    int a = layout.alpha();
    int round = 1 << (INVERSE_BITS - 1);
    int p = dst.rowStart(y) + x0 * bpp;
    for (int x = x0; x < x1; x++, p += bpp) {
      int c = m.y * ((luma[lumaIn + x] & 0xFF) - 16) + round;
      int d = (u[uIn + (x >> 1)] & 0xFF) - 128;
      int e = (v[vIn + (x >> 1)] & 0xFF) - 128;
      out[p + r] = clampToByte((c + m.rv * e) >> INVERSE_BITS);
      out[p + g] = clampToByte((c - m.gu * d - m.gv * e) >> INVERSE_BITS);
      out[p + b] = clampToByte((c + m.bu * d) >> INVERSE_BITS);
      if (a >= 0) {
        out[p + a] = (byte) 0xFF;
      }
    }
  }

  private static byte clampToByte(int value) {
    return (byte) Math.max(0, Math.min(255, value));
  }

  @Override
  public void luma(int[] r, int[] g, int[] b, int n, byte[] y, int yOffset, ColourMatrix m) {
    lumaRange(r, g, b, 0, n, y, null, yOffset, m);
  }

  @Override
  public void luma10(int[] r, int[] g, int[] b, int n, short[] y, int yOffset, ColourMatrix m) {
    lumaRange(r, g, b, 0, n, null, y, yOffset, m);
  }

  /**
   * Pixels [{@code from}, {@code to}) of {@link #luma} into {@code bytes}, or of {@link #luma10}
   * into {@code shorts} when it is not null (callers pass a constant null, which C2 folds once
   * inlined); the Vector API twin calls it for its tails.
   */
  static void lumaRange(int[] r, int[] g, int[] b, int from, int to, byte[] bytes, short[] shorts, int yOffset,
      ColourMatrix m) {
    boolean ten = shorts != null;
    int bias = ten ? RgbToYuv420.LUMA_SAMPLE_BIAS_10 : RgbToYuv420.LUMA_SAMPLE_BIAS;
    int shift = ten ? RgbToYuv420.LUMA_SHIFT_10 : RgbToYuv420.LUMA_SHIFT;
    for (int i = from; i < to; i++) {
      int value = (m.yr * r[i] + m.yg * g[i] + m.yb * b[i] + bias) >> shift;
      if (ten) {
        shorts[yOffset + i] = (short) value;
      } else {
        bytes[yOffset + i] = (byte) value;
      }
    }
  }

  @Override
  public void chromaPairs(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m) {
    chromaPairRange(rs, gs, bs, 0, n, u, v, offset, m, RgbToYuv420.PAIR_SHIFT);
  }

  @Override
  public void chromaPairs10(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m) {
    chromaPairRange(rs, gs, bs, 0, n, u, v, offset, m, RgbToYuv420.PAIR_SHIFT_10);
  }

  /** Pairs [{@code from}, {@code to}) of {@link #chromaPairs} ({@code shift} its PAIR_SHIFT) or {@link #chromaPairs10}. */
  static void chromaPairRange(int[] rs, int[] gs, int[] bs, int from, int to, int[] u, int[] v, int offset,
      ColourMatrix m, int shift) {
    int round = 1 << (shift - 1);
    for (int i = from; i < to; i++) {
      u[offset + i] = (m.ur * rs[i] + m.ug * gs[i] + m.ub * bs[i] + round) >> shift;
      v[offset + i] = (m.vr * rs[i] + m.vg * gs[i] + m.vb * bs[i] + round) >> shift;
    }
  }

  @Override
  public void toneMap(HdrToSdr mapping, HdrToSdr.Pixels pixels, int n) {
    mapping.mapPixels(pixels, 0, n);
  }

  @Override
  public void chromaTaps(int[] src, int[] rowStarts, int[] weights, int n, byte[] dst, int dstOffset) {
    chromaTapRange(src, rowStarts, weights, 0, n, dst, dstOffset);
  }

  @Override
  public void chromaTaps10(int[] src, int[] rowStarts, int[] weights, int n, short[] dst, int dstOffset) {
    chromaTap10Range(src, rowStarts, weights, 0, n, dst, dstOffset);
  }

  /** Samples [{@code from}, {@code to}) of {@link #chromaTaps10} (always eight taps). */
  static void chromaTap10Range(int[] src, int[] rowStarts, int[] weights, int from, int to, short[] dst, int dstOffset) {
    if (rowStarts.length != ChromaTaps.TAPS) {
      throw new IllegalArgumentException("the chroma taps are " + ChromaTaps.TAPS + " rows, not " + rowStarts.length);
    }
    eightTaps(src, rowStarts, weights, from, to, null, dst, dstOffset);
  }

  /** Samples [{@code from}, {@code to}) of {@link #chromaTaps}. */
  static void chromaTapRange(int[] src, int[] rowStarts, int[] weights, int from, int to, byte[] dst, int dstOffset) {
    if (rowStarts.length == ChromaTaps.TAPS) {
      eightTaps(src, rowStarts, weights, from, to, dst, null, dstOffset);
      return;
    }
    for (int i = from; i < to; i++) {
      int acc = RgbToYuv420.TAP_BIAS;
      for (int k = 0; k < rowStarts.length; k++) {
        acc += weights[k] * src[rowStarts[k] + i];
      }
      dst[dstOffset + i] = clampToByte(acc >> RgbToYuv420.TAP_SHIFT);
    }
  }
}
