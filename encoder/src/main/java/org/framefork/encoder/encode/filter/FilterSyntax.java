package org.framefork.encoder.encode.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --vf} text: filters separated by commas, each {@code name} or {@code name=args}, the
 * arguments separated by colons, each a value (in the filter's order) or {@code option=value}.
 * Single quotes keep commas, colons and equals signs in a value ({@code overlay='a:b.png'}); a
 * backslash keeps the one character after it.
 */
final class FilterSyntax {
  private FilterSyntax() {}

  /** One filter as written: its name, the text it came from, and its arguments. */
  record Invocation(String name, String text, List<String> values, Map<String, String> options) {}

  static List<Invocation> parse(String chain) {
    List<Invocation> out = new ArrayList<>();
    if (chain == null || chain.isBlank()) {
      return out;
    }
    for (String piece : split(chain, ',')) {
      String text = piece.strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("an empty filter in '" + chain + "'; separate filters with one comma");
      }
      int eq = indexOfUnquoted(text, '=');
      String name = unquote(eq < 0 ? text : text.substring(0, eq)).strip();
      List<String> values = new ArrayList<>();
      Map<String, String> options = new LinkedHashMap<>();
      if (eq >= 0) {
        for (String arg : split(text.substring(eq + 1), ':')) {
          int e = indexOfUnquoted(arg, '=');
          if (e < 0) {
            if (!options.isEmpty()) {
              throw new IllegalArgumentException("filter '" + text + "': value '" + unquote(arg)
                  + "' after a named option; give plain values first");
            }
            values.add(unquote(arg).strip());
          } else {
            String key = unquote(arg.substring(0, e)).strip();
            if (options.put(key, unquote(arg.substring(e + 1)).strip()) != null) {
              throw new IllegalArgumentException("filter '" + text + "': option '" + key + "' given twice");
            }
          }
        }
      }
      out.add(new Invocation(name, text, values, options));
    }
    return out;
  }

  /** Pieces of {@code s} between unquoted, unescaped {@code sep}s, quotes and escapes kept. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == '\'') {
        quoted = !quoted;
        cur.append(c);
      } else if (c == sep && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed quote in '" + s + "'");
    }
    out.add(cur.toString());
    return out;
  }

  static int indexOfUnquoted(String s, char c) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char x = s.charAt(i);
      if (x == '\\') {
        i++;
      } else if (x == '\'') {
        quoted = !quoted;
      } else if (x == c && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** Removes the quotes and the escaping backslashes. */
  static String unquote(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(s.charAt(++i));
      } else if (c != '\'') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} written so that {@link #parse} reads it back as one value. */
  static String quoteIfNeeded(String value) {
    boolean plain = value.chars().noneMatch(c -> c == ',' || c == ':' || c == '=' || c == '\'' || c == '\\' || c == ' ');
    if (plain && !value.isEmpty()) {
      return value;
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
