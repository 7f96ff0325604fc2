package org.framefork.app.run;

import org.framefork.app.queue.QueueEntry;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;

/** What the views learn about each job of the queue; every call comes on the EDT, in order. */
public interface JobObserver {
  default void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {}

  default void jobEvent(QueueEntry entry, JobEvent event) {}

  default void jobEnded(QueueEntry entry, JobRun run) {}

  /** The queue stopped: all done, cancelled, or nothing left to run. */
  default void queueStopped() {}
}
