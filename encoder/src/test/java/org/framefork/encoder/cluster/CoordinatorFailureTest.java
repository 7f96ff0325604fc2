package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator, as a real encode process on 127.0.0.1, when the cluster fails it. One that cannot
 * join says so in one line, at once where nothing listens, and stops at once on Ctrl-C while
 * Ignite's join still waits. One whose last node dies mid-chunk (kill -9 of a real node JVM) says so
 * within seconds, in one line, encodes the rest itself and finishes. A node, as a real
 * {@code framefork node} process, that cannot join the cluster it is told to says why in one line
 * and exits 1, instead of starting a cluster of its own (a typo in --join) or naming only the TLS
 * error (other credentials). Every wait is bounded.
 */
@Timeout(value = ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
class CoordinatorFailureTest {
  /** Frames of the input of the test whose node dies. */
  static final int FRAMES = 300;
  /**
   * How soon the coordinator says its last node is gone. It checks the port of a chunk's node every
   * second; Ignite alone took its client's network timeout (5 s) of reconnecting first.
   */
  static final double NOTICE_SECONDS = 4;

  @TempDir Path tmp;
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    CommandJvm.stopAll(started);
  }

  @Test
  void anAddressWhereNothingListensFailsAtOnceInOneLine() throws Exception {
    int port = HostPort.freeLoopbackPair(); // free: nothing listens there
    // Ignite's own join would try for 15 s (its timeout) and more; the refused connection says it in well under that.
    refusedAtOnce(port, "framefork: no FrameFork node answers at 127.0.0.1:" + port + ": start one with 'framefork node' there, "
        + "or give the address of one that runs");
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
  void aNodesChunkPortIsNamedAtOnceByCoordinatorsAndNodes() throws Exception {
    // Its chunk port (PORT+1) accepts connections as its discovery port does: Ignite's join tried there
    // for its whole timeout (18 s to the line), and a node given it with --join started a cluster of its own.
    Path cred = newCredentials();
    int port = runningNode(cred);
    Path nodeLog = tmp.resolve("node.log");
    String chunkPort = "127.0.0.1:" + (port + 1);
    String why = chunkPort + " is a FrameFork node's chunk port (its PORT+1): give the node's --listen address, 127.0.0.1:"
        + port + ", its discovery port";

    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("coordinator.log");
    long t0 = System.nanoTime();
    Process p = encode(log, out, port + 1);
    assertTrue(p.waitFor(SAID_AT_ONCE_MS, TimeUnit.MILLISECONDS), "still joining:\n" + Files.readString(log));
    double seconds = (System.nanoTime() - t0) / 1e9;
    String text = Files.readString(log);
    assertEquals(1, p.exitValue(), text);
    assertEquals(List.of("framefork: cannot join the cluster at " + chunkPort + ": " + why), lines(text), text);
    assertFalse(Files.exists(out));
    System.out.printf("a node's chunk port given to --cluster: said in %.1f s, JVM start included%n", seconds);

    Path joinLog = tmp.resolve("joining.log");
    Process joining = node(joinLog, cred, HostPort.freeLoopbackPair(), chunkPort);
    assertTrue(joining.waitFor(ClusterProcessTest.START_SECONDS, TimeUnit.SECONDS), "still running:\n" + Files.readString(joinLog));
    String joined = Files.readString(joinLog);
    assertEquals(1, joining.exitValue(), joined);
    assertEquals(1, lines(joined).size(), joined);
    assertTrue(lines(joined).get(0).matches("framefork: node 127\\.0\\.0\\.1:[0-9]+ cannot join \\(--join\\): \\Q" + why + "\\E"), joined);
    // The node was asked nothing it logs: a TLS handshake, closed before a byte of its own.
    assertEquals(List.of(), lines(Files.readString(nodeLog)).stream().filter(l -> l.startsWith("framefork:")).toList());
  }

  /**
   * How soon a wrong address is named, JVM start included: about 1 s on a quiet machine; without the
   * probe it takes Ignite's whole join timeout (15 s) after the JVM's start.
   */
  static final long SAID_AT_ONCE_MS = 10_000;

  @Test
  void aServerThatIsNoNodeIsNamedAtOnce() throws Exception {
    // A web server, say: it answers the TLS handshake with a plain-text error.
    try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = Thread.ofPlatform().daemon().start(() -> {
        while (!web.isClosed()) {
          try (Socket s = web.accept()) {
            s.setSoTimeout(2000);
            s.getInputStream().read(new byte[512]);
            s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // the next connection, or closed
          }
        }
      });
      String at = "127.0.0.1:" + web.getLocalPort();
      refusedAtOnce(web.getLocalPort(), "framefork: cannot join the cluster at " + at + ": " + at + " answers, but not as a "
          + "FrameFork node (not TLS): give the --listen address of a node");
      web.close();
      server.join(5000);
    }
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
  void aServerThatNeverAnswersIsNamedAtOnceByCoordinatorsAndNodes() throws Exception {
    // It takes connections and never answers (a stopped node): a coordinator's join waited out Ignite's
    // 15 s on it (30 s to the line), and a node given it with --join started a cluster of its own.
    try (SilentServer silent = new SilentServer()) {
      String at = silent.at().toString();
      String why = at + " takes connections, but answers no TLS handshake in 10 s (a stopped node, or no node): give the "
          + "--listen address of a running node";
      refusedWithin(SAID_SILENT_MS, silent.at().port(), "framefork: cannot join the cluster at " + at + ": " + why);

      Path joinLog = tmp.resolve("joining.log");
      Process joining = node(joinLog, tmp.resolve("cred"), HostPort.freeLoopbackPair(), at);
      assertTrue(joining.waitFor(SAID_SILENT_MS, TimeUnit.MILLISECONDS), "still running:\n" + Files.readString(joinLog));
      String joined = Files.readString(joinLog);
      assertEquals(1, joining.exitValue(), joined);
      assertTrue(lines(joined).size() == 1
          && lines(joined).get(0).matches("framefork: node 127\\.0\\.0\\.1:[0-9]+ cannot join \\(--join\\): \\Q" + why + "\\E"), joined);
    }
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void aNodeThatAnswersItsHandshakesLateIsJoinedNotRefused() throws Exception {
    // A cold node JVM on a loaded machine, or one started with the others, can take seconds over its first
    // handshakes: a proxy that holds each connection 4.5 s stands in for it. When the probe waited 3 s, the
    // coordinator and a node given it with --join said "answers no TLS handshake in 3 s" and exited 1.
    Path cred = newCredentials();
    int port = runningNode(cred);
    Path nodeLog = tmp.resolve("node.log");
    try (LateProxy late = new LateProxy(port, 4_500)) {
      String at = "127.0.0.1:" + late.port();
      Path input = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
      Path out = tmp.resolve("out.mp4");
      Path log = tmp.resolve("coordinator.log");
      Process coordinator = start(log, List.of("encode", input.toString(), "-o", out.toString(), "--workers", "0", "--cluster", at,
          "--credentials", cred.toString()));
      assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "still running:\n" + Files.readString(log));
      String text = Files.readString(log);
      assertEquals(0, coordinator.exitValue(), text);
      assertTrue(Files.readString(nodeLog).contains(" taken: "), "the node encoded its chunks:\n" + Files.readString(nodeLog));
      assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(out));

      Path joinLog = tmp.resolve("joining.log");
      Process joining = node(joinLog, cred, HostPort.freeLoopbackPair(), at);
      CommandJvm.awaitLine(joinLog, "2 nodes in the cluster", joining, ClusterProcessTest.START_SECONDS);
      assertFalse(Files.readString(joinLog).contains("framefork:"), Files.readString(joinLog));
    }
  }

  /**
   * How soon an address that never answers the handshake is named, JVM start included: the probe
   * waits {@link NodeProbe#SILENT_MILLIS} for it, as a cold node on a loaded machine can take seconds.
   */
  static final long SAID_SILENT_MS = NodeProbe.SILENT_MILLIS + SAID_AT_ONCE_MS;

  /**
   * A coordinator given {@code port} exits 1 within {@link #SAID_AT_ONCE_MS}, JVM start included,
   * with the one {@code line} (no stack trace), and writes nothing.
   */
  private void refusedAtOnce(int port, String line) throws Exception {
    refusedWithin(SAID_AT_ONCE_MS, port, line);
  }

  /** A coordinator given {@code port} exits 1 within {@code millis}, as {@link #refusedAtOnce} says. */
  private void refusedWithin(long millis, int port, String line) throws Exception {
    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("coordinator.log");
    Process p = encode(log, out, port);
    assertTrue(p.waitFor(millis, TimeUnit.MILLISECONDS), "still joining:\n" + Files.readString(log));
    String text = Files.readString(log);
    assertEquals(1, p.exitValue(), text);
    assertEquals(List.of(line), lines(text), text);
    assertFalse(text.contains("Exception"), text);
    assertFalse(Files.exists(out));
  }

  @Test
  void ctrlCWhileJoiningExitsWith130AtOnce() throws Exception {
    // Something that accepts connections and never answers: Ignite's TLS handshake waits on it.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Path out = tmp.resolve("out.mp4");
      Path log = tmp.resolve("coordinator.log");
      Process p = encode(log, out, silent.getLocalPort());
      silent.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ClusterProcessTest.START_SECONDS / 2));
      held.add(silent.accept()); // the address check (a plain connection)
      // The node probe's handshake (or Ignite's): the join gives up NodeProbe.SILENT_MILLIS (10 s) after it, so
      // Ctrl-C comes well before, even on a loaded machine.
      held.add(silent.accept());
      assertTrue(p.isAlive(), Files.readString(log));
      long t0 = System.nanoTime();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(5, TimeUnit.SECONDS), "Ctrl-C did not stop the join:\n" + Files.readString(log));
      double seconds = (System.nanoTime() - t0) / 1e9;
      String text = Files.readString(log);
      assertEquals(130, p.exitValue(), text);
      assertTrue(text.contains("framefork: interrupted while joining the cluster"), text);
      assertTrue(seconds < 5, seconds + " s");
      assertFalse(Files.exists(out));
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void theCoordinatorFinishesTheJobWhenItsLastNodeDiesMidChunk() throws Exception {
    Path input = tmp.resolve("input.mp4");
    ClusterProcessTest.makeInput(input, 10);
    Path cred = tmp.resolve("cred");
    Credentials.init(cred);
    int port = HostPort.freeLoopbackPair();
    Path nodeLog = tmp.resolve("node.log");
    Process node = start(nodeLog, List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "1", "--credentials", cred.toString()));
    CommandJvm.awaitLine(nodeLog, "ready in", node, ClusterProcessTest.START_SECONDS);

    Path out = tmp.resolve("out.mp4");
    Path coordinatorLog = tmp.resolve("coordinator.log");
    // veryslow: the job outlives the client's reconnect time (15 s), after which Ignite's default failure handler
    // halted the coordinator's JVM mid-job.
    Process coordinator = start(coordinatorLog, List.of("encode", input.toString(), "-o", out.toString(), "--workers", "0",
        "--cluster", "127.0.0.1:" + port, "--credentials", cred.toString(), "--chunk-seconds", "1", "--preset", "veryslow"));
    CommandJvm.awaitLine(nodeLog, " taken: ", coordinator, ClusterProcessTest.START_SECONDS);
    node.destroyForcibly(); // kill -9 while it holds a chunk
    long killed = System.nanoTime();
    assertTrue(node.waitFor(10, TimeUnit.SECONDS));
    CommandJvm.awaitLine(coordinatorLog, "; encoding it here", coordinator, ClusterProcessTest.START_SECONDS);
    double notice = (System.nanoTime() - killed) / 1e9;
    String finished = Files.readString(nodeLog);

    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    double lived = (System.nanoTime() - killed) / 1e9;
    String log = Files.readString(coordinatorLog);
    System.out.printf("last node killed: the coordinator said so after %.2f s and finished %.1f s after the kill%n", notice, lived);
    assertEquals(0, coordinator.exitValue(), log);
    assertTrue(notice < NOTICE_SECONDS, "the coordinator noticed after " + notice + " s:\n" + log);
    if (ClusterProcessTest.inProgress(finished) > 0) {
      // The chunk it held went back to the coordinator, without using up an attempt, in one line.
      assertTrue(log.contains("left with chunk") && log.contains(", and no node is left; encoding it here"), log);
    }
    assertFalse(log.contains("running it again elsewhere"), "no other node to run it on:\n" + log);
    assertFalse(log.contains("failed") || log.contains("halted"), log);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void whenTheOneNodeNamedDiesTheCoordinatorGoesOnWithTheOthers() throws Exception {
    // --cluster named node A only; A's kill -9 dropped the whole healthy cluster: "node B left with chunk 5,
    // and no node is left; encoding it here", as the client knew no other node to reconnect through.
    Path cred = newCredentials();
    int portA = HostPort.freeLoopbackPair();
    Process a = twoNodes(cred, portA, HostPort.freeLoopbackPair(), null);
    Path logA = tmp.resolve("node-a.log");
    Path logB = tmp.resolve("node-b.log");
    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("coordinator.log");
    Process coordinator = encodeOn(portA, cred, 10, "slow");
    CommandJvm.awaitLine(logA, " taken: ", coordinator, ClusterProcessTest.START_SECONDS);
    CommandJvm.awaitLine(logB, " taken: ", coordinator, ClusterProcessTest.START_SECONDS);
    a.destroyForcibly();
    assertTrue(a.waitFor(10, TimeUnit.SECONDS));
    int takenByB = ClusterProcessTest.count(Files.readString(logB), " taken: ");

    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String text = Files.readString(log);
    assertEquals(0, coordinator.exitValue(), text);
    assertFalse(text.contains("no node is left") || text.contains("no node left"), text);
    assertFalse(text.contains("Ignoring stopping"), text);
    // Two nodes of 1 worker, and the chunk each fetches ahead: the summary's "4 lanes with the nodes' fetch-ahead".
    assertTrue(text.contains("; parallel on 4 lanes (0 here, 4 with the nodes' fetch-ahead)"), text);
    assertTrue(ClusterProcessTest.count(Files.readString(logB), " taken: ") > takenByB, "node B took no chunk after A died:\n"
        + text + "\n" + Files.readString(logB));
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void aNodeThatCannotReadTheChunksIsLeftOutInOneLine() throws Exception {
    // A node whose jar was rebuilt under it failed every chunk with Ignite's "Failed to deserialize object [...]
    // (ChunkJob)", and the coordinator spent all of a chunk's attempts on it: the job failed. Here the node's
    // classes lose ChunkJob after it started, as a jar rebuilt in place does.
    Path classes = tmp.resolve("classes");
    Path cred = newCredentials();
    int portA = HostPort.freeLoopbackPair();
    int portB = HostPort.freeLoopbackPair();
    twoNodes(cred, portA, portB, copiedClasses(classes));
    Files.delete(classes.resolve("org/framefork/encoder/cluster/ChunkJob.class"));

    Process coordinator = encodeOn(portA, cred, 6, "faster");
    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("coordinator.log");
    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String text = Files.readString(log);
    assertEquals(0, coordinator.exitValue(), text);
    assertEquals(1, ClusterProcessTest.count(text, "framefork: cluster: node 127.0.0.1:" + portB + " cannot read this build's "
        + "chunks"), text);
    assertTrue(text.contains("restart it with the same FrameFork"), text);
    assertEquals(180, DebianFfmpeg.decodedFrames(out));
  }

  /**
   * A coordinator with no workers of its own that encodes an input of {@code seconds} (input.mp4) in
   * 1 s chunks to out.mp4 on the cluster of node {@code port} alone; it logs to coordinator.log.
   */
  private Process encodeOn(int port, Path cred, int seconds, String preset) throws IOException {
    Path input = tmp.resolve("input.mp4");
    ClusterProcessTest.makeInput(input, seconds);
    return start(tmp.resolve("coordinator.log"), List.of("encode", input.toString(), "-o", tmp.resolve("out.mp4").toString(),
        "--workers", "0", "--cluster", "127.0.0.1:" + port, "--credentials", cred.toString(), "--chunk-seconds", "1", "--preset",
        preset));
  }

  /**
   * Node A of one worker on {@code portA}, and node B joining it on {@code portB}, on {@code classPathB} (null: this
   * JVM's), both ready; they log to node-a.log and node-b.log. Returns A.
   */
  private Process twoNodes(Path cred, int portA, int portB, String classPathB) throws IOException, InterruptedException {
    Path logA = tmp.resolve("node-a.log");
    Process a = node(logA, cred, portA, null);
    CommandJvm.awaitLine(logA, "ready in", a, ClusterProcessTest.START_SECONDS);
    Path logB = tmp.resolve("node-b.log");
    Process b = CommandJvm.start(logB, List.of(), classPathB == null ? System.getProperty("java.class.path") : classPathB,
        List.of("node", "--listen", "127.0.0.1:" + portB, "--workers", "1", "--join", "127.0.0.1:" + portA, "--credentials",
            cred.toString()));
    started.add(b);
    CommandJvm.awaitLine(logB, "ready in", b, ClusterProcessTest.START_SECONDS);
    return a;
  }

  /** This JVM's class path with the encoder's classes folder copied to {@code copy}. */
  private static String copiedClasses(Path copy) throws IOException {
    List<String> parts = new ArrayList<>();
    boolean found = false;
    for (String part : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(part);
      if (!found && Files.isRegularFile(p.resolve("org/framefork/encoder/cluster/ChunkJob.class"))) {
        try (var files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Path to = copy.resolve(p.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(to);
            } else {
              Files.copy(f, to);
            }
          }
        }
        parts.add(copy.toString());
        found = true;
      } else {
        parts.add(part);
      }
    }
    assertTrue(found, "no classes folder on the class path");
    return String.join(java.io.File.pathSeparator, parts);
  }

  /** The cores the coordinator's JVM is told it has, in the test whose nodes all die. */
  static final int COORDINATOR_CORES = 2;

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void whenEveryNodeDiesTheCoordinatorEncodesNoMoreChunksAtOnceThanItsCores() throws Exception {
    // Every node lane encoded here at once: 10 chunks on 2 cores (two nodes of 4 workers), 5-11 s for
    // 15 frames instead of 1 s, and "parallel on 10 workers here" in the report.
    Path input = tmp.resolve("input.mp4");
    ClusterProcessTest.makeInput(input, 10);
    Path cred = newCredentials();
    List<Path> nodeLogs = List.of(tmp.resolve("node-a.log"), tmp.resolve("node-b.log"));
    List<Process> nodes = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (Path nodeLog : nodeLogs) {
      int port = HostPort.freeLoopbackPair();
      List<String> args = new ArrayList<>(List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "2", "--credentials",
          cred.toString()));
      if (!addresses.isEmpty()) {
        args.addAll(List.of("--join", addresses.get(0)));
      }
      nodes.add(start(nodeLog, args));
      CommandJvm.awaitLine(nodeLog, "ready in", nodes.getLast(), ClusterProcessTest.START_SECONDS);
      addresses.add("127.0.0.1:" + port);
    }
    Path out = tmp.resolve("out.mp4");
    Path report = tmp.resolve("report.json");
    Path log = tmp.resolve("coordinator.log");
    Process coordinator = CommandJvm.start(log, List.of("-XX:ActiveProcessorCount=" + COORDINATOR_CORES), List.of("encode",
        input.toString(), "-o", out.toString(), "--workers", "0", "--cluster", String.join(",", addresses), "--credentials",
        cred.toString(), "--split", "fixed", "--chunk-frames", "15", "--preset", "slow", "--report", report.toString()));
    started.add(coordinator);
    for (int i = 0; i < nodes.size(); i++) {
      CommandJvm.awaitLine(nodeLogs.get(i), " taken: ", coordinator, ClusterProcessTest.START_SECONDS);
    }
    for (Process node : nodes) {
      node.destroyForcibly(); // kill -9 while they hold chunks
    }
    for (Path nodeLog : nodeLogs) {
      // In the report's units (the chunk table's KiB and MiB): it said "386 kB".
      String taken = Files.readString(nodeLog).lines().filter(l -> l.contains(" taken: ")).findFirst().orElseThrow();
      assertTrue(taken.matches(".* taken: frames [0-9]+-[0-9]+, [0-9.]+ (B|KiB|MiB) of source packets in"), taken);
    }
    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String text = Files.readString(log);
    assertEquals(0, coordinator.exitValue(), text);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));

    com.fasterxml.jackson.databind.JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile())
        .path("results").get(0).path("report");
    List<double[]> here = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode c : job.path("chunkTimes")) {
      if (!c.has("remote")) {
        here.add(new double[] {c.path("startSeconds").asDouble(), c.path("endSeconds").asDouble()});
      }
    }
    assertTrue(here.size() > COORDINATOR_CORES, "the nodes were killed with most chunks to go:\n" + text);
    int most = 0;
    for (double[] c : here) {
      // Chunks encoding here at the instant chunk c started (its own included).
      most = Math.max(most, (int) here.stream().filter(o -> o[0] <= c[0] && c[0] < o[1]).count());
    }
    System.out.printf("every node killed: %d chunks encoded here, at most %d at once%n", here.size(), most);
    assertTrue(most <= COORDINATOR_CORES, most + " chunks encoded here at once, on " + COORDINATOR_CORES + " cores:\n" + text);
    assertEquals(COORDINATOR_CORES, job.path("nodes").get(0).path("workers").asInt(), job.path("nodes").toString());
    assertTrue(text.matches("(?s).*; parallel on " + COORDINATOR_CORES + " workers here \\(no node took a chunk\\);.*")
        || text.contains("(" + COORDINATOR_CORES + " here, "), text);
  }

  @Test
  void aJoinWhereNothingAnswersFailsInOneLine() throws Exception {
    Path cred = tmp.resolve("cred");
    Credentials.init(cred);
    int port = HostPort.freeLoopbackPair();
    int nowhere = HostPort.freeLoopbackPair(); // free: nothing listens there
    Path log = tmp.resolve("node.log");
    // It waits for the node it joins to start (60 s by default), trying again meanwhile: 3 s here.
    Process node = node(log, cred, port, "127.0.0.1:" + nowhere, "-Dframefork.node.joinWaitSeconds=3");
    assertTrue(node.waitFor(ClusterProcessTest.START_SECONDS, TimeUnit.SECONDS), "still running:\n" + Files.readString(log));
    String text = Files.readString(log);
    assertEquals(1, node.exitValue(), text);
    assertEquals(List.of("node 127.0.0.1:" + port + ": no node answers at 127.0.0.1:" + nowhere + " yet (--join); trying again "
        + "for up to 3 s", "framefork: node 127.0.0.1:" + port + ": no FrameFork node answers at 127.0.0.1:" + nowhere
        + " (--join) after 3 s: start the cluster's first node there, or leave out --join to start a new cluster"),
        lines(text), text);
    assertFalse(new HostPort("127.0.0.1", port).answers(1000), "the node's port is closed");
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
  void aNodeStartedBeforeTheNodeItJoinsWaitsForIt() throws Exception {
    // Nodes started together (at boot, by a script): the one with --join may come up first. It used to
    // give up after 3 s, while the first node's JVM took 6.8 s to open its port on a loaded machine.
    Path cred = newCredentials();
    int portA = HostPort.freeLoopbackPair();
    int portB = HostPort.freeLoopbackPair();
    Path logB = tmp.resolve("node-b.log");
    // Its wait is as long as this test allows a JVM to start (60 s by default).
    Process nodeB = node(logB, cred, portB, "127.0.0.1:" + portA, "-Dframefork.node.joinWaitSeconds=" + ClusterProcessTest.START_SECONDS);
    CommandJvm.awaitLine(logB, " yet (--join); trying again for up to ", nodeB, ClusterProcessTest.START_SECONDS);
    Process nodeA = node(tmp.resolve("node-a.log"), cred, portA, null);
    CommandJvm.awaitLine(tmp.resolve("node-a.log"), "ready in", nodeA, ClusterProcessTest.START_SECONDS);
    CommandJvm.awaitLine(logB, "2 nodes in the cluster", nodeB, ClusterProcessTest.START_SECONDS);
    String text = Files.readString(logB);
    assertEquals(1, ClusterProcessTest.count(text, "no node answers"), "it says once that it waits:\n" + text);
    assertFalse(text.contains("framefork:"), text);
  }

  @Test
  @Timeout(value = 2 * ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
  void aNodeWithOtherCredentialsIsToldToCheckThem() throws Exception {
    Path cred = tmp.resolve("cred");
    Path other = tmp.resolve("other-cred");
    Credentials.init(cred);
    Credentials.init(other);
    int portA = HostPort.freeLoopbackPair();
    Process nodeA = node(tmp.resolve("node-a.log"), cred, portA, null);
    CommandJvm.awaitLine(tmp.resolve("node-a.log"), "ready in", nodeA, ClusterProcessTest.START_SECONDS);
    int portB = HostPort.freeLoopbackPair();
    Path log = tmp.resolve("node-b.log");
    Process nodeB = node(log, other, portB, "127.0.0.1:" + portA);
    assertTrue(nodeB.waitFor(ClusterProcessTest.START_SECONDS, TimeUnit.SECONDS), "still running:\n" + Files.readString(log));
    String text = Files.readString(log);
    assertEquals(1, nodeB.exitValue(), text);
    // Was "could not start: Signature does not match. (is --credentials the folder the nodes at ... use?)".
    assertEquals(List.of("framefork: node 127.0.0.1:" + portB + " cannot join (--join): " + otherCredentials(portA)), lines(text),
        text);

    // A coordinator with the other credentials: "cannot join the cluster at ...: Signature does not match. (are the nodes
    // running, ...)", after 5 s.
    Path out = tmp.resolve("out.mp4");
    Path coordinatorLog = tmp.resolve("coordinator.log");
    Process coordinator = start(coordinatorLog, List.of("encode", TestMedia.get(TestMedia.H264_BFRAMES_AAC).toString(), "-o",
        out.toString(), "--cluster", "127.0.0.1:" + portA, "--credentials", other.toString()));
    assertTrue(coordinator.waitFor(SAID_AT_ONCE_MS, TimeUnit.MILLISECONDS), "still joining:\n" + Files.readString(coordinatorLog));
    String said = Files.readString(coordinatorLog);
    assertEquals(1, coordinator.exitValue(), said);
    assertEquals(List.of("framefork: cannot join the cluster at 127.0.0.1:" + portA + ": " + otherCredentials(portA)), lines(said),
        said);
    assertFalse(Files.exists(out));
  }

  private static String otherCredentials(int port) {
    return "127.0.0.1:" + port + " does not accept these credentials: they come from another 'framefork node --init' than that "
        + "node's; copy the same credentials folder to every machine";
  }

  /** The process's lines, less the JVM's own warning about the Vector API's incubator module (the launcher drops it). */
  private static List<String> lines(String log) {
    return log.strip().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
  }

  /** The port of a node of {@code cred} started on 127.0.0.1, once it is ready; it logs to node.log. */
  private int runningNode(Path cred) throws IOException, InterruptedException {
    int port = HostPort.freeLoopbackPair();
    Path log = tmp.resolve("node.log");
    CommandJvm.awaitLine(log, "ready in", node(log, cred, port, null), ClusterProcessTest.START_SECONDS);
    return port;
  }

  /** The cluster's credentials, made in the test's folder. */
  private Path newCredentials() {
    Path cred = tmp.resolve("cred");
    Credentials.init(cred);
    return cred;
  }

  private Process node(Path log, Path cred, int port, String join, String... jvm) throws IOException {
    List<String> args = new ArrayList<>(List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "1", "--credentials",
        cred.toString()));
    if (join != null) {
      args.addAll(List.of("--join", join));
    }
    Process p = CommandJvm.start(log, List.of(jvm), args);
    started.add(p);
    return p;
  }

  private Process encode(Path log, Path out, int port) throws IOException {
    Path cred = tmp.resolve("cred");
    if (!Files.exists(cred)) {
      Credentials.init(cred);
    }
    return start(log, List.of("encode", TestMedia.get(TestMedia.H264_BFRAMES_AAC).toString(), "-o", out.toString(), "--cluster",
        "127.0.0.1:" + port, "--credentials", cred.toString()));
  }

  private Process start(Path log, List<String> args) throws IOException {
    Process p = CommandJvm.start(log, List.of(), args);
    started.add(p);
    return p;
  }
}
