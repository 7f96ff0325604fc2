package org.framefork.app.run;

import org.framefork.app.queue.QueueEntry;
import org.framefork.encoder.job.JobOptions;

/**
 * One job as the UI saw it: from the moment Start handed it over to the moment its end reached the
 * UI thread (nanoTime), and how it ended.
 *
 * @param cancelRequestedAt when Cancel was pressed, or 0
 */
public record JobRun(QueueEntry entry, JobOptions options, boolean onUiThread, long startedAt, long endedAt,
    long cancelRequestedAt, JobOutcome outcome) {
  public double uiSeconds() {
    return (endedAt - startedAt) / 1e9;
  }
}
