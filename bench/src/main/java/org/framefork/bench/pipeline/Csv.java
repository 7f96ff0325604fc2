package org.framefork.bench.pipeline;

import java.util.ArrayList;
import java.util.List;

/** A small CSV table for the report's raw data: one header, rows of values, quoted where needed. */
public final class Csv {
  private final List<String> lines = new ArrayList<>();

  public Csv(String... header) {
    lines.add(String.join(",", header));
  }

  public Csv row(Object... values) {
    List<String> cells = new ArrayList<>();
    for (Object v : values) {
      cells.add(v instanceof Double d ? (d.isNaN() ? "" : String.valueOf(d)) : quote(String.valueOf(v)));
    }
    lines.add(String.join(",", cells));
    return this;
  }

  static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  @Override
  public String toString() {
    return String.join("\n", lines) + "\n";
  }
}
