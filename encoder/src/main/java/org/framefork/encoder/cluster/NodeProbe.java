package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * What answers at a {@code --cluster} or {@code --join} address, told in about a second by a TLS
 * handshake with the cluster's credentials, without joining: an address that accepts connections
 * may still be no node's discovery port, and Ignite's join then tries for its whole timeout (a
 * coordinator) or starts a cluster of its own (a node).
 *
 * <p>A node's discovery port completes the handshake and then waits for the joiner to speak; its
 * chunk port (PORT+1) completes it and speaks first, at once (Ignite's communication sends its node
 * id); a server that is not TLS answers the handshake with bytes that are not TLS; one that accepts
 * the connection and does not answer the handshake in {@link #SILENT_MILLIS} (a stopped node, a
 * server waiting for its own protocol) would have Ignite's join wait on it for its whole timeout; a
 * node of credentials from another {@code --init} shows a certificate that these do not trust (the
 * CAs share a name, so Java's own words are "Signature does not match."). Neither side logs
 * anything for the probe, which closes after the handshake without sending a byte of its own.
 * Anything else (a peer that closes) is left to Ignite, which says it its own way.
 */
final class NodeProbe {
  /** How long a chunk port gets to speak after the handshake (it does within tens of ms). */
  static final int SPEAKS_FIRST_MILLIS = 1_000;
  /**
   * How long the handshake may go unanswered before the address is called silent: a node answers in
   * milliseconds once it runs, but a cold node JVM on a loaded machine, or one started at the same
   * time, can take seconds (its first handshake, while Ignite starts), and Ignite's own join would
   * still succeed; the other nodes wait as long for a silent node before they drop it.
   */
  static final int SILENT_MILLIS = (int) ClusterEngine.FAILURE_DETECTION_MS;
  /** The longest {@link #probe} takes: a connection, a handshake, and a wait for the peer to speak first. */
  static final int LONGEST_MILLIS = HostPort.PROBE_MILLIS + SILENT_MILLIS + SPEAKS_FIRST_MILLIS;

  enum Answer {
    /** Silent after the handshake: a node's discovery port, as far as can be told. */
    DISCOVERY,
    /** Spoke first after the handshake: a node's chunk port. */
    CHUNK_PORT,
    /** Answered the handshake with something that is not TLS. */
    NOT_TLS,
    /** Took the connection, but did not answer the handshake within {@link #SILENT_MILLIS}. */
    SILENT,
    /** A TLS peer with a certificate of another FrameFork cluster CA, or that refused these credentials' own. */
    OTHER_CREDENTIALS,
    /** A TLS peer whose certificate no FrameFork cluster CA issued: not a node. */
    TLS_NOT_A_NODE,
    /** A node whose certificate's dates do not hold at this machine's time. */
    OUT_OF_DATE,
    /** Nothing certain: no connection, a closed connection. */
    UNKNOWN
  }

  private NodeProbe() {}

  /**
   * Why none of {@code addresses} can be a node's discovery port, in one line naming each; null
   * when one may be (or nothing certain is known).
   */
  static String noneIsANode(List<HostPort> addresses, Credentials credentials) {
    if (addresses.isEmpty()) {
      return null;
    }
    SSLContext tls;
    try {
      tls = context(credentials);
    } catch (RuntimeException e) { // Ignite's factory wraps what the stores throw
      return null; // Ignite reads the same stores and says what is wrong
    }
    // Each address at once, on a thread of its own: a silent one takes SILENT_MILLIS, and a node's answer ends the wait.
    CompletableFuture<Void> mayBeANode = new CompletableFuture<>();
    List<CompletableFuture<String>> whys = new ArrayList<>();
    for (HostPort at : addresses) {
      CompletableFuture<String> why = new CompletableFuture<>();
      whys.add(why);
      Thread.ofPlatform().daemon().name("framefork-node-probe").start(() -> {
        String said = null;
        try {
          said = why(at, probe(at, tls));
        } finally {
          if (said == null) {
            mayBeANode.complete(null);
          }
          why.complete(said);
        }
      });
    }
    CompletableFuture.anyOf(mayBeANode, CompletableFuture.allOf(whys.toArray(CompletableFuture[]::new))).join();
    if (mayBeANode.isDone()) {
      return null;
    }
    return String.join("; ", whys.stream().map(CompletableFuture::join).toList()); // every address answered, none as a node
  }

  /** Why {@code at}, which gave {@code answer}, is no node's discovery port; null when it may be one. */
  private static String why(HostPort at, Answer answer) {
    return switch (answer) {
      case CHUNK_PORT -> at + " is a FrameFork node's chunk port (its PORT+1): give the node's --listen address, "
          + new HostPort(at.host(), at.port() - 1) + ", its discovery port";
      case NOT_TLS -> at + " answers, but not as a FrameFork node (not TLS): give the --listen address of a node";
      case SILENT -> at + " takes connections, but answers no TLS handshake in " + SILENT_MILLIS / 1000
          + " s (a stopped node, or no node): give the --listen address of a running node";
      case OTHER_CREDENTIALS -> otherCredentials(at.toString());
      case TLS_NOT_A_NODE -> at + " answers TLS, but with a certificate that no FrameFork cluster CA issued (not a node): "
          + "give the --listen address of a node";
      case OUT_OF_DATE -> at + " shows a certificate that is not valid at this machine's time (expired, or one of the "
          + "clocks is wrong): check both machines' clocks, or make new credentials with 'framefork node --init'";
      case DISCOVERY, UNKNOWN -> null;
    };
  }

  /** What answers at {@code at}: connects, shakes hands with {@code tls}, and waits a moment to see who speaks first. */
  static Answer probe(HostPort at, SSLContext tls) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(at.host(), at.port()), HostPort.PROBE_MILLIS);
      try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, at.host(), at.port(), true)) {
        s.setSoTimeout(SILENT_MILLIS);
        try {
          s.startHandshake();
        } catch (SocketTimeoutException e) {
          return Answer.SILENT;
        } catch (SSLException e) {
          if (String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message")) {
            return Answer.NOT_TLS;
          }
          return !refusedCertificate(e) ? Answer.UNKNOWN : byIssuer(ShownChain.last(), e);
        } finally {
          ShownChain.forget();
        }
        s.setSoTimeout(SPEAKS_FIRST_MILLIS);
        InputStream in = s.getInputStream();
        try {
          return in.read() >= 0 ? Answer.CHUNK_PORT : Answer.UNKNOWN;
        } catch (SocketTimeoutException silent) {
          return Answer.DISCOVERY;
        } catch (SSLException e) {
          return refusedCertificate(e) ? Answer.OTHER_CREDENTIALS : Answer.UNKNOWN; // TLS 1.3: the server checks ours after the handshake
        }
      }
    } catch (IOException | RuntimeException e) {
      return Answer.UNKNOWN;
    }
  }

  /**
   * Whether the node at {@code at} stands still: it takes a connection (its kernel does) and answers
   * no TLS handshake with {@code tls} within {@code millis}, as a node whose JVM was stopped (SIGSTOP,
   * a suspended VM) or a silent machine. Not a node that refuses the connection or closes it: that
   * one is gone, and Ignite skips it at once.
   */
  static boolean standsStill(HostPort at, SSLContext tls, int millis) {
    return still(new InetSocketAddress(at.host(), at.port()), tls, millis) == Still.STILL;
  }

  /** What a node's discovery port did with a TLS handshake (see {@link #still}). */
  enum Still {
    /** Took the connection and answered no handshake in time: it stands still. */
    STILL,
    /** Completed the handshake: a node that runs. */
    ANSWERED,
    /** Refused or closed the connection, or took none: no answer either way (a killed node). */
    NONE
  }

  /** Whether the node at {@code at} stands still, answers a handshake with {@code tls} in {@code millis}, or neither. */
  static Still still(InetSocketAddress at, SSLContext tls, int millis) {
    try (Socket plain = new Socket()) {
      plain.connect(at, HostPort.PROBE_MILLIS);
      try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, at.getHostString(), at.getPort(), true)) {
        s.setSoTimeout(millis);
        s.startHandshake();
        return Still.ANSWERED;
      } finally {
        ShownChain.forget();
      }
    } catch (SocketTimeoutException e) {
      return Still.STILL; // the handshake, or the connection itself (a silent machine)
    } catch (IOException | RuntimeException e) {
      return Still.NONE;
    }
  }

  /**
   * Why the node at {@code at} refuses these credentials, in words: no Java message (Ignite's own
   * root cause was "Signature does not match.").
   */
  static String otherCredentials(String at) {
    return at + " does not accept these credentials: they come from another 'framefork node --init' than that node's; "
        + "copy the same credentials folder to every machine";
  }

  /**
   * What a failed join {@code e} at {@code where} ({@code addresses} of them) says when a certificate
   * was refused: the node has other credentials; null when that was not the failure.
   */
  static String otherCredentials(Throwable e, int addresses, String where) {
    return refusedCertificate(e) ? otherCredentials(addresses == 1 ? where : "a node at " + where) : null;
  }


  /**
   * Whether {@code e}, or one of its causes, is a TLS handshake that failed over a certificate:
   * the peer's, which these credentials' CA did not sign, or ours, which the peer refused.
   */
  static boolean refusedCertificate(Throwable e) {
    return anyCause(e, t -> t instanceof java.security.cert.CertificateException
        || t instanceof java.security.cert.CertPathValidatorException
        || (t instanceof SSLException && String.valueOf(t.getMessage()).matches(
            ".*alert: (bad_certificate|certificate_unknown|unknown_ca).*")));
  }

  /** Whether {@code e} or one of its causes is {@code what}. */
  private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> what) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (what.test(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A certificate refused in the handshake, by who issued it: a FrameFork cluster CA (another {@code
   * --init}'s, or a certificate whose dates do not hold at this machine's time) or anything else that
   * speaks TLS. With none shown to this side, the peer refused ours: a node of other credentials.
   */
  private static Answer byIssuer(java.security.cert.X509Certificate[] shown, Throwable e) {
    if (shown == null || shown.length == 0) {
      return Answer.OTHER_CREDENTIALS;
    }
    if (!shown[shown.length - 1].getIssuerX500Principal().getName().equals(Credentials.CA_NAME)) {
      return Answer.TLS_NOT_A_NODE;
    }
    return anyCause(e, t -> t instanceof java.security.cert.CertificateExpiredException
        || t instanceof java.security.cert.CertificateNotYetValidException) ? Answer.OUT_OF_DATE : Answer.OTHER_CREDENTIALS;
  }

  /**
   * The trust manager of a probe: the cluster's own, which also keeps the chain a peer showed, for
   * {@link #byIssuer} to read on the same thread once the handshake failed.
   */
  private static final class ShownChain extends javax.net.ssl.X509ExtendedTrustManager {
    private static final ThreadLocal<java.security.cert.X509Certificate[]> LAST = new ThreadLocal<>();
    private final javax.net.ssl.X509ExtendedTrustManager trust;

    ShownChain(javax.net.ssl.X509ExtendedTrustManager trust) {
      this.trust = trust;
    }

    static java.security.cert.X509Certificate[] last() {
      return LAST.get();
    }

    static void forget() {
      LAST.remove();
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth, Socket socket)
        throws java.security.cert.CertificateException {
      LAST.set(chain);
      trust.checkServerTrusted(chain, auth, socket);
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth, javax.net.ssl.SSLEngine engine)
        throws java.security.cert.CertificateException {
      LAST.set(chain);
      trust.checkServerTrusted(chain, auth, engine);
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth)
        throws java.security.cert.CertificateException {
      LAST.set(chain);
      trust.checkServerTrusted(chain, auth);
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth, Socket socket)
        throws java.security.cert.CertificateException {
      trust.checkClientTrusted(chain, auth, socket);
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth, javax.net.ssl.SSLEngine engine)
        throws java.security.cert.CertificateException {
      trust.checkClientTrusted(chain, auth, engine);
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth)
        throws java.security.cert.CertificateException {
      trust.checkClientTrusted(chain, auth);
    }

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return trust.getAcceptedIssuers();
    }
  }

  /**
   * TLS 1.3 with the cluster's key and trust stores: the very settings of Ignite's connections,
   * with a trust manager that also keeps the chain a peer showed ({@link ShownChain}).
   */
  static SSLContext context(Credentials c) {
    org.apache.ignite.ssl.SslContextFactory tls = ClusterEngine.tls(c);
    try (InputStream in = java.nio.file.Files.newInputStream(c.trustStore())) {
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(in, c.password().clone());
      javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          tls.getKeyAlgorithm()); // as Ignite makes its own trust managers (SunX509)
      tmf.init(trust);
      tls.setTrustManagers(new ShownChain((javax.net.ssl.X509ExtendedTrustManager) tmf.getTrustManagers()[0]));
    } catch (IOException | java.security.GeneralSecurityException | ClassCastException e) {
      // Ignite reads the trust store itself and says what is wrong; the probe cannot tell who issued a refused certificate
    }
    return tls.create();
  }

}
