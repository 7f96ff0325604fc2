package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.job.JobOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framefork node}: a worker node of a cluster, which encodes the chunks coordinators send it,
 * N at a time, until it is stopped; or, with {@code --init DIR}, new credentials for a cluster.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Run a worker node that encodes chunks for 'framefork encode --cluster' (until Ctrl-C or SIGTERM), "
        + "or make a cluster's credentials with --init.",
        "A node listens on loopback unless told an address; it uses PORT (discovery) and PORT+1 (chunks), TLS 1.3 "
            + "with mutual authentication on both. A node dropped by the others, or whose JVM stood still for longer "
            + "than 10 s, rejoins by itself; of two nodes split by the network alone, restart one.",
        "See docs/cluster.md."})
public final class NodeCommand implements Callable<Integer> {
  public static final String[] EXIT_CODES = {
      "  0    --init made the credentials",
      "  1    the node could not start or join, or its cluster engine failed",
      "       (the message says why)",
      "  2    usage error (bad option, no credentials)",
      "  129  hung up (SIGHUP): running chunks were handed back",
      "  130  interrupted (Ctrl-C): running chunks were handed back",
      "  143  terminated (SIGTERM): running chunks were handed back"};

  @Spec CommandSpec spec;

  @Option(names = "--init", paramLabel = "DIR",
      description = "Make a cluster CA and a node key (EC P-256) in DIR (key store, trust store, password file readable "
          + "by its owner only), then exit. Copy DIR to every machine of the cluster.")
  Path init;

