package org.framefork.app.run;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Consumer;
import org.framefork.app.settings.ClusterSetting;
import org.framefork.encoder.cluster.ClusterOptions;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.job.JobOptions;
import picocli.CommandLine;

/**
 * The app's membership of a cluster across the jobs of a queue run, through the engine's own
 * {@link ClusterOptions}, filled from the setting by picocli as the encode command's are: the same
 * checks, the same join, the same job. Checked and joined on the first job's worker thread (never
 * the UI thread: the check reads the credentials, and joining starts an Ignite client node, seconds
 * of work and network); left on a thread of its own.
 */
final class ClusterLink {
  private final ClusterSetting setting;
  private final ClusterOptions options = new ClusterOptions();
  private final PrintWriter log;
  private boolean joined;
  private volatile boolean joinFailed;
  private volatile int nodeWorkers;

  /** @param log told each line the cluster says (a node refused or gone), from any thread */
  ClusterLink(ClusterSetting setting, Consumer<String> log) {
    this.setting = setting;
    this.log = new PrintWriter(new LineWriter(log), true);
    new CommandLine(options).parseArgs(setting.asOptions().toArray(String[]::new));
  }

  boolean isFor(ClusterSetting s) {
    return setting.equals(s);
  }

  /** Whether checking the setting or joining failed: every job would fail the same way. */
  boolean joinFailed() {
    return joinFailed;
  }

  /** The nodes' workers that took the last job's chunks when it started, in all. */
  int nodeWorkers() {
    return nodeWorkers;
  }

  /**
   * The job for {@code o}, its chunks on the nodes and on the setting's local workers; joins first.
   * Off the UI thread. Throws {@link ClusterProblem} with one sentence when it cannot.
   */
  synchronized EncodeJob job(JobOptions o, JobListener listener) {
    if (!joined) {
      try {
        options.check(o.mode(), setting.localWorkers());
        double seconds = options.connect(log);
        log.printf("joined the cluster at %s in %.1f s%n", setting.addresses(), seconds);
        joined = true;
      } catch (IllegalArgumentException | IllegalStateException e) {
        joinFailed = true;
        throw new ClusterProblem(ClusterSetting.inSettingsWords(e.getMessage()));
      }
    }
    try {
      EncodeJob job = options.job(o, setting.localWorkers(), listener);
      nodeWorkers = options.nodeWorkers(o.video()); // before the job's first event, which shows it
      return job;
    } catch (IllegalStateException e) {
      throw new ClusterProblem(ClusterSetting.inSettingsWords(e.getMessage()));
    }
  }

  /** Leaves the cluster on a thread of its own (stopping a client node takes a moment). */
  void leave() {
    Thread.ofPlatform().name("framefork-cluster-leave").start(() -> {
      synchronized (this) {
        options.close();
      }
    });
  }

  /** Why a job could not run on the cluster, in one sentence. */
  static final class ClusterProblem extends RuntimeException {
    ClusterProblem(String message) {
      super(message, null, false, false);
    }
  }

  /** Hands each whole line written to it on, without its line break. */
  private static final class LineWriter extends Writer {
    private final Consumer<String> lines;
    private final StringBuilder line = new StringBuilder();

    LineWriter(Consumer<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines.accept(line.toString().strip());
          line.setLength(0);
        } else {
          line.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
