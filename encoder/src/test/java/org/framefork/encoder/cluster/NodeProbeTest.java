package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What NodeProbe tells from a TLS handshake with the cluster's credentials, against servers that act
 * as a node's ports do (CoordinatorFailureTest has a real node's): one that is silent after the
 * handshake (discovery), one that speaks first (Ignite's communication sends its node id), one that
 * is not TLS, one of another cluster's credentials, and the cases it leaves to Ignite.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeProbeTest {
  @TempDir static Path tmp;
  static Credentials cred;
  static SSLContext tls;

  @BeforeAll
  static void credentials() throws Exception {
    cred = Credentials.init(tmp.resolve("cred"));
    tls = NodeProbe.context(cred);
  }

  @Test
  void aTlsServerThatSpeaksFirstIsAChunkPortAndOneThatWaitsIsADiscoveryPort() throws Exception {
    try (ServerSocket speaks = tlsServer(tls, true, 0); ServerSocket waits = tlsServer(tls, false, 0)) {
      HostPort chunks = new HostPort("127.0.0.1", speaks.getLocalPort());
      HostPort discovery = new HostPort("127.0.0.1", waits.getLocalPort());
      assertEquals(NodeProbe.Answer.CHUNK_PORT, NodeProbe.probe(chunks, tls));
      assertEquals(NodeProbe.Answer.DISCOVERY, NodeProbe.probe(discovery, tls));
      assertEquals(chunks + " is a FrameFork node's chunk port (its PORT+1): give the node's --listen address, 127.0.0.1:"
          + (chunks.port() - 1) + ", its discovery port", NodeProbe.noneIsANode(List.of(chunks), cred));
      assertNull(NodeProbe.noneIsANode(List.of(chunks, discovery), cred), "one address may be a node's");
    }
  }

  @Test
  void aNodeThatTakesConnectionsAndAnswersNoHandshakeStandsStill() throws Exception {
    // A frozen node (SIGSTOP): its kernel takes the connection, and nothing answers. A coordinator leaves
    // it out of its reconnect while another node answers.
    try (SilentServer frozen = new SilentServer(); ServerSocket node = tlsServer(tls, false, 0)) {
      long t0 = System.nanoTime();
      assertTrue(NodeProbe.standsStill(frozen.at(), tls, 500));
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(took >= 400 && took < 5_000, took + " ms");
      assertFalse(NodeProbe.standsStill(new HostPort("127.0.0.1", node.getLocalPort()), tls, 2_000));
    }
    int closed = HostPort.freeLoopbackPair(); // nothing listens: gone, not standing still
    assertFalse(NodeProbe.standsStill(new HostPort("127.0.0.1", closed), tls, 500));
  }

  @Test
  void aHandshakeSaysStillAnsweredOrNeither() throws Exception {
    // A coordinator leaves a frozen node out of its reconnect only when another node answered: a killed
    // node's refusal is no answer.
    try (SilentServer frozen = new SilentServer(); ServerSocket node = tlsServer(tls, false, 0)) {
      assertEquals(NodeProbe.Still.STILL, NodeProbe.still(new java.net.InetSocketAddress("127.0.0.1", frozen.at().port()), tls, 500));
      assertEquals(NodeProbe.Still.ANSWERED, NodeProbe.still(new java.net.InetSocketAddress("127.0.0.1", node.getLocalPort()), tls,
          2_000));
    }
    int closed = HostPort.freeLoopbackPair();
    assertEquals(NodeProbe.Still.NONE, NodeProbe.still(new java.net.InetSocketAddress("127.0.0.1", closed), tls, 500));
  }

  @Test
  void aServerThatIsNotTlsIsNamedAndTheRestIsLeftToIgnite() throws Exception {
    try (ServerSocket web = plainServer(); ServerSocket other = tlsServer(NodeProbe.context(Credentials.init(tmp.resolve("other"))),
        false, 0)) {
      HostPort at = new HostPort("127.0.0.1", web.getLocalPort());
      assertEquals(NodeProbe.Answer.NOT_TLS, NodeProbe.probe(at, tls));
      assertEquals(at + " answers, but not as a FrameFork node (not TLS): give the --listen address of a node",
          NodeProbe.noneIsANode(List.of(at), cred));
      // Another cluster's node (credentials from another --init): Ignite said only "Signature does not match.".
      HostPort another = new HostPort("127.0.0.1", other.getLocalPort());
      assertEquals(NodeProbe.Answer.OTHER_CREDENTIALS, NodeProbe.probe(another, tls));
      assertEquals(another + " does not accept these credentials: they come from another 'framefork node --init' than that "
          + "node's; copy the same credentials folder to every machine", NodeProbe.noneIsANode(List.of(another), cred));
    }
    int nothing = HostPort.freeLoopbackPair();
    assertEquals(NodeProbe.Answer.UNKNOWN, NodeProbe.probe(new HostPort("127.0.0.1", nothing), tls));
    assertNull(NodeProbe.noneIsANode(List.of(), cred));
  }

  /**
   * A refused certificate is told by who issued it: a TLS server of something else (a web server's
   * own certificate) is not a node of other credentials, and a node's certificate of this cluster's
   * CA whose dates have passed is a matter of clocks, not of credentials.
   */
  @Test
  void aRefusedCertificateIsToldByItsIssuer() throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("issuers"));
    String pw = new String(cred.password());
    keytool(dir, "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=example.org",
        "-validity", "30", "-keystore", "web.p12", "-storetype", "PKCS12", "-storepass", pw);
    // A CA named as every cluster's, a node key it signed with dates long past, and a trust store of that CA.
    keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", Credentials.CA_NAME,
        "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", pw);
    keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", pw, "-rfc", "-file", "ca.pem");
    keytool(dir, "-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-storetype", "PKCS12",
        "-storepass", pw, "-noprompt");
    keytool(dir, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node",
        "-keystore", "old.p12", "-storetype", "PKCS12", "-storepass", pw);
    keytool(dir, "-certreq", "-alias", "node", "-keystore", "old.p12", "-storepass", pw, "-file", "old.csr");
    keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", pw, "-infile", "old.csr", "-outfile",
        "old.pem", "-rfc", "-startdate", "2001/01/01", "-validity", "2");
    keytool(dir, "-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "old.p12", "-storepass", pw, "-noprompt");
    keytool(dir, "-importcert", "-alias", "node", "-file", "old.pem", "-keystore", "old.p12", "-storepass", pw);
    Credentials thisCa = new Credentials(dir, cred.keyStore(), dir.resolve("trust.p12"), cred.password());
    try (ServerSocket web = keyServer(dir.resolve("web.p12"), pw); ServerSocket old = keyServer(dir.resolve("old.p12"), pw)) {
      HostPort w = new HostPort("127.0.0.1", web.getLocalPort());
      assertEquals(NodeProbe.Answer.TLS_NOT_A_NODE, NodeProbe.probe(w, tls));
      assertEquals(w + " answers TLS, but with a certificate that no FrameFork cluster CA issued (not a node): give the "
          + "--listen address of a node", NodeProbe.noneIsANode(List.of(w), cred));
      HostPort o = new HostPort("127.0.0.1", old.getLocalPort());
      assertEquals(NodeProbe.Answer.OUT_OF_DATE, NodeProbe.probe(o, NodeProbe.context(thisCa)));
      assertTrue(NodeProbe.noneIsANode(List.of(o), thisCa).contains("not valid at this machine's time"));
    }
  }

  private static void keytool(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", args) + ": " + said);
  }

  /** A TLS server of the key in {@code store}, which asks for no client certificate (as a web server). */
  private static ServerSocket keyServer(Path store, String pw) throws Exception {
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(store)) {
      ks.load(in, pw.toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw.toCharArray());
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), null, null);
    ServerSocket server = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serve(server, s -> {
      ((SSLSocket) s).startHandshake();
      s.getInputStream().read();
    });
    return server;
  }

  @Test
  void aServerThatTakesTheConnectionAndNeverAnswersIsSaidSilentInBoundedTime() throws Exception {
    // Something that accepts and never speaks (a stopped node's port): Ignite's join waited 15 s on it.
    try (SilentServer silent = new SilentServer(); SilentServer another = new SilentServer()) {
      HostPort at = silent.at();
      long t0 = System.nanoTime();
      assertEquals(NodeProbe.Answer.SILENT, NodeProbe.probe(at, tls));
      assertAbout(NodeProbe.SILENT_MILLIS, t0);
      // Both at once: two silent addresses take no longer than one.
      t0 = System.nanoTime();
      String why = " takes connections, but answers no TLS handshake in 10 s (a stopped node, or no node): give the --listen "
          + "address of a running node";
      assertEquals(at + why + "; " + another.at() + why, NodeProbe.noneIsANode(List.of(at, another.at()), cred));
      assertAbout(NodeProbe.SILENT_MILLIS, t0);
    }
  }

  @Test
  void aNodeThatAnswersTheHandshakeLateIsNotSaidSilent() throws Exception {
    // A cold node JVM on a loaded machine, or one started at the same time: its first handshake took
    // 3.5 s, and the probe, which waited 3 s, refused a node that Ignite would have joined.
    try (ServerSocket late = tlsServer(tls, false, 4_500)) {
      HostPort at = new HostPort("127.0.0.1", late.getLocalPort());
      long t0 = System.nanoTime();
      assertEquals(NodeProbe.Answer.DISCOVERY, NodeProbe.probe(at, tls));
      assertTrue((System.nanoTime() - t0) / 1e6 >= 4_500, "the handshake was answered after 4.5 s");
      assertNull(NodeProbe.noneIsANode(List.of(at), cred));
    }
  }

  @Test
  void aNodesAnswerEndsTheWaitForASilentAddress() throws Exception {
    try (SilentServer silent = new SilentServer(); ServerSocket node = tlsServer(tls, false, 0)) {
      long t0 = System.nanoTime();
      assertNull(NodeProbe.noneIsANode(List.of(silent.at(), new HostPort("127.0.0.1", node.getLocalPort())), cred));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(seconds < NodeProbe.SILENT_MILLIS / 2000.0, "the node answered, yet the probe waited " + seconds + " s for the silent address");
    }
  }

  /** That about {@code millis} passed since {@code t0} (System.nanoTime): not less, and not 2 s more. */
  private static void assertAbout(long millis, long t0) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds >= millis / 1000.0 - 0.1 && seconds < millis / 1000.0 + 2, seconds + " s");
  }

  /**
   * A TLS server with mutual authentication that answers each handshake after {@code lateMillis},
   * and then speaks first or waits for the client.
   */
  private static ServerSocket tlsServer(SSLContext context, boolean speaksFirst, long lateMillis) throws IOException {
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    serve(server, s -> {
      SSLSocket ssl = (SSLSocket) s;
      try {
        Thread.sleep(lateMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ssl.startHandshake();
      if (speaksFirst) {
        ssl.getOutputStream().write(new byte[] {-1, -1, 1, 2, 3, 4});
        ssl.getOutputStream().flush();
      }
      ssl.getInputStream().read();
    });
    return server;
  }

  /** A plain-text server that answers anything with an HTTP error, as a web server does. */
  private static ServerSocket plainServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serve(server, s -> {
      s.getInputStream().read(new byte[512]);
      s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    });
    return server;
  }

  private interface Conversation {
    void with(Socket s) throws IOException;
  }

  private static void serve(ServerSocket server, Conversation conversation) {
    Thread.ofPlatform().daemon().start(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.setSoTimeout(5000);
          conversation.with(s);
        } catch (IOException e) {
          // the client closed, or the server did
        }
      }
    });
  }
}
