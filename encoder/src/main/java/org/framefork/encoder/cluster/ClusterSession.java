package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteIllegalStateException;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.lang.IgniteFuture;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.job.JobCancelledException;
import org.framefork.encoder.job.RemoteWorkers;
import org.framefork.encoder.job.RemoteWorkers.Request;
import org.framefork.encoder.job.RemoteWorkers.Result;
import org.framefork.encoder.report.ChunkTransfer;

/**
 * A coordinator's membership of a cluster: it joins as a client node (it opens no port that a node
 * must reach) and hands chunks to the worker nodes, each up to its own worker count.
 *
 * <p>A chunk whose node leaves (killed, stopped, unreachable) or hands it back runs again on
 * another node; when no node is left, the scheduler's lane encodes it here. A segment is accepted
 * once, when its SHA-256 matches what its node sent.
 */
final class ClusterSession implements AutoCloseable {
  /**
   * Chunks sent to a node beyond its workers: each waits in the node's job queue with its packets
   * already there, so that a worker that finishes starts the next chunk at once instead of waiting
   * for its cut and transfer (transfer, I/O-bound, overlaps encoding, CPU-bound). 0 turns it off
   * ({@code -Dframefork.cluster.prefetch=0}, for measuring).
   */
  static final int PREFETCH = Math.max(0, Integer.getInteger("framefork.cluster.prefetch", 1));

  private final Ignite ignite;
  private final String name;
  private final Path tmp;
  private final PrintStream log;
  private final long joinNanos;
  /** In-flight chunks per node. */
  private final Map<UUID, Integer> inFlight = new HashMap<>();
  private final Set<UUID> refused = new HashSet<>();
  /** Nodes that cannot read this build's chunk jobs (see {@link #cannotRead}): left out. */
  private final Set<UUID> unreadableNodes = new HashSet<>();
  /**
   * Nodes whose port refused a connection while they held a chunk: their process is gone. Ignite
   * sees a dead node's connection close at once, but when it was this client's last node, the
   * client first tries to reconnect for its network timeout (5 s) before it says the node left.
   */
  private final Set<UUID> gone = ConcurrentHashMap.newKeySet();
  /**
   * Nodes that handed a chunk back because they are stopping: they are sent no chunk any more, though
   * they have the most free slots until they leave (a node that starts again has a new id).
   */
  private final Set<UUID> stoppingNodes = ConcurrentHashMap.newKeySet();
  /** The workers of each node that encoded a chunk, or left with one, by name, for the report. */
  private final Map<String, Integer> workersByNode = new ConcurrentHashMap<>();
  /**
   * When each node that took a chunk was found gone ({@link System#nanoTime()}), by name, for the
   * report: its idle time ends there. A node that comes back (rejoins) and encodes again is taken off.
   */
  private final Map<String, Long> leftAt = new ConcurrentHashMap<>();
  private final Set<Path> wholeNoticed = ConcurrentHashMap.newKeySet();
  /** Every node's discovery address, so that this client reconnects through any of them when its own node dies. */
  private final Routers routers;

  private ClusterSession(Ignite ignite, javax.net.ssl.SSLContext tls, String name, Path tmp, PrintStream log, long joinNanos) {
    this.ignite = ignite;
    this.routers = Routers.of(ignite, tls);
    this.name = name;
    this.tmp = tmp;
    this.log = log;
    this.joinNanos = joinNanos;
  }

