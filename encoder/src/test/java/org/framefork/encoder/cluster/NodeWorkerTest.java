package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
}
