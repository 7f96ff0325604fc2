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
 * Ignite's join still waits. One whose last node dies mid-chunk (kill -9 of a real node JVM) encodes
 * the rest itself and finishes. Every wait is bounded.
 */
@Timeout(value = ClusterProcessTest.START_SECONDS, unit = TimeUnit.SECONDS)
class CoordinatorFailureTest {
  /** Frames of the input of the test whose node dies. */
  static final int FRAMES = 180;

  @TempDir Path tmp;
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    CommandJvm.stopAll(started);
  }

  @Test
  void anAddressWhereNothingListensFailsAtOnceInOneLine() throws Exception {
    int port = HostPort.freeLoopbackPair(); // free: nothing listens there
    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("coordinator.log");
    Process p = encode(log, out, port);
    // Ignite's own join would try for 15 s (its timeout) and more; the refused connection says it in well under that.
    assertTrue(p.waitFor(ClusterEngine.JOIN_TIMEOUT_MS, TimeUnit.MILLISECONDS), "still joining:\n" + Files.readString(log));
    String text = Files.readString(log);
    assertEquals(1, p.exitValue(), text);
    List<String> lines = text.lines().filter(l -> l.startsWith("framefork:")).toList();
    assertEquals(List.of("framefork: no FrameFork node answers at 127.0.0.1:" + port + ": start one with 'framefork node' there, "
        + "or give the address of one that runs"), lines, text);
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
      held.add(silent.accept()); // the address probe
      held.add(silent.accept()); // Ignite's join: it now waits for the handshake
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
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6", "-c:v", "libx264", "-preset", "veryfast",
        "-g", "30", "-pix_fmt", "yuv420p", input.toString());
    Path cred = tmp.resolve("cred");
    Credentials.init(cred);
    int port = HostPort.freeLoopbackPair();
    Path nodeLog = tmp.resolve("node.log");
    Process node = start(nodeLog, List.of("node", "--listen", "127.0.0.1:" + port, "--workers", "1", "--credentials", cred.toString()));
    CommandJvm.awaitLine(nodeLog, "ready in", node, ClusterProcessTest.START_SECONDS);

    Path out = tmp.resolve("out.mp4");
    Path coordinatorLog = tmp.resolve("coordinator.log");
    Process coordinator = start(coordinatorLog, List.of("encode", input.toString(), "-o", out.toString(), "--workers", "0",
        "--cluster", "127.0.0.1:" + port, "--credentials", cred.toString(), "--chunk-seconds", "1", "--preset", "slow"));
    CommandJvm.awaitLine(nodeLog, " taken: ", coordinator, ClusterProcessTest.START_SECONDS);
    node.destroyForcibly(); // kill -9 while it holds a chunk
    assertTrue(node.waitFor(10, TimeUnit.SECONDS));
    String finished = Files.readString(nodeLog);

    assertTrue(coordinator.waitFor(ClusterProcessTest.ENCODE_SECONDS, TimeUnit.SECONDS), "the coordinator did not finish");
    String log = Files.readString(coordinatorLog);
    assertEquals(0, coordinator.exitValue(), log);
    if (ClusterProcessTest.inProgress(finished) > 0) {
      // The chunk it held went back to the coordinator, without using up an attempt.
      assertTrue(log.contains("left with chunk"), log);
    }
    assertTrue(log.contains("no node left for chunk"), log);
    assertFalse(log.contains("failed"), log);
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
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
