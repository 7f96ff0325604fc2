package org.framefork.app.run;

import java.awt.EventQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.framefork.app.queue.KeptWork;
import org.framefork.app.queue.OutputNames;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueModel;
import org.framefork.app.settings.ClusterSetting;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.job.WorkKept;

/**
 * Runs the queue one job at a time (each job already uses every worker): the next waiting entry
 * with the settings as they are when it starts, in a SwingWorker, or on the UI thread when the
 * demo switch is on. Failures do not stop the queue; Cancel does. EDT only.
 */
public final class QueueRunner {
  /** Frames of the whole run, for the overall bar. */
  public record Overall(long framesDone, long framesTotal, int jobsDone, int jobsTotal) {
    public double fraction() {
      return framesTotal == 0 ? 0 : Math.min(1.0, framesDone / (double) framesTotal);
    }
  }

  private final QueueModel queue;
  private final Supplier<JobSettings> settings;
  private final BooleanSupplier onUiThread;
  private final List<JobObserver> observers = new ArrayList<>();
  private final List<JobRun> runs = new ArrayList<>();
  private final List<QueueEntry> finishedThisRun = new ArrayList<>();

  private boolean running;
  private boolean stopRequested;
  /** Why the last run stopped before the queue's end on its own (a full disk), else null. */
  private String stopReason;
  /** Whether the last run stopped before its end: a Cancel, a full disk, settings it could not run with. */
  private boolean endedEarly;
  static final String DISK_FULL = "the disk is full; free space, then press Start";
  private QueueEntry current;
  private JobOptions currentOptions;
  private boolean currentOnUiThread;
  private JobProgress progress = new JobProgress();
  private EncodeWorker worker;
  private long startedAt;
  private long cancelRequestedAt;
  /** The entry Resume or Retry asked for while the queue was idle: this run encodes it alone. Null: the waiting entries. */
  private QueueEntry only;
  /** The cluster the jobs of this run encode on, joined by the first of them; null: this machine only. */
  private ClusterLink cluster;

  public QueueRunner(QueueModel queue, Supplier<JobSettings> settings, BooleanSupplier onUiThread) {
    this.queue = queue;
    this.settings = settings;
    this.onUiThread = onUiThread;
  }

  public void addObserver(JobObserver o) {
    observers.add(o);
  }

  public boolean isRunning() {
    return running;
  }

  /** Whether {@code entry} is still in the queue (not removed). */
  public boolean holds(QueueEntry entry) {
    return queue.entries().contains(entry);
  }

  /** The entries Start would encode, the one encoding now not counted. */
  public int waiting() {
    return (int) queue.entries().stream().filter(e -> e.runnable() && e != current).count();
  }

  /** {@code r} runs whenever the queue's entries change (added, removed, moved, a state changed). EDT. */
  public void onQueueChange(Runnable r) {
    queue.onAnyChange(r);
  }

  public QueueEntry current() {
    return current;
  }

  public JobProgress progress() {
    return progress;
  }

  /** The workers of the cluster's nodes that the running job's chunks go to, once it is planned; 0 off a cluster. */
  public int nodeWorkers() {
    return cluster == null ? 0 : cluster.nodeWorkers();
  }

  public boolean currentOnUiThread() {
    return currentOnUiThread;
  }

  /** Every job that has ended, oldest first. */
  public List<JobRun> runs() {
    return List.copyOf(runs);
  }

  /**
   * What Start does: runs the waiting entries in order. Returns null when the queue started, else
   * one sentence that says why not. With the demo switch on, this returns only after the first job.
   */
  public String start() {
    return start(null);
  }

  /**
   * A settings problem as a sentence under the Start button: capitalised, unless it starts with a
   * codec's or a format's name, which are written in lower case everywhere ("vp9 writes 8-bit ...").
   */
  public static String asSentence(String problem) {
    String first = problem.split("[ :,]", 2)[0];
    boolean name = Arrays.stream(VideoCodec.values()).anyMatch(c -> c.toString().equals(first))
        || Arrays.stream(Container.values()).anyMatch(c -> c.toString().equals(first));
    return (name ? problem : problem.substring(0, 1).toUpperCase(Locale.ROOT) + problem.substring(1)) + ".";
  }

