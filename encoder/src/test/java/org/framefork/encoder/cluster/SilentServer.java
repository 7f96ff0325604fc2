package org.framefork.encoder.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server on 127.0.0.1 that takes every connection and never answers (a stopped node's port, as far as a peer can tell). */
final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  SilentServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("silent-server").start(() -> {
      while (!server.isClosed()) {
        try {
          held.add(server.accept());
        } catch (IOException e) {
          // closed
        }
      }
    });
  }

  HostPort at() {
    return new HostPort("127.0.0.1", server.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
