package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.probe.InputException;

/**
 * The job's input was deleted or moved while it was encoded: perhaps for good, perhaps a network
 * share that dropped out. The finished chunks are worth keeping ({@link FixableFailure}): once the
 * input is back, {@code --resume} goes on from them.
 */
final class SourceGoneException extends InputException {
  private final String head;

  SourceGoneException(Path input) {
    this(input + ": was deleted or moved while it was being encoded; nothing was written");
  }

  private SourceGoneException(String head) {
    super(head + ": put it back and encode it again");
    this.head = head;
  }

  /** What happened, without what to do: a {@link WorkKeptException} says that (resume, not encode again). */
  String head() {
    return head;
  }
}
