package org.framefork.app.run;

import java.awt.EventQueue;
import java.util.function.Consumer;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;

/**
 * The wrong way, kept as a demonstration: the job runs directly on the event dispatch thread, as
 * code in a button's action listener would. Nothing repaints, no click is answered and Cancel
 * cannot be pressed until it returns; the heartbeat and the watchdog record the block.
 */
final class UiThreadEncode {
  private UiThreadEncode() {}

  static void run(JobOptions options, Consumer<JobEvent> onEvent, Consumer<JobOutcome> onEnd) {
    if (!EventQueue.isDispatchThread()) {
      throw new IllegalStateException("the demo runs the job on the UI thread; call it there");
    }
    // Workers still post their events; they wait in the event queue behind this very call.
    EncodeJob job = new EncodeJob(options, e -> EventQueue.invokeLater(() -> onEvent.accept(e)));
    JobOutcome outcome;
    try {
      String fingerprint = org.framefork.app.queue.QueueModel.fingerprint(options.input());
      outcome = new JobOutcome.Done(job.run(), fingerprint);
    } catch (RuntimeException | LinkageError e) {
      outcome = EncodeWorker.outcomeOf(e, options);
    }
    JobOutcome end = outcome;
    // Posted, not called: the events queued during the block are handled first, in order.
    EventQueue.invokeLater(() -> onEnd.accept(end));
  }
}
