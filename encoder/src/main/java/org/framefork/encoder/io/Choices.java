package org.framefork.encoder.io;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's choice among an enum's constants, as typed on the command line, in a preset file or in
 * the app's preferences: case and surrounding space do not matter, and a name that stands for none
 * is refused in one line that lists the choices.
 */
public final class Choices {
  private Choices() {}

  /** The constant's name as users write it: {@code PARALLEL} is {@code parallel}. */
  public static String lowerCase(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} that {@code text} names by its lower-case name.
   *
   * @param what what the constants are, for the refusal {@code unknown WHAT 'TEXT'; use a, b or c}
   */
  public static <E extends Enum<E>> E byName(Class<E> type, String text, String what) {
    E[] all = type.getEnumConstants();
    return find(all, text, c -> List.of(lowerCase(c)))
        .orElseThrow(() -> unknown(what, text, orList(Arrays.stream(all).map(Choices::lowerCase).toList())));
  }

  /** The first of {@code constants} of which {@code text}, trimmed and in lower case, is one of the {@code spellings}. */
  public static <E> Optional<E> find(E[] constants, String text, Function<E, List<String>> spellings) {
    String typed = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(constants).filter(c -> spellings.apply(c).contains(typed)).findFirst();
  }

  /** The refusal of {@code text}, which names no {@code what}: {@code unknown WHAT 'TEXT'; use CHOICES}. */
  public static IllegalArgumentException unknown(String what, String text, String choices) {
    return new IllegalArgumentException("unknown " + what + " '" + text + "'; use " + choices);
  }

  /** {@code a, b or c}. */
  public static String orList(List<String> names) {
    if (names.size() < 2) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
  }

  /** {@code a, b, c}: the spellings {@code name} gives of every constant. */
  public static <E> String list(E[] constants, Function<E, String> name) {
    return Arrays.stream(constants).map(name).collect(Collectors.joining(", "));
  }
}