  /** A failed {@code entry} (a Retry) waits again; any other is left as it is. */
  private void retry(QueueEntry entry) {
    if (entry != null && entry.state() == QueueEntry.State.FAILED) {
      entry.retry();
      queue.changed(entry);
    }
  }

  /** Whether a Cancel was asked for and the queue has not stopped yet. */
  private boolean isStopping() {
    return running && stopRequested;
  }

  /**
   * Resume and Retry: {@code entry} alone (a resumed entry with the settings it was encoded with, so
   * its finished chunks fit; a failed one waits again, to be encoded from the start); the other
   * waiting entries wait for Start, which gives them the settings as they are then. While the queue
   * runs, {@code entry} (waiting again) is left to it.
   */
  public String start(QueueEntry entry) {
    if (isStopping()) {
      // Cancel is finishing: the queue stops after this job, and nothing more runs in this run.
      // The click is not kept for later: the user just asked to stop, and says again once it has.
      // A failed entry stays failed: made waiting, the next Start would run it with every other waiting entry.
      return entry == null || entry.state() == QueueEntry.State.WAITING
          ? "The queue is stopping; press Start again once it has stopped."
          : entry.state() == QueueEntry.State.FAILED ? "The queue is stopping; press Retry again once it has stopped."
          : "The queue is stopping; press Resume again once it has stopped.";
    }
    if (running) {
      retry(entry);
      if (entry != null && only == null) {
        finishedThisRun.remove(entry); // a Retry of a job this run ended: the run encodes it again, counted once
      }
      return entry == null ? "The queue is already running."
          : only == null ? "The queue is already running; this one runs after the entries before it."
          : "Another entry is being encoded; this one waits for Start.";
    }
    // A Retry or Resume that continues from kept work runs with that job's own settings (runNext): those are the ones
    // checked, not the window's, which it does not use.
    JobSettings s = entry != null && resumes(entry) ? entry.settings() : settings.get();
    String problem = s.problem();
    if (problem != null) {
      return asSentence(problem);
    }
    if (s.cluster() != null && onUiThread.getAsBoolean()) {
      return ON_UI_THREAD_IS_LOCAL;
    }
    if (entry == null && queue.entries().stream().noneMatch(QueueEntry::runnable)) {
      return nothingToEncode(queue.entries());
    }
    String audioProblem = audioProblem(s, entry == null ? queue.entries().stream().filter(QueueEntry::runnable).toList()
        : resumes(entry) ? List.of() : List.of(entry));
    if (audioProblem != null) {
      return audioProblem;
    }
    String folderProblem = OutputFolder.prepare(s.outputFolder());
    if (folderProblem != null) {
      return folderProblem;
    }
    retry(entry); // only now: a Retry refused above leaves the entry failed, its failure said
    only = entry;
    running = true;
    stopRequested = false;
    stopReason = null;
    finishedThisRun.clear();
    runNext();
    return null;
  }

  /**
   * Why the first of {@code entries} whose video the queue has read cannot have its audio as {@code
   * s} say (Audio copy of AAC into webm), in the settings' words: found at Start, not by a job that
   * fails. Null when none; an entry still being read is left to its job. A continuing entry keeps its own.
   */
  private static String audioProblem(JobSettings s, List<QueueEntry> entries) {
    for (QueueEntry e : entries) {
      if (e.info() == null || resumes(e)) {
        continue;
      }
      String p = s.audioProblem(e.info());
      if (p != null) {
        String path = e.input() + ": ";
        return (p.startsWith(path) ? e.name() + ": " + p.substring(path.length()) : p) + ".";
      }
    }
    return null;
  }

  /** Why Start has nothing to do: an empty queue, or entries that are done or need Retry. */
  static String nothingToEncode(List<QueueEntry> entries) {
    long failed = entries.stream().filter(e -> e.state() == QueueEntry.State.FAILED).count();
    if (failed > 0) {
      return "Nothing waits to be encoded: select the failed " + (failed == 1 ? "entry" : "entries")
          + " and press Retry to encode " + (failed == 1 ? "it" : "them") + " again, or add videos.";
    }
    return entries.isEmpty() ? "Nothing to encode: add videos to the queue first."
        : "Nothing waits to be encoded: every entry is done; add videos to the queue.";
  }

