package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framefork.encoder.cluster.Credentials;
import org.framefork.encoder.cluster.HostPort;
import org.framefork.encoder.cluster.NodeCommand;

/**
 * Section 8: the same encode on a cluster of two nodes on this machine (127.0.0.1, each its own JVM
 * started by the launcher, half the cores each) against this machine's own workers, interleaved;
 * and the cluster with its fetch-ahead off, where each chunk's transfer waits for a free worker
 * instead of overlapping the encoding. Also an idle node's CPU use and the coordinator's join time,
 * and, from the measured bytes and times, an on-paper projection of how many workers a 1 and a
 * 10 Gb/s link can feed.
 *
 * <p>All three run through the launcher as separate processes, as a user runs them, so the cluster
 * runs pay for their join and the local ones for nothing of the cluster; all with 1 s chunks and no
 * tail split, so that every arm encodes the same plan.
 */
public final class ClusterComparison {
  static final String TITLE = "8. Cluster: nodes on 127.0.0.1 against local workers";
  /** Cluster wall time within this much of local (the target). */
  static final double OVERHEAD_TARGET = 0.05;
  static final double JOIN_TARGET_SECONDS = 3.0;
  static final double IDLE_CPU_TARGET = 0.01;
  static final long IDLE_SECONDS = 30;
  /** A node's first minute still compiles (the JIT) and settles Ignite; an idle node is measured after it. */
  static final long SETTLE_SECONDS = 60;
  /**
   * The rest and the idle span of a quick run, whose figures prove nothing: long enough to see the
   * measure work, not to judge an idle node (its first minute is still compiling).
   */
  static final long QUICK_SECONDS = 5;
  static final long RUN_SECONDS = 900;
  private static final Pattern JOINED = Pattern.compile("Joined the cluster in ([0-9.]+) s");

  private ClusterComparison() {}

  /** One encode: its arm, the whole command's wall time, the join (NaN locally) and the --report's figures. */
  record Run(String arm, double commandSeconds, double joinSeconds, double encodeSeconds, long sentBytes, long receivedBytes,
      double transferSeconds, double nodeSeconds, double cutSeconds, int remoteChunks, long frames) {}

  /**
   * The section's figures for results.json: the encodes, an idle node's CPU as a share of a core
   * over {@code idleSeconds} after {@code settleSeconds} of rest, and the first node's start.
   */
  public record Result(List<Run> runs, double idleCpuShare, double nodeReadySeconds, long settleSeconds, long idleSeconds) {}

  static List<Claim> notMeasured(String reason) {
    return claims(null, reason);
  }