  /** Joins the cluster at {@code addresses}; IllegalStateException with one line when it cannot. */
  static ClusterSession join(List<HostPort> addresses, Credentials credentials, PrintStream log) {
    String silent = HostPort.noneAnswers(addresses);
    if (silent != null) {
      throw new IllegalStateException("no FrameFork node answers at " + silent + ": start one with 'framefork node' there, "
          + "or give the address of one that runs");
    }
    String where = addresses.stream().map(HostPort::toString).reduce((a, b) -> a + "," + b).orElse("");
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    String local = HostPort.localAddressFor(addresses.get(0));
    String name = "coordinator-" + UUID.randomUUID().toString().substring(0, 8);
    Path work = ClusterEngine.newWorkDir();
    // No version: nodes do not check coordinators (and asking FFmpeg's would load it before the join).
    Map<String, Object> attrs = Map.of(ClusterEngine.ATTR_ROLE, ClusterEngine.ROLE_COORDINATOR);
    WrongPorts wrong = new WrongPorts(addresses, credentials);
    try (JoinSignals signals = JoinSignals.exitOnSignal(work)) {
      // A coordinator whose last node died tries to reconnect, and once its join time is up Ignite calls
      // that a segmentation, which its default handler answers by halting the JVM (exit 130, mid-job).
      // Stopping the client instead leaves the coordinator to encode the rest itself.
      Ignite ignite = wrong.unlessWrong(() -> ClusterEngine.start(name, false, new HostPort(local == null ? "0.0.0.0" : local, 1),
          addresses, credentials, 1, attrs, log, work, new StopNodeFailureHandler()), name, work);
      if (ClusterEngine.OneLineLogger.VERBOSE) {
        log.printf("framefork: cluster: joined in %.2f s, %.2f s of this JVM's CPU%n", (System.nanoTime() - t0) / 1e9,
            (cpuNanos() - cpu0) / 1e9);
      }
      return new ClusterSession(ignite, NodeProbe.context(credentials), name, work, log, System.nanoTime() - t0);
    } catch (WrongPorts.NoNode e) {
      throw new IllegalStateException("cannot join the cluster at " + where + ": " + e.getMessage());
    } catch (RuntimeException e) {
      FileTrees.deleteBestEffort(work);
      String why = wrong.found();
      if (why == null) {
        why = NodeProbe.otherCredentials(e, addresses.size(), where);
      }
      throw new IllegalStateException("cannot join the cluster at " + where + ": " + (why != null ? why
          : ClusterEngine.rootMessage(e) + " (are the nodes running, is --credentials the folder they use, and is each address "
              + "a node's --listen address? Its chunk port, PORT+1, is not one)"));
    }
  }

  /** This JVM's CPU time so far, all threads (the JIT compiler's too). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  long joinNanos() {
    return joinNanos;
  }

  /** Worker nodes now in the cluster that can encode with {@code settings}; says once why any other is refused. */
  List<ClusterNode> eligible(EncodeSettings settings) {
    return eligible(settings, NEVER);
  }

  /** No stop: a call that is no job's lane (Ctrl-C interrupts it). */
  private static final BooleanSupplier NEVER = () -> false;

  /**
   * {@link #eligible(EncodeSettings)} for a lane that stops once {@code stop} says so. The cluster
   * is asked before the session's lock is taken: asking may wait for this client to reconnect
   * ({@link #connected}), and the other lanes must still return their nodes meanwhile.
   */
  private List<ClusterNode> eligible(EncodeSettings settings, BooleanSupplier stop) {
    Collection<ClusterNode> now = serverNodes(stop);
    synchronized (this) {
      return eligibleAmong(now, settings);
    }
  }

  /**
   * {@link #eligible(EncodeSettings)} without waiting for a reconnect: none while this client is not
   * in the cluster. For counts that are asked again (a job's lanes poll them): a wait here would
   * hold {@link #reconnectLock} for {@link #RECONNECT_MS} whatever the job's stop says.
   */
  private List<ClusterNode> eligibleNow(EncodeSettings settings) {
    Collection<ClusterNode> now = serverNodesNow();
    if (now == null) {
      return List.of();
    }
    routers.learn(now);
    synchronized (this) {
      return eligibleAmong(now, settings);
    }
  }

  private List<ClusterNode> eligibleAmong(Collection<ClusterNode> now, EncodeSettings settings) {
    List<ClusterNode> out = new ArrayList<>();
    String version = ClusterInfo.version();
    notePresent(now);
    for (ClusterNode n : now) {
      if (!ClusterEngine.ROLE_NODE.equals(n.attribute(ClusterEngine.ATTR_ROLE)) || gone.contains(n.id())
          || unreadableNodes.contains(n.id())) {
        continue;
      }
      String why = refusal(version, n.attribute(ClusterEngine.ATTR_VERSION), n.attribute(ClusterEngine.ATTR_ENCODERS),
          settings.codec().encoderName());
      if (why != null) {
        if (refused.add(n.id())) {
          log.println("framefork: cluster: node " + nodeName(n) + " refused: " + why);
        }
        continue;
      }
      out.add(n);
    }
    return out;
  }

