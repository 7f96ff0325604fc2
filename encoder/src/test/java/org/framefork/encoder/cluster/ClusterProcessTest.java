package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster on 127.0.0.1: two worker nodes and a coordinator, each its own JVM (the encoder's
 * classpath, started with the JVM's own java), on free ports. Every process is stopped at the end;
 * every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2 * ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
class ClusterProcessTest {
  /** Starting a JVM with Ignite on a busy 2-core machine can take a minute. */
  static final long START_SECONDS = 180;
  static final long ENCODE_SECONDS = 240;
  static final int FRAMES = 240;
  /** How soon nodes drop a dead coordinator's chunks: they notice within ClusterEngine.CLIENT_FAILURE_MS (5 s). */
  static final long DROP_SECONDS = 15;
  static final List<String> SETTINGS = List.of("--no-tail-split", "--chunk-seconds", "1", "--preset", "faster", "--overwrite");

  @TempDir static Path tmp;
  Path input;
  Path cred;
  Path otherCred;
  int portA;
  int portB;
  int portC;
  Process nodeA;
  Process nodeB;
  Process nodeC;
  final List<Process> all = new ArrayList<>();

  @BeforeAll
  void cluster() throws Exception {
    input = tmp.resolve("input.mp4");
    // B-frames and a keyframe every second: chunks start on keyframes whose packets decode after earlier ones.
    CompletableFuture<Void> media = CompletableFuture.runAsync(() -> makeInput(input, 8, "-bf", "2"));
    cred = tmp.resolve("cred");
    otherCred = tmp.resolve("other-cred");
    CompletableFuture<Credentials> other = CompletableFuture.supplyAsync(() -> Credentials.init(otherCred));
    Credentials.init(cred);
    portA = HostPort.freeLoopbackPair();
    nodeA = node("a", portA, null);
    awaitLine(tmp.resolve("node-a.log"), "ready in", nodeA, START_SECONDS);
    portB = HostPort.freeLoopbackPair();
    nodeB = node("b", portB, "127.0.0.1:" + portA);
    awaitLine(tmp.resolve("node-b.log"), "2 nodes in the cluster", nodeB, START_SECONDS);
    media.join();
    other.join();
  }

  @AfterAll
  void stopEverything() throws Exception {
    CommandJvm.stopAll(all);
  }

  @Test
  @Order(1)
  void clusterOutputIsTheLocalOutputByteForByte() throws Exception {
    Path local = tmp.resolve("local.mp4");
    Path clustered = tmp.resolve("cluster.mp4");
    // The local encode also shows that an encode without --cluster loads no Ignite class.
    Run l = run("local", List.of("-verbose:class"), concat(List.of("encode", input.toString(), "-o", local.toString(), "--workers", "2"), SETTINGS));
    assertEquals(0, l.code, l.log);
    assertFalse(l.log.contains("org.apache.ignite"), "a local encode loaded an Ignite class");
    assertTrue(l.log.contains("org.framefork.encoder.cluster.ClusterOptions"), "-verbose:class works");

    Path json = tmp.resolve("cluster.json");
    Run c = run("cluster", List.of(), concat(onCluster(clustered, nodes(portA, portB)), List.of("--report", json.toString())));
    assertEquals(0, c.code, c.log);
    assertTrue(c.log.contains("Joined the cluster in"), c.log);
    assertFalse(c.log.contains("whole source"), "every chunk went as its own packets: " + c.log);
    assertLikeLocal(clustered, "the cluster's output differs from the local one");
    String a = log("node-a");
    String b = log("node-b");
    assertTrue(a.contains("finished:") && b.contains("finished:"), "both nodes encoded chunks:\n" + a + "\n" + b);
    reportNamesEachChunksNode(json, count(a, "finished:"), count(b, "finished:"), c.log);
  }

  /** The JSON report: each chunk's node and transfer, each node's chunks (as many as its log says it finished). */
  private void reportNamesEachChunksNode(Path json, int finishedOnA, int finishedOnB, String log) throws IOException {
    JsonNode report = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("report");
    Map<String, Integer> perNode = new HashMap<>();
    for (JsonNode chunk : report.path("chunkTimes")) {
      JsonNode remote = chunk.path("remote");
      assertTrue(remote.path("sentBytes").asLong() > 1000 && remote.path("receivedBytes").asLong() > chunk.path("bytes").asLong(),
          chunk.toString());
      assertTrue(remote.path("transferSeconds").asDouble() >= 0 && remote.path("nodeSeconds").asDouble() > 0, chunk.toString());
      // A chunk's work is its node's own time, not the round trip with the transfers and the queue.
      assertEquals(remote.path("nodeSeconds").asDouble(), chunk.path("seconds").asDouble(), 1e-6, chunk.toString());
      String done = String.format(java.util.Locale.ROOT, "chunk %d done on worker %d: %d frames in %.1f s on node %s (",
          chunk.path("chunk").asInt(), chunk.path("worker").asInt(), chunk.path("frames").asInt(),
          chunk.path("seconds").asDouble(), remote.path("node").asText());
      assertTrue(log.contains(done), done + "\n" + log);
      perNode.merge(remote.path("node").asText(), 1, Integer::sum);
    }
    assertEquals(Map.of("127.0.0.1:" + portA, finishedOnA, "127.0.0.1:" + portB, finishedOnB), perNode);
    JsonNode nodes = report.path("nodes");
    assertEquals(2, nodes.size(), nodes.toString()); // --workers 0: no coordinator row
    double busy = 0;
    for (JsonNode n : nodes) {
      busy += n.path("busySeconds").asDouble();
      assertEquals(perNode.get(n.path("node").asText()), n.path("chunks").asInt(), n.toString());
      assertEquals(1, n.path("workers").asInt(), n.toString());
      assertTrue(n.path("busySeconds").asDouble() > 0 && n.path("idleSeconds").asDouble() >= 0, n.toString());
      assertTrue(n.path("busySeconds").asDouble() + n.path("idleSeconds").asDouble() <= report.path("encodeSeconds").asDouble() + 0.01,
          n.toString());
    }
    // The speedup's chunk work is what the nodes' table says they did.
    assertEquals(busy, report.path("sumChunkSeconds").asDouble(), 1e-6, report.toString());
    assertEquals(busy / report.path("encodeSeconds").asDouble(), report.path("speedup").asDouble(), 1e-6);
  }

  @Test
  @Order(2)
  void otherCredentialsAndPlainClientsAreRefused() throws Exception {
    Run c = run("intruder", List.of(), List.of("encode", input.toString(), "-o", tmp.resolve("intruder.mp4").toString(), "--workers", "0",
        "--cluster", "127.0.0.1:" + portA, "--credentials", otherCred.toString()));
    assertEquals(1, c.code, c.log);
    assertTrue(c.log.contains("cannot join the cluster"), c.log);
    assertFalse(Files.exists(tmp.resolve("intruder.mp4")));
    assertFalse(log("node-a").contains("intruder"), "the node took no chunk from the intruder");

    // A plain TCP client on either port gets at most a TLS alert, never a message of the cluster.
    for (int port : new int[] {portA, portA + 1}) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(3000);
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] got = readSome(s.getInputStream(), 4096);
        assertTrue(got.length < 64, "port " + port + " answered a plain client with " + got.length + " bytes");
      }
    }
  }

  @Test
  @Order(3)
  void aClusterJobResumes() throws Exception {
    Path out = tmp.resolve("resumed.mp4");
    List<String> args = onCluster(out, nodes(portA, portB));
    int before = logged("node-a", "finished:") + logged("node-b", "finished:");
    Process first = start("interrupted", List.of(), args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ENCODE_SECONDS);
    while (logged("node-a", "finished:") + logged("node-b", "finished:") < before + 2) {
      assertTrue(System.nanoTime() < deadline && first.isAlive(), "no chunk finished:\n" + log("interrupted"));
      Thread.sleep(20);
    }
    first.destroy(); // SIGTERM
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    String log = log("interrupted");
    assertEquals(143, first.exitValue(), log);
    assertTrue(log.contains("--resume"), log);

    Run resumed = run("resumed", List.of(), concat(args, List.of("--resume")));
    assertEquals(0, resumed.code, resumed.log);
    assertTrue(resumed.log.contains("reused from the interrupted run"), resumed.log);
    assertLikeLocal(out, "the resumed output differs from the local one");
  }

  @Test
  @Order(4)
  void aNodeKilledMidChunkHasItsChunkRunElsewhere() throws Exception {
    Path out = tmp.resolve("failover.mp4");
    int takenBefore = logged("node-b", " taken: ");
    Process coordinator = start("failover", List.of(), onCluster(out, nodes(portA, portB)));
    // The moment node b takes its first chunk of this job: kill -9.
    awaitCount("node-b", " taken: ", takenBefore + 1, coordinator);
    nodeB.destroyForcibly();
    assertTrue(nodeB.waitFor(10, TimeUnit.SECONDS));
    assertTrue(coordinator.waitFor(ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String log = log("failover");
    assertEquals(0, coordinator.exitValue(), log);
    assertTrue(log.contains("running it again elsewhere"), log);
    // Node b left with its chunk, most often before it finished one: it has its row all the same, and counts.
    assertTrue(log.matches("(?s).*\\n\\s+127\\.0\\.0\\.1:" + portB + " .*  left mid-job at [0-9.]+ s\\n.*"), log);
    assertTrue(log.contains(" on 2 nodes; "), log);
    if (Files.exists(tmp.resolve("local.mp4"))) {
      assertLikeLocal(out, "the output after failover differs from the local one");
    } else {
      assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
    }
  }

  @Test
  @Order(5)
  void aNodeJoiningMidJobGetsWork() throws Exception {
    Path out = tmp.resolve("late.mp4");
    Path json = tmp.resolve("late.json");
    int takenBefore = logged("node-a", " taken: ");
    // Node a alone, one worker, at veryslow: long enough for another node to start and join.
    Process coordinator = start("late", List.of(), slowJob(out, json, nodes(portA), 1));
    awaitCount("node-a", " taken: ", takenBefore + 1, coordinator);
    portC = HostPort.freeLoopbackPair();
    // Node c shares the test's folder, where the input is: it reads the source there (see filtersRunOnNodes...).
    nodeC = node("c", portC, "127.0.0.1:" + portA, "--shared-dir", tmp.toString());
    awaitLine(tmp.resolve("node-c.log"), "ready in", nodeC, START_SECONDS);
    assertTrue(coordinator.waitFor(ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String log = log("late");
    assertEquals(0, coordinator.exitValue(), log);
    String c = log("node-c");
    assertTrue(c.contains(" finished: "), "the node that joined mid-job encoded no chunk:\n" + c + "\n" + log);
    assertTrue(c.indexOf("ready in") < c.indexOf(" taken: "), "a chunk was said before the node was ready:\n" + c);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
    JsonNode nodes = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("report").path("nodes");
    assertTrue(nodes.toString().contains("\"127.0.0.1:" + portC + "\""), nodes.toString());
  }

  @Test
  @Order(6)
  void theCoordinatorKilledLeavesNothingOnTheNodes() throws Exception {
    int takenA = logged("node-a", " taken: ");
    int takenC = logged("node-c", " taken: ");
    // Chunks of 4 s in x265 veryslow (x264 veryslow took one core of the CI machine 3.8 s, less than the 5 s
    // the nodes take to notice): each node is still encoding its chunk when the coordinator is found gone.
    Process coordinator = start("killed", List.of(), slowJob(tmp.resolve("killed.mp4"), tmp.resolve("killed.json"),
        nodes(portA, portC), 4, "h265"));
    awaitCount("node-a", " taken: ", takenA + 1, coordinator);
    awaitCount("node-c", " taken: ", takenC + 1, coordinator);
    coordinator.destroyForcibly(); // kill -9, mid-chunk on both nodes
    assertTrue(coordinator.waitFor(10, TimeUnit.SECONDS));
    long killed = System.nanoTime();
    // Within seconds each node has ended every chunk it took: finished, or dropped with its files.
    for (String node : List.of("node-a", "node-c")) {
      long deadline = killed + TimeUnit.SECONDS.toNanos(DROP_SECONDS);
      while (inProgress(log(node)) > 0) {
        assertTrue(System.nanoTime() < deadline, node + " still encodes the dead coordinator's chunk:\n" + log(node));
        Thread.sleep(50);
      }
    }
    for (String node : List.of("node-a", "node-c")) {
      assertTrue(log(node).contains(" dropped: its coordinator cancelled it or left"), log(node));
    }
    // The log line comes as the chunk stops; its encoder then closes and its folder goes (x265 takes a moment).
    for (String node : List.of("a", "c")) {
      Path dir = tmp.resolve("node-" + node + "-tmp");
      long deadline = killed + TimeUnit.SECONDS.toNanos(DROP_SECONDS);
      while (!chunkFiles(dir).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of(), chunkFiles(dir), "node " + node + " left chunk files behind");
    }
    assertTrue(nodeA.isAlive() && nodeC.isAlive(), "the nodes keep running");
    assertFalse(Files.exists(tmp.resolve("killed.mp4")));
  }

  @Test
  @Order(7)
  void aNodeOfAnotherVersionIsRefusedInOneLine() throws Exception {
    // A node whose build says it is another FrameFork (its jar's Maven descriptor, first on its class path).
    Path other = tmp.resolve("other-version");
    Path descriptor = other.resolve("META-INF/maven/org.framefork/framefork-encoder/pom.properties");
    Files.createDirectories(descriptor.getParent());
    Files.writeString(descriptor, "version=0.0.1-other\n");
    int portD = HostPort.freeLoopbackPair();
    Process nodeD = start("node-d", List.of(), other + java.io.File.pathSeparator + System.getProperty("java.class.path"),
        List.of("node", "--listen", "127.0.0.1:" + portD, "--join", "127.0.0.1:" + portA, "--workers", "1", "--credentials",
            cred.toString()));
    awaitLine(tmp.resolve("node-d.log"), "ready in", nodeD, START_SECONDS);
    Path out = tmp.resolve("versions.mp4");
    // The nodes that lived through the killed coordinator encode the job; node d gets nothing.
    Run c = run("versions", List.of(), onCluster(out, nodes(portD, portA)));
    assertEquals(0, c.code, c.log);
    List<String> refusals = c.log.lines().filter(l -> l.contains("refused")).toList();
    assertEquals(1, refusals.size(), c.log);
    assertTrue(refusals.get(0).contains("node 127.0.0.1:" + portD + " refused: it runs FrameFork 0.0.1-other"), refusals.get(0));
    assertTrue(refusals.get(0).contains("this is FrameFork development build"), refusals.get(0));
    assertFalse(log("node-d").contains(" taken: "), "the refused node took a chunk");
    assertLikeLocal(out, "the output without node d differs from the local one");
  }

  @Test
  @Order(8)
  @Timeout(value = 3 * ENCODE_SECONDS, unit = TimeUnit.SECONDS)
  void filtersRunOnNodesAndASharedSourceIsReadInPlace() throws Exception {
    Path logo = tmp.resolve("logo.png");
    BufferedImage picture = new BufferedImage(48, 24, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 48; x++) {
        picture.setRGB(x, y, ((x * 5) << 24) | (200 << 16) | ((y * 10) << 8) | 40); // alpha ramps left to right
      }
    }
    ImageIO.write(picture, "png", logo.toFile());
    // Not scale: a local encode with --vf scale is not byte-identical from run to run at preset faster (found here, left
    // to the filters' owners); overlay and sharpen are.
    List<String> vf = List.of("--vf", "overlay=" + logo + ":-8:8,sharpen=0.6");
    Path local = tmp.resolve("filtered-local.mp4");
    Path clustered = tmp.resolve("filtered-cluster.mp4");
    Run l = run("filtered-local", List.of(), concat(concat(List.of("encode", input.toString(), "-o", local.toString(), "--workers", "2"),
        SETTINGS), vf));
    assertEquals(0, l.code, l.log);
    String readInPlace = " read from " + input.toRealPath();
    int readBefore = logged("node-c", readInPlace);
    Run c = run("filtered-cluster", List.of(), concat(onCluster(clustered, nodes(portA, portC)), vf));
    assertEquals(0, c.code, c.log);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(clustered));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("local.mp4")), Files.readAllBytes(clustered)),
        "the nodes did not run the filters");
    assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(clustered), "the nodes' filters made other pictures");
    assertTrue(logged("node-c", readInPlace) > readBefore, "node c did not read the shared source in place:\n" + log("node-c"));
    assertTrue(log("node-a").contains(" of source packets in"), "node a gets packets");
  }

  @Test
  @Order(9)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sigtermStopsANodeWith143() throws Exception {
    nodeA.destroy(); // SIGTERM
    assertTrue(nodeA.waitFor(45, TimeUnit.SECONDS));
    assertEquals(143, nodeA.exitValue(), log("node-a"));
    assertTrue(log("node-a").contains("stopped after"));
  }

  // --- the encodes and the outputs ------------------------------------------------------------

  /** Encodes the input into {@code out} on the nodes at {@code cluster} only (--workers 0), with {@link #SETTINGS}. */
  private List<String> onCluster(Path out, String cluster) {
    return concat(List.of("encode", input.toString(), "-o", out.toString(), "--workers", "0", "--cluster", cluster,
        "--credentials", cred.toString()), SETTINGS);
  }

  /** The --cluster addresses of the nodes on {@code ports} of 127.0.0.1. */
  private static String nodes(int... ports) {
    return String.join(",", java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList());
  }

  /** {@code out} has every frame, by Debian's ffmpeg, and the bytes of the first test's local encode. */
  private static void assertLikeLocal(Path out, String message) throws IOException {
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("local.mp4")), Files.readAllBytes(out), message);
  }

  /** What process {@code name} (node-a, failover ...) has printed so far. */
  private static String log(String name) throws IOException {
    return Files.readString(tmp.resolve(name + ".log"));
  }

  /** How many times process {@code name}'s output says {@code what}. */
  private static int logged(String name, String what) throws IOException {
    return count(log(name), what);
  }

  // --- processes ---------------------------------------------------------------------------------

  /** A node of 1 worker whose temporary files go to {@code node-NAME-tmp}, where a test can look for leftovers. */
  private Process node(String name, int port, String join, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "1", "--credentials", cred.toString()));
    if (join != null) {
      args.addAll(List.of("--join", join));
    }
    args.addAll(List.of(more));
    Path nodeTmp = Files.createDirectories(tmp.resolve("node-" + name + "-tmp"));
    return start("node-" + name, List.of("-Djava.io.tmpdir=" + nodeTmp), args);
  }

  /** An encode on the nodes at {@code cluster} that runs long enough (veryslow) to do something to it mid-job. */
  private List<String> slowJob(Path out, Path json, String cluster, int chunkSeconds) {
    return slowJob(out, json, cluster, chunkSeconds, "h264");
  }

  private List<String> slowJob(Path out, Path json, String cluster, int chunkSeconds, String codec) {
    return List.of("encode", input.toString(), "-o", out.toString(), "--codec", codec, "--workers", "0", "--cluster", cluster,
        "--credentials", cred.toString(), "--no-tail-split", "--chunk-seconds", Integer.toString(chunkSeconds), "--preset", "veryslow", "--overwrite",
        "--report", json.toString());
  }

  /** A 640x360 H.264 clip of testsrc2, 30 fps, a keyframe every second, by Debian's ffmpeg: what the cluster tests encode. */
  static void makeInput(Path out, int seconds, String... moreOptions) {
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=" + seconds, "-c:v",
        "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p"));
    args.addAll(List.of(moreOptions));
    args.add(out.toString());
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
  }

  /**
   * Chunks a node's log says it took and has not yet finished, dropped or handed back (a chunk fetched
   * ahead that was handed back before it started was never taken).
   */
  static int inProgress(String log) {
    return count(log, " taken: ") - count(log, " finished: ") - count(log, " dropped: ") - count(log, " handed back")
        + count(log, " handed back before it started") - count(log, " failed: ");
  }

  /** Files a node made for chunks (their folders, packets and segments) still under {@code dir}. */
  static List<Path> chunkFiles(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("chunk-") || p.getFileName().toString().startsWith("source.")
          || p.getFileName().toString().startsWith("segment.")).toList();
    }
  }

  private static void awaitCount(String name, String text, int count, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ENCODE_SECONDS);
    while (logged(name, text) < count) {
      assertTrue(System.nanoTime() < deadline && p.isAlive(), name + ": no '" + text + "' (" + count + "):\n" + log(name));
      Thread.sleep(20);
    }
  }

  record Run(int code, String log) {}

  private Run run(String name, List<String> jvm, List<String> args) throws Exception {
    Process p = start(name, jvm, args);
    if (!p.waitFor(ENCODE_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + ENCODE_SECONDS + " s:\n" + log(name));
    }
    return new Run(p.exitValue(), log(name));
  }

  private Process start(String name, List<String> jvm, List<String> args) throws IOException {
    return start(name, jvm, System.getProperty("java.class.path"), args);
  }

  private Process start(String name, List<String> jvm, String classPath, List<String> args) throws IOException {
    Process p = CommandJvm.start(tmp.resolve(name + ".log"), jvm, classPath, args);
    all.add(p);
    return p;
  }

  private static void awaitLine(Path log, String text, Process p, long seconds) throws Exception {
    CommandJvm.awaitLine(log, text, p, seconds);
  }

  private static byte[] readSome(InputStream in, int max) {
    byte[] buf = new byte[max];
    int n = 0;
    try {
      int r;
      while (n < max && (r = in.read(buf, n, max - n)) > 0) {
        n += r;
      }
    } catch (IOException timeoutOrReset) {
      // what came before is what counts
    }
    return java.util.Arrays.copyOf(buf, n);
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
