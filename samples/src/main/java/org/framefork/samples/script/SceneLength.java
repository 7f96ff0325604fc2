package org.framefork.samples.script;

import java.util.Locale;

/**
 * How long scenes last, in seconds: either fixed ({@code 2.5}) or a range ({@code 2-3}) from which
 * each scene's length is drawn with the seed.
 */
public record SceneLength(double minSeconds, double maxSeconds) {
  public SceneLength {
    if (!(minSeconds > 0) || !(maxSeconds >= minSeconds) || Double.isInfinite(maxSeconds)) {
      throw new IllegalArgumentException("scene length must be a positive number of seconds, or MIN-MAX with MIN <= MAX");
    }
  }

  public static SceneLength parse(String text) {
    String t = text.trim();
    int dash = t.indexOf('-', 1);
    try {
      if (dash < 0) {
        double s = Double.parseDouble(t);
        return new SceneLength(s, s);
      }
      return new SceneLength(Double.parseDouble(t.substring(0, dash)), Double.parseDouble(t.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scene length '" + text + "' is not SECONDS or MIN-MAX (e.g. 2.5 or 2-3)");
    }
  }

  public boolean fixed() {
    return minSeconds == maxSeconds;
  }

  @Override
  public String toString() {
    return fixed() ? plain(minSeconds) : plain(minSeconds) + "-" + plain(maxSeconds);
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
