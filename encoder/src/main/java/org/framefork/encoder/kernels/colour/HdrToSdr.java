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
 * <p>The PQ curve, BT.2390's curve and BT.709's transfer are tables made once (interpolated
 * between entries), so that a pixel costs no {@code pow}: the Vector API twin ({@link
 * ColourConverter#toneMap}) gathers from the same tables and repeats the plain twin's double
 * operations in its order, so the two agree bit for bit. The tables are made with {@link StrictMath},
 * whose results are the same on every CPU and in every JIT state ({@link Math#pow} may differ by an
 * ulp). Not thread-safe: one per chunk.
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

  static final int PQ_STEPS = 4096;
  static final int OETF_STEPS = 16384;
  /** The brightest component is at least this, so that the curve's scale factor has no 0 / 0. */
  static final double MIN_SIGNAL = 1e-6;
  /** Linear light is counted in units of SDR's 100 cd/m², as zscale's npl=100. */
  private static final double NOMINAL_NITS = 100;

  // BT.2020 to BT.709 primaries, linear RGB (ITU-R BT.2087).
  static final double[] GAMUT = {
      1.6605, -0.5876, -0.0728,
      -0.1246, 1.1329, -0.0083,
      -0.0182, -0.1006, 1.1187};

  final Curve curve;
  /** Source peak in units of 100 cd/m². */
  private final double peak;
  final double inversePeak;
  final double inverseHablePeak;
  /** PQ signal (0..1, PQ_STEPS + 1 entries) to linear light. */
  final double[] pqToLinear = new double[PQ_STEPS + 2];
  /** Display light 0..1 (OETF_STEPS + 1 entries) to BT.709's signal: BT.1886's gamma 2.4, inverted. */
  final double[] linearTo709 = new double[OETF_STEPS + 2];
  /** BT.2390's curve on sqrt(linear / peak), 0..1 (PQ_STEPS + 1 entries). */
  final double[] eetf = new double[PQ_STEPS + 2];
  /** The two luma rows of a block row. */
  private final Pixels[] rows = new Pixels[2];

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
      linearTo709[i] = StrictMath.pow(Math.min(1, (double) i / OETF_STEPS), 1 / 2.4);
    }
  }

  /**
   * Maps {@code src} (10-bit PQ BT.2020) onto {@code dst} (8-bit BT.709) of the same size, with
   * {@code kernels}' per-pixel stage ({@link ColourConverter#toneMap}); the rest (samples to
   * doubles, rounding, the chroma means) is this class's, so that both twins share it.
   */
  public void toSdr(YuvFrame16 src, YuvFrame dst, ColourConverter kernels) {
    if (src.width() != dst.width() || src.height() != dst.height()) {
      throw new IllegalArgumentException("tone mapping needs pictures of one size");
    }
    int width = src.width();
    if (rows[0] == null || rows[0].luma.length < width) {
      rows[0] = new Pixels(width);
      rows[1] = new Pixels(width);
    }
    for (int cy = 0; cy < src.u().height(); cy++) {
      int lines = Math.min(2, src.height() - 2 * cy);
      for (int dy = 0; dy < lines; dy++) {
        rows[dy].load(src, 2 * cy + dy, cy);
        kernels.toneMap(this, rows[dy], width);
        rows[dy].storeLuma(dst.y(), 2 * cy + dy);
      }
      chromaMeans(dst, cy, lines);
    }
  }

  /** A block's chroma is the mean of its pixels', summed in the order row by row, left to right. */
  private void chromaMeans(YuvFrame dst, int cy, int lines) {
    int width = dst.width();
    for (int cx = 0; cx < dst.u().width(); cx++) {
      double sumB = 0;
      double sumR = 0;
      int n = 0;
      for (int dy = 0; dy < lines; dy++) {
        for (int x = 2 * cx; x < Math.min(2 * cx + 2, width); x++) {
          sumB += rows[dy].blueDifference[x];
          sumR += rows[dy].redDifference[x];
          n++;
        }
      }
      dst.u().set(cx, cy, clamp8(128 + 224 * sumB / n));
      dst.v().set(cx, cy, clamp8(128 + 224 * sumR / n));
    }
  }

  /**
   * One row of pixels between the shared stages and the per-pixel one: the source's luma and its
   * chroma (each chroma sample repeated for its two columns) as signals, and what the per-pixel
   * stage makes of them: BT.709 luma and the scaled colour differences B' - Y' and R' - Y'.
   */
  public static final class Pixels {
    final double[] luma;
    final double[] cb;
    final double[] cr;
    final double[] lumaOut;
    final double[] blueDifference;
    final double[] redDifference;
    /** The Vector API twin's gather indices: at most one per lane of a 512-bit double vector, and room. */
    final int[] gatherIndices = new int[16];

    Pixels(int width) {
      luma = new double[width];
      cb = new double[width];
      cr = new double[width];
      lumaOut = new double[width];
      blueDifference = new double[width];
      redDifference = new double[width];
    }

    void load(YuvFrame16 src, int y, int cy) {
      // Divisions by constants are multiplications here: a division costs a pixel about as much as the rest.
      for (int x = 0; x < src.width(); x++) {
        luma[x] = (src.y().get(x, y) - 64) * (1 / 876.0);
        cb[x] = (src.u().get(x >> 1, cy) - 512) * (1 / 896.0);
        cr[x] = (src.v().get(x >> 1, cy) - 512) * (1 / 896.0);
      }
    }

    void storeLuma(Plane y8, int y) {
      for (int x = 0; x < y8.width(); x++) {
        y8.set(x, y, clamp8(16 + 219 * lumaOut[x]));
      }
    }
  }

  /**
   * The per-pixel stage one pixel at a time, for pixels {@code [x0, x1)}: BT.2020 Y'CbCr (PQ) to
   * linear RGB, BT.709 primaries, the tone curve on the brightest component, BT.709's R'G'B' and
   * its luma and colour differences. The reference for the Vector API twin, which runs the same
   * operations in the same order (no fused multiply-add), and its tail.
   */
  void mapPixels(Pixels p, int x0, int x1) {
    for (int x = x0; x < x1; x++) {
      double luma = p.luma[x];
      double cb = p.cb[x];
      double cr = p.cr[x];
      // BT.2020 non-constant luminance: Kr 0.2627, Kb 0.0593.
      double r = linear(luma + 1.4746 * cr);
      double g = linear(luma - 0.16455 * cb - 0.57135 * cr);
      double b = linear(luma + 1.8814 * cb);
      double r7 = GAMUT[0] * r + GAMUT[1] * g + GAMUT[2] * b;
      double g7 = GAMUT[3] * r + GAMUT[4] * g + GAMUT[5] * b;
      double b7 = GAMUT[6] * r + GAMUT[7] * g + GAMUT[8] * b;
      double sig = Math.max(Math.max(Math.max(r7, g7), b7), MIN_SIGNAL);
      double scale = map(sig) / sig;
      double rs = signal709(r7 * scale);
      double gs = signal709(g7 * scale);
      double bs = signal709(b7 * scale);
      double yOut = 0.2126 * rs + 0.7152 * gs + 0.0722 * bs;
      p.lumaOut[x] = yOut;
      p.blueDifference[x] = (bs - yOut) * (1 / 1.8556);
      p.redDifference[x] = (rs - yOut) * (1 / 1.5748);
    }
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

  /** Clamped first, then rounded by adding 0.5 and truncating: what the vectors can do alike. */
  static int clamp8(double v) {
    return (int) (Math.max(0, Math.min(255, v)) + 0.5);
  }

  // Hable's constants (A to F), with the products the curve uses.
  static final double HABLE_A = 0.15;
  static final double HABLE_B = 0.50;
  static final double HABLE_BC = HABLE_B * 0.10;
  static final double HABLE_DE = 0.20 * 0.02;
  static final double HABLE_DF = 0.20 * 0.30;
  static final double HABLE_E_F = 0.02 / 0.30;

  static double hable(double x) {
    return (x * (x * HABLE_A + HABLE_BC) + HABLE_DE) / (x * (x * HABLE_A + HABLE_B) + HABLE_DF) - HABLE_E_F;
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
    double p = StrictMath.pow(e, 1 / M2);
    return StrictMath.pow(Math.max(p - C1, 0) / (C2 - C3 * p), 1 / M1);
  }

  /** Linear light (1.0 = 10000 cd/m²) to PQ signal. */
  static double pqInverse(double y) {
    double p = StrictMath.pow(Math.max(y, 0), M1);
    return StrictMath.pow((C1 + C2 * p) / (1 + C3 * p), M2);
  }

}
