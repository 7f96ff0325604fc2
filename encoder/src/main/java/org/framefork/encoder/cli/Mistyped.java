package org.framefork.encoder.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the command line says of arguments picocli could not place: unknown commands and options
 * as the user typed them, each with the name it is most likely a slip for. Used by every
 * command's usage errors ({@link Main}) and by the app's command line.
 */
public final class Mistyped {
  private Mistyped() {}

  /**
   * Picocli's unmatched arguments in FrameFork's words, each mistyped option with its nearest
   * name: "unknown option '--ovewrite' (did you mean --overwrite?)", and where {@code commands}
   * (the top level) "unknown command 'encdoe' (did you mean encode?)". Arguments as typed: a
   * run-together short option is named whole ("-vf", where picocli says '-f'), and what follows an
   * unknown option is taken as its value. Null for arguments that are neither (a second input to
   * probe), which picocli's own message says. The app's command line says the same.
   */
  public static String unknownArguments(CommandLine.UnmatchedArgumentException u, boolean commands) {
    return unknownArguments(u, commands, true);
  }

  static String unknownArguments(CommandLine.UnmatchedArgumentException u, boolean commands, boolean guess) {
    List<String> typed = typedArguments(u);
    if (typed.isEmpty()) {
      return null;
    }
    CommandSpec spec = u.getCommandLine().getCommandSpec();
    String first = typed.getFirst();
    if (commands && !first.startsWith("-")) {
      List<String> names = spec.subcommands().entrySet().stream()
          .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
      return "unknown command '" + first + "'" + (guess ? hint(first, names) : "");
    }
    if (!isOption(first)) {
      return null;
    }
    List<String> names = spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Arrays.stream(o.names())).toList();
    List<String> options = typed.stream().filter(Mistyped::isOption).toList();
    return "unknown option" + (options.size() == 1 ? " " : "s ") + String.join(", ", options.stream()
        .map(a -> "'" + a + "'" + (guess ? hint(a, names) : "")).toList());
  }

  /** Whether {@code arg} is taken for an option: '-' and more, not a number; a lone '-' is a name (stdin's, to many tools). */
  private static boolean isOption(String arg) {
    if (arg.length() < 2 || !arg.startsWith("-")) {
      return false;
    }
    try {
      Double.parseDouble(arg);
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * The unmatched arguments as the user typed them: picocli's message names a short option run
   * together with others by its own letter, "'-f' (while processing option: '-vf')", which is put
   * back as '-vf'. Read from the message, which quotes each argument in turn.
   */
  private static List<String> typedArguments(CommandLine.UnmatchedArgumentException u) {
    List<String> unmatched = u.getUnmatched();
    String message = String.valueOf(u.getMessage());
    String marker = " (while processing option: '";
    List<String> typed = new ArrayList<>();
    int at = message.indexOf(": '");
    for (String a : unmatched) {
      int start = at < 0 ? -1 : at + (typed.isEmpty() ? 2 : 0);
      if (start < 0 || !message.startsWith("'" + a + "'", start)) {
        return unmatched; // not as expected: picocli's own arguments
      }
      at = start + a.length() + 2;
      String as = a;
      if (message.startsWith(marker, at) && message.indexOf("')", at) > 0) {
        as = message.substring(at + marker.length(), message.indexOf("')", at));
        at = message.indexOf("')", at) + 2;
      }
      typed.add(as);
      at = message.startsWith(", ", at) ? at + 2 : at;
    }
    return typed;
  }

  /** " (did you mean --overwrite?)" for {@code typed} among {@code names}, or "" when none is a slip of the keys away. */
  private static String hint(String typed, List<String> names) {
    List<String> guesses = closest(typed, names);
    return guesses.isEmpty() ? "" : " (did you mean " + String.join(" or ", guesses) + "?)";
  }

  /**
   * Of {@code names}, the ones {@code typed} is a slip of the keys from: the same first two letters
   * (after the dashes, as picocli suggests), then fewest edits (a swap of two letters is one), at
   * most two or a quarter of the name. Only the part before '=' of "--opt=value" counts, and case
   * does not ("-J" for -j); nor does a number run into a short option ("-J2" for -j 2). Dashes with
   * no name ("--=x") are no slip. "frobnicate" is no slip for "probe".
   */
  private static List<String> closest(String typed, List<String> names) {
    String name = typed.startsWith("-") && typed.indexOf('=') > 0 ? typed.substring(0, typed.indexOf('=')) : typed;
    String key = SHORT_WITH_NUMBER.matcher(name.toLowerCase(Locale.ROOT)).replaceFirst("$1");
    if (key.startsWith("-") && stripDashes(key).isEmpty()) {
      return List.of();
    }
    String start = stripDashes(key).substring(0, Math.min(2, stripDashes(key).length()));
    List<String> alike = names.stream()
        .filter(s -> !s.startsWith("-") || stripDashes(s.toLowerCase(Locale.ROOT)).startsWith(start)).toList();
    ToIntFunction<String> distance = s -> edits(key, s.toLowerCase(Locale.ROOT));
    int limit = Math.max(2, key.length() / 4);
    int best = alike.stream().mapToInt(distance).min().orElse(limit + 1);
    return best > limit ? List.of() : alike.stream().filter(s -> distance.applyAsInt(s) == best).limit(3).toList();
  }

  /** A short option with its number run into it, "-j2": group 1 is the option. */
  private static final Pattern SHORT_WITH_NUMBER = Pattern.compile("^(-\\p{L})\\d+$");

  private static String stripDashes(String s) {
    return s.replaceFirst("^-+", "");
  }

  /** Edits from {@code a} to {@code b}: insertions, deletions, changes and swaps of neighbours, one each. */
  private static int edits(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
