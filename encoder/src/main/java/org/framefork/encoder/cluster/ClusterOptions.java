package org.framefork.encoder.cluster;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.job.RemoteWorkers;
import org.framefork.encoder.source.ImageSequences;
import picocli.CommandLine.Option;

/**
 * The encode command's cluster options ({@code --cluster}, {@code --credentials}). Without
 * {@code --cluster} nothing of the cluster is loaded, let alone started: this class names no
 * class of the engine's, and {@link ClusterSession} (which does) is first touched by {@link #connect}.
 */
public final class ClusterOptions {
  @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]",
      description = {"Also encode chunks on the worker nodes of the cluster at these addresses (nodes started with "
          + "'framefork node'); --workers then counts this machine's workers, 0 for none.", "See docs/cluster.md."})
  String cluster;

  @Option(names = "--credentials", paramLabel = "DIR",
      description = "The cluster's credentials (made by 'framefork node --init DIR'), for --cluster.")
  Path credentials;

  private List<HostPort> addresses;
  private Credentials loaded;
  private ClusterSession session;

  public boolean enabled() {
    return cluster != null;
  }

  /**
   * Checks the options without connecting; IllegalArgumentException with one line.
   *
   * @param workers the command's --workers (0 is allowed with --cluster)
   */
  public void check(ExecutionMode mode, int workers) {
    if (!enabled()) {
      if (credentials != null) {
        throw new IllegalArgumentException("--credentials is for --cluster; give --cluster HOST:PORT too, or drop it");
      }
      return;
    }
    if (credentials == null) {
      throw new IllegalArgumentException("--cluster needs --credentials DIR (the folder 'framefork node --init DIR' made, "
          + "copied from the nodes)");
    }
    if (mode != ExecutionMode.PARALLEL) {
      throw new IllegalArgumentException("--cluster runs chunks in parallel; drop --mode " + mode.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (workers < 0) {
      throw new IllegalArgumentException("--workers " + workers + ": give 0 (nodes only) or more");
    }
    addresses = HostPort.parseList(cluster, "--cluster");
    loaded = Credentials.load(credentials);
  }

  /**
   * Joins the cluster (once per command). IllegalStateException with one line when it cannot.
   *
   * @return how long joining took, in seconds
   */
  public double connect(PrintWriter err) {
    if (session == null) {
      PrintStream log = new PrintStream(new java.io.OutputStream() {
        @Override
        public void write(int b) {
          err.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          err.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
          err.flush();
        }
      }, true, java.nio.charset.StandardCharsets.UTF_8);
      session = ClusterSession.join(addresses, loaded, log);
    }
    return session.joinNanos() / 1e9;
  }

  /**
   * The job for {@code options} with the cluster's workers added to {@code localWorkers} of its own.
   * IllegalStateException when there are no workers at all (no eligible node, and 0 local workers),
   * or when the input is an image sequence (see {@link #refusal}) or the job has a target quality
   * (its search runs on the coordinator's workers only): nothing is encoded then.
   */
  public EncodeJob job(JobOptions options, int localWorkers, JobListener listener) {
    String refused = options.targetQuality() != null ? TARGET_QUALITY_REFUSAL : refusal(options.input());
    if (refused != null) {
      throw new IllegalStateException(refused);
    }
    String label = options.input().getFileName().toString();
    RemoteWorkers remote = session.forJob(localWorkers, options.video(), label);
    int total = localWorkers + remote.slots();
    if (total < 1) {
      throw new IllegalStateException("no node of the cluster can encode " + options.video().codec() + ", and --workers is 0");
    }
    return new EncodeJob(options.withMode(options.mode(), total), listener).withRemoteWorkers(remote);
  }

  /**
   * Why a job with a target quality is refused: its search runs on the coordinator's workers only.
   * In the app's words: its jobs get it from {@link #job}; the command line refuses such a job
   * earlier, with {@link #TARGET_QUALITY_USAGE}.
   */
  public static final String TARGET_QUALITY_REFUSAL =
      "target quality does not run on a cluster yet; encode locally, or turn target quality off";

  /** {@link #TARGET_QUALITY_REFUSAL} in the command line's words. */
  public static final String TARGET_QUALITY_USAGE =
      "--target-quality does not run on a cluster yet; drop --cluster to encode here, or drop --target-quality";

  /**
   * Why {@code input} cannot be encoded with --cluster; null when it can. Nodes read a chunk from
   * its video's packets, and an image sequence has none: rather than encode it here while --cluster
   * says otherwise, the input is refused; one image file too, which is a sequence of that image.
   */
  public static String refusal(Path input) {
    if (!ImageSequences.names(input)) {
      return null;
    }
    return (java.nio.file.Files.isRegularFile(input) ? "an image file (a sequence of one image)" : "an image sequence")
        + " does not run on a cluster yet; encode it without --cluster";
  }

  /** The workers of the joined nodes that can encode with {@code settings}, in all; 0 before {@link #connect}. */
  public int nodeWorkers(org.framefork.encoder.encode.EncodeSettings settings) {
    return session == null ? 0 : session.workersFor(settings);
  }

  /** Leaves the cluster. */
  public void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
