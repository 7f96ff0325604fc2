package org.framefork.encoder.kernels.colour;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * Tone mapping of HDR10 pictures (10-bit Y'CbCr, BT.2020 non-constant luminance, limited range,
 * PQ) to SDR (8-bit Y'CbCr, BT.709, limited range), in the order of FFmpeg's own chain {@code
 * zscale=t=linear:npl=100, zscale=p=bt709, tonemap, zscale=t=bt709:m=bt709:r=tv}: to linear light
 * (1.0 is 100 cd/m²), BT.2020 to BT.709 primaries, the tone curve on the brightest component of
 * each pixel (the others scaled alike, so hues stay), clipping, BT.709's matrix after the inverse
 * of BT.1886's display gamma 2.4 (display light, as zscale writes {@code t=bt709} by default).
 * Chroma is taken as one value per 2x2 block and written back as the mean of the block's four.
 *
 * <p>Plain Java only: no Vector API twin yet. The PQ curve and BT.709's transfer are tables made
 * once (interpolated between entries), so that a pixel costs no {@code pow}. Not thread-safe.
 */
public final class HdrToSdr {
  /** The tone curves, as FFmpeg and libplacebo name them. */
  public enum Curve {
    /** ITU-R BT.2390's EETF: a Hermite knee in PQ space from the source's peak down to 100 cd/m². */
    BT2390,
    /** John Hable's filmic curve (Uncharted 2), as FFmpeg's tonemap=hable: {@code hable(x) / hable(peak)}. */
    HABLE;

    public static Curve parse(String name) {
      return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "bt2390", "bt.2390" -> BT2390;
        case "hable" -> HABLE;
        default -> throw new IllegalArgumentException("--tonemap " + name + ": give bt2390 or hable");
      };
    }

    public String cliName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final int PQ_STEPS = 4096;
  private static final int OETF_STEPS = 16384;
  /** Linear light is counted in units of SDR's 100 cd/m², as zscale's npl=100. */
  private static final double NOMINAL_NITS = 100;

  // BT.2020 to BT.709 primaries, linear RGB (ITU-R BT.2087).
  private static final double[] GAMUT = {
      1.6605, -0.5876, -0.0728,
      -0.1246, 1.1329, -0.0083,
      -0.0182, -0.1006, 1.1187};

  private final Curve curve;
  /** Source peak in units of 100 cd/m². */
  private final double peak;
  private final double inversePeak;
  private final double inverseHablePeak;
  /** PQ signal (0..1, PQ_STEPS + 1 entries) to linear light. */
  private final double[] pqToLinear = new double[PQ_STEPS + 2];
  /** Display light 0..1 (OETF_STEPS + 1 entries) to BT.709's signal: BT.1886's gamma 2.4, inverted. */
  private final double[] linearTo709 = new double[OETF_STEPS + 2];
  /** BT.2390's curve on sqrt(linear / peak), 0..1 (PQ_STEPS + 1 entries). */
  private final double[] eetf = new double[PQ_STEPS + 2];

  /**
   * @param peakNits the source's brightest light (its MaxCLL, else its mastering display's peak;
   *     10000 when it says neither, as FFmpeg assumes)
   */
  public HdrToSdr(Curve curve, double peakNits) {
    this.curve = curve;
    this.peak = Math.max(1, peakNits / NOMINAL_NITS);
    this.inversePeak = 1 / peak;
    this.inverseHablePeak = 1 / hable(peak);
    for (int i = 0; i <= PQ_STEPS + 1; i++) {
      pqToLinear[i] = pqEotf(Math.min(1, (double) i / PQ_STEPS)) * 10000 / NOMINAL_NITS;
      double x = Math.min(1, (double) i / PQ_STEPS);
      eetf[i] = bt2390(x * x * peak);
    }
    for (int i = 0; i <= OETF_STEPS + 1; i++) {
      linearTo709[i] = Math.pow(Math.min(1, (double) i / OETF_STEPS), 1 / 2.4);
    }
  }

  /** Maps {@code src} (10-bit PQ BT.2020) onto {@code dst} (8-bit BT.709) of the same size. */
  public void toSdr(YuvFrame16 src, YuvFrame dst) {
    if (src.width() != dst.width() || src.height() != dst.height()) {
      throw new IllegalArgumentException("tone mapping needs pictures of one size");
    }
    double[] rgb = new double[12];
    for (int cy = 0; cy < src.u().height(); cy++) {
      for (int cx = 0; cx < src.u().width(); cx++) {
        block(src, dst, cx, cy, rgb);
      }
    }
  }

  /** One 2x2 block: its pixels to SDR R'G'B', luma written, chroma the mean of the four. */
  private void block(YuvFrame16 src, YuvFrame dst, int cx, int cy, double[] rgb) {
    // Divisions by constants are multiplications here: a division costs a pixel about as much as the rest.
    double cb = (src.u().get(cx, cy) - 512) * (1 / 896.0);
    double cr = (src.v().get(cx, cy) - 512) * (1 / 896.0);
    double sumB = 0;
    double sumR = 0;
    int n = 0;
    Plane16 y16 = src.y();
    Plane y8 = dst.y();
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        int x = 2 * cx + dx;
        int y = 2 * cy + dy;
        if (x >= y16.width() || y >= y16.height()) {
          continue;
        }
        double luma = (y16.get(x, y) - 64) * (1 / 876.0);
        pixel(luma, cb, cr, rgb);
        double yOut = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        y8.set(x, y, clamp8(16 + 219 * yOut));
        sumB += (rgb[2] - yOut) * (1 / 1.8556);
        sumR += (rgb[0] - yOut) * (1 / 1.5748);
        n++;
      }
    }
    dst.u().set(cx, cy, clamp8(128 + 224 * sumB / n));
    dst.v().set(cx, cy, clamp8(128 + 224 * sumR / n));
  }

  /** One pixel's BT.2020 Y'CbCr (PQ) to BT.709 R'G'B', into {@code rgb[0..2]}. */
  private void pixel(double luma, double cb, double cr, double[] rgb) {
    // BT.2020 non-constant luminance: Kr 0.2627, Kb 0.0593.
    double r = linear(luma + 1.4746 * cr);
    double g = linear(luma - 0.16455 * cb - 0.57135 * cr);
    double b = linear(luma + 1.8814 * cb);
    double r7 = GAMUT[0] * r + GAMUT[1] * g + GAMUT[2] * b;
    double g7 = GAMUT[3] * r + GAMUT[4] * g + GAMUT[5] * b;
    double b7 = GAMUT[6] * r + GAMUT[7] * g + GAMUT[8] * b;
    double sig = Math.max(Math.max(Math.max(r7, g7), b7), 1e-6);
    double scale = map(sig) / sig;
    rgb[0] = signal709(r7 * scale);
    rgb[1] = signal709(g7 * scale);
    rgb[2] = signal709(b7 * scale);
  }

  /** The tone curve: linear light of the source (1.0 = 100 cd/m²) to SDR's 0..1. */
  double map(double sig) {
    if (curve == Curve.HABLE) {
      return hable(sig) * inverseHablePeak;
    }
    double pos = Math.sqrt(Math.min(1, sig * inversePeak)) * PQ_STEPS;
    return interpolate(eetf, pos);
  }

  private double linear(double pq) {
    return interpolate(pqToLinear, Math.max(0, Math.min(1, pq)) * PQ_STEPS);
  }

  private double signal709(double lin) {
    return interpolate(linearTo709, Math.max(0, Math.min(1, lin)) * OETF_STEPS);
  }

  private static double interpolate(double[] table, double pos) {
    int i = (int) pos;
    double f = pos - i;
    return table[i] + f * (table[i + 1] - table[i]);
  }

  private static int clamp8(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static double hable(double x) {
    double a = 0.15, b = 0.50, c = 0.10, d = 0.20, e = 0.02, f = 0.30;
    return (x * (x * a + b * c) + d * e) / (x * (x * a + b) + d * f) - e / f;
  }

  /** BT.2390's EETF for a source peak of {@link #peak} and a target of 100 cd/m² (black at 0). */
  private double bt2390(double sig) {
    double srcPeak = pqInverse(peak * NOMINAL_NITS / 10000);
    double e1 = pqInverse(sig * NOMINAL_NITS / 10000) / srcPeak;
    double maxLum = pqInverse(NOMINAL_NITS / 10000) / srcPeak;
    double ks = 1.5 * maxLum - 0.5;
    double e2 = e1;
    if (e1 > ks) {
      double t = (e1 - ks) / (1 - ks);
      double t2 = t * t;
      double t3 = t2 * t;
      e2 = (2 * t3 - 3 * t2 + 1) * ks + (t3 - 2 * t2 + t) * (1 - ks) + (-2 * t3 + 3 * t2) * maxLum;
    }
    return Math.min(1, pqEotf(e2 * srcPeak) * 10000 / NOMINAL_NITS);
  }

  // SMPTE ST 2084.
  private static final double M1 = 2610.0 / 16384;
  private static final double M2 = 2523.0 / 4096 * 128;
  private static final double C1 = 3424.0 / 4096;
  private static final double C2 = 2413.0 / 4096 * 32;
  private static final double C3 = 2392.0 / 4096 * 32;

  /** PQ signal to linear light, 1.0 = 10000 cd/m². */
  static double pqEotf(double e) {
    double p = Math.pow(e, 1 / M2);
    return Math.pow(Math.max(p - C1, 0) / (C2 - C3 * p), 1 / M1);
  }

  /** Linear light (1.0 = 10000 cd/m²) to PQ signal. */
  static double pqInverse(double y) {
    double p = Math.pow(Math.max(y, 0), M1);
    return Math.pow((C1 + C2 * p) / (1 + C3 * p), M2);
  }

}
