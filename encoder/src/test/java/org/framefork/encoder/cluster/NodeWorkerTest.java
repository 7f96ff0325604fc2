package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's lines come in the order things happen to it: a chunk that a running job sends as soon as
 * the node has joined (before its "ready" line is out) waits for that line, and its own come after.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeWorkerTest {
  @TempDir Path tmp;

  @Test
  void aChunkThatCameBeforeTheReadyLineIsSaidAfterIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    NodeWorker worker = NodeWorker.install("node-order", tmp, log, 1, null);
    // Bytes that are no chunk request: the quickest chunk a node says something about ("refused a chunk").
    CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> worker.run(new byte[] {1, 2, 3}, System.nanoTime()));
    Thread.sleep(500);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a chunk was said before the node was ready");
    worker.ready("node 127.0.0.1:47590 ready in 1.0 s");
    reply.get(10, TimeUnit.SECONDS);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("node 127.0.0.1:47590 ready in 1.0 s", lines.get(0));
    assertTrue(lines.get(1).contains(" refused a chunk: "), lines.get(1));
  }

  @Test
  void aNodeStoppedBeforeItWasReadyHandsItsChunksBack() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodeWorker worker = NodeWorker.install("node-stopped", tmp, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, null);
    CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> worker.run(new byte[] {1, 2, 3}, System.nanoTime()));
    Thread.sleep(200);
    worker.stop();
    reply.get(10, TimeUnit.SECONDS); // not held forever
  }

  @Test
  void aStopHandsBackTheChunkFetchedAheadAndSaysSo() throws Exception {
    Path input = tmp.resolve("in.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=4", "-c:v", "libx264", "-preset",
        "veryfast", "-g", "30", "-pix_fmt", "yuv420p", input.toString());
    byte[] packets = Files.readAllBytes(input);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodeWorker worker = NodeWorker.install("node-ahead", tmp, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, null);
    worker.ready("node 127.0.0.1:47590 ready in 1.0 s");
    ExecutorService jobs = Executors.newFixedThreadPool(2); // the common pool may have 1 thread
    try {
      // Its one worker encodes chunk 0 (veryslow: seconds); chunk 1 waits for it, fetched ahead.
      List<CompletableFuture<byte[]>> replies = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        ChunkWire.Request r = new ChunkWire.Request("in.mp4", "c0ffee", new Chunk(i, 0, 120, 0, Chunk.OPEN_END, 0),
            new EncodeSettings(VideoCodec.H264, 23, "veryslow", 1), false, ChunkWire.Source.packets("mp4", 0, packets),
            ChunkWire.Filters.NONE);
        replies.add(CompletableFuture.supplyAsync(() -> worker.run(ChunkWire.write(r), System.nanoTime()), jobs));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String expected = i == 0 ? "1 running chunk" : "1 running chunk and 1 fetched ahead";
        while (!expected.equals(worker.held()) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(expected, worker.held(), bytes::toString);
      }
      assertEquals("1 running chunk and 1 fetched ahead", worker.stop());
      for (CompletableFuture<byte[]> reply : replies) {
        assertEquals(NodeWorker.HANDED_BACK, ChunkWire.readReply(reply.get(10, TimeUnit.SECONDS)).error(), bytes::toString);
      }
      assertTrue(worker.awaitIdle(TimeUnit.SECONDS.toNanos(5)));
      assertEquals(null, worker.held());
      String log = bytes.toString(StandardCharsets.UTF_8);
      // It said only chunk 0's line: "chunk 0 of in.mp4 handed back".
      assertTrue(log.contains(" chunk 0 of in.mp4 handed back\n"), log);
      assertTrue(log.contains(" chunk 1 of in.mp4 handed back before it started (fetched ahead)\n"), log);
      assertEquals(0, ClusterProcessTest.inProgress(log), log);
    } finally {
      jobs.shutdownNow();
    }
  }

  /** A chunk request for chunk {@code index} of in.mp4 (its packets are never read here). */
  private static byte[] request(int index) {
    return ChunkWire.write(new ChunkWire.Request("in.mp4", "c0ffee", new Chunk(index, 0, 120, 0, Chunk.OPEN_END, 0),
        new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1), false, ChunkWire.Source.packets("mp4", 0, new byte[16]),
        ChunkWire.Filters.NONE));
  }

  @Test
  void aChunkThatArrivesAfterTheStopIsRefusedNotSaidFetchedAhead() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodeWorker worker = NodeWorker.install("node-late", tmp, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, null);
    worker.ready("node 127.0.0.1:47590 ready in 1.0 s");
    long before = System.nanoTime();
    assertEquals(null, worker.stop());
    // The stopping node is still in the topology: a coordinator sends it the next chunk.
    assertEquals(NodeWorker.HANDED_BACK, ChunkWire.readReply(worker.run(request(3), System.nanoTime())).error());
    // One that Ignite read before the stop, and ran after it, was fetched ahead.
    assertEquals(NodeWorker.HANDED_BACK, ChunkWire.readReply(worker.run(request(4), before)).error());
    String log = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains(" chunk 3 of in.mp4 refused: the node is stopping\n"), log);
    assertFalse(log.contains("chunk 3 of in.mp4 handed back"), log);
    assertTrue(log.contains(" chunk 4 of in.mp4 handed back before it started (fetched ahead)\n"), log);
    assertEquals(null, worker.held());
  }

  @Test
  void aStopWaitsForTheRefusalOfAChunkThatArrivedAfterIt() throws Exception {
    // The refusal's line is held up: the reply is still being made, as it could be still being written.
    java.util.concurrent.CountDownLatch refusing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
      @Override
      public void println(String x) {
        if (x.contains("refused: the node is stopping")) {
          refusing.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        super.println(x);
      }
    };
    NodeWorker worker = NodeWorker.install("node-refusing", tmp, log, 1, null);
    worker.ready("node 127.0.0.1:47590 ready in 1.0 s");
    assertEquals(null, worker.stop());
    CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> worker.run(request(5), System.nanoTime()));
    assertTrue(refusing.await(10, TimeUnit.SECONDS));
    // Was idle at once: the node would stop its cluster engine while the refusal was on its way.
    assertFalse(worker.awaitIdle(TimeUnit.MILLISECONDS.toNanos(100)));
    assertEquals(null, worker.held(), "a refused chunk is not one the node hands back");
    go.countDown();
    assertEquals(NodeWorker.HANDED_BACK, ChunkWire.readReply(reply.get(10, TimeUnit.SECONDS)).error());
    assertTrue(worker.awaitIdle(TimeUnit.SECONDS.toNanos(5)));
  }

  @Test
  void aChunkWaitingForTheReadyLineIsHeldAndWaitedFor() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodeWorker worker = NodeWorker.install("node-early", tmp, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1, null);
    CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> worker.run(request(0), System.nanoTime()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (worker.held() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // Was null, and a stop's wait for its chunks did not wait for it.
    assertEquals("1 chunk fetched ahead", worker.held());
    assertFalse(worker.awaitIdle(TimeUnit.MILLISECONDS.toNanos(100)));
    assertEquals("1 chunk fetched ahead", worker.stop());
    assertEquals(NodeWorker.HANDED_BACK, ChunkWire.readReply(reply.get(10, TimeUnit.SECONDS)).error());
    assertTrue(worker.awaitIdle(TimeUnit.SECONDS.toNanos(5)));
    assertEquals(null, worker.held());
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(" chunk 0 of in.mp4 handed back before it started (fetched ahead)\n"));
  }

  @Test
  void aRefusedChunkThatCameBeforeTheReadyLineIsNoLongerHeld() throws Exception {
    NodeWorker worker = NodeWorker.install("node-garbage", tmp, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 1, null);
    CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> worker.run(new byte[] {1, 2, 3}, System.nanoTime()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (worker.held() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("1 chunk fetched ahead", worker.held());
    worker.ready("node 127.0.0.1:47590 ready in 1.0 s");
    reply.get(10, TimeUnit.SECONDS);
    assertTrue(worker.awaitIdle(TimeUnit.SECONDS.toNanos(5)));
    assertEquals(null, worker.held());
  }
}
