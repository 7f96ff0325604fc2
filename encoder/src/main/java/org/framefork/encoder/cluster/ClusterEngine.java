package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.FailureHandler;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;
import org.framefork.encoder.io.FileTrees;

/**
 * Starts the embedded Apache Ignite node of a FrameFork JVM: the only class that configures it.
 *
 * <ul>
 *   <li>Nothing leaves for addresses it was not given: the update notifier is off, nodes are found
 *       from the addresses given only (static IP finder, never multicast), and Ignite's other
 *       listeners (thin clients, REST) are not started.
 *   <li>Discovery and communication run TLS 1.3 with mutual authentication on the cluster's
 *       credentials: a peer without a certificate of the cluster's CA is refused in the handshake,
 *       before any of its bytes are read as a message.
 *   <li>Peer class loading is off (every node runs the same FrameFork jar), the data regions are the
 *       smallest Ignite takes (FrameFork keeps no caches), and Ignite's own logging is quiet: errors
 *       only, one line each.
 * </ul>
 *
 * <p>A node that listens on port P for discovery uses P+1 for communication.
 */
public final class ClusterEngine {
  /** Node attributes: what a coordinator reads to decide whether, and how much, a node can take. */
  static final String ATTR_ROLE = "framefork.role";
  static final String ATTR_WORKERS = "framefork.workers";
  static final String ATTR_VERSION = "framefork.version";
  static final String ATTR_ENCODERS = "framefork.encoders";
  /** A node's {@code --shared-dir} (its real path): sources under it are read there, not sent. */
  static final String ATTR_SHARED_DIR = "framefork.shared-dir";
  /** A node's {@code --listen} address: a coordinator sees at once that a node whose port it refuses has died. */
  static final String ATTR_LISTEN = "framefork.listen";
  static final String ROLE_NODE = "node";
  static final String ROLE_COORDINATOR = "coordinator";
  /** How long nodes wait for a coordinator whose connection closed or went silent before they drop its chunks. */
  static final long CLIENT_FAILURE_MS = 5_000;
  /** How long the other nodes wait for a silent node (no heartbeat) before they drop it from the cluster. */
  static final long FAILURE_DETECTION_MS = 10_000;
  /**
   * How long a coordinator waits for the node it is connected through (its router) before it
   * reconnects through another one, as the same client. Shorter than {@link #FAILURE_DETECTION_MS}:
   * when its router stands still (SIGSTOP, a suspended VM), the other nodes drop that node after
   * 10 s, and this client with it unless it has moved to another node by then (they have not heard
   * from it for {@link #CLIENT_FAILURE_MS}); dropped, it rejoins under a new id, and the nodes drop
   * the chunks it sent them (ClusterSession then sends them again). Measured, 2026-12-07
   * (NodeCutOffTest): with 6 s, the client moved to the other node in 3 of 4 runs, and no chunk of
   * that node was dropped; with 10 s, it was dropped every time (6 runs). Longer than a handshake that
   * a loaded node takes (4.5 s in CoordinatorFailureTest): with 4 s, that join timed out.
   */
  static final long ROUTER_FAILURE_MS = 6_000;
  /** How long a coordinator's chunk connection to a node may take, handshake and retries included. */
  static final long CLIENT_CONNECT_MS = 10_000;
  /** How long a coordinator waits to join before it gives up. */
  static final long JOIN_TIMEOUT_MS = 15_000;

  private ClusterEngine() {}

  /**
   * Apache Ignite's documented {@code --add-opens} list for JDK 17 and newer. The encoder jar's
   * manifest opens the same packages (Add-Opens) for {@code java -jar}; a JVM started another way
   * (tests, embedding) passes these.
   */
  public static final List<String> ADD_OPENS = List.of("java.base/jdk.internal.access", "java.base/jdk.internal.misc",
      "java.base/sun.nio.ch", "java.base/sun.util.calendar", "java.management/com.sun.jmx.mbeanserver",
      "jdk.internal.jvmstat/sun.jvmstat.monitor", "java.base/sun.reflect.generics.reflectiveObjects",
      "jdk.management/com.sun.management.internal", "java.base/java.io", "java.base/java.nio", "java.base/java.net",
      "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.locks",
      "java.base/java.util.concurrent.atomic", "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.math",
      "java.sql/java.sql", "java.base/java.lang.reflect", "java.base/java.time", "java.base/java.text",
      "java.management/sun.management", "java.desktop/java.awt.font");

