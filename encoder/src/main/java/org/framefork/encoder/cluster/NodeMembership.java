package org.framefork.encoder.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.failure.AbstractFailureHandler;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.framefork.encoder.io.FileTrees;

/**
 * A worker node's membership of its cluster, from its first join to its stop: one Ignite instance
 * at a time, under the same name, port, credentials and workers.
 *
 * <p>A node cut off from the others for longer than the failure detection timeout (a network outage,
 * a suspended VM, a long GC pause) has been dropped by them, and its coordinators have run its chunks
 * elsewhere; Ignite calls that a segmentation, and its default failure handler halts the JVM without
 * a word. Here the cut-off instance is stopped and a new one joins the {@code --join} addresses and
 * the {@code --listen} addresses of the nodes it last saw, so that the cluster's first node (started
 * without {@code --join}) rejoins the others instead of starting a second cluster. Any other failure
 * of Ignite ends the node in one line, through its normal stop.
 */
final class NodeMembership {
  /** The longest wait between two tries to rejoin while no node answers. */
  static final long MAX_RETRY_MS = 30_000;
  /** How long running chunks get to stop at their next frames: on Ctrl-C (handed back) and when cut off (dropped). */
  private static final long STOP_CHUNKS_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** How long after a pause a node that finds itself alone takes it for a split (Ignite takes seconds to drop the others). */
  private static final long SPLIT_WATCH_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String name;
  private final NodeCommand.Setup setup;
  private final Path work;
  private final NodeWorker worker;
  private final PrintStream out;
  private final PrintStream err;
  /** Ignite's failures, as its failure handler reports them, with the instance they befell. */
  private final BlockingQueue<Failure> failures = new LinkedBlockingQueue<>();
  /** The --listen addresses of the other worker nodes in the last topology that had any (wildcards left out). */
  private volatile List<HostPort> lastSeen = List.of();
  private volatile Ignite ignite;
  /** Which start of Ignite is the current one: a failure of an instance already stopped is history. */
  private volatile int instance;
  private long topologySeen = -1;
  /** When this JVM last found it had stood still for longer than the failure detection timeout; 0: never. */
  private long pausedAt;
  private boolean stopped;

  private record Failure(int instance, FailureContext context) {}

  /** The node {@code name}, with its options, work folder and worker; {@code out} for its lines, {@code err} for its end. */
  NodeMembership(String name, NodeCommand.Setup setup, Path work, NodeWorker worker, PrintStream out, PrintStream err) {
    this.name = name;
    this.setup = setup;
    this.work = work;
    this.worker = worker;
    this.out = out;
    this.err = err;
    // Reads the current instance: a chunk that reaches a new instance before start() returns must
    // not be checked against the stopped one (which throws, or knows no coordinator).
    worker.watchCoordinators(id -> {
      Ignite current = ignite;
      try {
        return current == null || current.cluster().node(java.util.UUID.fromString(id)) != null;
      } catch (IllegalStateException e) {
        return true; // an instance stopping or starting: the coordinator's own failure detection decides
      }
    });
  }

  /** Joins the cluster (or starts it, without --join); Ignite's exception when it cannot. */
  void join() {
    start(setup.peers());
  }

  /** The worker nodes in the cluster now, this one included. */
  int servers() {
    return ignite.cluster().forServers().nodes().size();
  }

