package org.framefork.encoder.plan;

import org.framefork.encoder.io.Choices;

/** How the chunks of a plan are run. The same plan runs in every mode. */
public enum ExecutionMode {
  /** One thread, one chunk after another. */
  SEQUENTIAL,
  /** One thread, chunks interleaved a few frames at a time: progress on all, never two at once. */
  CONCURRENT,
  /** N workers of a ForkJoinPool, each running whole chunks. */
  PARALLEL;

  /** @throws IllegalArgumentException {@code unknown mode 'S'; use sequential, concurrent or parallel} */
  public static ExecutionMode parse(String s) {
    return Choices.byName(ExecutionMode.class, s, "mode");
  }

  @Override
  public String toString() {
    return Choices.lowerCase(this);
  }
}
