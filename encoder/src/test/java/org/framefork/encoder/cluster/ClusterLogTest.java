package org.framefork.encoder.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.spi.IgniteSpiException;
import org.junit.jupiter.api.Test;

/** What a node prints of Ignite's own errors (FRAMEFORK_CLUSTER_LOG unset). */
class ClusterLogTest {
  /** Ignite 2.17's WorkersRegistry, word for word (its thread dump follows as other lines). */
  static final String BLOCKED = "Blocked system-critical thread has been detected. This can lead to cluster-wide undefined "
      + "behaviour [workerName=tcp-disco-msg-worker, threadName=tcp-disco-msg-worker-[]-#2%node-127.0.0.1-47500%, blockedFor=12s]";
  /** The same as a node frozen for 20 s by SIGSTOP said it (NodeCutOffTest on a loaded machine). */
  static final String BLOCKED_20S = "Blocked system-critical thread has been detected. This can lead to cluster-wide undefined "
      + "behaviour [workerName=tcp-comm-worker, threadName=tcp-comm-worker-#1%node-127.0.0.1-46681%, blockedFor=20s]";
  static final String STALLED_20S = "framefork: cluster: this node may be stalled: Ignite's tcp-comm-worker thread has not "
      + "moved for 20 s (an overloaded machine, or a fault)";

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  /** The fake clock's time, in nanoseconds. */
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final JvmPauses pauses = new JvmPauses(now::get);

  @Test
  void aBlockedSystemThreadIsSaidInOneLineAtMostOnceAMinute() {
    ClusterEngine.OneLineLogger log = logger();
    runFor(15);
    log.error(BLOCKED, null);
    log.error(BLOCKED.replace("tcp-disco-msg-worker", "grid-timeout-worker").replace("12s", "13s"), null);
    log.error("MBean for system view 'nodes' can't be created.", null); // still explained, still hidden
    assertEquals(List.of("framefork: cluster: this node may be stalled: Ignite's tcp-disco-msg-worker thread has not moved for "
        + "12 s (an overloaded machine, or a fault)"), lines());
  }

  @Test
  void aThreadBlockedOnlyWhileTheWholeJvmStoodStillIsNotSaid() {
    ClusterEngine.OneLineLogger log = logger();
    runFor(30);
    // SIGSTOP for 20 s: Ignite's detector speaks as the JVM wakes, before the clock thread has ticked ...
    now.addAndGet(TimeUnit.SECONDS.toNanos(20));
    log.error(BLOCKED_20S, null);
    // ... or after.
    pauses.tick();
    runFor(1);
    log.error(BLOCKED_20S.replace("tcp-comm-worker", "grid-timeout-worker").replace("20s", "21s"), null);
    assertEquals(List.of(), lines());
  }

  @Test
  void aThreadStalledLongerThanTheJvmStoodStillIsSaid() {
    ClusterEngine.OneLineLogger log = logger();
    runFor(30);
    // Stalled for 20 s of its own while the JVM ran, with a GC pause of 3 s in it: 17 s of its own.
    runFor(8);
    now.addAndGet(TimeUnit.SECONDS.toNanos(3));
    runFor(9);
    log.error(BLOCKED_20S, null);
    assertEquals(List.of(STALLED_20S), lines());
  }

  @Test
  void aPauseLongAgoExplainsNoStallNow() {
    ClusterEngine.OneLineLogger log = logger();
    now.addAndGet(TimeUnit.SECONDS.toNanos(30)); // stood still for 30 s, then ran for a minute
    runFor(60);
    log.error(BLOCKED_20S, null);
    assertEquals(List.of(STALLED_20S), lines());
  }

  @Test
  void pausesAddUpOverTheWindowOnly() {
    runFor(5);
    now.addAndGet(TimeUnit.SECONDS.toNanos(4));
    runFor(3);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    runFor(2);
    // The last 10 s: 2 s of ticks, the 2 s gap, 3 s of ticks, 3 s of the 4 s gap.
    assertEquals(5.0, TimeUnit.NANOSECONDS.toMillis(pauses.stoodStillNanos(TimeUnit.SECONDS.toNanos(10))) / 1000.0, 0.3);
    assertEquals(0.0, pauses.stoodStillNanos(TimeUnit.SECONDS.toNanos(2)) / 1e9, 0.3);
  }

