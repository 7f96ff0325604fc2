package org.framefork.encoder.encode.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One filter's arguments bound to its option names (plain values in order, then named ones), read
 * with a type and a default; every complaint names the filter as the user wrote it.
 */
final class FilterArgs {
  private final String text;
  private final Map<String, String> values = new HashMap<>();

  FilterArgs(FilterSyntax.Invocation call, List<String> names) {
    this.text = call.text();
    if (call.values().size() > names.size()) {
      throw fail(names.isEmpty() ? "takes no values" : "takes at most " + names.size() + " value"
          + (names.size() == 1 ? "" : "s") + " (" + String.join(":", names) + ")");
    }
    for (int i = 0; i < call.values().size(); i++) {
      values.put(names.get(i), call.values().get(i));
    }
    for (Map.Entry<String, String> e : call.options().entrySet()) {
      if (!names.contains(e.getKey())) {
        throw fail("has no option '" + e.getKey() + "'" + (names.isEmpty() ? "" : " (options: " + String.join(", ", names) + ")"));
      }
      if (values.put(e.getKey(), e.getValue()) != null) {
        throw fail("option '" + e.getKey() + "' given twice");
      }
    }
  }

  boolean has(String name) {
    String v = values.get(name);
    return v != null && !v.isEmpty();
  }

  String text(String name) {
    if (!has(name)) {
      throw fail("needs " + name);
    }
    return values.get(name);
  }

  int integer(String name, int fallback, int min, int max) {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw fail(name + " must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw fail(name + " must be in [" + min + ", " + max + "], not " + n);
    }
    return n;
  }

  double decimal(String name, double fallback, double min, double max) {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name);
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw fail(name + " must be a number, not '" + v + "'");
    }
    if (!(d >= min && d <= max)) {
      throw fail(name + " must be in [" + FilterChain.number(min) + ", " + FilterChain.number(max) + "], not " + v);
    }
    return d;
  }

  IllegalArgumentException fail(String what) {
    return new IllegalArgumentException("filter '" + text + "': " + what);
  }
}
