package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The cluster's only node killed (kill -9) while it encodes a chunk of a job that left all the
 * encoding to the nodes ({@code --workers 0}): the coordinator, which then has no node at all, encodes
 * that chunk and the rest itself and finishes. A real node JVM on 127.0.0.1; every wait is bounded.
 */
@Timeout(value = 2 * ClusterProcessTest.START_SECONDS + ClusterProcessTest.ENCODE_SECONDS, unit = TimeUnit.SECONDS)
class LastNodeLostTest {
  static final int FRAMES = 180;

  @TempDir Path tmp;
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    CommandJvm.stopAll(started);
  }

  @Test
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

  private Process start(Path log, List<String> args) throws Exception {
    Process p = CommandJvm.start(log, List.of(), args);
    started.add(p);
    return p;
  }
}
