package org.framefork.encoder.media;

import java.util.Locale;

/** The colour a picture's transparent pixels are composited over ({@code --alpha-over}). */
public record Background(int red, int green, int blue) {
  public Background {
    if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
      throw new IllegalArgumentException("a background's channels are 0 to 255");
    }
  }

  /** {@code black}, {@code white} or {@code #RRGGBB}; null when {@code text} is none of these. */
  public static Background parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("black")) {
      return new Background(0, 0, 0);
    }
    if (t.equals("white")) {
      return new Background(255, 255, 255);
    }
    if (t.matches("#[0-9a-f]{6}")) {
      int rgb = Integer.parseInt(t.substring(1), 16);
      return new Background(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }
    return null;
  }

  /** The colour as {@code #rrggbb}, which {@link #parse} reads back. */
  public String hex() {
    return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
  }
}
