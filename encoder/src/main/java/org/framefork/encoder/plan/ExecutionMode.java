package org.framefork.encoder.plan;

import java.util.Locale;

/** How the chunks of a plan are run. The same plan runs in every mode. */
public enum ExecutionMode {
  /** One thread, one chunk after another. */
  SEQUENTIAL,
  /** One thread, chunks interleaved a few frames at a time: progress on all, never two at once. */
  CONCURRENT,
  /** N workers of a ForkJoinPool, each running whole chunks. */
  PARALLEL;

  public static ExecutionMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode '" + s + "'; use sequential, concurrent or parallel");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
