package org.framefork.encoder.job;

import org.framefork.encoder.report.JobReport;

/**
 * One input to one output: probe, plan, encode the chunks in the chosen mode, join, verify.
 *
 * <p>{@link #run()} blocks until the output is in place and returns the report; it throws
 * {@link org.framefork.encoder.probe.InputException} for input or destination a user must fix
 * (before anything is written), {@link JobCancelledException} after {@link #cancel()}, and
 * {@link org.framefork.encoder.media.MediaException} when encoding fails. In every failure nothing is
 * left at the destination.
 */
public final class EncodeJob {
  private final JobOptions options;
  private final JobListener listener;
  private volatile boolean cancelled;

  public EncodeJob(JobOptions options, JobListener listener) {
    this.options = options;
    this.listener = listener == null ? JobListener.NONE : listener;
  }

  public JobOptions options() {
    return options;
  }

  public JobReport run() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Asks the job to stop: workers stop at their next frame; run() then throws JobCancelledException. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
