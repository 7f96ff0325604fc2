package org.framefork.bench.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A markdown table: a header whose cells starting with '>' are right-aligned (numbers), then rows;
 * a cell's '|' and line breaks are escaped.
 */
public final class MarkdownTable {
  private final List<String> header = new ArrayList<>();
  private final List<Boolean> right = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public MarkdownTable(String... columns) {
    for (String c : columns) {
      boolean r = c.startsWith(">");
      header.add(r ? c.substring(1) : c);
      right.add(r);
    }
  }

  public MarkdownTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      // A line break ends a table row: a cell's own breaks become <br> (a command's quoted newline, say).
      r.add(String.valueOf(c).replace("|", "\\|").replaceAll("\r\n|\r|\n", "<br>"));
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size();
  }

  @Override
  public String toString() {
    StringBuilder md = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
    for (boolean r : right) {
      md.append(r ? "---:|" : "---|");
    }
    md.append('\n');
    for (List<String> r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return md.toString();
  }
}
