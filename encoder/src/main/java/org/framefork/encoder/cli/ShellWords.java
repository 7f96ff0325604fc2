package org.framefork.encoder.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Command lines as a POSIX shell reads them back: what a report records so that it can be run again. */
public final class ShellWords {
  private ShellWords() {}

  /** {@code s} as a POSIX shell reads it back: as it is when it holds no character the shell treats, else in single quotes. */
  public static String quote(String s) {
    return s.matches("[A-Za-z0-9_./%:+=@,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** The words, each quoted where it must be, joined by spaces. */
  public static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }
}
