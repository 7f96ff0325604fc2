package org.framefork.encoder.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** A {@code HOST:PORT} from the command line ({@code [::1]:PORT} for an IPv6 address). */
public record HostPort(String host, int port) {
  /** FrameFork's default discovery port; communication uses the next one. */
  public static final int DEFAULT_PORT = 47500;

  /** Parses {@code HOST:PORT}, {@code HOST} (default port) or {@code :PORT} (loopback); IllegalArgumentException with the reason. */
  public static HostPort parse(String text, String option) {
    String s = text.strip();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException(option + " " + text + ": give HOST:PORT");
      }
      host = s.substring(1, end);
      if (end + 1 < s.length()) {
        if (s.charAt(end + 1) != ':') {
          throw new IllegalArgumentException(option + " " + text + ": give HOST:PORT");
        }
        port = s.substring(end + 2);
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0 && s.indexOf(':') == colon) {
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    int p = DEFAULT_PORT;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " " + text + ": the port must be a number");
      }
    }
    if (p < 1 || p > 65534) {
      throw new IllegalArgumentException(option + " " + text + ": the port must be 1 to 65534 (the next one is used too)");
    }
    return new HostPort(host, p);
  }

  /** A comma-separated list of {@code HOST:PORT}. */
  public static List<HostPort> parseList(String text, String option) {
    List<HostPort> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part, option));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(option + ": give at least one HOST:PORT");
    }
    return out;
  }

  boolean isLoopback() {
    return addressIs(InetAddress::isLoopbackAddress);
  }

  /** Whether this is a wildcard address ({@code --listen 0.0.0.0}): one that names no machine to connect to. */
  boolean isWildcard() {
    return addressIs(InetAddress::isAnyLocalAddress);
  }

  /** Whether the host's address is of a kind; not when the name does not resolve. */
  private boolean addressIs(java.util.function.Predicate<InetAddress> kind) {
    try {
      return kind.test(InetAddress.getByName(host));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The local address a coordinator uses to reach {@code target}: loopback for a loopback target,
   * else the address of the interface the system routes to it (found without sending anything).
   */
  static String localAddressFor(HostPort target) {
    if (target.isLoopback()) {
      return "127.0.0.1";
    }
    try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName(target.host()), target.port()));
      InetAddress local = s.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? null : local.getHostAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /** A port free on {@code host} now. */
  static int freePort(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * A port P on loopback with P+1 free as well, now: where a node can listen (discovery on P,
   * chunks on P+1). For tests and the bench, which start nodes on 127.0.0.1.
   */
  public static int freeLoopbackPair() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int p = s.getLocalPort();
        if (p < 65534) {
          try (ServerSocket next = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
            return p;
          } catch (IOException taken) {
            // try another
          }
        }
      }
    }
    throw new IOException("no two free ports in a row on loopback");
  }

  /**
   * Why a node cannot listen at this address, in one line that says what to give instead; null when
   * it can, as far as can be told before it starts: a host that is not one of this machine's
   * addresses (binding port 0 there fails: "Cannot assign requested address"), or a name that does
   * not resolve. A port that another process holds is {@link #portInUse}'s.
   */
  String notHere(String option) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      return option + " " + this + ": " + host + " does not resolve to an address: give one of this machine's ("
          + localAddresses() + "), or 0.0.0.0 for all";
    }
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, 0));
      return null;
    } catch (java.net.BindException e) {
      return option + " " + this + ": " + host + " is not an address of this machine: give one of its addresses ("
          + localAddresses() + "), or 0.0.0.0 for all";
    } catch (IOException | RuntimeException e) {
      return null; // another reason, which Ignite reports
    }
  }

  /** This machine's addresses that other machines may reach, IPv4 first, a few at most; loopback when there are none. */
  static String localAddresses() {
    List<InetAddress> found = new ArrayList<>();
    try {
      for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        if (nif.isUp() && !nif.isLoopback()) {
          for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
            if (!a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
              found.add(a);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // none to name: loopback below
    }
    List<String> names = found.stream().sorted(java.util.Comparator.comparing(a -> a instanceof java.net.Inet6Address))
        .limit(4).map(InetAddress::getHostAddress).map(a -> a.replaceAll("%.*$", "")).toList();
    return names.isEmpty() ? "127.0.0.1" : String.join(", ", names);
  }

  /**
   * The first of this port and the next (a node's discovery and chunk ports) that another process
   * holds on this host now; 0 when both are free (or the address cannot be bound for another reason:
   * one not of this machine is {@link #notHere}'s, the rest Ignite reports).
   */
  int portInUse() {
    for (int p : new int[] {port, port + 1}) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true); // as Ignite binds: a closed connection's TIME_WAIT does not hold the port
        s.bind(new InetSocketAddress(host, p));
      } catch (java.net.BindException e) {
        return p;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
    return 0;
  }

  /**
   * Whether something accepts a TCP connection here within {@code timeoutMillis}: a refused
   * connection (nothing listens) answers at once, where Ignite's join would try for seconds. The
   * connection is closed before a byte is sent; a node logs nothing for it.
   */
  boolean answers(int timeoutMillis) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether this address refuses a TCP connection: its machine answers, and no process listens on
   * the port (a node killed with kill -9). Not a silent machine: that is for failure detection.
   * Never for a wildcard address (--listen 0.0.0.0): that would ask this machine.
   */
  boolean refuses() {
    if (isWildcard()) {
      return false;
    }
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
      return false;
    } catch (java.net.ConnectException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** How long an address may take to accept a TCP connection before it counts as silent. */
  static final int PROBE_MILLIS = 3_000;

  /**
   * {@code addresses} as one comma-separated list when none of them accepts a TCP connection
   * within {@link #PROBE_MILLIS}; null when one does (or there are none). Ignite would instead try
   * for its whole join timeout, or, for a node, start a cluster of its own.
   */
  static String noneAnswers(List<HostPort> addresses) {
    if (addresses.isEmpty() || addresses.stream().anyMatch(a -> a.answers(PROBE_MILLIS))) {
      return null;
    }
    return String.join(",", addresses.stream().map(HostPort::toString).toList());
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