  private static final String ON_UI_THREAD_IS_LOCAL =
      "Run on the UI thread is a demo of a local encode; turn it off to encode on the cluster.";

  /**
   * Whether {@code e} continues from the work its job kept (a stopped entry, or a failed one that kept
   * it, whose output is not there and whose work folder still is): it then runs with its own settings.
   */
  private static boolean resumes(QueueEntry e) {
    return e.continuable() && !Files.exists(e.output()) && Files.isDirectory(e.workFolder());
  }

  /**
   * Whether the last run stopped before its end (a Cancel, a full disk, settings it could not run
   * with); false when it ran every entry it had to, whether they were done or failed.
   */
  public boolean endedEarly() {
    return endedEarly;
  }

  /** Why the last run stopped on its own before the queue's end (a full disk), else null. */
  public String stopReason() {
    return stopReason;
  }

  /** What Cancel does: stops the current job (its workers stop at their next frame) and the queue. */
  public void cancel() {
    if (!running) {
      return;
    }
    // During a job on the UI thread this click is only seen once the job is over: then it stops the queue.
    stopRequested = true;
    if (worker != null && cancelRequestedAt == 0) {
      cancelRequestedAt = System.nanoTime();
      worker.requestCancel();
    }
  }

  public Overall overall() {
    long done = 0;
    long total = 0;
    int jobs = 0;
    for (QueueEntry e : finishedThisRun) {
      long f = frames(e);
      total += f;
      // The queue is past a failed job as past a done one: a queue whose last job failed at once ends at 100%.
      done += e.state() == QueueEntry.State.CANCELLED ? 0 : f;
      jobs++;
    }
    int jobsTotal = jobs;
    if (current != null) {
      total += progress.totalFrames() > 0 ? progress.totalFrames() : frames(current);
      done += progress.framesDone();
      jobsTotal++;
    }
    // Waiting entries are this run's only while it runs on through the queue: not after it ended, nor in a Retry's run alone.
    if (running && !stopRequested && only == null) {
      for (QueueEntry e : queue.entries()) {
        if (e.runnable() && e != current) {
          total += frames(e);
          jobsTotal++;
        }
      }
    }
    return new Overall(done, total, jobs, jobsTotal);
  }

  private static long frames(QueueEntry e) {
    return e.info() != null && e.info().video() != null ? e.info().video().frameCount() : 0;
  }

  private void runNext() {
    QueueEntry next = nextEntry();
    if (next == null) {
      stopped(stopRequested);
      return;
    }
    // A stopped entry, or a failed one whose job kept its work, resumes with the settings it was encoded with: the engine
    // kept its finished chunks in the work folder of the output it was writing, and reuses them only for the same settings.
    boolean resuming = resumes(next);
    JobSettings s = resuming ? next.settings() : settings.get();
    String problem = s.cluster() != null && onUiThread.getAsBoolean() ? ON_UI_THREAD_IS_LOCAL : s.problem();
    // The settings were changed to something impossible while the queue ran, or the output folder is gone (a drive
    // unplugged): it stops here, saying why.
    String folderProblem = problem != null ? problem : OutputFolder.prepare(s.outputFolder()); // it may have changed since Start
    if (folderProblem != null) {
      failedBeforeItsStart(next, folderProblem);
      stopped(true);
      return;
    }
    // One that starts over takes its earlier output's name again where it can: the engine's start-over deletes the
    // stale work folder of that output under its job lock. One whose name changed (other settings) has it deleted here.
    // Only a folder known to be its own: one at a plain failure's output may be another job's (a Ctrl-C'd command line's).
    Path own = resuming ? null : next.ownOutput();
    Path out = resuming ? next.output() : OutputNames.forInput(next.input(), s.outputFolder(), s.codec(), s.container(),
        OutputNames.heldBy(queue.entries(), next), own);
    if (own != null && !out.equals(own)) {
      discardStaleWork(own, OutputNames.heldBy(queue.entries(), next));
    }
    // As the command line: a full disk or an I/O error keeps the finished chunks too, for Retry.
    JobOptions options = s.toOptions(next.input(), out).withWorkKept(WorkKept.FOR_RESUME).withResume(resuming);
    current = next;
    currentOptions = options;
    progress = new JobProgress();
    startedAt = System.nanoTime();
    cancelRequestedAt = 0;
    currentOnUiThread = onUiThread.getAsBoolean();
    next.started(out, s);
    // The sequence's options are sent to an image sequence only: its rate, and its gaps where allowed.
    next.log(JobLog.started(s, resuming, out, !options.sequence().givenOptions().isEmpty()));
    queue.changed(next);
    // A job's start changes much of the window at once, and painting it all in one pass takes longer
    // than a frame (under a software X server, about 35 ms): each observer updates in a pass of its
    // own, posted after the previous pass's paint, so heartbeats and clicks get in between. The
    // engine starts after the last, so no event reaches a view that has not heard of the job.
    ClusterLink link = clusterFor(s.cluster());
    startInPasses(new ArrayDeque<>(observers), next, options, () -> launch(next, options, link));
  }

