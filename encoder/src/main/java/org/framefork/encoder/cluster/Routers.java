package org.framefork.encoder.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.spi.discovery.DiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.TcpDiscoveryIpFinder;

/**
 * The nodes a coordinator (an Ignite client) can connect to the cluster through. It joins through
 * the addresses of {@code --cluster} only, and connects to one node, its router; when that node dies
 * or stalls, Ignite reconnects it through the addresses its IP finder holds. With the one address a
 * person gave, that was the dead node, and the coordinator lost a healthy cluster ("no node is
 * left"). Every node's {@code --listen} address that the coordinator sees is added to the finder, so
 * that it reconnects through any live node, as with all of them on the command line.
 *
 * <p>A router that stands still (SIGSTOP, a suspended VM) still takes connections: Ignite's reconnect
 * waited on it, and joined it as it woke, while it still took itself for a cluster of its own (before
 * it found it was dropped and rejoined the others). While this client reconnects, the nodes that
 * answer no handshake are left out of the finder ({@link #avoidStill}) when another node answers.
 */
final class Routers {
  private final TcpDiscoveryIpFinder finder;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  /** The addresses of each node's --listen address, as registered. */
  private final Map<String, List<InetSocketAddress>> addressesOf = new ConcurrentHashMap<>();
  /** The addresses left out of the finder while this client reconnects; empty: none is. */
  private List<InetSocketAddress> avoided = List.of();
  /** The cluster's TLS, to shake hands with a node (see {@link NodeProbe#standsStill}). */
  private final SSLContext tls;

  private Routers(TcpDiscoveryIpFinder finder, SSLContext tls) {
    this.finder = finder;
    this.tls = tls;
  }

  static Routers of(Ignite ignite, SSLContext tls) {
    DiscoverySpi spi = ignite.configuration().getDiscoverySpi();
    return new Routers(spi instanceof TcpDiscoverySpi tcp ? tcp.getIpFinder() : null, tls);
  }

  /** How long a node may take over a handshake while this client reconnects before it is left out of the reconnect. */
  static final int STILL_MILLIS = 2_000;

  /** Adds the discovery addresses of {@code nodes} that the finder does not hold yet. */
  void learn(Collection<ClusterNode> nodes) {
    if (finder == null) {
      return;
    }
    List<InetSocketAddress> add = new ArrayList<>();
    for (ClusterNode n : nodes) {
      String listen = n.attribute(ClusterEngine.ATTR_LISTEN);
      if (listen != null && known.add(listen)) {
        List<InetSocketAddress> at = addresses(n, listen);
        addressesOf.put(listen, at);
        add.addAll(at);
      }
    }
    if (!add.isEmpty()) {
      try {
        finder.registerAddresses(add);
      } catch (RuntimeException e) {
        // the finder keeps the addresses it had: a reconnect goes through those
      }
    }
  }

  /**
   * Whether a node this client has seen may still take its reconnect: one of its addresses (those
   * {@link #learn} registered: a wildcard --listen's own) accepts a connection within {@link
   * HostPort#PROBE_MILLIS} (a frozen or busy node's kernel still does). False once every one was
   * killed (refused), or its machine does not answer (timed out, no route): then this client has
   * no cluster to wait for. All at once.
   */
  boolean anyMayAnswer() {
    List<InetSocketAddress> all = known.stream().flatMap(l -> probed(l).stream()).toList();
    CompletableFuture<Boolean> any = new CompletableFuture<>();
    List<CompletableFuture<Void>> each = all.stream().map(a -> CompletableFuture.runAsync(() -> {
      if (accepts(a)) {
        any.complete(true);
      }
    }, r -> Thread.ofVirtual().start(r))).toList();
    CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenRun(() -> any.complete(false));
    return any.join();
  }

