package org.framefork.encoder.job;

/**
 * Receives a job's events. Called from the job's threads (workers included): implementations must
 * be thread-safe and quick, and hand anything slow (drawing, I/O) to their own thread.
 */
@FunctionalInterface
public interface JobListener {
  JobListener NONE = e -> {};

  void onEvent(JobEvent event);

  default JobListener and(JobListener other) {
    return e -> {
      onEvent(e);
      other.onEvent(e);
    };
  }
}
