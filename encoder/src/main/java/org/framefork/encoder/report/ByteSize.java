package org.framefork.encoder.report;

import java.util.Locale;

/** Sizes as the report, the command line and the app print them. */
public final class ByteSize {
  private ByteSize() {}

  /** Bytes in binary units, as file managers on Linux show them: {@code 2.77 MiB}, {@code 512 B}; "?" for a negative count. */
  public static String text(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }
}
