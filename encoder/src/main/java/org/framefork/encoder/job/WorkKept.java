package org.framefork.encoder.job;

/** When a job's work folder (segments, plan, chunk records) stays after the job ends. */
public enum WorkKept {
  /** Only after a cancellation, so that the job can resume: the default. */
  ON_CANCEL,
  /**
   * After a cancellation, and after a failure the user can fix and run again with {@code --resume}
   * (a full disk, an I/O error; see {@link FixableFailure}): the command line's default, and the
   * desktop app's (its Retry continues from the kept chunks).
   */
  FOR_RESUME,
  /** After every ending, success included ({@code --keep-work}). */
  ALWAYS,
  /** Never, not even after a cancellation ({@code --no-keep}). */
  NEVER;

  /**
   * Whether the folder stays after a job that ended, {@code cancelled} or not (a success or a
   * failure), {@code fixable}: a failure that another run may get past once the user has fixed it.
   */
  boolean keeps(boolean cancelled, boolean fixable) {
    return this == ALWAYS || (cancelled && this != NEVER) || (fixable && this == FOR_RESUME);
  }
}
