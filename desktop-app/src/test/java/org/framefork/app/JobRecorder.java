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

  /** Queues {@code input}, waits until it is read and presses Start: returns its entry, whose job this records. */
  static QueueEntry queueAndStart(MainFrame frame, java.nio.file.Path input) {
    QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).getFirst());
    UiTestSupport.waitUntil("it is read", 30, () -> entry.info() != null);
    UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
    return entry;
  }

  /** The first job's run, once the queue has stopped after it. */
  JobRun awaitRunAndStop(double seconds) throws Exception {
    JobRun run = awaitRun(seconds);
    stopped.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    return run;
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
