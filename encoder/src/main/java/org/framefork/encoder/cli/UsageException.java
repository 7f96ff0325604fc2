package org.framefork.encoder.cli;

/**
 * A command line that cannot run as given (a bad option value, a missing input, an output in the
 * way). The message is one sentence that names the problem and says what to do; the command prints
 * it as {@code framefork: <message>} and exits with {@link Main#EXIT_USAGE} before writing anything.
 */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
