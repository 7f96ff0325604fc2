package org.framefork.bench.pipeline;

import java.util.concurrent.atomic.LongAdder;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobListener;

/**
 * Reads a job's events the way any consumer of the engine does: counts the progress events (the
 * rate the shared-state benchmark is set to) and keeps the plan the job announced.
 */
final class EventTally implements JobListener {
  // Workers call this concurrently, one event per 8 frames each: a LongAdder is more than enough.
  private final LongAdder progress = new LongAdder();
  private volatile JobEvent.JobPlanned planned;

  @Override
  public void onEvent(JobEvent event) {
    switch (event) {
      case JobEvent.ChunkProgress p -> progress.increment();
      case JobEvent.JobPlanned p -> planned = p;
      default -> {
        // the other events carry nothing the bench needs
      }
    }
  }

  long progressEvents() {
    return progress.sum();
  }

  int chunks() {
    return planned == null ? 0 : planned.plan().size();
  }
}
