package org.framefork.encoder.cluster;

import org.apache.ignite.lang.IgniteCallable;

/**
 * The compute job that carries one chunk to a node: its request as bytes in, the node's reply as
 * bytes out (see {@link ChunkWire}). It holds nothing else, so what Ignite moves between the JVMs is
 * a byte array, and only between peers that have passed the TLS handshake.
 */
final class ChunkJob implements IgniteCallable<byte[]> {
  private static final long serialVersionUID = 1L;

  private final byte[] request;

  ChunkJob(byte[] request) {
    this.request = request;
  }

  @Override
  public byte[] call() {
    NodeWorker worker = NodeWorker.current();
    if (worker == null) {
      return ChunkWire.write(new ChunkWire.Reply("?", "this JVM is not a FrameFork worker node", null, null, null, 0));
    }
    return worker.run(request);
  }
}