  /**
   * Notes when a node that took chunks is no longer among {@code now}, the cluster's server nodes,
   * and takes off one that is there again (it rejoined): it did come back.
   */
  private void notePresent(Collection<ClusterNode> now) {
    if (workersByNode.isEmpty()) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (ClusterNode n : now) {
      if (!gone.contains(n.id())) {
        names.add(nodeName(n));
      }
    }
    long t = System.nanoTime();
    leftAt.keySet().removeIf(names::contains);
    workersByNode.keySet().stream().filter(name -> !names.contains(name)).forEach(name -> leftAt.putIfAbsent(name, t));
  }

  /**
   * The cluster's server nodes now. None once this client has lost the cluster: when its last node
   * leaves, Ignite says so by throwing from every call (IgniteClientDisconnectedException while it
   * tries to reconnect, IgniteIllegalStateException once it has stopped), and that is "no node left".
   * It reconnects through any node it has seen ({@link Routers}), and is waited for while one may
   * take it (see {@link #connected}), so that is when no node is reachable.
   */
  private Collection<ClusterNode> serverNodes(BooleanSupplier stop) {
    return onCluster(() -> {
      Collection<ClusterNode> nodes = ignite.cluster().forServers().nodes();
      routers.learn(nodes);
      return nodes;
    }, List.of(), stop);
  }

  /** The cluster's server nodes now, without waiting for a reconnect; null when this client is not in the cluster. */
  private Collection<ClusterNode> serverNodesNow() {
    try {
      return ignite.cluster().forServers().nodes();
    } catch (IgniteException | IgniteIllegalStateException e) {
      return null;
    }
  }

  /**
   * How long a coordinator that lost the cluster waits to be back in it (Ignite's client rejoins
   * through another node under a new id: its join time, and a little more) before it takes the rest
   * of the job itself.
   */
  static final long RECONNECT_MS = ClusterEngine.JOIN_TIMEOUT_MS + 5_000;
  /**
   * The reconnect that did not come in {@link #RECONNECT_MS}, or that no node could take: while
   * Ignite still tries it, the cluster is lost and no call waits again; a later disconnection
   * (another future) is waited for. Ignite's own future ({@link #clusterReconnect}): the
   * disconnection's reconnectFuture() is another object for the same reconnect.
   */
  private volatile IgniteFuture<?> gaveUpOn;
  /** How often a wait for a reconnect looks at its lane's stop. */
  private static final long RECONNECT_POLL_MS = 200;
  /** Held by the lane that waits for this client to reconnect: the others wait behind it, and the lines come in order. */
  private final Object reconnectLock = new Object();
  /** When this client found it had lost the cluster ({@link System#nanoTime()}); 0 while it is in it (guarded by reconnectLock). */
  private long lostAt;

  /**
   * {@code call} on the cluster, or {@code otherwise} when this client has lost the cluster. When it
   * lost it for a moment, the call is made again once it is back (see {@link #connected}): the nodes
   * that stayed are still there, and a node that stood still is not taken for the whole cluster.
   */
  private <T> T onCluster(Supplier<T> call, T otherwise, BooleanSupplier stop) {
    try {
      return call.get();
    } catch (IgniteException | IgniteIllegalStateException e) {
      IgniteClientDisconnectedException d = disconnection(e);
      if (d == null && !reconnecting() || !connected(d == null ? null : d.reconnectFuture(), stop)) {
        return otherwise;
      }
    }
    try {
      return call.get();
    } catch (IgniteException | IgniteIllegalStateException e) {
      return otherwise;
    }
  }

  /** Whether this client has lost the cluster and Ignite is reconnecting it (Ignite keeps the last reconnect's future, done). */
  private boolean reconnecting() {
    try {
      IgniteFuture<?> f = ignite.cluster().clientReconnectFuture();
      return f != null && !f.isDone();
    } catch (IgniteException | IgniteIllegalStateException e) {
      return false;
    }
  }

