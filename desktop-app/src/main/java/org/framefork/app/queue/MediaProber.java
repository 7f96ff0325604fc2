package org.framefork.app.queue;

import java.awt.EventQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.framefork.app.AppLog;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;

/**
 * Reads each added video's streams and frame count on a background thread (a packet scan can take a
 * second on a long file) and hands the result to the EDT.
 */
final class MediaProber {
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "framefork-probe");
    t.setDaemon(true);
    return t;
  });

  /**
   * Calls {@code done} on the EDT with the source as read or the reason it cannot be encoded; an image sequence
   * with missing numbers is read, each holding the image before it, where {@code allowGaps} (as the job
   * would take it), else refused.
   */
  void probe(QueueEntry entry, boolean allowGaps, BiConsumer<ProbedSource, String> done) {
    executor.execute(() -> {
      ProbedSource read = null;
      String error = null;
      try {
        // An image sequence is read as the engine reads it, at its default rate: the queue shows its images,
        // not a duration, and the job gets the rate the settings have when it starts.
        read = ProbedSource.probe(entry.input(), new SequenceOptions(null, null, allowGaps, null, null));
      } catch (InputException e) {
        // The app's words, not --options; the input's path as it is.
        error = org.framefork.app.settings.JobSettings.inSettingsWords(e.getMessage(), entry.input(), null, null);
      } catch (RuntimeException | LinkageError e) {
        error = entry.name() + ": cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        AppLog.warn("probe failed for " + entry.input(), e);
      }
      ProbedSource r = read;
      String err = error;
      EventQueue.invokeLater(() -> done.accept(r, err));
    });
  }

  void shutdown() {
    executor.shutdownNow();
  }
}
