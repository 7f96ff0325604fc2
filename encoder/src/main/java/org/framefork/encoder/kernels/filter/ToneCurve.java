package org.framefork.encoder.kernels.filter;

/**
 * Brightness, contrast and gamma folded into one 256-entry lookup table, built once and applied
 * to every frame. On a sample normalised to 0..1: gamma first ({@code s^(1/gamma)}), then
 * contrast around the middle grey, then brightness as an offset; the result is clamped and
 * rounded back to 0..255.
 */
public final class ToneCurve {
  private final byte[] table = new byte[256];
  private final double brightness;
  private final double contrast;
  private final double gamma;

  /**
   * @param brightness offset in [-1, 1] of the full range (0 leaves it)
   * @param contrast factor in [0, 4] around mid-grey (1 leaves it)
   * @param gamma exponent in [0.1, 10] (1 leaves it; above 1 brightens the mid-tones)
   */
  public ToneCurve(double brightness, double contrast, double gamma) {
    if (!(brightness >= -1 && brightness <= 1)) {
      throw new IllegalArgumentException("brightness must be in [-1, 1], not " + brightness);
    }
    if (!(contrast >= 0 && contrast <= 4)) {
      throw new IllegalArgumentException("contrast must be in [0, 4], not " + contrast);
    }
    if (!(gamma >= 0.1 && gamma <= 10)) {
      throw new IllegalArgumentException("gamma must be in [0.1, 10], not " + gamma);
    }
    this.brightness = brightness;
    this.contrast = contrast;
    this.gamma = gamma;
    for (int i = 0; i < 256; i++) {
      double s = Math.pow(i / 255.0, 1 / gamma);
      s = (s - 0.5) * contrast + 0.5 + brightness;
      table[i] = (byte) Math.round(Math.max(0, Math.min(1, s)) * 255);
    }
  }

  /** The curve that changes nothing. */
  public static ToneCurve identity() {
    return new ToneCurve(0, 1, 1);
  }

  /** Output for input {@code sample} (0..255). */
  public int map(int sample) {
    return table[sample] & 0xFF;
  }

  byte[] table() {
    return table;
  }

  @Override
  public String toString() {
    return "ToneCurve[brightness=" + brightness + ", contrast=" + contrast + ", gamma=" + gamma + "]";
  }
}