  /**
   * Whether this client is in the cluster, once it has reconnected if it had lost it. When the node
   * it is connected through stands still for longer than the failure detection time (SIGSTOP, a
   * suspended VM, a long GC pause), the other nodes drop that node and this client with it; Ignite
   * then rejoins the client through another node it knows ({@link Routers}) under a new id, within
   * seconds, and the nodes that stayed are all there. Not waited for when every node it has seen
   * refuses connections (all were killed: nothing to rejoin), nor once a reconnect did not come in
   * {@link #RECONNECT_MS}; the lost cluster and the reconnect are each said once. {@code reconnect}
   * is the disconnection's own future (null: Ignite's latest); JobCancelledException once {@code
   * stop} says so or the thread is interrupted, within {@link #RECONNECT_POLL_MS}.
   */
  private boolean connected(IgniteFuture<?> given, BooleanSupplier stop) {
    IgniteFuture<?> reconnect = given;
    IgniteFuture<?> latest;
    try {
      latest = ignite.cluster().clientReconnectFuture();
    } catch (IgniteException | IgniteIllegalStateException e) {
      return false; // stopped
    }
    if (reconnect == null) {
      reconnect = latest;
    }
    if (reconnect == null) {
      return true;
    }
    synchronized (reconnectLock) {
      if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        throw new JobCancelledException(); // the interrupt kept: a cancelled lane neither probes nor says the lost cluster
      }
      IgniteFuture<?> lost = gaveUpOn;
      if (lost != null && !lost.isDone() && lost == clusterReconnect()) {
        return false;
      }
      if (!reconnect.isDone() && !routers.anyMayAnswer()) {
        gaveUpOn = clusterReconnect();
        return false;
      }
      if (lostAt == 0 && !reconnect.isDone()) {
        lostAt = System.nanoTime();
        List<String> still = routers.avoidStill();
        log.println("framefork: cluster: lost the connection to the cluster" + (still.isEmpty() ? "" : ": node"
            + (still.size() == 1 ? " " : "s ") + String.join(", ", still) + " stopped answering") + "; reconnecting through "
            + "another node");
      }
      boolean back;
      try {
        back = awaitReconnect(reconnect, RECONNECT_MS, stop);
      } catch (JobCancelledException e) {
        // The lane stops: no failed reconnect; the next lane that waits says the lost cluster again.
        routers.restore();
        lostAt = 0;
        throw e;
      }
      if (!back) {
        gaveUpOn = clusterReconnect();
        routers.restore();
        lostAt = 0;
        log.println("framefork: cluster: could not reconnect to the cluster in " + RECONNECT_MS / 1000 + " s");
        return false;
      }
      routers.restore();
      if (lostAt != 0) {
        log.printf("framefork: cluster: reconnected to the cluster in %.1f s: %s%n", (System.nanoTime() - lostAt) / 1e9,
            nodeNames(serverNodesNow() == null ? List.of() : serverNodesNow()));
        lostAt = 0;
      }
      return true;
    }
  }

  /** Ignite's future of this client's latest reconnect (the same object each time for one reconnect); null once stopped. */
  private IgniteFuture<?> clusterReconnect() {
    try {
      return ignite.cluster().clientReconnectFuture();
    } catch (IgniteException | IgniteIllegalStateException e) {
      return null;
    }
  }

  /**
   * Waits up to {@code millis} for {@code reconnect}, in steps that look at {@code stop}; whether it
   * came. JobCancelledException (the interrupt kept) once {@code stop} says so or the thread is
   * interrupted: that is no failed reconnect.
   */
  static boolean awaitReconnect(IgniteFuture<?> reconnect, long millis, BooleanSupplier stop) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        throw new JobCancelledException();
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        reconnect.get(Math.max(1, Math.min(RECONNECT_POLL_MS, left)), TimeUnit.MILLISECONDS);
        return true;
      } catch (org.apache.ignite.lang.IgniteFutureTimeoutException e) {
        if (left <= RECONNECT_POLL_MS) {
          return false;
        }
      } catch (IgniteInterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobCancelledException();
      } catch (IgniteException | IgniteIllegalStateException e) {
        return false;
      }
    }
  }


  /** The names of {@code nodes}, for a line: "nodes A, B", or "no node". */
  private static String nodeNames(Collection<ClusterNode> nodes) {
    List<String> names = nodes.stream().filter(n -> ClusterEngine.ROLE_NODE.equals(n.attribute(ClusterEngine.ATTR_ROLE)))
        .map(ClusterSession::nodeName).sorted().toList();
    return names.isEmpty() ? "no node" : (names.size() == 1 ? "node " : "nodes ") + String.join(", ", names);
  }

  /** {@code e}'s IgniteClientDisconnectedException, when this client lost the cluster; else null. */
  static IgniteClientDisconnectedException disconnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IgniteClientDisconnectedException d) {
        return d;
      }
    }
    return null;
  }

  /** This client's node id now (a new one each time it rejoins the cluster); null when it has lost the cluster. */
  private UUID localId(BooleanSupplier stop) {
    return onCluster(() -> ignite.cluster().localNode().id(), null, stop);
  }

  /**
   * Why a node that says it runs {@code theirs} and has {@code encoders} (comma-separated) cannot
   * encode chunks for this JVM, which runs {@code ours} and wants {@code encoder}; null when it can.
   */
  static String refusal(String ours, String theirs, String encoders, String encoder) {
    if (!ours.equals(theirs)) {
      return "it runs " + theirs + "; this is " + ours + " (run the same FrameFork on every machine)";
    }
    if (encoders == null || !List.of(encoders.split(",")).contains(encoder)) {
      return "its FFmpeg has no " + encoder + " encoder (it has " + (encoders == null || encoders.isEmpty() ? "none" : encoders)
          + ")";
    }
    return null;
  }

  static String nodeName(ClusterNode n) {
    return n.consistentId() == null ? n.id().toString().substring(0, 8) : String.valueOf(n.consistentId());
  }

  static int workers(ClusterNode n) {
    Object w = n.attribute(ClusterEngine.ATTR_WORKERS);
    return w instanceof Integer i ? i : 1;
  }

  /** Remote workers for one job: as many lanes as the eligible nodes have workers now; more as nodes join. */
  RemoteWorkers forJob(int localWorkers, EncodeSettings settings, String jobLabel) {
    return new Lanes(this, localWorkers, slotsFor(settings), settings, jobLabel, new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
  }

  /** The workers of the nodes that can encode with {@code settings} now, in all (what a person counts). */
  int workersFor(EncodeSettings settings) {
    return eligibleNow(settings).stream().mapToInt(ClusterSession::workers).sum();
  }

  /** The chunks the eligible nodes take at once: their workers, and one fetched ahead each. */
  private int slotsFor(EncodeSettings settings) {
    return eligibleNow(settings).stream().mapToInt(n -> workers(n) + PREFETCH).sum();
  }

  /** Takes a free worker of a live eligible node, most free first; null when no such node is left. */
  private ClusterNode acquire(EncodeSettings settings, Set<UUID> excluded, BooleanSupplier stop) {
    while (true) {
      if (stop.getAsBoolean()) {
        throw new JobCancelledException();
      }
      Collection<ClusterNode> now = serverNodes(stop); // may wait for a reconnect: not under the lock
      synchronized (this) {
        ClusterNode best = null;
        int bestFree = 0;
        boolean any = false;
        for (ClusterNode n : eligibleAmong(now, settings)) {
          if (excluded.contains(n.id()) || stoppingNodes.contains(n.id())) {
            continue;
          }
          any = true;
          int free = workers(n) + PREFETCH - inFlight.getOrDefault(n.id(), 0);
          if (free > bestFree) {
            best = n;
            bestFree = free;
          }
        }
        if (best != null) {
          inFlight.merge(best.id(), 1, Integer::sum);
          return best;
        }
        if (!any) {
          return null;
        }
        try {
          wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JobCancelledException();
        }
      }
    }
  }

  private synchronized void release(ClusterNode n) {
    inFlight.merge(n.id(), -1, Integer::sum);
    notifyAll();
  }

  /** Whether node {@code id} is in the cluster now; not when this client has lost the cluster (see {@link #serverNodes}). */
  private boolean alive(UUID id, BooleanSupplier stop) {
    return onCluster(() -> ignite.cluster().node(id) != null, false, stop);
  }

  /**
   * Whether this client, in the cluster as {@code as} when it sent a chunk, has rejoined it since
   * (under a new id): the nodes dropped that chunk with the client that sent it.
   */
  private boolean rejoinedSince(UUID as, BooleanSupplier stop) {
    if (as == null || !connected(null, stop)) {
      return false;
    }
    UUID now = localId(stop);
    return now != null && !now.equals(as);
  }

  /** Waits up to the failure detection time for node {@code id} to leave; whether it did. */
  private boolean leaves(UUID id, BooleanSupplier stop) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
    while (System.nanoTime() < deadline) {
      if (stop.getAsBoolean()) {
        throw new JobCancelledException();
      }
      if (!alive(id, stop)) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !alive(id, stop);
  }

  /**
   * The lanes one job hands to the cluster: what the job asked for; the session encodes its chunks.
   *
   * @param firstSent when each node was first sent a chunk of this job ({@link System#nanoTime()})
   * @param leftWith when each node that left holding a chunk of this job was found gone: this job's,
   *     not the session's (its leftAt spans every job of a batch, and forgets a node that rejoins)
   */
  private record Lanes(ClusterSession session, int localWorkers, int slots, EncodeSettings settings, String label,
      Map<String, Long> firstSent, Map<String, Long> leftWith) implements RemoteWorkers {
    @Override
    public int slotsNow() {
      return session.slotsFor(settings);
    }

    @Override
    public Map<String, Integer> workersByNode() {
      return Map.copyOf(session.workersByNode);
    }

    @Override
    public Map<String, Long> leftNanos() {
      // Not waited for: a client that is reconnecting keeps what it knew (the report is not held up).
      Collection<ClusterNode> now = session.serverNodesNow();
      if (now != null) {
        session.notePresent(now);
      }
      // The session's: a node that rejoined since is not gone (its row ends with the stage if it encoded again).
      return Map.copyOf(session.leftAt);
    }

    @Override
    public Map<String, LeftWith> leftWithChunk() {
      Map<String, LeftWith> out = new HashMap<>();
      leftWith.forEach((node, at) -> out.put(node, new LeftWith(firstSent.getOrDefault(node, at), at)));
      return Map.copyOf(out);
    }

    @Override
    public Result encode(Request r, BooleanSupplier stop) {
      return session.encode(r, this, stop);
    }
  }

  /** Encodes chunk {@code r} of {@code job} on a node, as {@link RemoteWorkers#encode} says. */
  private Result encode(Request r, Lanes job, BooleanSupplier stop) {
    long t0 = System.nanoTime();
    EncodeSettings settings = job.settings();
    Payloads payloads = new Payloads(r, job.label());
    if (!everyNodeShares(r.source(), settings, stop)) {
      payloads.source(null); // cut now, while waiting for a node
    }
    Set<UUID> excluded = new HashSet<>();
    while (true) {
      ClusterNode node = acquire(settings, excluded, stop);
      if (node == null) {
        log.println("framefork: cluster: no node left for chunk " + r.chunk().index() + "; encoding it here");
        return null;
      }
      UUID as = localId(stop);
      try {
        byte[] payload = payloads.forNode(node);
        job.firstSent().putIfAbsent(nodeName(node), System.nanoTime());
        r.sentTo().accept(nodeName(node));
        Result done = sendTo(node, r, payload, t0, payloads.cutNanos, stop);
        if (done != null) {
          return done;
        }
        excluded.add(node.id()); // handed back: it is stopping (or was cut off, and comes back as a new node)
        stoppingNodes.add(node.id());
      } catch (IgniteException | IgniteIllegalStateException e) {
        // Its node died, or, when it was the last, this client lost the cluster: either way it leaves.
        if (stop.getAsBoolean()) {
          throw new JobCancelledException();
        }
        if (cannotRead(node, e)) {
          excluded.add(node.id());
          continue; // to another node, or here
        }
        if (!gone.contains(node.id()) && rejoinedSince(as, stop) && alive(node.id(), stop)) {
          log.println("framefork: cluster: node " + nodeName(node) + " dropped chunk " + r.chunk().index() + " as this "
              + "coordinator left the cluster for a moment; sending it again");
          continue;
        }
        if (!gone.contains(node.id()) && !leaves(node.id(), stop)) {
          throw new IllegalStateException("node " + nodeName(node) + ": " + ClusterEngine.rootMessage(e));
        }
        excluded.add(node.id());
        leftAt.putIfAbsent(nodeName(node), System.nanoTime());
        job.leftWith().putIfAbsent(nodeName(node), System.nanoTime()); // this job's row for it
        workersByNode.putIfAbsent(nodeName(node), workers(node)); // its row, even with no chunk finished
        r.left().accept(nodeName(node));
        if (eligible(settings, stop).stream().allMatch(n -> excluded.contains(n.id()) || stoppingNodes.contains(n.id()))) {
          log.println("framefork: cluster: node " + nodeName(node) + " left with chunk " + r.chunk().index()
              + ", and no node is left; encoding it here");
          return null;
        }
        log.println("framefork: cluster: node " + nodeName(node) + " left with chunk " + r.chunk().index()
            + "; running it again elsewhere");
      } finally {
        release(node);
      }
    }
  }

  /**
   * Whether {@code node} failed chunk jobs because it cannot read them: its JVM's classes are not
   * this build's (its jar was rebuilt under it, or it runs another FrameFork that says the same
   * version). It is left out for the rest of this session, said once; its chunks go elsewhere.
   */
  private boolean cannotRead(ClusterNode node, RuntimeException e) {
    if (!unreadable(e)) {
      return false;
    }
    synchronized (this) {
      if (unreadableNodes.add(node.id())) {
        log.println("framefork: cluster: node " + nodeName(node) + " cannot read this build's chunks ("
            + ClusterEngine.rootMessage(e) + "): restart it with the same FrameFork as this one; its chunks go elsewhere");
      }
    }
    return true;
  }

  /** Whether {@code e} is a node's failure to read a chunk job: a class it cannot load or an object it cannot deserialize. */
  static boolean unreadable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof ClassNotFoundException || t instanceof LinkageError && !(t instanceof UnsatisfiedLinkError)
          || t instanceof org.apache.ignite.binary.BinaryObjectException || m.contains("Failed to deserialize")
          || m.contains("Failed to unmarshal")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends chunk {@code r} to {@code node}, waits for its reply and puts the segment in place;
   * null when the node handed the chunk back (it is stopping).
   */
  private Result sendTo(ClusterNode node, Request r, byte[] payload, long t0, long cutNanos, BooleanSupplier stop) {
    String nodeName = nodeName(node);
    long sentAt = System.nanoTime();
    byte[] replyBytes = await(ignite.compute(ignite.cluster().forNodeId(node.id())).callAsync(new ChunkJob(payload)), node, stop);
    long roundTrip = System.nanoTime() - sentAt;
    ChunkWire.Reply reply = ChunkWire.readReply(replyBytes);
    if (NodeWorker.HANDED_BACK.equals(reply.error())) {
      log.println("framefork: cluster: node " + nodeName + " handed chunk " + r.chunk().index() + " back; running it elsewhere");
      return null;
    }
    if (reply.error() != null) {
      throw new IllegalStateException("node " + nodeName + ": " + reply.error());
    }
    String sha = accept(reply, r, nodeName);
    workersByNode.put(nodeName, workers(node));
    leftAt.remove(nodeName); // here after all: a node that rejoined
    long transfer = Math.max(0, roundTrip - reply.encodeNanos() - reply.queueNanos());
    ChunkTransfer t = new ChunkTransfer(nodeName, payload.length, replyBytes.length, cutNanos / 1e9, transfer / 1e9,
        reply.queueNanos() / 1e9, reply.encodeNanos() / 1e9);
    return new Result(reply.framePts(), reply.segment().length, sha, System.nanoTime() - t0, reply.firstReadNanos(), t);
  }

  /** Checks the segment against the SHA-256 its node computed and writes it in place; its SHA-256. */
  private String accept(ChunkWire.Reply reply, Request r, String nodeName) {
    String sha = NodeWorker.sha256(reply.segment());
    if (!sha.equals(reply.sha256())) {
      throw new IllegalStateException("node " + nodeName + ": chunk " + r.chunk().index() + " arrived damaged (SHA-256 differs)");
    }
    place(reply.segment(), r.segment());
    if (!Checksums.sha256(r.segment()).equals(sha)) {
      throw new IllegalStateException(r.segment() + ": differs from the segment node " + nodeName + " sent");
    }
    return sha;
  }

  /** Whether every eligible node reads {@code source} from a shared folder: then nothing is cut. */
  private boolean everyNodeShares(Path source, EncodeSettings settings, BooleanSupplier stop) {
    List<ClusterNode> nodes = eligible(settings, stop);
    return !nodes.isEmpty() && nodes.stream().allMatch(n -> sharedPath(n, source) != null);
  }

  /** {@code source}'s path, when {@code node} reads it from its shared folder ({@code node --shared-dir}); else null. */
  static String sharedPath(ClusterNode node, Path source) {
    String dir = node.attribute(ClusterEngine.ATTR_SHARED_DIR);
    if (dir == null) {
      return null;
    }
    try {
      Path real = source.toRealPath();
      return real.startsWith(Path.of(dir)) ? real.toString() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The requests for one chunk: its packets, cut once (for nodes that get packets), or its path (for nodes that share it). */
  private final class Payloads {
    private final RemoteWorkers.Request r;
    private final String label;
    private final ChunkWire.Filters filters;
    private ChunkWire.Source packets;
    private String fingerprint;
    long cutNanos;

    Payloads(RemoteWorkers.Request r, String label) {
      this.r = r;
      this.label = label;
      this.filters = ChunkFilters.toWire(r.filters());
    }

    byte[] forNode(ClusterNode node) {
      return ChunkWire.write(new ChunkWire.Request(label, ignite.cluster().localNode().id().toString(), r.chunk(), r.settings(),
          r.acceptDamage(), source(node), filters));
    }

    /** What {@code node} reads the chunk from (null: the packets); the packets are cut on first use. */
    ChunkWire.Source source(ClusterNode node) {
      String shared = node == null ? null : sharedPath(node, r.source());
      if (shared != null) {
        if (fingerprint == null) {
          fingerprint = Checksums.fingerprint(r.source());
        }
        return ChunkWire.Source.shared(shared, r.videoIndex(), fingerprint);
      }
      if (packets == null) {
        long t0 = System.nanoTime();
        packets = cut();
        cutNanos = System.nanoTime() - t0;
      }
      return packets;
    }

    /** The chunk's source packets when they cut cleanly, else the whole source. */
    private ChunkWire.Source cut() {
      Path cutFile = null;
      try {
        cutFile = Files.createTempFile(tmp, "cut-" + r.chunk().index() + "-", ".bin");
        SourceCut.Cut cut = SourceCut.cut(r.source(), r.videoIndex(), r.chunk(), cutFile);
        if (cut != null) {
          return ChunkWire.Source.packets(cut.extension(), 0, Files.readAllBytes(cutFile));
        }
        if (wholeNoticed.add(r.source())) {
          log.println("framefork: cluster: " + r.source().getFileName() + " does not cut into small files that read back "
              + "exactly (" + SourceCut.WHY.get() + "); nodes get the whole source for each chunk");
        }
        return ChunkWire.Source.packets(extension(r.source()), r.videoIndex(), Files.readAllBytes(r.source()));
      } catch (IOException e) {
        throw new UncheckedIOException(r.source() + ": cannot be read (" + e.getMessage() + ")", e);
      } finally {
        if (cutFile != null) {
          try {
            Files.deleteIfExists(cutFile);
          } catch (IOException ignored) {
            // a temporary file in the session's folder, removed with it
          }
        }
      }
    }
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String ext = dot < 0 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return ext.matches("[a-z0-9]{1,8}") ? ext : "bin";
  }

  /** A node that holds chunks has its port checked once a second, by whichever lane waits on it. */
  private final PortChecks portChecks = new PortChecks(TimeUnit.SECONDS.toNanos(1));

  /**
   * Waits for {@code f}, {@code node}'s reply, cancelling it once {@code stop} says so; an
   * IgniteException, as for a node that left, once the node's port refuses connections.
   */
  private byte[] await(IgniteFuture<byte[]> f, ClusterNode node, BooleanSupplier stop) {
    String listen = node.attribute(ClusterEngine.ATTR_LISTEN);
    HostPort at = listen == null ? null : HostPort.parse(listen, "node address");
    while (true) {
      // Another lane may have found the node gone already, or checked its port a moment ago.
      if (at != null && (gone.contains(node.id()) || portChecks.due(node.id(), System.nanoTime()) && at.refuses())) {
        // No cancel: its node is gone, and cancelling waits for the client's reconnect (seconds).
        gone.add(node.id());
        throw new IgniteException("its port " + at + " refuses connections");
      }
      if (stop.getAsBoolean()) {
        cancel(f);
        throw new JobCancelledException();
      }
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (org.apache.ignite.lang.IgniteFutureTimeoutException e) {
        // look at stop again
      }
    }
  }

  private static void cancel(IgniteFuture<byte[]> f) {
    try {
      f.cancel();
    } catch (RuntimeException ignored) {
      // the job is being dropped either way
    }
  }

  /** Writes {@code data} to {@code target} through a temporary name beside it. */
  private static void place(byte[] data, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path part = target.resolveSibling(target.getFileName() + ".part");
      Files.write(part, data);
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot be written (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    try {
      // Ignite prints a raw "(wrn) Ignoring stopping Ignite instance ..." line for a client it stopped itself.
      if (Ignition.state(name) == org.apache.ignite.IgniteState.STARTED) {
        Ignition.stop(name, true);
      }
    } catch (RuntimeException ignored) {
      // stopping anyway
    }
    FileTrees.deleteBestEffort(tmp);
  }
}