  private static boolean accepts(InetSocketAddress at) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(at, HostPort.PROBE_MILLIS);
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The addresses to probe node {@code listen} at: those {@link #learn} registered (a wildcard's
   * resolved, never 0.0.0.0, which is this machine), less loopback ones when it has others (a remote
   * node's loopback address is this machine's).
   */
  List<InetSocketAddress> probed(String listen) {
    List<InetSocketAddress> at = addressesOf.getOrDefault(listen, List.of());
    List<InetSocketAddress> out = at.stream().filter(a -> a.getAddress() == null || !a.getAddress().isLoopbackAddress()).toList();
    return out.isEmpty() ? at : out;
  }

  /**
   * Leaves the nodes this client has seen that stand still ({@link NodeProbe#still} within
   * {@link #STILL_MILLIS}, all at once) out of its reconnect, when another one completes a handshake
   * (a killed node's refusal is no answer: it takes no reconnect); their --listen addresses, sorted
   * (empty when none is left out).
   */
  synchronized List<String> avoidStill() {
    if (finder == null || tls == null || !avoided.isEmpty()) {
      return List.of();
    }
    Map<String, CompletableFuture<NodeProbe.Still>> probes = new java.util.TreeMap<>();
    for (String listen : known) {
      probes.put(listen, CompletableFuture.supplyAsync(() -> still(listen), r -> Thread.ofVirtual().start(r)));
    }
    Map<String, NodeProbe.Still> found = new java.util.TreeMap<>();
    probes.forEach((listen, f) -> found.put(listen, f.join()));
    List<String> out = stillOnes(found);
    if (out.isEmpty()) {
      return List.of();
    }
    List<InetSocketAddress> at = out.stream().flatMap(l -> addressesOf.getOrDefault(l, List.of()).stream()).toList();
    try {
      finder.unregisterAddresses(at);
      avoided = at;
      return out;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The nodes of {@code found} (what each did with a handshake, by --listen address) to leave out:
   * those that stand still, when another one answered; none otherwise.
   */
  static List<String> stillOnes(Map<String, NodeProbe.Still> found) {
    if (!found.containsValue(NodeProbe.Still.ANSWERED)) {
      return List.of();
    }
    return found.entrySet().stream().filter(e -> e.getValue() == NodeProbe.Still.STILL).map(Map.Entry::getKey).sorted()
        .toList();
  }

  /** What node {@code listen} does with a handshake: answered at one of its addresses, else stands still at one, else neither. */
  private NodeProbe.Still still(String listen) {
    List<CompletableFuture<NodeProbe.Still>> each = probed(listen).stream()
        .map(a -> CompletableFuture.supplyAsync(() -> NodeProbe.still(a, tls, STILL_MILLIS), r -> Thread.ofVirtual().start(r)))
        .toList();
    List<NodeProbe.Still> all = each.stream().map(CompletableFuture::join).toList();
    return all.contains(NodeProbe.Still.ANSWERED) ? NodeProbe.Still.ANSWERED
        : all.contains(NodeProbe.Still.STILL) ? NodeProbe.Still.STILL : NodeProbe.Still.NONE;
  }

  /** Puts the nodes that {@link #avoidStill} left out back into the finder: this client is back, or gave up. */
  synchronized void restore() {
    if (!avoided.isEmpty()) {
      try {
        finder.registerAddresses(avoided);
      } catch (RuntimeException e) {
        // the finder keeps the others: a reconnect goes through those
      }
      avoided = List.of();
    }
  }

  /** Where node {@code n}, which listens on {@code listen}, takes joins: its own addresses for a wildcard listen. */
  static List<InetSocketAddress> addresses(ClusterNode n, String listen) {
    HostPort at;
    try {
      at = HostPort.parse(listen, "node address");
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (!at.isWildcard()) {
      return List.of(new InetSocketAddress(at.host(), at.port()));
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (String host : n.addresses()) {
      try {
        InetAddress a = InetAddress.getByName(host);
        if (!a.isAnyLocalAddress()) {
          out.add(new InetSocketAddress(a, at.port()));
        }
      } catch (java.io.IOException e) {
        // an address that does not resolve here: not one to reconnect through
      }
    }
    return out;
  }
}
