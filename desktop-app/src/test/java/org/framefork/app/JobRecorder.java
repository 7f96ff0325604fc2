package org.framefork.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;

/** Records what the runner tells the views, for tests to wait on and check. */
final class JobRecorder implements JobObserver {
  final List<JobEvent> events = new ArrayList<>(); // EDT only
  final CompletableFuture<JobRun> firstRun = new CompletableFuture<>();
  final CompletableFuture<Void> stopped = new CompletableFuture<>();

  static JobRecorder attach(MainFrame frame) {
    JobRecorder r = new JobRecorder();
    UiTestSupport.onEdt(() -> frame.runner().addObserver(r));
    return r;
  }

  @Override
  public void jobEvent(QueueEntry entry, JobEvent event) {
    events.add(event);
  }

  @Override
  public void jobEnded(QueueEntry entry, JobRun run) {
    firstRun.complete(run);
  }

  @Override
  public void queueStopped() {
    stopped.complete(null);
  }

  JobRun awaitRun(double seconds) throws Exception {
    return firstRun.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
  }

  /** When the job's stage {@code stage} began (nanoTime); fails when it has not. */
  long stageAt(JobEvent.Stage stage) {
    return UiTestSupport.onEdt(() -> events.stream()
        .filter(e -> e instanceof JobEvent.StageStarted s && s.stage() == stage).findFirst().orElseThrow().at());
  }

  int framesDone() {
    return UiTestSupport.onEdt(() -> events.stream().filter(e -> e instanceof JobEvent.ChunkProgress)
        .mapToInt(e -> ((JobEvent.ChunkProgress) e).framesDone()).sum());
  }
}
