package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker node cut off from its cluster for longer than the failure detection timeout, as a
 * suspended VM or a long GC pause cuts it off: real node JVMs on 127.0.0.1, one frozen with SIGSTOP,
 * then let go with SIGCONT. Of two nodes, each drops the other and goes on alone (two clusters that
 * never merged); of three, Ignite segments the frozen one, and its default failure handler halted
 * the JVM (exit 130, its work folder left behind). Now the node says so in one line and rejoins the
 * others as the same process, its chunk runs elsewhere, and it takes chunks again. Every wait is
 * bounded.
 */
@Timeout(value = 2 * ClusterProcessTest.START_SECONDS + 2 * ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
class NodeCutOffTest {
  static final int FRAMES = 240;
  /** Longer than the failure detection timeout (10 s), with room for a busy machine's late verdict. */
  static final long FROZEN_SECONDS = 20;
  /** Threads a node may have after rejoining beyond those it had before: a leaked Ignite instance has dozens. */
  static final int THREAD_SLACK = 10;

  @TempDir Path tmp;
  final List<Process> started = new ArrayList<>();
  Path cred;
  /** The nodes' discovery ports, a's first. */
  final List<Integer> ports = new ArrayList<>();
  /** When the frozen node got SIGCONT. */
  long thawed;

  @AfterEach
  void stopEverything() throws InterruptedException {
    CommandJvm.stopAll(started);
  }

  @Test
  void theFirstOfTwoNodesCutOffMidChunkRejoinsAsTheSameProcess() throws Exception {
    Path input = tmp.resolve("input.mp4");
    Process nodeA = inputAndTwoNodes().get(0);
    int portA = ports.get(0);
    int portB = ports.get(1);
    long threadsBefore = threads(nodeA);

    // A slow job through node b; node a is frozen the moment it takes a chunk.
    Path out = tmp.resolve("out.mp4");
    Process coordinator = start(tmp.resolve("coordinator.log"), encode(input, out, portB, "veryslow"));
    CommandJvm.awaitLine(log("a"), " taken: ", coordinator, ClusterProcessTest.ENCODE_SECONDS);
    freezeFor(nodeA, FROZEN_SECONDS);
    awaitRejoined("a", nodeA, portA, 2);
    // Its chunk stopped: as the node found itself cut off, or before, as it found the coordinator gone from its view.
    assertTrue(text("a").contains(" of input.mp4 dropped: "), text("a"));

    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String job = Files.readString(tmp.resolve("coordinator.log"));
    assertEquals(0, coordinator.exitValue(), job);
    assertTrue(job.contains("node 127.0.0.1:" + portA + " left with chunk"), job);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));

    // Back in the cluster: a coordinator that knows node b only hands node a chunks, and it encodes them.
    int finishedBefore = ClusterProcessTest.count(text("a"), " finished: ");
    Path again = tmp.resolve("again.mp4");
    Process second = start(tmp.resolve("again.log"), encode(input, again, portB, "faster"));
    assertTrue(second.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the second job did not finish");
    assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("again.log")));
    assertTrue(ClusterProcessTest.count(text("a"), " finished: ") > finishedBefore, "node a took no chunk after rejoining:\n"
        + text("a"));
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(again));

    // The same process all along, holding nothing of the cut-off instance: no chunk, chunk file or threads.
    assertTrue(nodeA.isAlive(), text("a"));
    assertEquals(1, ClusterProcessTest.count(text("a"), "ready in"), text("a"));
    assertEquals(0, ClusterProcessTest.inProgress(text("a")), text("a"));
    assertEquals(List.of(), ClusterProcessTest.chunkFiles(tmp.resolve("node-a-tmp")), "node a left chunk files behind");
    long threadsAfter = threads(nodeA);
    System.out.printf("node a: %d threads before the cut, %d after rejoining and a job%n", threadsBefore, threadsAfter);
    assertTrue(threadsAfter <= threadsBefore + THREAD_SLACK, threadsBefore + " threads before, " + threadsAfter + " after");

    // Its normal stop still works: SIGTERM, 143, its work folder removed.
    nodeA.destroy();
    assertTrue(nodeA.waitFor(45, TimeUnit.SECONDS));
    assertEquals(143, nodeA.exitValue(), text("a"));
    assertTrue(text("a").contains("stopped after"), text("a"));
    try (var left = Files.list(tmp.resolve("node-a-tmp"))) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(ClusterEngine.WORK_PREFIX)).toList());
    }
  }

  @Test
  void theNodeTheCoordinatorJoinedThroughFrozenMidJobLeavesTheOthersTheirChunks() throws Exception {
    // --cluster named node a, the coordinator's connection to the cluster. Frozen for 20 s, it took the
    // coordinator down with it: "node b left with chunk 3, and no node is left; encoding it here", the
    // healthy node's chunks taken back and encoded by the coordinator itself.
    Process nodeA = inputAndTwoNodes().get(0);
    String a = "node 127.0.0.1:" + ports.get(0);
    String b = "node 127.0.0.1:" + ports.get(1);
    Path log = tmp.resolve("coordinator.log");
    Process coordinator = start(log, encode(tmp.resolve("input.mp4"), tmp.resolve("out.mp4"), ports.get(0), "veryslow"));
    CommandJvm.awaitLine(log("a"), " taken: ", coordinator, ClusterProcessTest.ENCODE_SECONDS);
    CommandJvm.awaitLine(log("b"), " taken: ", coordinator, ClusterProcessTest.ENCODE_SECONDS);
    int finishedByB = ClusterProcessTest.count(text("b"), " finished: ");
    freezeFor(nodeA, FROZEN_SECONDS);

    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String job = Files.readString(log);
    String all = job + "\n--- node a:\n" + text("a") + "\n--- node b:\n" + text("b");
    assertEquals(0, coordinator.exitValue(), all);
    assertFalse(job.contains("no node is left") || job.contains("no node left"), all);
    assertFalse(job.contains(b + " left"), "the healthy node was said gone:\n" + all);
    // Node a was judged gone (10 s without a heartbeat): its chunk ran again elsewhere.
    assertTrue(job.contains(a + " left with chunk ") && job.contains("; running it again elsewhere"), all);
    assertTrue(ClusterProcessTest.count(text("b"), " finished: ") > finishedByB, "node b encoded no more chunks:\n" + all);
    // The coordinator moved to node b as the same client (ClusterEngine.ROUTER_FAILURE_MS); when it is dropped
    // instead, it rejoins through b and says so, and b's chunks go to b again.
    boolean rejoined = job.contains("framefork: cluster: lost the connection to the cluster");
    assertEquals(rejoined, text("b").contains(" dropped: its coordinator cancelled it or left"), all);
    assertTrue(!rejoined || job.contains("framefork: cluster: reconnected to the cluster in "), all);
    System.out.printf("node a, the coordinator's connection, frozen for %d s: the coordinator %s; %d chunks of node b sent again%n",
        FROZEN_SECONDS, rejoined ? "was dropped and rejoined" : "moved to node b", ClusterProcessTest.count(job,
            " as this coordinator left the cluster for a moment; sending it again"));
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(tmp.resolve("out.mp4")));
  }

  @Test
  void aNodeOfThreeCutOffIsSegmentedAndRejoins() throws Exception {
    List<Process> nodes = cluster(3);
    Process nodeB = nodes.get(1);
    freezeFor(nodeB, FROZEN_SECONDS);
    awaitRejoined("b", nodeB, ports.get(1), 3);
    assertTrue(nodes.stream().allMatch(Process::isAlive));
    assertEquals(1, ClusterProcessTest.count(text("b"), "ready in"), text("b"));
  }

  /** Makes input.mp4 ({@link #FRAMES} frames) and starts nodes a and b ({@link #cluster}). */
  private List<Process> inputAndTwoNodes() throws Exception {
    ClusterProcessTest.makeInput(tmp.resolve("input.mp4"), FRAMES / 30);
    // Node a starts the cluster (no --join): it can rejoin only at the addresses of the nodes it saw.
    return cluster(2);
  }

  /**
   * Starts {@code n} nodes, a, b, c ..., of 1 worker each: the first starts the cluster, the others
   * join it; their ports go to {@link #ports}.
   */
  private List<Process> cluster(int n) throws Exception {
    cred = tmp.resolve("cred");
    Credentials.init(cred);
    List<Process> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.valueOf((char) ('a' + i));
      ports.add(HostPort.freeLoopbackPair());
      Process p = node(name, ports.get(i), i == 0 ? null : "127.0.0.1:" + ports.get(0));
      CommandJvm.awaitLine(log(name), (i + 1) + " node" + (i == 0 ? "" : "s") + " in the cluster", p,
          ClusterProcessTest.START_SECONDS);
      nodes.add(p);
    }
    return nodes;
  }

  /**
   * Waits for node {@code name}'s line that it was cut off and its line that it is back among
   * {@code servers} nodes, and checks that those are all it said of it: no line of Ignite's.
   */
  private void awaitRejoined(String name, Process node, int port, int servers) throws Exception {
    CommandJvm.awaitLine(log(name), "node 127.0.0.1:" + port + " was cut off from the cluster for longer than 10 s; rejoining",
        node, 60);
    double said = (System.nanoTime() - thawed) / 1e9;
    CommandJvm.awaitLine(log(name), "node 127.0.0.1:" + port + " rejoined in ", node, ClusterProcessTest.START_SECONDS);
    System.out.printf("node %s of %d frozen for %d s: said it was cut off %.1f s after SIGCONT, rejoined %.1f s after%n", name,
        servers, FROZEN_SECONDS, said, (System.nanoTime() - thawed) / 1e9);
    String text = text(name);
    assertTrue(text.contains(" s: " + servers + " nodes in the cluster"), text);
    List<String> lines = text.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules") && !l.contains(" chunk ")
        && !l.contains("ready in")).toList();
    assertEquals(2, lines.size(), text);
  }

  /** SIGSTOP, then SIGCONT {@code seconds} later: the process misses every heartbeat meanwhile, as a suspended VM does. */
  private void freezeFor(Process p, long seconds) throws Exception {
    signal("STOP", p);
    try {
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    } finally {
      signal("CONT", p);
      thawed = System.nanoTime();
    }
  }

  private static void signal(String name, Process p) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor());
  }

  /** The threads of process {@code p} now (Linux). */
  private static long threads(Process p) throws IOException {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
      return tasks.count();
    }
  }

  private List<String> encode(Path input, Path out, int port, String preset) {
    return List.of("encode", input.toString(), "-o", out.toString(), "--workers", "0", "--cluster", "127.0.0.1:" + port,
        "--credentials", cred.toString(), "--chunk-seconds", "1", "--no-tail-split", "--preset", preset, "--overwrite");
  }

  /** A node of 1 worker whose temporary files go to {@code node-NAME-tmp}. */
  private Process node(String name, int port, String join) throws IOException {
    List<String> args = new ArrayList<>(List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "1", "--credentials",
        cred.toString()));
    if (join != null) {
      args.addAll(List.of("--join", join));
    }
    Path nodeTmp = Files.createDirectories(tmp.resolve("node-" + name + "-tmp"));
    Process p = CommandJvm.start(log(name), List.of("-Djava.io.tmpdir=" + nodeTmp), args);
    started.add(p);
    return p;
  }

  private Process start(Path log, List<String> args) throws IOException {
    Process p = CommandJvm.start(log, List.of(), args);
    started.add(p);
    return p;
  }

  private Path log(String node) {
    return tmp.resolve("node-" + node + ".log");
  }

  private String text(String node) throws IOException {
    return Files.readString(log(node));
  }
}
