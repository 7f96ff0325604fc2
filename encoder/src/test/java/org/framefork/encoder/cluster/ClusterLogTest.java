package org.framefork.encoder.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node prints of Ignite's own errors (FRAMEFORK_CLUSTER_LOG unset). */
class ClusterLogTest {
  /** Ignite 2.17's WorkersRegistry, word for word (its thread dump follows as other lines). */
  static final String BLOCKED = "Blocked system-critical thread has been detected. This can lead to cluster-wide undefined "
      + "behaviour [workerName=tcp-disco-msg-worker, threadName=tcp-disco-msg-worker-[]-#2%node-127.0.0.1-47500%, blockedFor=12s]";

  @Test
  void aBlockedSystemThreadIsSaidInOneLineAtMostOnceAMinute() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ClusterEngine.OneLineLogger log = new ClusterEngine.OneLineLogger(new PrintStream(bytes, true, UTF_8), "node-127.0.0.1-47500");
    log.started();
    log.error(BLOCKED, null);
    log.error(BLOCKED.replace("tcp-disco-msg-worker", "grid-timeout-worker").replace("12s", "13s"), null);
    log.error("MBean for system view 'nodes' can't be created.", null); // still explained, still hidden
    assertEquals(List.of("framefork: cluster: this node may be stalled: Ignite's tcp-disco-msg-worker thread has not moved for "
        + "12 s (an overloaded machine, or a fault)"), bytes.toString(UTF_8).lines().toList());
  }
}
