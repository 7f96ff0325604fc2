package org.framefork.app.run;

import org.framefork.encoder.report.JobReport;

/** How a job of the queue ended. */
public sealed interface JobOutcome {
  /**
   * The output is in place. {@code inputFingerprint}: the input's as the job read it at its start
   * ({@link org.framefork.app.queue.QueueModel#fingerprint}); null for an image sequence, or unread.
   */
  record Done(JobReport report, String inputFingerprint) implements JobOutcome {
    /** Done, its input's fingerprint not known. */
    public Done(JobReport report) {
      this(report, null);
    }
  }

  /**
   * No output; {@code message} says why in one sentence. {@code workKept}: the engine kept the work
   * folder (a full disk, an I/O error), so Retry continues from its finished chunks. {@code diskFull}:
   * the disk (or a quota) was full, so every job after it would fail the same way. {@code workRefused}:
   * a resume that the engine refused to continue from its work folder (the source changed, other
   * settings): that work is stale, and Retry starts the entry over.
   */
  record Failed(String message, boolean workKept, boolean diskFull, boolean workRefused) implements JobOutcome {
    /** A failure that kept nothing. */
    public Failed(String message) {
      this(message, false, false, false);
    }

    /** A failure that did not refuse the work kept for a resume. */
    public Failed(String message, boolean workKept, boolean diskFull) {
      this(message, workKept, diskFull, false);
    }
  }

  /** Stopped by Cancel; nothing was written. */
  record Cancelled() implements JobOutcome {}
}
