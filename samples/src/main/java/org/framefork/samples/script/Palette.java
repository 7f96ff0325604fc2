package org.framefork.samples.script;

/**
 * Colours a texture is painted with, as RGB stops from its darkest value to its lightest. A
 * pattern value {@code t} in [0, 1] picks a colour between the stops.
 */
public record Palette(int[] stops) {
  public Palette {
    if (stops.length < 2) {
      throw new IllegalArgumentException("a palette needs at least two stops");
    }
    stops = stops.clone();
  }

  /**
   * A palette around {@code hue} (degrees) whose values run from {@code dark} to {@code light}
   * (0..1); the hue drifts along the ramp as it does in real light (warm highlights, cool shade).
   */
  public static Palette around(double hue, double saturation, double dark, double light, double drift) {
    return new Palette(new int[] {
        hsv(hue - drift, saturation, dark),
        hsv(hue, saturation, dark + (light - dark) * 0.45),
        hsv(hue + drift * 0.5, saturation * 0.85, dark + (light - dark) * 0.75),
        hsv(hue + drift, saturation * 0.55, light)});
  }

  @Override
  public int[] stops() {
    return stops.clone();
  }

  // A record compares arrays by identity; a palette is a value, so compare the colours.
  @Override
  public boolean equals(Object o) {
    return o instanceof Palette p && java.util.Arrays.equals(stops, p.stops);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(stops);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Palette[");
    for (int i = 0; i < stops.length; i++) {
      b.append(i == 0 ? "#" : " #").append(String.format("%06X", stops[i]));
    }
    return b.append(']').toString();
  }

  /** The colour at {@code t} in [0, 1], as 0xRRGGBB. */
  public int rgbAt(double t) {
    double pos = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min((int) pos, stops.length - 2);
    double f = pos - i;
    int a = stops[i];
    int b = stops[i + 1];
    int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
    int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
    int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
    return (r << 16) | (g << 8) | bl;
  }

  public static int hsv(double hueDegrees, double s, double v) {
    double h = ((hueDegrees % 360) + 360) % 360 / 60.0;
    s = Math.max(0, Math.min(1, s));
    v = Math.max(0, Math.min(1, v));
    int sector = Math.min((int) h, 5);
    double f = h - sector;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double[] rgb = switch (sector) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
    return ((int) Math.round(rgb[0] * 255) << 16)
        | ((int) Math.round(rgb[1] * 255) << 8)
        | (int) Math.round(rgb[2] * 255);
  }
}
