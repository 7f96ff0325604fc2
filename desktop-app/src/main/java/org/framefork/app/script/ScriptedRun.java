package org.framefork.app.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.event.ActionEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import javax.swing.Timer;
import org.framefork.app.AppArgs;
import org.framefork.app.AppLog;
import org.framefork.app.MainFrame;
import org.framefork.app.health.HeartbeatMonitor;
import org.framefork.app.health.LatencyStats;
import org.framefork.app.health.UiBlock;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.workers.WorkersView;
import org.framefork.app.health.StrictMode;
import org.framefork.encoder.report.JobReport;

/**
 * {@code --autorun}: queues one file and presses Start through the window's own action (the code a
 * click runs), with the demo switch set from {@code --on-ui-thread}; when the queue stops it writes
 * the report and, with {@code --exit-when-done}, exits 0 if the job succeeded and 1 if not.
 */
public final class ScriptedRun implements JobObserver {
  /** Lets the window settle (first paints, class loading) so that start-up is not measured. */
  private static final int SETTLE_MS = 1000;
  /** Lets the heartbeats posted before the end run, so the window is complete. */
  private static final int DRAIN_MS = 300;

  private final MainFrame frame;
  private final AppArgs args;
  private final IntConsumer exit;
  private Instant startedAt;
  private long edtCpuAtStart;
  private long edtCpuNanos;
  private JobRun run;
  private String startProblem;

  public ScriptedRun(MainFrame frame, AppArgs args, IntConsumer exit) {
    this.frame = frame;
    this.args = args;
    this.exit = exit;
  }

  public void begin() {
    frame.queue().addFiles(List.of(args.autorun()));
    frame.uiHealth().onUiThreadSwitch().setSelected(args.onUiThread());
    frame.runner().addObserver(this);
    Timer settle = new Timer(SETTLE_MS, e -> pressStart());
    settle.setRepeats(false);
    settle.start();
  }

  private void pressStart() {
    startedAt = Instant.now();
    edtCpuAtStart = edtCpuTime();
    AppLog.info("autorun: starting " + args.autorun() + (args.onUiThread() ? " on the UI thread (demo)" : " in a SwingWorker"));
    frame.startAction().actionPerformed(new ActionEvent(frame, ActionEvent.ACTION_PERFORMED, "autorun"));
    if (!frame.messageText().isEmpty() && !frame.runner().isRunning() && run == null) {
      startProblem = frame.messageText();
      finish();
    }
  }

  @Override
  public void jobEnded(QueueEntry entry, JobRun run) {
    this.run = run;
    edtCpuNanos = edtCpuTime() - edtCpuAtStart;
  }

  /** CPU time the UI thread itself used so far: separates its own work from waiting for a core. */
  private static long edtCpuTime() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  @Override
  public void queueStopped() {
    Timer drain = new Timer(DRAIN_MS, e -> finish());
    drain.setRepeats(false);
    drain.start();
  }

  private void finish() {
    if (run == null) {
      // An input that failed when it was read says more than "nothing to encode".
      startProblem = frame.queue().model().entries().stream().map(QueueEntry::failure).filter(f -> f != null)
          .findFirst().orElse(startProblem);
    }
    boolean ok = run != null && run.outcome() instanceof JobOutcome.Done;
    if (args.report() != null) {
      try {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(args.report().toFile(), report());
        AppLog.info("autorun: report written to " + args.report());
      } catch (IOException e) {
        AppLog.warn("autorun: cannot write " + args.report() + ": " + e.getMessage());
        ok = false;
      }
    }
    // Without --report this line is all a script sees of why the run failed.
    String why = failure();
    AppLog.info("autorun: " + (ok ? "done" : why != null ? status() + ": " + why : "failed: the report was not written"));
    if (exit != null) {
      frame.dispose();
      // System.exit does not wait for the queue's writer: its last save (and the folder's release) first.
      if (frame.data().queue() != null && !frame.data().queue().awaitWritten(5_000)) {
        AppLog.warn("autorun: the queue was still being saved at exit");
      }
      exit.accept(ok ? 0 : 1);
    }
  }

