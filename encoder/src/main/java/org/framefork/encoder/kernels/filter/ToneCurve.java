package org.framefork.encoder.kernels.filter;

/**
 * Brightness, contrast and gamma folded into one lookup table with an entry per level of the
 * pictures' depth (256 at 8 bits, 1024 at 10), built once and applied to every frame. On a sample
 * normalised to 0..1 (divided by the peak, 255 or 1023): gamma first ({@code s^(1/gamma)}), then
 * contrast around the middle grey, then brightness as an offset; the result is clamped and rounded
 * back to 0..peak. Each depth evaluates the formula for its own levels, so that a 10-bit picture
 * keeps its 1024 levels instead of going through the 8-bit curve's 256.
 */
public final class ToneCurve {
  /** The levels at 8 bits; null for a deeper curve. */
  private final byte[] table;
  /** The levels at 9 to 16 bits; null for an 8-bit curve. */
  private final short[] table16;
  private final int depth;
  private final double brightness;
  private final double contrast;
  private final double gamma;

  /**
   * An 8-bit curve.
   *
   * @param brightness offset in [-1, 1] of the full range (0 leaves it)
   * @param contrast factor in [0, 4] around mid-grey (1 leaves it)
   * @param gamma exponent in [0.1, 10] (1 leaves it; above 1 brightens the mid-tones)
   */
  public ToneCurve(double brightness, double contrast, double gamma) {
    this(brightness, contrast, gamma, 8);
  }

  /** The curve for samples of {@code depth} bits (8 to 16); the settings as for 8 bits. */
  public ToneCurve(double brightness, double contrast, double gamma, int depth) {
    if (!(brightness >= -1 && brightness <= 1)) {
      throw new IllegalArgumentException("brightness must be in [-1, 1], not " + brightness);
    }
    if (!(contrast >= 0 && contrast <= 4)) {
      throw new IllegalArgumentException("contrast must be in [0, 4], not " + contrast);
    }
    if (!(gamma >= 0.1 && gamma <= 10)) {
      throw new IllegalArgumentException("gamma must be in [0.1, 10], not " + gamma);
    }
    if (depth < 8 || depth > 16) {
      throw new IllegalArgumentException("a tone curve is for 8 to 16 bits, not " + depth);
    }
    this.brightness = brightness;
    this.contrast = contrast;
    this.gamma = gamma;
    this.depth = depth;
    int peak = (1 << depth) - 1;
    table = depth == 8 ? new byte[peak + 1] : null;
    table16 = depth == 8 ? null : new short[peak + 1];
    for (int i = 0; i <= peak; i++) {
      double s = Math.pow((double) i / peak, 1 / gamma);
      s = (s - 0.5) * contrast + 0.5 + brightness;
      int level = (int) Math.round(Math.max(0, Math.min(1, s)) * peak);
      if (table != null) {
        table[i] = (byte) level;
      } else {
        table16[i] = (short) level;
      }
    }
  }

  /** The 8-bit curve that changes nothing. */
  public static ToneCurve identity() {
    return new ToneCurve(0, 1, 1);
  }

  /** Bits per sample of the pictures this curve is for. */
  public int depth() {
    return depth;
  }

  /** Output for input {@code sample} (0..peak). */
  public int map(int sample) {
    return table != null ? table[sample] & 0xFF : table16[sample] & 0xFFFF;
  }

  byte[] table() {
    if (table == null) {
      throw new IllegalArgumentException("a " + depth + "-bit tone curve does not apply to 8-bit pictures");
    }
    return table;
  }

  short[] table16() {
    if (table16 == null) {
      throw new IllegalArgumentException("an 8-bit tone curve does not apply to 16-bit pictures; make one for their depth");
    }
    return table16;
  }

  @Override
  public String toString() {
    return "ToneCurve[brightness=" + brightness + ", contrast=" + contrast + ", gamma=" + gamma
        + (depth == 8 ? "" : ", depth=" + depth) + "]";
  }
}