  /**
   * {@code next} fails before its job starts ({@code problem}): one that may continue (stopped, or failed
   * keeping its work) keeps that work for Retry, its row saying what is kept once counted.
   */
  private void failedBeforeItsStart(QueueEntry next, String problem) {
    if (next.continuable()) {
      next.failedKeepingWork(problem);
      KeptWork.countFor(next, () -> queue.changed(next));
    } else {
      next.failed(problem);
    }
    next.log("failed: " + problem);
    queue.changed(next);
  }

  private void stopped(boolean early) {
    endedEarly = early;
    only = null;
    running = false;
    leaveCluster();
    observers.forEach(JobObserver::queueStopped);
  }

  /**
   * Deletes the work folder of {@code output}, the earlier output of an entry that starts over under
   * another name, off the UI thread and under that output's job lock; not where another entry holds
   * that output ({@code held}), nor where it has no work folder.
   */
  private static void discardStaleWork(Path output, java.util.Set<Path> held) {
    Path abs = output.toAbsolutePath().normalize();
    if (held.contains(abs)) {
      return;
    }
    Thread.ofPlatform().daemon().name("framefork-discard-stale-work").start(() -> {
      Path dir = org.framefork.encoder.job.JobWorkspace.defaultFor(abs);
      if (Files.isDirectory(dir)) {
        org.framefork.encoder.job.JobWorkspace.discardUnlessRunning(dir, abs);
      }
    });
  }

  /** The entry to encode next: Resume's or Retry's alone, else the first waiting one; null when the run is over. */
  private QueueEntry nextEntry() {
    if (stopRequested) {
      return null;
    }
    if (only != null) {
      return only.runnable() && !finishedThisRun.contains(only) && queue.entries().contains(only) ? only : null;
    }
    return queue.entries().stream().filter(QueueEntry::runnable).findFirst().orElse(null);
  }

  private void startInPasses(Deque<JobObserver> left, QueueEntry entry, JobOptions options, Runnable then) {
    JobObserver o = left.poll();
    if (o == null) {
      then.run();
      return;
    }
    o.jobStarted(entry, options, currentOnUiThread);
    EventQueue.invokeLater(() -> startInPasses(left, entry, options, then));
  }

  /**
   * The link for {@code setting}: the one joined for an earlier job of the run when it is for the
   * same cluster, else a new one (joined by its first job, on the worker thread). Null for none.
   */
  private ClusterLink clusterFor(ClusterSetting setting) {
    if (cluster != null && setting != null && cluster.isFor(setting) && !cluster.joinFailed()) {
      return cluster;
    }
    leaveCluster();
    cluster = setting == null ? null : new ClusterLink(setting, line -> EventQueue.invokeLater(() -> clusterSaid(line)));
    return cluster;
  }

  /** A line of the cluster's (a node refused, gone, or a chunk run again): in the running entry's log. */
  private void clusterSaid(String line) {
    if (current != null && !line.isBlank()) {
      current.log(line.replaceFirst("^framefork: (cluster: )?", "cluster: "));
      queue.logged(current);
    }
  }

