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
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node does with Ignite's failures other than a cut-off (NodeCutOffTest has that one, on real
 * JVMs): a blocked system worker is a busy machine and is ignored; a critical error ends the node in
 * one line with exit code 1, through its normal stop (its work folder removed), never a halt.
 */
class NodeMembershipTest {
  @TempDir Path tmp;

  @Test
  void aCriticalErrorStopsTheNodeInOneLineWithExitCode1() throws Exception {
    Path work = Files.createDirectories(tmp.resolve(ClusterEngine.WORK_PREFIX + ProcessHandle.current().pid() + "-1"));
    Files.writeString(work.resolve("marshaller.bin"), "Ignite's work file");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
    NodeWorker worker = NodeWorker.install("node-failing", work, log, 1, null);
    NodeCommand.Setup setup = new NodeCommand.Setup(new HostPort("127.0.0.1", 47590), List.of(), null, 1, null);
    NodeMembership node = new NodeMembership("node-failing", setup, work, worker, log, new PrintStream(err, true,
        StandardCharsets.UTF_8));
    NodeMembership.OnFailure handler = node.new OnFailure(0);

    assertFalse(handler.onFailure(null, new FailureContext(FailureType.SYSTEM_WORKER_BLOCKED, null)), "a blocked worker ends the node");
    assertTrue(handler.onFailure(null, new FailureContext(FailureType.CRITICAL_ERROR, new IllegalStateException("wrapped",
        new OutOfMemoryError("Java heap space")))));
    assertEquals(1, node.serve());
    assertEquals("framefork: node 127.0.0.1:47590 stops: the cluster engine failed (critical error: Java heap space); start it "
        + "again" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    assertEquals("node 127.0.0.1:47590 stopped after 0 chunks" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(work), "the work folder is left");
    node.stop(); // the shutdown hook's call, after serve's: nothing more
    assertEquals("node 127.0.0.1:47590 stopped after 0 chunks" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void nodesCutOffTogetherTakeTurnsByAddressToStartAlone() {
    HostPort a = new HostPort("127.0.0.1", 47500);
    HostPort b = new HostPort("127.0.0.1", 47600);
    HostPort c = new HostPort("127.0.0.2", 47500);
    long first = NodeMembership.startAloneAfterMs(a, List.of(b, c));
    assertEquals(2 * ClusterEngine.FAILURE_DETECTION_MS, first);
    assertEquals(first + NodeMembership.TURN_MS, NodeMembership.startAloneAfterMs(b, List.of(c, a)));
    assertEquals(first + 2 * NodeMembership.TURN_MS, NodeMembership.startAloneAfterMs(c, List.of(a, b)));
    // A node that knows of no lower address goes first, whatever the others know.
    assertEquals(first, NodeMembership.startAloneAfterMs(b, List.of(c)));
  }
}