  @Option(names = "--credentials", paramLabel = "DIR", description = "The cluster's credentials (made by --init).")
  Path credentials;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HostPort.DEFAULT_PORT,
      description = "Address and discovery port to listen on; PORT+1 carries the chunks (default: ${DEFAULT-VALUE}, "
          + "loopback: give this machine's address for other machines to reach it).")
  String listen;

  @Option(names = "--join", paramLabel = "HOST:PORT[,...]",
      description = "Nodes of the cluster to join (their --listen addresses); while none answers the node tries again, "
          + "and after 60 s it exits 1 instead of starting a cluster of its own. None: start a new cluster.")
  String join;

  @Option(names = "--shared-dir", paramLabel = "DIR",
      description = "A folder this machine shares with the coordinators at the same path (a shared mount): sources under "
          + "it are read here, and no packets are sent for them. Whoever has the credentials can then have any video "
          + "under DIR encoded.")
  Path sharedDir;

  @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Chunks encoded at once (default: the cores).")
  Integer workers;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (init != null) {
      return makeCredentials(out, err);
    }
    Setup setup;
    try {
      setup = checked();
    } catch (IllegalArgumentException e) {
      err.println("framefork: " + e.getMessage());
      return 2;
    }
    String starter = exitWithStarter(System.getenv(EXIT_WITH_ENV), err);
    if (starter != null) {
      err.println("framefork: node: " + starter);
      return 2;
    }
    // A --join that reaches no node would otherwise start a cluster of its own: a typo splits the cluster.
    String silent = awaitPeers(setup, out);
    if (silent != null) {
      err.println("framefork: node " + setup.at() + ": no FrameFork node answers at " + silent + " (--join) after "
          + JOIN_WAIT_SECONDS + " s: start the cluster's first node there, or leave out --join to start a new cluster");
      return 1;
    }
    // Ignite would take an address that answers, but is no node's discovery port, for none, and start a cluster of its own.
    String wrong = NodeProbe.noneIsANode(setup.others(), setup.credentials());
    if (wrong != null) {
      err.println("framefork: node " + setup.at() + " cannot join (--join): " + wrong);
      return 1;
    }
    String name = "node-" + setup.at().host().replaceAll("[^A-Za-z0-9.]", "_") + "-" + setup.at().port();
    Path work = ClusterEngine.newWorkDir();
    Thread sweep = sweepOnExit(work);
    NodeWorker worker = NodeWorker.install(name, work, System.out, setup.workers(), setup.sharedDir());
    NodeMembership node = new NodeMembership(name, setup, work, worker, System.out, System.err);
    long t0 = System.nanoTime();
    try {
      node.join();
    } catch (RuntimeException e) {
      FileTrees.deleteBestEffort(work);
      String other = setup.peers().isEmpty() ? null : NodeProbe.otherCredentials(e, setup.peers().size(), join.strip());
      if (other != null) {
        err.println("framefork: node " + setup.at() + " cannot join (--join): " + other);
        return 1;
      }
      // With --join, a refused handshake is nearly always a mixed-up credentials folder: say so, as a coordinator does.
      String hint = setup.peers().isEmpty() ? "" : " (is --credentials the folder the nodes at " + join.strip() + " use?)";
      err.println("framefork: node " + setup.at() + " could not start: " + ClusterEngine.rootMessage(e) + hint);
      return 1;
    }
    int nodes = node.servers();
    int n = setup.workers();
    // Through the worker, which holds back the chunks that came since the join until this line is out.
    worker.ready(String.format("node %s ready in %.1f s: %d worker%s; discovery on port %d, chunks on port %d; %d node%s in "
        + "the cluster", setup.at(), (System.nanoTime() - t0) / 1e9, n, n == 1 ? "" : "s", setup.at().port(),
        setup.at().port() + 1, nodes, nodes == 1 ? "" : "s"));
    handOver(sweep, node);
    return node.serve();
  }

  /**
   * Removes {@code work} (best effort) if the JVM exits before the node's stop takes over, after the
   * join: a starter that ends, or a signal, while Ignite starts would leave it behind.
   */
  private static Thread sweepOnExit(Path work) {
    Thread sweep = new Thread(() -> FileTrees.deleteBestEffort(work), "framefork-node-sweep");
    Runtime.getRuntime().addShutdownHook(sweep);
    return sweep;
  }

  /** Puts the node's stop (which hands chunks back, leaves, and removes the work folder) in place of {@code sweep}. */
  private static void handOver(Thread sweep, NodeMembership node) {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "framefork-node-stop"));
      Runtime.getRuntime().removeShutdownHook(sweep);
    } catch (IllegalStateException e) {
      // The JVM is exiting already (the starter ended as the node joined): the sweep removes the work folder.
    }
  }

  /**
   * Names the process whose end ends this node: a program that starts nodes for a while (the bench)
   * sets it to its own pid, so that nodes it cannot stop (it was killed with SIGKILL) do not go on
   * listening, adopted by init. Unset, a node runs until it is stopped, as under a supervisor.
   */
  public static final String EXIT_WITH_ENV = "FRAMEFORK_NODE_EXIT_WITH_PID";

  /**
   * Exits (running the shutdown hooks: the node leaves) once process {@code pid} has ended; at once if it has.
   * Null, or what is wrong with {@code pid} (a usage error): not a number, not above 0, or the node's own pid
   * (a wrapper that sets it to {@code $$}, then {@code exec}s the node), whose end the node cannot watch.
   */
  static String exitWithStarter(String pid, PrintWriter err) {
    if (pid == null || pid.isBlank()) {
      return null;
    }
    String todo = ": unset it, or give the pid of the process whose end should stop this node";
    long starter;
    try {
      starter = Long.parseLong(pid.strip());
    } catch (NumberFormatException e) {
      return EXIT_WITH_ENV + " is not a pid: " + pid.strip() + todo;
    }
    if (starter <= 0) {
      return EXIT_WITH_ENV + " is not a pid: " + pid.strip() + todo;
    }
    if (starter == ProcessHandle.current().pid()) {
      return EXIT_WITH_ENV + " is this node's own pid (" + starter + "; a wrapper that execs the node)" + todo;
    }
    Runnable exit = () -> {
      err.println("framefork: node: the process that started it (pid " + starter + ", " + EXIT_WITH_ENV + ") has ended; "
          + "stopping");
      err.flush();
      System.exit(1);
    };
    ProcessHandle.of(starter).ifPresentOrElse(h -> h.onExit().thenRun(exit), exit);
    return null;
  }

  /**
   * How long a node given --join waits for one of those nodes to answer before it gives up: nodes
   * started together (at boot, by compose or a script) come up in any order, and a JVM with Ignite
   * takes seconds to open its port on a busy machine. {@code -Dframefork.node.joinWaitSeconds} sets
   * another (the tests' own).
   */
  static final long JOIN_WAIT_SECONDS = Math.max(0, Long.getLong("framefork.node.joinWaitSeconds", 60));
  /** The longest pause between two tries while waiting for a --join address to answer. */
  private static final long JOIN_RETRY_MAX_MS = 8_000;

  /**
   * Waits up to {@link #JOIN_WAIT_SECONDS} for one of --join's addresses (other than the node's own)
   * to accept a connection, trying again after 1, 2, 4 ... s and saying once that it waits; the
   * addresses that stayed silent, or null once one answers (at once without --join).
   */
  private static String awaitPeers(Setup setup, PrintWriter out) {
    List<HostPort> peers = setup.others();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(JOIN_WAIT_SECONDS);
    long pause = 1000;
    boolean said = false;
    while (true) {
      String silent = HostPort.noneAnswers(peers);
      long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (silent == null || left <= 0) {
        return silent;
      }
      if (!said) {
        out.println("node " + setup.at() + ": no node answers at " + silent + " yet (--join); trying again for up to "
            + JOIN_WAIT_SECONDS + " s");
        out.flush();
        said = true;
      }
      try {
        Thread.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return silent;
      }
      pause = Math.min(2 * pause, JOIN_RETRY_MAX_MS);
    }
  }

  /** What the options say once checked: where to listen, whom to join, the credentials, the workers. */
  record Setup(HostPort at, List<HostPort> peers, Credentials credentials, int workers, Path sharedDir) {
    /** --join's addresses other than the node's own. */
    List<HostPort> others() {
      return peers.stream().filter(p -> !p.equals(at)).toList();
    }
  }

  private Setup checked() {
    int n = workers != null ? workers : JobOptions.defaultWorkers();
    if (credentials == null) {
      throw new IllegalArgumentException("node needs --credentials DIR (make one with 'framefork node --init DIR' and copy it "
          + "to every machine)");
    }
    if (n < 1 || n > JobOptions.MAX_WORKERS) {
      throw new IllegalArgumentException("--workers " + n + ": give 1 to " + JobOptions.MAX_WORKERS);
    }
    HostPort at = HostPort.parse(listen, "--listen");
    List<HostPort> peers = join == null ? List.of() : HostPort.parseList(join, "--join");
    Path shared = sharedDir();
    Credentials loaded = Credentials.load(credentials);
    String notHere = at.notHere("--listen");
    if (notHere != null) {
      throw new IllegalArgumentException(notHere);
    }
    int busy = at.portInUse();
    if (busy != 0) {
      // Checked here, not left to Ignite: its start fails with lines that never name the port.
      throw new IllegalArgumentException("port " + busy + " on " + at.host() + " is in use: stop the node there or give another "
          + "--listen (a node uses PORT and PORT+1)");
    }
    return new Setup(at, peers, loaded, n, shared);
  }

  /** --shared-dir's real path; null without it. */
  private Path sharedDir() {
    if (sharedDir == null) {
      return null;
    }
    try {
      if (!Files.isDirectory(sharedDir)) {
        throw new IllegalArgumentException("--shared-dir " + sharedDir + ": no such folder; give the shared mount's folder");
      }
      return sharedDir.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("--shared-dir " + sharedDir + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** --init DIR: the cluster's CA and node key, and what to do with them. */
  private int makeCredentials(PrintWriter out, PrintWriter err) {
    try {
      Credentials.init(init);
    } catch (IllegalArgumentException e) {
      err.println("framefork: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("framefork: " + e.getMessage());
      return 1;
    }
    out.println("Made the cluster's credentials in " + init + " (EC P-256 CA and node key; TLS 1.3, both ways).");
    out.println("Copy that folder to every machine of the cluster (keep it private), then run e.g.");
    out.println("  framefork node --listen THIS_HOST:" + HostPort.DEFAULT_PORT + " --credentials " + init);
    out.println("  framefork encode IN -o OUT --cluster NODE_HOST:" + HostPort.DEFAULT_PORT + " --credentials " + init);
    return 0;
  }
}
