package org.framefork.app.run;

import org.framefork.encoder.report.JobReport;

/** How a job of the queue ended. */
public sealed interface JobOutcome {
  /** The output is in place. */
  record Done(JobReport report) implements JobOutcome {}

  /** No output; {@code message} says why in one sentence. */
  record Failed(String message) implements JobOutcome {}

  /** Stopped by Cancel; nothing was written. */
  record Cancelled() implements JobOutcome {}
}
