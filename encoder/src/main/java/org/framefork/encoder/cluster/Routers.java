package org.framefork.encoder.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class Routers {
  private final TcpDiscoveryIpFinder finder;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private Routers(TcpDiscoveryIpFinder finder) {
    this.finder = finder;
  }

  static Routers of(Ignite ignite) {
    DiscoverySpi spi = ignite.configuration().getDiscoverySpi();
    return new Routers(spi instanceof TcpDiscoverySpi tcp ? tcp.getIpFinder() : null);
  }

  /** Adds the discovery addresses of {@code nodes} that the finder does not hold yet. */
  void learn(Collection<ClusterNode> nodes) {
    if (finder == null) {
      return;
    }
    List<InetSocketAddress> add = new ArrayList<>();
    for (ClusterNode n : nodes) {
      String listen = n.attribute(ClusterEngine.ATTR_LISTEN);
      if (listen != null && known.add(listen)) {
        add.addAll(addresses(n, listen));
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