  /**
   * @param workers this machine's workers for the local arm; each node gets half (at least 1)
   * @param quick whether to rest and measure the idle nodes {@link #QUICK_SECONDS} each rather than
   *     {@link #SETTLE_SECONDS} and {@link #IDLE_SECONDS}
   */
  public static Section run(Path launcher, Path input, int workers, String preset, int crf, int repeat, boolean quick, Path out,
      Path work, PrintStream progress) throws Exception {
    long settle = quick ? QUICK_SECONDS : SETTLE_SECONDS;
    long idleSeconds = quick ? QUICK_SECONDS : IDLE_SECONDS;
    progress.println("8/9 cluster: 2 nodes on 127.0.0.1 against " + workers + " local workers, " + repeat + " interleaved run"
        + (repeat == 1 ? "" : "s") + " each, after " + settle + " s of rest and " + idleSeconds + " s of an idle node");
    if (!Files.isExecutable(launcher)) {
      return Section.notRun("cluster", TITLE, "no framefork launcher at " + launcher, notMeasured("no launcher"));
    }
    Path cred = work.resolve("cluster-credentials");
    Credentials.init(cred);
    int perNode = Math.max(1, workers / 2);
    List<Process> nodes = new ArrayList<>();
    try {
      int first = HostPort.freeLoopbackPair();
      long t0 = System.nanoTime();
      nodes.add(startNode(launcher, work, "node-1", first, null, perNode, cred));
      awaitReady(work.resolve("node-1.log"), nodes.get(0));
      double ready = (System.nanoTime() - t0) / 1e9;
      nodes.add(startNode(launcher, work, "node-2", HostPort.freeLoopbackPair(), first, perNode, cred));
      awaitReady(work.resolve("node-2.log"), nodes.get(1));
      double idle = idleCpuShare(nodes, settle, idleSeconds, progress);
      String cluster = "127.0.0.1:" + first;
      List<String> clusterArgs = List.of("--workers", "0", "--cluster", cluster, "--credentials", cred.toString());
      // Nodes are long-running: one untimed job warms them (and makes the coordinator's class archive).
      encode(launcher, input, work, "warm-up", clusterArgs, null, preset, crf, progress);
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        runs.add(encode(launcher, input, work, "local", List.of("--workers", Integer.toString(workers)), null, preset, crf, progress));
        runs.add(encode(launcher, input, work, "cluster", clusterArgs, null, preset, crf, progress));
        runs.add(encode(launcher, input, work, "cluster, no fetch-ahead", clusterArgs, "-Dframefork.cluster.prefetch=0", preset, crf,
            progress));
      }
      Result result = new Result(List.copyOf(runs), idle, ready, settle, idleSeconds);
      return new Section("cluster", TITLE, report(result, workers, perNode, out), claims(result, null), result);
    } finally {
      stop(nodes);
    }
  }

  private static Process startNode(Path launcher, Path work, String name, int port, Integer join, int workers, Path cred)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(launcher.toAbsolutePath().toString(), "node", "--listen", "127.0.0.1:" + port,
        "--workers", Integer.toString(workers), "--credentials", cred.toString()));
    if (join != null) {
      cmd.addAll(List.of("--join", "127.0.0.1:" + join));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
    // A bench killed with SIGKILL cannot stop its nodes: they end when this JVM does.
    pb.environment().put(NodeCommand.EXIT_WITH_ENV, Long.toString(ProcessHandle.current().pid()));
    return pb.start();
  }

  private static void awaitReady(Path log, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
    while (!(Files.exists(log) && Files.readString(log).contains(" ready in "))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("a node did not start: " + (Files.exists(log) ? Files.readString(log).strip() : "no log"));
      }
      Thread.sleep(100);
    }
  }

  /** The nodes' CPU time over {@code idleSeconds} of doing nothing after {@code settle} s, as a share of one core, per node. */
  private static double idleCpuShare(List<Process> nodes, long settle, long idleSeconds, PrintStream progress)
      throws InterruptedException {
    Thread.sleep(settle * 1000);
    long before = cpuNanos(nodes);
    long t0 = System.nanoTime();
    Thread.sleep(idleSeconds * 1000);
    double share = (cpuNanos(nodes) - before) / (double) (System.nanoTime() - t0) / nodes.size();
    progress.printf(java.util.Locale.ROOT, "  [cluster] an idle node uses %.2f%% of a core%n", 100 * share);
    return share;
  }

  /** The CPU time of {@code nodes} and their children (the launcher is a shell; the JVM is its child). */
  private static long cpuNanos(List<Process> nodes) {
    long sum = 0;
    for (Process p : nodes) {
      List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
      all.add(p.toHandle());
      for (ProcessHandle h : all) {
        sum += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
      }
    }
    return sum;
  }

  private static Run encode(Path launcher, Path input, Path work, String arm, List<String> extra, String javaOpts, String preset,
      int crf, PrintStream progress) throws Exception {
    Path output = work.resolve("cluster-section.mp4");
    Path report = work.resolve("cluster-section.json");
    Path log = work.resolve("cluster-section.log");
    List<String> cmd = new ArrayList<>(List.of(launcher.toAbsolutePath().toString(), "encode", input.toAbsolutePath().toString(),
        "-o", output.toString(), "--overwrite", "--preset", preset, "--crf", Integer.toString(crf), "--no-tail-split",
        "--chunk-seconds", "1", "--report", report.toString()));
    cmd.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (javaOpts != null) {
      pb.environment().put("FRAMEFORK_JAVA_OPTS", javaOpts);
    }
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(arm + ": the encode did not end within " + RUN_SECONDS + " s");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException(arm + ": the encode failed: " + Files.readString(log).strip());
    }
    Run run = parse(arm, seconds, Files.readString(log), report);
    progress.printf(java.util.Locale.ROOT, "  [cluster] %-24s command %.1f s, encode stage %.1f s%s%n", arm, seconds,
        run.encodeSeconds(), Double.isNaN(run.joinSeconds()) ? "" : ", joined in " + f(run.joinSeconds(), 1) + " s");
    return run;
  }

  /** One encode's Run from its log (the join) and its --report (the stage and the remote chunks' sums). */
  static Run parse(String arm, double seconds, String log, Path report) throws IOException {
    Matcher m = JOINED.matcher(log);
    double join = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    JsonNode r = new ObjectMapper().readTree(report.toFile()).path("results").get(0).path("report");
    List<JsonNode> remote = new ArrayList<>();
    for (JsonNode c : r.path("chunkTimes")) {
      if (!c.path("remote").isMissingNode()) {
        remote.add(c.path("remote"));
      }
    }
    return new Run(arm, seconds, join, r.path("encodeSeconds").asDouble(), total(remote, "sentBytes"),
        total(remote, "receivedBytes"), seconds(remote, "transferSeconds"), seconds(remote, "nodeSeconds"),
        seconds(remote, "cutSeconds"), remote.size(), r.path("frames").asLong());
  }

  /** The sum of a whole-number field over the remote chunks' records. */
  private static long total(List<JsonNode> remote, String field) {
    return remote.stream().mapToLong(t -> t.path(field).asLong()).sum();
  }

  /** The sum of a field of seconds over the remote chunks' records, in their order. */
  private static double seconds(List<JsonNode> remote, String field) {
    double sum = 0;
    for (JsonNode t : remote) {
      sum += t.path(field).asDouble();
    }
    return sum;
  }

  private static void stop(List<Process> nodes) throws InterruptedException {
    for (Process p : nodes) {
      p.destroy();
    }
    for (Process p : nodes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Medians per arm, the chart, and the projection. */
  private static String report(Result result, int workers, int perNode, Path out) throws IOException {
    List<String> arms = List.of("local", "cluster", "cluster, no fetch-ahead");
    double[] encode = new double[3];
    double[] command = new double[3];
    MarkdownTable t = new MarkdownTable("arm", "runs", "encode stage s (median)", "command s (median)", "join s (median)");
    for (int i = 0; i < 3; i++) {
      List<Run> runs = runsOf(result, arms.get(i));
      encode[i] = median(runs.stream().mapToDouble(Run::encodeSeconds).toArray());
      command[i] = median(runs.stream().mapToDouble(Run::commandSeconds).toArray());
      double join = median(runs.stream().mapToDouble(Run::joinSeconds).filter(d -> !Double.isNaN(d)).toArray());
      t.row(arms.get(i) + (i == 0 ? " (" + workers + " workers)" : " (2 nodes x " + perNode + ")"), runs.size(), f(encode[i], 2),
          f(command[i], 2), Double.isNaN(join) ? "-" : f(join, 2));
    }
    ChartWriter.cluster(out.resolve("cluster.png"), "median of " + runsOf(result, "local").size() + " interleaved runs", arms,
        encode, command);
    return t + "\n![local against cluster](cluster.png)\n\nThe nodes ran one untimed job first. An idle node used "
        + f(100 * result.idleCpuShare(), 2) + " % of one core over " + result.idleSeconds() + " s, after " + result.settleSeconds()
        + " s of rest; the first node was ready " + f(result.nodeReadySeconds(), 1) + " s after its launcher started.\n\n"
        + projection(runsOf(result, "cluster"));
  }

  /**
   * On paper, from the cluster runs' bytes and times per frame: how many workers a link feeds
   * before it is full (the coordinator's link carries every chunk both ways), and how many one
   * core of the coordinator feeds with cut packets.
   */
  static String projection(List<Run> cluster) {
    long frames = cluster.stream().mapToLong(Run::frames).sum();
    if (frames == 0) {
      return "";
    }
    double bytesPerFrame = cluster.stream().mapToDouble(r -> r.sentBytes() + r.receivedBytes()).sum() / frames;
    double encodePerFrame = cluster.stream().mapToDouble(Run::nodeSeconds).sum() / frames;
    double cutPerFrame = cluster.stream().mapToDouble(Run::cutSeconds).sum() / frames;
    double transferPerFrame = cluster.stream().mapToDouble(Run::transferSeconds).sum() / frames;
    MarkdownTable t = new MarkdownTable("link", "bytes per frame (sent + received)", "worker's encode s per frame",
        "workers the link feeds");
    for (double gbps : new double[] {1, 10}) {
      double workersFed = gbps * 1e9 / 8 / (bytesPerFrame / encodePerFrame);
      t.row(f(gbps, 0) + " Gb/s", f(bytesPerFrame / 1024, 1) + " KiB", f(encodePerFrame * 1000, 1) + " ms", f(workersFed, 0));
    }
    return "**Projection, on paper** (not measured on a network):\n\n" + t + "\nOne coordinator core cuts packets for "
        + f(encodePerFrame / Math.max(cutPerFrame, 1e-9), 0) + " workers (cut " + f(cutPerFrame * 1000, 2)
        + " ms per frame); the measured transfer on loopback took " + f(transferPerFrame * 1000, 2) + " ms per frame.\n";
  }

  private static List<Run> runsOf(Result result, String arm) {
    return result.runs().stream().filter(r -> r.arm().equals(arm)).toList();
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static List<Claim> claims(Result result, String reason) {
    String s1 = "A cluster of 2 nodes on one machine is as fast as its workers locally";
    String t1 = "encode stage within " + f(100 * OVERHEAD_TARGET, 0) + " % of local";
    String s2 = "Joining the cluster adds little to a job";
    String t2 = "join ≤ " + f(JOIN_TARGET_SECONDS, 0) + " s";
    String s3 = "An idle node costs nothing";
    String t3 = "< " + f(100 * IDLE_CPU_TARGET, 0) + " % of a core";
    if (reason != null) {
      return List.of(Claim.notMeasured("cluster.overhead", s1, t1, reason), Claim.notMeasured("cluster.join", s2, t2, reason),
          Claim.notMeasured("cluster.idle", s3, t3, reason));
    }
    double local = median(runsOf(result, "local").stream().mapToDouble(Run::encodeSeconds).toArray());
    double cluster = median(runsOf(result, "cluster").stream().mapToDouble(Run::encodeSeconds).toArray());
    double join = median(runsOf(result, "cluster").stream().mapToDouble(Run::joinSeconds).toArray());
    return List.of(
        Claim.judged("cluster.overhead", s1, t1, f(cluster, 2) + " s against " + f(local, 2) + " s",
            cluster <= local * (1 + OVERHEAD_TARGET)),
        Claim.judged("cluster.join", s2, t2, f(join, 2) + " s (median)", join <= JOIN_TARGET_SECONDS),
        Claim.judged("cluster.idle", s3, t3, f(100 * result.idleCpuShare(), 2) + " % of a core",
            result.idleCpuShare() < IDLE_CPU_TARGET));
  }
}
