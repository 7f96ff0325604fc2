package org.framefork.encoder.job;

/** When a job's work folder (segments, plan, chunk records) stays after the job ends. */
public enum WorkKept {
  /** Only after a cancellation, so that the job can resume: the default. */
  ON_CANCEL,
  /** After every ending, success included ({@code --keep-work}). */
  ALWAYS,
  /** Never, not even after a cancellation ({@code --no-keep}). */
  NEVER;

  /** Whether the folder stays after a job that ended, {@code cancelled} or not (a success or a failure). */
  boolean keeps(boolean cancelled) {
    return this == ALWAYS || (cancelled && this == ON_CANCEL);
  }
}
