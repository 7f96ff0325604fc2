package org.framefork.encoder.cli;

import java.util.List;

/**
 * A command line that cannot run as given (a bad option value, a missing input, an output in the
 * way). Each problem is one sentence that names it and says what to do; the command prints each as
 * {@code framefork: <problem>} and exits with {@link Main#EXIT_USAGE} before writing anything. A
 * batch whose inputs have several problems reports them all at once, so that one run of the command
 * shows everything to mend.
 */
final class UsageException extends RuntimeException {
  private final List<String> problems;

  UsageException(String message) {
    this(List.of(message));
  }

  /** @param problems one or more, each a line of its own */
  UsageException(List<String> problems) {
    super(problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found: arguments that name no file first (patterns, empty folders), then inputs
   * that cannot be read, then what holds for the whole command (container, --output-dir), then
   * outputs in the way; within each, in the order of the command line.
   */
  List<String> problems() {
    return problems;
  }
}
