package org.framefork.encoder.kernels.filter;

import static org.framefork.encoder.kernels.colour.ColourMatrix.CHROMA_BIAS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;

/**
 * An RGBA picture (a decoded PNG logo, say) converted once, in the frames' matrix and range, into
 * what blending onto YUV 4:2:0 frames needs: its own Y, U and V planes and an alpha plane for each resolution. Chroma of each
 * 2x2 block is the alpha-weighted mean colour, so fully transparent pixels (often black in a PNG)
 * do not tint the edges; chroma alpha is the block's mean alpha.
 */
public final class Watermark {
  final YuvFrame picture;
  final Plane lumaAlpha;
  final Plane chromaAlpha;
  final boolean fullRange;

  private Watermark(YuvFrame picture, Plane lumaAlpha, Plane chromaAlpha, boolean fullRange) {
    this.picture = picture;
    this.lumaAlpha = lumaAlpha;
    this.chromaAlpha = chromaAlpha;
    this.fullRange = fullRange;
  }

  /** {@code rgba} for frames of matrix {@code m} in limited range. */
  public static Watermark of(PackedImage rgba, ColourMatrix m) {
    return of(rgba, m, ColourRange.LIMITED);
  }

  /**
   * {@code rgba} for frames of matrix {@code m} in {@code range}: full range spreads the levels
   * over all of [0, 255], so that a white logo is 255 on a full-range picture, not 235.
   */
  public static Watermark of(PackedImage rgba, ColourMatrix m, ColourRange range) {
    if (rgba.layout() != PixelLayout.RGBA) {
      throw new IllegalArgumentException("a watermark needs an RGBA picture, not " + rgba.layout());
    }
    int w = rgba.width();
    int h = rgba.height();
    YuvFrame picture = YuvFrame.allocate(w, h);
    Plane lumaAlpha = Plane.allocate(w, h);
    Plane chromaAlpha = Plane.allocate(YuvFrame.chromaSize(w), YuvFrame.chromaSize(h));
    byte[] in = rgba.data();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = rgba.pixelStart(x, y);
        int r = in[p] & 0xFF;
        int g = in[p + 1] & 0xFF;
        int b = in[p + 2] & 0xFF;
        picture.y().set(x, y, range == ColourRange.FULL ? full(m.yr * r + m.yg * g + m.yb * b, 0, 219)
            : (m.yr * r + m.yg * g + m.yb * b + LUMA_BIAS) >> FORWARD_BITS);
        lumaAlpha.set(x, y, in[p + 3] & 0xFF);
      }
    }
    for (int cy = 0; cy < chromaAlpha.height(); cy++) {
      for (int cx = 0; cx < chromaAlpha.width(); cx++) {
        long rs = 0, gs = 0, bs = 0;
        int alphaSum = 0;
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int p = rgba.pixelStart(Math.min(2 * cx + dx, w - 1), Math.min(2 * cy + dy, h - 1));
            int a = in[p + 3] & 0xFF;
            rs += (long) a * (in[p] & 0xFF);
            gs += (long) a * (in[p + 1] & 0xFF);
            bs += (long) a * (in[p + 2] & 0xFF);
            alphaSum += a;
          }
        }
        int r = alphaSum == 0 ? 0 : (int) ((rs + alphaSum / 2) / alphaSum);
        int g = alphaSum == 0 ? 0 : (int) ((gs + alphaSum / 2) / alphaSum);
        int b = alphaSum == 0 ? 0 : (int) ((bs + alphaSum / 2) / alphaSum);
        int u = m.ur * r + m.ug * g + m.ub * b;
        int v = m.vr * r + m.vg * g + m.vb * b;
        picture.u().set(cx, cy, range == ColourRange.FULL ? full(u, 128, 224) : (u + CHROMA_BIAS) >> FORWARD_BITS);
        picture.v().set(cx, cy, range == ColourRange.FULL ? full(v, 128, 224) : (v + CHROMA_BIAS) >> FORWARD_BITS);
        chromaAlpha.set(cx, cy, (alphaSum + 2) >> 2);
      }
    }
    return new Watermark(picture, lumaAlpha, chromaAlpha, range == ColourRange.FULL);
  }

  /**
   * A full-range level from {@code sum}, a limited-range one before its offset (Q15, the matrix's
   * coefficients scaled to {@code span} levels, 219 for luma, 224 for chroma): rescaled to 255
   * levels about {@code offset}, rounded and clamped (full-range chroma reaches 255.5).
   */
  private static int full(int sum, int offset, int span) {
    long level = offset + Math.round(sum * 255.0 / (span * (double) (1 << FORWARD_BITS)));
    return (int) Math.max(0, Math.min(255, level));
  }

  public int width() {
    return picture.width();
  }

  public int height() {
    return picture.height();
  }

  /**
   * Blends one rectangle of one plane of a frame of type {@code F} (8- or 16-bit); implemented by
   * each filter implementation.
   */
  interface RegionBlend<F> {
    /**
     * Blends {@code width x height} samples of {@code src} from (sx, sy), weighted by {@code alpha}
     * at the same place, onto plane {@code plane} (0 Y, 1 U, 2 V) of {@code frame} at (dx, dy);
     * {@code fullRange} says how a deeper frame takes the 8-bit levels ({@link #deepen}).
     */
    void blend(F frame, int plane, int dx, int dy, Plane src, Plane alpha, int sx, int sy, int width, int height,
        boolean fullRange);
  }

  /**
   * Clips the watermark placed at (x, y) against a frame of {@code width x height} and hands each
   * plane's visible rectangle to {@code blend}. x and y are rounded down to even so that chroma
   * stays aligned.
   */
  <F> void place(F frame, int width, int height, int x, int y, RegionBlend<F> blend) {
    int ex = x & ~1;
    int ey = y & ~1;
    int cw = YuvFrame.chromaSize(width);
    int ch = YuvFrame.chromaSize(height);
    placePlane(frame, 0, width, height, ex, ey, lumaAlpha, blend);
    placePlane(frame, 1, cw, ch, ex >> 1, ey >> 1, chromaAlpha, blend);
    placePlane(frame, 2, cw, ch, ex >> 1, ey >> 1, chromaAlpha, blend);
  }

  private <F> void placePlane(F frame, int plane, int width, int height, int x, int y, Plane alpha,
      RegionBlend<F> blend) {
    Plane src = picture.plane(plane);
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = (int) Math.min(width, (long) x + src.width());
    int y1 = (int) Math.min(height, (long) y + src.height());
    if (x1 > x0 && y1 > y0) {
      blend.blend(frame, plane, x0, y0, src, alpha, x0 - x, y0 - y, x1 - x0, y1 - y0, fullRange);
    }
  }

  /**
   * The watermark's 8-bit level {@code sample} of plane {@code plane} (0 Y, 1 U, 2 V) at {@code
   * shift} more bits, n = 8 + shift. Limited range: shifted, as libswscale turns 8-bit limited-range
   * levels into 10 bits and as BT.709 and BT.2100 quantise a level at n bits, (219 E + 16) * 2^(n-8);
   * scaling by 1023/255 instead would move black (16) to 64.2 and neutral chroma (128) to 513.5.
   * Full range spans [0, 2^n - 1] (BT.2100): luma is v (2^n - 1) / 255 rounded, so 255 is the peak
   * (1023, not 1020); chroma 2^(n-1) + (v - 128) (2^n - 1) / 255 rounded, so 128 stays neutral
   * (512), clamped at 0. Written as {@code (v << shift) + div255(v * stretch + bias) - offset} with
   * the plane's {@link #stretch}, {@link #bias} and {@link #offset}, which the vector blend runs on lanes.
   */
  static int deepen(int sample, int shift, int plane, boolean fullRange) {
    int level = (sample << shift) + div255(sample * stretch(shift, fullRange) + bias(shift, plane, fullRange));
    return Math.max(0, level - offset(plane, fullRange));
  }

  /** What full range adds to v << shift, v (2^shift - 1) / 255, is v times this over 255; 0 in limited range. */
  static int stretch(int shift, boolean fullRange) {
    return fullRange ? (1 << shift) - 1 : 0;
  }

  /** Full-range chroma: 128 (255 - stretch), so that div255 adds 128 at v = 128, which {@link #offset} takes off. */
  static int bias(int shift, int plane, boolean fullRange) {
    return fullRange && plane > 0 ? 128 * (255 - stretch(shift, true)) : 0;
  }

  static int offset(int plane, boolean fullRange) {
    return fullRange && plane > 0 ? 128 : 0;
  }

  /** x / 255 rounded, exact for 0 <= x <= 65025 (with x + 127 for y: (y + (y >> 8) + 1) >> 8 is y / 255 below 65536). */
  static int div255(int x) {
    int y = x + 127;
    return (y + (y >> 8) + 1) >> 8;
  }

  /** a + (a >> 7) maps alpha 0..255 onto 0..256, so that 255 means "all overlay". */
  static int weight(int alpha) {
    return alpha + (alpha >> 7);
  }
}
