package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy on 127.0.0.1 that holds each connection for a while, reading and answering nothing, and
 * then passes it on to a port on 127.0.0.1 both ways: a node that answers its handshakes late, as a
 * cold node JVM on a loaded machine does, as far as a peer can tell.
 */
final class LateProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  LateProxy(int to, long lateMillis) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("late-proxy").start(() -> {
      while (!server.isClosed()) {
        try {
          Socket in = server.accept();
          open.add(in);
          Thread.ofPlatform().daemon().start(() -> passOn(in, to, lateMillis));
        } catch (IOException e) {
          // closed
        }
      }
    });
  }

  private void passOn(Socket in, int to, long lateMillis) {
    try {
      Thread.sleep(lateMillis);
      Socket out = new Socket(InetAddress.getLoopbackAddress(), to);
      open.add(out);
      Thread.ofPlatform().daemon().start(() -> copy(out, in));
      copy(in, out);
    } catch (IOException | InterruptedException e) {
      closeQuietly(in);
    }
  }

  /** Copies {@code from} to {@code to} until either closes, then closes both. */
  private static void copy(Socket from, Socket to) {
    try (InputStream r = from.getInputStream(); OutputStream w = to.getOutputStream()) {
      r.transferTo(w);
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closed already
    }
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(LateProxy::closeQuietly);
  }
}