  /**
   * Serves until Ignite fails for another reason than a cut-off (rejoining after each cut-off), then
   * stops the node; 1. Returns 0 when the node was stopped meanwhile (a signal: the JVM is exiting).
   */
  int serve() {
    try {
      while (!isStopped()) {
        long asleep = System.nanoTime();
        Failure f = failures.poll(1, TimeUnit.SECONDS);
        long now = System.nanoTime();
        // A wait of a second that took longer than the failure detection timeout: this JVM stood still
        // (SIGSTOP, a suspended VM, a GC pause), and its heartbeats with it.
        if (now - asleep > TimeUnit.MILLISECONDS.toNanos(ClusterEngine.FAILURE_DETECTION_MS)) {
          pausedAt = now;
        }
        if (f == null) {
          rememberPeers();
          if (splitOff(now)) {
            rejoin();
          }
        } else if (f.instance() != instance) {
          continue; // a failure of an instance already stopped (its last words)
        } else if (f.context().type() == FailureType.SEGMENTATION) {
          rejoin();
        } else {
          err.println("framefork: node " + setup.at() + " stops: the cluster engine failed (" + describe(f.context())
              + "); start it again");
          stop();
          return 1;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A new instance that failed at once (servers() of a stopped instance): end as for a failure.
      err.println("framefork: node " + setup.at() + " stops: the cluster engine failed (" + ClusterEngine.rootMessage(e)
          + "); start it again");
      stop();
      return 1;
    }
    return 0;
  }

  /**
   * Whether this node, after a pause of its JVM longer than the failure detection timeout, finds
   * itself alone in a cluster of its own while nodes it was with still answer. Ignite segments a node
   * cut off from two or more others, but of two nodes each drops the other and goes on alone: two
   * clusters that never merge. The node that stood still is the one that was cut off; the other
   * (which did not pause) keeps its chunks and stays.
   */
  private boolean splitOff(long now) {
    if (pausedAt == 0 || now - pausedAt > SPLIT_WATCH_NANOS || lastSeen.isEmpty()) {
      return false;
    }
    try {
      if (ignite.cluster().forServers().nodes().size() > 1) {
        return false;
      }
    } catch (RuntimeException e) {
      return false; // failing or stopping: its failure handler or the stop says what comes next
    }
    return lastSeen.stream().anyMatch(p -> p.answers(1000));
  }

  /** Ignite's failure in a few words: its kind and the root of its error. */
  static String describe(FailureContext failure) {
    String kind = failure.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return failure.error() == null ? kind : kind + ": " + ClusterEngine.rootMessage(failure.error());
  }

  /**
   * Notes the other nodes' --listen addresses each time the topology changes: where to rejoin after a
   * cut-off. A topology of this node alone keeps the last one that had others (as it was cut off, it
   * may have seen them leave first).
   */
  private void rememberPeers() {
    try {
      long version = ignite.cluster().topologyVersion();
      if (version == topologySeen) {
        return;
      }
      topologySeen = version;
      List<HostPort> others = new ArrayList<>();
      for (ClusterNode n : ignite.cluster().forServers().nodes()) {
        String listen = n.attribute(ClusterEngine.ATTR_LISTEN);
        HostPort at = listen == null || n.isLocal() ? null : HostPort.parse(listen, "node address");
        if (at != null && !at.isWildcard()) {
          others.add(at);
        }
      }
      if (!others.isEmpty()) {
        lastSeen = List.copyOf(others);
      }
    } catch (RuntimeException e) {
      // the instance is failing or stopping: what was seen stays
    }
  }

  /** Stops the cut-off instance, its chunks with it, and joins again (trying until some node answers). */
  private void rejoin() throws InterruptedException {
    long t0 = System.nanoTime();
    worker.line("node " + setup.at() + " was cut off from the cluster for longer than " + ClusterEngine.FAILURE_DETECTION_MS / 1000
        + " s; rejoining");
    pausedAt = 0;
    worker.cutOff();
    stopIgnite();
    worker.awaitIdle(STOP_CHUNKS_NANOS);
    List<HostPort> peers = peers();
    long aloneAt = t0 + TimeUnit.MILLISECONDS.toNanos(startAloneAfterMs(setup.at(), peers));
    boolean said = false;
    long wait = 1000;
    while (!isStopped()) {
      boolean alone = System.nanoTime() >= aloneAt;
      String why = tryStart(peers, alone);
      if (why == null) {
        int nodes = servers();
        worker.line(String.format("node %s %s in %.1f s: %d node%s in the cluster", setup.at(),
            alone && nodes == 1 ? "started the cluster again (no node answered)" : "rejoined", (System.nanoTime() - t0) / 1e9,
            nodes, nodes == 1 ? "" : "s"));
        return;
      }
      if (!said) {
        worker.line("node " + setup.at() + " cannot rejoin yet (" + why + "); trying again every " + MAX_RETRY_MS / 1000
            + " s at most");
        said = true;
      }
      long untilAlone = TimeUnit.NANOSECONDS.toMillis(aloneAt - System.nanoTime());
      Thread.sleep(untilAlone > 0 ? Math.min(wait, untilAlone) : wait);
      wait = Math.min(2 * wait, MAX_RETRY_MS);
    }
  }

  /**
   * How long a cut-off node waits for another to answer before it starts the cluster again on its
   * own. Every node may have been cut off at once (a host that slept, a switch that failed), and then
   * each waits for the others' ports, which none opens. So they take turns, in the order of their
   * addresses: the first starts after twice the failure detection timeout, each next one {@link
   * #TURN_MS} later, and finds the first's port open by then (one dead node only delays the next).
   */
  static long startAloneAfterMs(HostPort self, List<HostPort> peers) {
    long before = peers.stream().filter(p -> ORDER.compare(p, self) < 0).count();
    return 2 * ClusterEngine.FAILURE_DETECTION_MS + before * TURN_MS;
  }

  /** The wait between two nodes' turns to start the cluster again: longer than a node takes to open its port. */
  static final long TURN_MS = 15_000;

  private static final java.util.Comparator<HostPort> ORDER =
      java.util.Comparator.comparing(HostPort::host).thenComparingInt(HostPort::port);

  /** The addresses to rejoin at: --join's, then the other nodes' last seen. */
  private List<HostPort> peers() {
    Set<HostPort> all = new LinkedHashSet<>(setup.peers());
    all.addAll(lastSeen);
    all.remove(setup.at());
    return List.copyOf(all);
  }

  /**
   * Starts a new instance that joins {@code peers}; null when it has, else why not. Unless {@code
   * alone}, only once some peer answers: a node that starts while none does makes a cluster of its
   * own, which the others would not find again.
   */
  private String tryStart(List<HostPort> peers, boolean alone) {
    String silent = HostPort.noneAnswers(peers);
    if (silent != null && !alone) {
      return "no node answers at " + silent;
    }
    try {
      // Alone: a cluster of its own at once, where a join list that nobody answers costs Ignite's
      // join timeout first (30 s measured); the others find this node's port open on their turns.
      start(silent != null ? List.of() : peers);
      return null;
    } catch (RuntimeException e) {
      return ClusterEngine.rootMessage(e);
    }
  }

  private synchronized void start(List<HostPort> peers) {
    if (stopped) {
      throw new IllegalStateException("the node is stopping");
    }
    int next = instance + 1;
    instance = next;
    Ignite started = ClusterEngine.start(name, true, setup.at(), peers, setup.credentials(), setup.workers(), attributes(),
        System.err, work, new OnFailure(next));
    ignite = started;
    topologySeen = -1;
  }

  /** What the node tells the cluster of itself: its role, address, workers, version and encoders. */
  private Map<String, Object> attributes() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put(ClusterEngine.ATTR_ROLE, ClusterEngine.ROLE_NODE);
    attrs.put(ClusterEngine.ATTR_LISTEN, setup.at().toString());
    attrs.put(ClusterEngine.ATTR_WORKERS, setup.workers());
    attrs.put(ClusterEngine.ATTR_VERSION, ClusterInfo.version());
    attrs.put(ClusterEngine.ATTR_ENCODERS, ClusterInfo.encoders());
    if (setup.sharedDir() != null) {
      attrs.put(ClusterEngine.ATTR_SHARED_DIR, setup.sharedDir().toString());
    }
    return attrs;
  }

  private void stopIgnite() {
    if (ignite == null) {
      return; // never started
    }
    try {
      Ignition.stop(name, true);
    } catch (RuntimeException e) {
      // a failed instance may throw as it goes; it is gone either way
    }
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  /**
   * The node's stop, once (Ctrl-C, SIGTERM, or a failure of Ignite): running chunks are handed back
   * (5 s at most), the node leaves the cluster, and its work folder is removed.
   */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    String held = worker.stop(); // as it stops: the chunks fetched ahead leave at once
    if (held != null) {
      out.println("node " + setup.at() + " stopping: handing back " + held);
    }
    worker.awaitIdle(STOP_CHUNKS_NANOS);
    stopIgnite();
    FileTrees.deleteBestEffort(work);
    out.println("node " + setup.at() + " stopped after " + worker.done() + " chunk" + (worker.done() == 1 ? "" : "s"));
    out.flush();
  }

  /**
   * Ignite's failure handler for this node: it hands the failure to {@link #serve} and never halts
   * the JVM. Blocked system workers stay ignored, as by Ignite's own handlers: on a busy machine
   * they are slow, not failed.
   */
  final class OnFailure extends AbstractFailureHandler {
    private final int of;

    OnFailure(int of) {
      this.of = of;
    }

    @Override
    protected boolean handle(Ignite failed, FailureContext context) {
      failures.add(new Failure(of, context));
      return true; // the instance is invalid: Ignite ignores its later failures, and serve stops it
    }
  }
}