  /** {@link #ADD_OPENS} as JVM options. */
  public static List<String> jvmOptions() {
    return ADD_OPENS.stream().map(p -> "--add-opens=" + p + "=ALL-UNNAMED").toList();
  }

  /** Ignite's system properties, set before any of its classes reads them (a node's first start). */
  static void quietDefaults() {
    setIfAbsent("IGNITE_UPDATE_NOTIFIER", "false");
    setIfAbsent("IGNITE_NO_ASCII", "true");
    setIfAbsent("IGNITE_QUIET", "true");
    setIfAbsent("IGNITE_NO_SHUTDOWN_HOOK", "true");
    setIfAbsent("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
    setIfAbsent("IGNITE_MBEANS_DISABLED", "true");
    setIfAbsent("IGNITE_DUMP_THREADS_ON_FAILURE", "false");
    // A thread that wakes every 50 ms to look for GC pauses: 0.08 % of a core on an idle node.
    setIfAbsent("IGNITE_JVM_PAUSE_DETECTOR_DISABLED", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * Starts a node.
   *
   * @param server a worker node (true) or a coordinator, which joins as a client and opens no port
   *     that another node must reach
   * @param listen the discovery address; communication uses its port + 1. A coordinator's port is
   *     ignored (it uses the address only).
   * @param join the discovery addresses of nodes to join; empty: start a new cluster
   * @param workers chunks this node runs at once (its job threads)
   * @param onFailure what Ignite does when it fails, or finds the node cut off from the cluster (its
   *     default halts the JVM)
   */
  static Ignite start(String name, boolean server, HostPort listen, List<HostPort> join, Credentials credentials, int workers,
      Map<String, ?> attributes, PrintStream log, Path workDir, FailureHandler onFailure) {
    quietDefaults();
    IgniteConfiguration cfg = new IgniteConfiguration();
    cfg.setIgniteInstanceName(name);
    cfg.setClientMode(!server);
    cfg.setPeerClassLoadingEnabled(false);
    cfg.setMetricsLogFrequency(0);
    // A coordinator reports its own failures (one line, from the exception); a node logs Ignite's errors.
    OneLineLogger logger = new OneLineLogger(server || OneLineLogger.VERBOSE ? log : null, name);
    cfg.setGridLogger(logger);
    cfg.setUserAttributes(attributes);
    cfg.setWorkDirectory(workDir.toString());
    cfg.setClientConnectorConfiguration(null);
    cfg.setConnectorConfiguration(null);
    setThreadPools(cfg, workers);
    cfg.setFailureDetectionTimeout(server ? FAILURE_DETECTION_MS : ROUTER_FAILURE_MS);
    // A coordinator is a client node; by default its router waits 30 s for it to come back after its
    // connection closes (it may reconnect through another node). A dead coordinator's chunks must stop
    // within seconds, and a live one's heartbeats come every 2 s.
    cfg.setClientFailureDetectionTimeout(CLIENT_FAILURE_MS);
    cfg.setFailureHandler(onFailure);
    cfg.setDataStorageConfiguration(smallStorage());
    cfg.setSslContextFactory(tls(credentials));
    cfg.setDiscoverySpi(discovery(server, listen, join));
    cfg.setCommunicationSpi(communication(server, listen));
    Ignite ignite = Ignition.start(cfg);
    logger.started();
    return ignite;
  }

  /**
   * Chunk jobs a node takes in beyond its workers: each waits for a worker in {@link NodeWorker}
   * (which counts the wait), not in Ignite's queue, where a job is not even read until a thread is
   * free. Room for the fetched-ahead chunks of a few coordinators at once; more wait in Ignite's queue.
   */
  static final int WAITING_JOBS = 4;

  /** FrameFork's chunk jobs run on the public pool, its workers plus the waiting ones; the rest run Ignite itself. */
  private static void setThreadPools(IgniteConfiguration cfg, int workers) {
    cfg.setPublicThreadPoolSize(Math.max(1, workers) + WAITING_JOBS);
    cfg.setSystemThreadPoolSize(2);
    cfg.setStripedPoolSize(2);
    cfg.setServiceThreadPoolSize(1);
    cfg.setManagementThreadPoolSize(1);
    cfg.setPeerClassLoadingThreadPoolSize(1);
    cfg.setDataStreamerThreadPoolSize(1);
    cfg.setUtilityCachePoolSize(1);
    cfg.setQueryThreadPoolSize(1);
    cfg.setAsyncCallbackPoolSize(1);
    cfg.setRebalanceThreadPoolSize(1);
    cfg.setSnapshotThreadPoolSize(1);
    cfg.setBuildIndexThreadPoolSize(1);
  }

  /** FrameFork keeps no caches: the smallest data regions Ignite accepts. */
  private static DataStorageConfiguration smallStorage() {
    long mb = 1024L * 1024;
    DataStorageConfiguration storage = new DataStorageConfiguration();
    storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration().setName("default")
        .setInitialSize(16 * mb).setMaxSize(16 * mb));
    storage.setSystemRegionInitialSize(16 * mb);
    storage.setSystemRegionMaxSize(16 * mb);
    return storage;
  }

  /** TLS 1.3 with the cluster's key and trust stores: both sides of every connection authenticate. */
  static SslContextFactory tls(Credentials credentials) {
    SslContextFactory ssl = new SslContextFactory();
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStoreFilePath(credentials.keyStore().toString());
    ssl.setKeyStorePassword(credentials.password().clone());
    ssl.setTrustStoreType("PKCS12");
    ssl.setTrustStoreFilePath(credentials.trustStore().toString());
    ssl.setTrustStorePassword(credentials.password().clone());
    ssl.setProtocol("TLSv1.3");
    ssl.setProtocols("TLSv1.3");
    return ssl;
  }

  /** Discovery from the explicit addresses only (never multicast); a node also lists itself. */
  private static TcpDiscoverySpi discovery(boolean server, HostPort listen, List<HostPort> join) {
    TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder();
    List<String> addresses = new java.util.ArrayList<>();
    for (HostPort hp : join) {
      addresses.add(hp.host() + ":" + hp.port());
    }
    if (server) {
      addresses.add(listen.host() + ":" + listen.port());
    }
    finder.setAddresses(addresses);
    TcpDiscoverySpi discovery = new TcpDiscoverySpi();
    discovery.setIpFinder(finder);
    discovery.setLocalAddress(listen.host());
    if (server) {
      discovery.setLocalPort(listen.port());
      discovery.setLocalPortRange(0);
    } else {
      discovery.setJoinTimeout(JOIN_TIMEOUT_MS);
    }
    return discovery;
  }

  /** Chunk traffic on the port after discovery's; a coordinator connects out only. */
  private static TcpCommunicationSpi communication(boolean server, HostPort listen) {
    TcpCommunicationSpi communication = new TcpCommunicationSpi();
    communication.setLocalAddress(listen.host());
    if (server) {
      communication.setLocalPort(listen.port() + 1);
      communication.setLocalPortRange(0);
    } else {
      communication.setForceClientToServerConnections(true);
      communication.setLocalPort(HostPort.freePort(listen.host()));
      communication.setLocalPortRange(0);
      // Its failure detection time (ROUTER_FAILURE_MS, 6 s) would also bound each chunk connection and
      // its handshake: a loaded node's would fail chunks. These give each connection 10 s in all (set,
      // they turn failure detection off for communication alone; discovery keeps its 6 s).
      communication.setConnectTimeout(CLIENT_CONNECT_MS);
      communication.setMaxConnectTimeout(CLIENT_CONNECT_MS);
    }
    return communication;
  }

  /** The start of a work folder's name; the JVM's process id follows, so that a dead JVM's folder can be told. */
  static final String WORK_PREFIX = "framefork-ignite-";

  /**
   * A fresh folder for a node's Ignite work files and chunk files, removed when the node stops.
   * Folders that JVMs killed with kill -9 left behind (their process is gone) are removed first.
   */
  static Path newWorkDir() {
    try {
      Path made = Files.createTempDirectory(WORK_PREFIX + ProcessHandle.current().pid() + "-");
      removeAbandoned(made.getParent());
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary folder: " + e.getMessage(), e);
    }
  }

  /** Removes this user's work folders in {@code base} whose JVM is no longer running. */
  static void removeAbandoned(Path base) {
    String user = System.getProperty("user.name");
    try (var dirs = Files.newDirectoryStream(base, WORK_PREFIX + "*-*")) {
      for (Path d : dirs) {
        String pid = d.getFileName().toString().substring(WORK_PREFIX.length()).split("-")[0];
        if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()
            && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).getName().equals(user)) {
          FileTrees.deleteBestEffort(d);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a folder another user owns, or one that went while we looked
    }
  }

  /**
   * Ignite's log, reduced to its errors, one line each, and nothing at all in quiet mode. Errors
   * while the node starts are held back: when the start fails, its caller says why in one line
   * (Ignite's own lines, such as "Failed to start manager: GridManagerAdapter [...]", say nothing
   * to do); when it succeeds, they follow.
   */
  static final class OneLineLogger implements IgniteLogger {
    private final PrintStream out;
    private final String name;
    /** Error lines of the start, until {@link #started}; null after. */
    private List<String> held = new java.util.ArrayList<>();
    /** FRAMEFORK_CLUSTER_LOG=1: Ignite's own log too, each line with the JVM's uptime (to see where a start's time goes). */
    static final boolean VERBOSE = System.getenv("FRAMEFORK_CLUSTER_LOG") != null;
    private final boolean verbose = VERBOSE;
    /**
     * Ignite's errors that say nothing to do: the management beans it does not make (FrameFork turns
     * them off), a failure that the node's own line reports (see NodeMembership), and what a node
     * cut off from the cluster finds as it wakes (a peer that closed on it).
     */
    private static final List<String> EXPLAINED = List.of("MBean", "Critical system error detected",
        "Ignite node is in invalid state", "Failed to send receipt on message");
    /**
     * Why Ignite could not send to a node that has dropped this one from its view: this node was cut
     * off, and says so in its own line ("Failed to send message to remote node [node=TcpDiscoveryNode
     * [...]]", "Failed to send diagnostic response [...]" as the JVM wakes from a pause).
     */
    static final String NOT_OBSERVED = "Remote node does not observe current node in topology";
    /**
     * Ignite's report of a system thread that has not moved for its failure detection time (10 s),
     * with a thread dump. The failure handler ignores it (slow is not failed), but the node's user
     * should know that it may have stalled: said in one line, at most once a minute. When the whole
     * JVM stood still instead (SIGSTOP, a suspended VM or laptop, a long GC pause), every thread looks
     * blocked to Ignite as the JVM wakes, and no thread stalled: {@link JvmPauses} tells that apart
     * and nothing is said (a node cut off by the pause says so in its own line).
     */
    static final String BLOCKED = "Blocked system-critical thread";
    private static final long BLOCKED_REPEAT_NANOS = 60_000_000_000L;
    private final JvmPauses pauses;
    private long blockedSaidAt;
    private boolean blockedSaid;

    OneLineLogger(PrintStream out, String name) {
      this(out, name, out == null || VERBOSE ? null : JvmPauses.shared());
    }

    /** With {@code pauses}, the JVM's clock (null: a blocked thread is always said). */
    OneLineLogger(PrintStream out, String name, JvmPauses pauses) {
      this.out = out;
      this.name = name;
      this.pauses = pauses;
    }

    @Override
    public IgniteLogger getLogger(Object ctgr) {
      return this;
    }

    @Override
    public void trace(String msg) {}

    @Override
    public void debug(String msg) {}

    @Override
    public void info(String msg) {
      if (verbose && out != null) {
        out.printf("ignite: %6d ms %s%n", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), msg);
      }
    }

    @Override
    public void warning(String msg, Throwable e) {
      if (verbose && out != null) {
        out.println("ignite warning: " + msg + (e == null ? "" : " (" + e + ")"));
      }
    }

    @Override
    public void error(String msg, Throwable e) {
      if (!verbose && (msg != null && EXPLAINED.stream().anyMatch(msg::startsWith) || cutOff(msg, e) || interrupted(e))) {
        return;
      }
      if (!verbose && msg != null && msg.startsWith(BLOCKED)) {
        if (out != null && !pausedThrough(msg) && firstBlockedInAMinute()) {
          say("framefork: cluster: " + blockedLine(msg));
        }
        return;
      }
      if (out != null) {
        String line = msg == null ? String.valueOf(e) : msg.lines().findFirst().orElse("");
        say("framefork: cluster: " + line + (e == null || verbose ? "" : " (" + rootMessage(e) + ")"));
      }
    }

    /** Whether Ignite's error is one of a node that the others no longer see: see {@link #NOT_OBSERVED}. */
    private static boolean cutOff(String msg, Throwable e) {
      if (msg != null && msg.contains(NOT_OBSERVED)) {
        return true;
      }
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t.getMessage() != null && t.getMessage().contains(NOT_OBSERVED)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether Ignite's error came of its thread being interrupted: the instance is being stopped, by
     * the node itself as it leaves or rejoins after being cut off ("Failed to send local partitions to
     * coordinator [...] (sleep interrupted)" as a woken node restarts), and the node says that in its own line.
     */
    static boolean interrupted(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof InterruptedException || t.getClass().getSimpleName().equals("IgniteInterruptedCheckedException")
            || t.getClass().getSimpleName().equals("IgniteInterruptedException")) {
          return true;
        }
      }
      return false;
    }

    private synchronized boolean firstBlockedInAMinute() {
      long now = System.nanoTime();
      if (blockedSaid && now - blockedSaidAt < BLOCKED_REPEAT_NANOS) {
        return false;
      }
      blockedSaid = true;
      blockedSaidAt = now;
      return true;
    }

    /**
     * Whether the thread of Ignite's {@link #BLOCKED} line would not have been reported but for the
     * time the JVM stood still meanwhile: blocked for less than Ignite's limit (the failure detection
     * timeout) of its own.
     */
    private boolean pausedThrough(String msg) {
      String seconds = field(msg, "blockedFor=");
      if (pauses == null || seconds == null || !seconds.matches("[0-9]{1,9}s")) {
        return false;
      }
      long blocked = TimeUnit.SECONDS.toNanos(Long.parseLong(seconds.substring(0, seconds.length() - 1)));
      // A second more: the line comes a little after Ignite measured, and blockedFor is whole seconds.
      long stoodStill = pauses.stoodStillNanos(blocked + JvmPauses.GAP_NANOS);
      return blocked - stoodStill < TimeUnit.MILLISECONDS.toNanos(FAILURE_DETECTION_MS);
    }

    /**
     * Ignite's "Blocked system-critical thread has been detected. ... [workerName=W, threadName=T,
     * blockedFor=Ns]" in one line that says what it means for the node.
     */
    static String blockedLine(String msg) {
      String worker = field(msg, "workerName=");
      String seconds = field(msg, "blockedFor=");
      return "this node may be stalled: Ignite's " + (worker == null ? "system" : worker) + " thread has not moved"
          + (seconds == null ? "" : " for " + seconds.replaceAll("s$", " s")) + " (an overloaded machine, or a fault)";
    }

    /** The value after {@code key} in Ignite's {@code [k=v, k=v]}, or null. */
    private static String field(String msg, String key) {
      int i = msg.indexOf(key);
      if (i < 0) {
        return null;
      }
      int from = i + key.length();
      int end = from;
      while (end < msg.length() && msg.charAt(end) != ',' && msg.charAt(end) != ']') {
        end++;
      }
      return end > from ? msg.substring(from, end) : null;
    }

    private synchronized void say(String line) {
      if (held != null && !verbose) {
        held.add(line);
      } else {
        out.println(line);
      }
    }

    /** The node has started: the errors held back are printed, and later ones as they come. */
    synchronized void started() {
      if (out != null) {
        held.forEach(out::println);
      }
      held = null;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return verbose;
    }

    @Override
    public boolean isQuiet() {
      return false; // quiet mode would print Ignite's start-up summary to stdout
    }

    @Override
    public String fileName() {
      return null;
    }

    @Override
    public String toString() {
      return "OneLineLogger[" + name + "]";
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