  @Test
  void aSendFailureToANodeThatNoLongerSeesThisOneIsNotSaidOtherFailuresAre() {
    ClusterEngine.OneLineLogger log = logger();
    // Ignite 2.17's lines of a node of three, segmented after SIGSTOP (NodeCutOffTest on a loaded machine).
    String peer = "TcpDiscoveryNode [id=53bb11f6-8617-4ab7-a15a-3239e503ac07, consistentId=127.0.0.1:46833, addrs=ArrayList "
        + "[127.0.0.1], sockAddrs=HashSet [/127.0.0.1:46833], discPort=46833, order=1, intOrder=1, loc=false, "
        + "ver=2.17.0#20250209-sha1:d53d4540, isClient=false]";
    Exception notObserved = new IgniteCheckedException("Failed to send message (node may have left the grid or TCP connection "
        + "cannot be established due to firewall issues) [node=" + peer + "]", new IgniteSpiException("Failed to send message "
            + "to the remote node: " + peer, new ClusterTopologyCheckedException("Remote node does not observe current node in "
                + "topology : 53bb11f6-8617-4ab7-a15a-3239e503ac07")));
    log.error("Failed to send message to remote node [node=" + peer + ", msg=GridIoMessage [plc=2, topic=TOPIC_INTERNAL_DIAGNOSTIC, "
        + "topicOrd=27, ordered=false, timeout=0, skipOnTimeout=false, msg=IgniteDiagnosticMessage [flags=0, futId=0]]]", notObserved);
    log.error("Failed to send diagnostic response [msg=IgniteDiagnosticMessage [flags=1, futId=0]]", notObserved);
    // Another reason is still said, in one line.
    log.error("Failed to send message to remote node [node=" + peer + "]", new IgniteCheckedException("Failed to send message",
        new java.net.ConnectException("Connection refused")));
    assertEquals(List.of("framefork: cluster: Failed to send message to remote node [node=" + peer + "] (Connection refused)"),
        lines());
  }

  /** A failure of a thread Ignite interrupted as the node stops the instance (to rejoin, or to leave) is not said. */
  @Test
  void aFailureOfAnInterruptedThreadIsNotSaidOtherFailuresAre() {
    ClusterEngine.OneLineLogger log = logger();
    // Ignite 2.17's line of a node of three as it rejoined after SIGSTOP (NodeCutOffTest, CI at load 12).
    log.error("Failed to send local partitions to coordinator [crd=e5172f0e-84dd-4c88-9680-73138e7f90a3, exchId=null]",
        new org.apache.ignite.internal.IgniteInterruptedCheckedException(new InterruptedException("sleep interrupted")));
    log.error("Failed to send local partitions to coordinator [crd=e5172f0e]", new IgniteCheckedException("exchange",
        new InterruptedException("sleep interrupted")));
    log.error("Failed to send local partitions to coordinator [crd=e5172f0e]", new IgniteCheckedException("exchange",
        new java.net.ConnectException("Connection refused")));
    assertEquals(List.of("framefork: cluster: Failed to send local partitions to coordinator [crd=e5172f0e] (Connection refused)"),
        lines());
  }

  private ClusterEngine.OneLineLogger logger() {
    ClusterEngine.OneLineLogger log = new ClusterEngine.OneLineLogger(new PrintStream(bytes, true, UTF_8), "node-127.0.0.1-47500",
        pauses);
    log.started();
    return log;
  }

  /** The JVM runs for {@code seconds}: its clock thread ticks every 250 ms. */
  private void runFor(int seconds) {
    for (int i = 0; i < seconds * 4; i++) {
      now.addAndGet(JvmPauses.TICK_NANOS);
      pauses.tick();
    }
  }

  private List<String> lines() {
    return bytes.toString(UTF_8).lines().toList();
  }
}
