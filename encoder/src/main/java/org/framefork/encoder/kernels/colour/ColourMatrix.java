package org.framefork.encoder.kernels.colour;

/**
 * The RGB/YUV matrices FrameFork converts with, in limited ("TV", "MPEG") range: Y in [16, 235],
 * U and V in [16, 240]. The coefficients are fixed-point integers so that the plain and the Vector
 * API kernels, which do the same integer operations, give the same bytes.
 *
 * <p>RGB to YUV uses 15 fractional bits (as libswscale does): {@code 255 * 28 000} fits an int with
 * room to spare, even for the 2x2 chroma sums. YUV to RGB uses 16 fractional bits; the largest sum,
 * {@code 1.16 * 219 + 2.11 * 112} times 2^16, is about 2^25.
 */
public enum ColourMatrix {
  /** ITU-R BT.601, standard definition; what libswscale assumes when nobody says otherwise. */
  BT601(0.299, 0.114),
  /** ITU-R BT.709, high definition. */
  BT709(0.2126, 0.0722);

  /** Fractional bits of the RGB to YUV coefficients. */
  public static final int FORWARD_BITS = 15;
  /** Fractional bits of the YUV to RGB coefficients. */
  public static final int INVERSE_BITS = 16;

  /** Adds the offset 16 and rounds half up: (16 + 0.5) * 2^15. */
  public static final int LUMA_BIAS = (16 << FORWARD_BITS) + (1 << (FORWARD_BITS - 1));
  /**
   * For chroma computed from the sum of a 2x2 block (four times the average, so two more bits):
   * adds 128 and rounds half up.
   */
  public static final int CHROMA_SUM_BIAS = (128 << (FORWARD_BITS + 2)) + (1 << (FORWARD_BITS + 1));
  /** Single-pixel chroma: adds 128 and rounds half up. */
  public static final int CHROMA_BIAS = (128 << FORWARD_BITS) + (1 << (FORWARD_BITS - 1));

  // RGB -> YUV, Q15. Chroma rows sum to exactly 0 so that greys get U = V = 128.
  public final int yr;
  public final int yg;
  public final int yb;
  public final int ur;
  public final int ug;
  public final int ub;
  public final int vr;
  public final int vg;
  public final int vb;

  // YUV -> RGB, Q16: R = y*(Y-16) + rv*(V-128); G = y*(Y-16) - gu*(U-128) - gv*(V-128);
  // B = y*(Y-16) + bu*(U-128).
  public final int y;
  public final int rv;
  public final int gu;
  public final int gv;
  public final int bu;

  ColourMatrix(double kr, double kb) {
    double kg = 1 - kr - kb;
    double lumaScale = 219.0 / 255.0;
    double chromaScale = 224.0 / 255.0;
    double one = 1 << FORWARD_BITS;
    yr = (int) Math.round(lumaScale * kr * one);
    yg = (int) Math.round(lumaScale * kg * one);
    yb = (int) Math.round(lumaScale * kb * one);
    double uScale = chromaScale / (2 * (1 - kb));
    double vScale = chromaScale / (2 * (1 - kr));
    ur = (int) Math.round(-kr * uScale * one);
    ub = (int) Math.round((1 - kb) * uScale * one);
    ug = -ur - ub;
    vr = (int) Math.round((1 - kr) * vScale * one);
    vb = (int) Math.round(-kb * vScale * one);
    vg = -vr - vb;

    double inverseOne = 1 << INVERSE_BITS;
    y = (int) Math.round(inverseOne / lumaScale);
    rv = (int) Math.round(2 * (1 - kr) / chromaScale * inverseOne);
    bu = (int) Math.round(2 * (1 - kb) / chromaScale * inverseOne);
    gu = (int) Math.round(2 * (1 - kb) * kb / kg / chromaScale * inverseOne);
    gv = (int) Math.round(2 * (1 - kr) * kr / kg / chromaScale * inverseOne);
  }
}