  private void leaveCluster() {
    if (cluster != null) {
      cluster.leave();
      cluster = null;
    }
  }

  /** The app is closing: leaves the cluster, off the UI thread. */
  public void shutdown() {
    leaveCluster();
  }

  private void launch(QueueEntry next, JobOptions options, ClusterLink link) {
    if (stopRequested) {
      finish(next, new JobOutcome.Cancelled()); // Cancel came while the views were being set up
      return;
    }
    if (currentOnUiThread) {
      UiThreadEncode.run(options, e -> handle(next, e), outcome -> finish(next, outcome));
    } else {
      worker = new EncodeWorker(options, link, events -> events.forEach(e -> handle(next, e)), outcome -> finish(next, outcome));
      worker.execute();
    }
  }

  private void handle(QueueEntry entry, JobEvent e) {
    if (entry != current) {
      return;
    }
    progress.apply(e);
    if (e instanceof JobEvent.JobPlanned p) {
      entry.sourceRead(p.media()); // what its row shows, where the queue could not read it when it was added
    }
    entry.progressed(progress.fraction(), progress.stageText());
    queue.progressed(entry);
    String line = JobLog.line(e);
    if (line != null) {
      entry.log(line);
      queue.logged(entry);
    }
    for (JobObserver o : observers) {
      o.jobEvent(entry, e);
    }
  }

  private void finish(QueueEntry entry, JobOutcome outcome) {
    long endedAt = System.nanoTime();
    String keptLine = null; // how the job's end is said once what it keeps is counted: "cancelled", "failed"
    switch (outcome) {
      case JobOutcome.Done d -> {
        JobLog.Finished said = JobLog.Finished.of(d.report());
        entry.done(d.report().output().bytes(), d.report().stages().wallSeconds(), said.notes(), said.warnings(),
            d.inputFingerprint());
        said.report().forEach(entry::log);
      }
      // A resume that failed after its work folder opened (a codec's crash, a damaged input) had it deleted.
      case JobOutcome.Failed f when f.workKept()
          || currentOptions.resume() && !f.workRefused() && Files.isDirectory(currentOptions.workFolder()) -> {
        // The engine kept its work (a full disk, an I/O error), or a resume failed before it touched the
        // work it continues from (the source moved away): Retry continues from it, to the same output.
        entry.failedKeepingWork(f.message());
        entry.log("failed: " + f.message());
        if (f.diskFull()) {
          // Every job after it would fill the same disk: the queue stops, the rest wait for space and Start.
          stopRequested = true;
          stopReason = DISK_FULL;
          entry.log("the queue stopped: the disk is full");
        }
        keptLine = "failed";
      }
      case JobOutcome.Failed f when f.workRefused() -> {
        entry.failedRefusingWork(f.message()); // the folder it refused is its own, stale: Retry's start over deletes it
        entry.log("failed: " + f.message());
      }
      case JobOutcome.Failed f -> {
        entry.failed(f.message());
        entry.log("failed: " + f.message());
        if (cluster != null && cluster.joinFailed()) {
          stopRequested = true; // every job would fail the same way
        }
      }
      case JobOutcome.Cancelled c -> {
        entry.cancelled();
        stopRequested = true;
        keptLine = "cancelled";
      }
    }
    queue.changed(entry);
    JobRun run = new JobRun(entry, currentOptions, currentOnUiThread, startedAt, endedAt, cancelRequestedAt, outcome);
    runs.add(run);
    finishedThisRun.add(entry);
    worker = null;
    current = null;
    for (JobObserver o : observers) {
      o.jobEnded(entry, run);
    }
    // Posted, so the UI repaints between jobs (and a job on the UI thread does not nest in the last one).
    Runnable next = () -> EventQueue.invokeLater(this::runNext);
    if (keptLine == null) {
      next.run();
      return;
    }
    // The queue goes on, or stops, once what the job keeps is counted and in its log: a window closed by
    // "Stop encoding and quit" saves the queue as it stops, that line with it.
    String said = keptLine;
    KeptWork.countFor(entry, () -> {
      entry.log(said + "; " + entry.keptSentence());
      queue.changed(entry);
    }, next);
  }
}
