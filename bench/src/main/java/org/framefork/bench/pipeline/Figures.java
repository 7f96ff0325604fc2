package org.framefork.bench.pipeline;

import java.util.Locale;

/** How the report writes its numbers: fixed decimals, Locale.ROOT, "–" for a value not known. */
final class Figures {
  private Figures() {}

  static String f(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String seconds(double v) {
    return f(v, 2);
  }

  static String ratio(double v) {
    return f(v, 2) + "x";
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
  }

  static String megabytes(long bytes) {
    return f(bytes / 1e6, 2);
  }
}
