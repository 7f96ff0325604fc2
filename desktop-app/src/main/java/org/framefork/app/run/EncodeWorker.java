package org.framefork.app.run;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.SwingWorker;
import org.framefork.app.AppLog;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobCancelledException;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.job.WorkKeptException;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;

/**
 * The right way: one job in a SwingWorker (Android's AsyncTask for Swing). doInBackground runs the
 * engine on a worker thread; the engine's events, which come from its own worker threads, go
 * through publish and arrive on the EDT in order in process; done reads the result with get(), so a
 * failure reaches the user instead of vanishing.
 *
 * <p>Cancel goes to the engine ({@link EncodeJob#cancel()}), not to SwingWorker.cancel: the engine
 * stops its workers at their next frame and removes what it wrote, and only then does done() run.
 * SwingWorker.cancel would call done() at once while the engine was still cleaning up.
 */
public final class EncodeWorker extends SwingWorker<JobReport, JobEvent> {
  private final JobOptions options;
  private final ClusterLink cluster;
  private final Consumer<List<JobEvent>> onEvents;
  private final Consumer<JobOutcome> onEnd;
  private volatile EncodeJob job;
  private volatile boolean cancelRequested;
  /** The input's fingerprint, read on the worker's thread before the job starts: what a done entry keeps of it. */
  private volatile String inputFingerprint;

  /** @param cluster the cluster whose nodes encode chunks too; null for this machine only */
  EncodeWorker(JobOptions options, ClusterLink cluster, Consumer<List<JobEvent>> onEvents, Consumer<JobOutcome> onEnd) {
    this.options = options;
    this.cluster = cluster;
    this.onEvents = onEvents;
    this.onEnd = onEnd;
  }

  @Override
  protected JobReport doInBackground() {
    // Background priority, as Android gives AsyncTask: the engine's workers take this thread's
    // priority, so when the cores are all busy the UI thread still runs first. The launcher maps
    // it to the OS (nice 10 on Linux; Windows and macOS map Java priorities themselves).
    Thread me = Thread.currentThread();
    int before = me.getPriority();
    me.setPriority(Thread.MIN_PRIORITY);
    try {
      // On a cluster the first job joins it here, on this thread: seconds the UI thread does not wait.
      EncodeJob j = cluster == null ? new EncodeJob(options, this::publish) : cluster.job(options, this::publish);
      job = j;
      // Cancel may have come before the job existed; this check and requestCancel's cover both orders.
      if (cancelRequested) {
        j.cancel();
      }
      inputFingerprint = org.framefork.app.queue.QueueModel.fingerprint(options.input());
      return j.run();
    } finally {
      me.setPriority(before); // SwingWorker's threads are pooled
    }
  }

  @Override
  protected void process(List<JobEvent> events) {
    onEvents.accept(events);
  }

  @Override
  protected void done() {
    JobOutcome outcome;
    try {
      outcome = new JobOutcome.Done(get(), inputFingerprint);
    } catch (ExecutionException e) {
      outcome = outcomeOf(e.getCause(), options);
    } catch (CancellationException e) {
      outcome = new JobOutcome.Cancelled();
    } catch (InterruptedException e) {
      // done() runs after the work ended, so get() does not wait; keep the flag all the same
      Thread.currentThread().interrupt();
      outcome = new JobOutcome.Failed("interrupted");
    }
    onEnd.accept(outcome);
  }

  /** Asks the engine to stop; done() follows once its workers have stopped and its files are gone. */
  public void requestCancel() {
    cancelRequested = true;
    EncodeJob j = job;
    if (j != null) {
      j.cancel();
    }
  }

  /**
   * A resume refusal as the app says it: the engine's line ends with what to do on the command line
   * ("...; remove DIR to start this input over, or run without --resume"), but the app has no
   * --resume: a failed entry's Retry starts it over, as the work folder is not kept for it.
   */
  static String withoutResumeOption(String message) {
    int option = message == null ? -1 : message.indexOf("run without --resume");
    // "; remove DIR ..., or run without --resume": DIR may hold "; " itself, so the hint is found by its words.
    int remove = option < 0 ? -1 : message.lastIndexOf("; remove ", option);
    int hint = remove >= 0 ? remove : option < 0 ? -1 : message.lastIndexOf("; ", option);
    return hint < 0 ? message : message.substring(0, hint) + "; press Retry to start it over";
  }

  static JobOutcome outcomeOf(Throwable cause) {
    return outcomeOf(cause, null);
  }

  /** How the job of {@code options} (null where not known) ended with {@code cause}. */
  static JobOutcome outcomeOf(Throwable cause, JobOptions options) {
    if (cause instanceof JobCancelledException) {
      return new JobOutcome.Cancelled();
    }
    if (cause instanceof InputException || cause instanceof ClusterLink.ClusterProblem) {
      // In the app's words: its settings' names, not the command line's options; its paths and filters as they are.
      String said = withoutResumeOption(cause.getMessage());
      // Said to run without --resume: the work kept for the resume does not fit, and Retry starts over.
      boolean refused = !java.util.Objects.equals(said, cause.getMessage());
      return new JobOutcome.Failed(options == null ? JobSettings.inSettingsWords(said)
          : JobSettings.inSettingsWords(said, options.input(), options.output(), options.filters().text()), false, false,
          refused);
    }
    if (cause instanceof WorkKeptException kept && kept.getCause() != null) {
      // A full disk or an I/O error: the engine kept the finished chunks. Its line names the command
      // line's --resume; here Retry continues, and the row says what is kept once it is counted.
      AppLog.warn("encode failed; its work is kept in " + kept.workFolder(), cause);
      // The engine's own remedy ("free space", "put it back" for an input gone, "fix that"), then Retry.
      boolean full = Ffmpeg.isOutOfSpace(kept.getCause());
      return new JobOutcome.Failed(kept.failure() + "; " + kept.remedy() + ", then press Retry", true, full);
    }
    // Anything else is ours or the codec's: the user gets the message, the log gets the stack.
    AppLog.warn("encode failed", cause);
    String m = cause.getMessage();
    return new JobOutcome.Failed(m == null || m.isBlank() ? cause.getClass().getSimpleName() : m);
  }
}