  ScriptedRunReport report() {
    Runtime rt = Runtime.getRuntime();
    ScriptedRunReport.Machine machine = new ScriptedRunReport.Machine(System.getProperty("os.name") + " "
        + System.getProperty("os.version"), System.getProperty("os.arch"), rt.availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    LatencyStats s = run == null ? LatencyStats.NONE : frame.heartbeat().stats(run.startedAt(), run.endedAt());
    List<UiBlock> blocks = frame.watchdog().blocks().stream()
        .filter(b -> startedAt == null || !b.detectedAt().isBefore(startedAt)).toList();
    WorkersView.CpuUse cpu = frame.workers().cpuUse();
    JobReport r = run != null && run.outcome() instanceof JobOutcome.Done d ? d.report() : null;
    return new ScriptedRunReport(
        OffsetDateTime.now().toString(),
        machine,
        args.autorun().toString(),
        r == null ? null : String.valueOf(run.entry().output()), // a job that did not finish wrote no output
        run == null ? null : run.options().mode().toString(),
        run == null ? 0 : run.options().workers(),
        run == null ? null : run.options().video().codec().cliName(),
        run == null ? null : run.options().video().preset(),
        args.onUiThread(),
        status(),
        failure(),
        r == null ? 0 : r.output().frames(),
        r == null ? 0 : r.stages().wallSeconds(),
        run == null ? 0 : run.uiSeconds(),
        r == null ? 0 : r.stages().fps(),
        r == null ? 0 : r.chunks().speedup(),
        r == null ? 0 : r.output().bytes(),
        new ScriptedRunReport.Heartbeat(HeartbeatMonitor.PERIOD_MICROS / 1000.0, s.samples(), s.p50Ms(), s.p99Ms(), s.maxMs(),
            s.skippedFrames(), run == null ? List.of() : frame.heartbeat().worst(run.startedAt(), run.endedAt(), 8)),
        new ScriptedRunReport.Watchdog(frame.watchdog().thresholdMillis(), blocks.size(), blocks.stream()
            .map(b -> new ScriptedRunReport.Block(b.detectedAt().toString(), b.blockedMillis(),
                Arrays.stream(b.stack()).map(StackTraceElement::toString).toList()))
            .toList()),
        new ScriptedRunReport.Cpu(cpu.cores(), cpu.meanCores(), cpu.peakCores(), cpu.samples(), edtCpuNanos / 1e9),
        strictModeFigures(frame.strictMode()),
        run == null || run.entry().settings() == null || run.entry().settings().cluster() == null ? null
            : run.entry().settings().cluster().addresses(),
        r == null || r.nodes() == null ? List.of() : r.nodes());
  }

  private String status() {
    return run == null ? "failed" : switch (run.outcome()) {
      case JobOutcome.Done d -> "done";
      case JobOutcome.Failed f -> "failed";
      case JobOutcome.Cancelled c -> "cancelled";
    };
  }

  /** Why the run did not finish: the start's problem, the job's failure, or its cancelling. */
  private String failure() {
    return run == null ? startProblem : switch (run.outcome()) {
      case JobOutcome.Done d -> null;
      case JobOutcome.Failed f -> f.message();
      case JobOutcome.Cancelled c -> "cancelled before it finished";
    };
  }

  private static ScriptedRunReport.StrictModeFigures strictModeFigures(StrictMode strict) {
    if (strict == null) {
      return new ScriptedRunReport.StrictModeFigures("off", 0, 0, List.of());
    }
    return new ScriptedRunReport.StrictModeFigures(strict.penalty().name().toLowerCase(java.util.Locale.ROOT),
        strict.count(), strict.repeats(), strict.violations().stream()
            .map(v -> new ScriptedRunReport.Violation(v.summary(), v.stack())).toList());
  }
}
