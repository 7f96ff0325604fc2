package org.framefork.encoder.cluster;

import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.lang.IgniteCallable;

/**
 * The compute job that carries one chunk to a node: its request as bytes in, the node's reply as
 * bytes out (see {@link ChunkWire}). It holds nothing else, and Ignite's binary format writes it as
 * that one byte array: what moves between the JVMs is bytes, only between peers that have passed the
 * TLS handshake, and no Java serialization reads them.
 */
final class ChunkJob implements IgniteCallable<byte[]>, Binarylizable {
  private static final long serialVersionUID = 1L;

  private byte[] request;
  /** When the job was read on the node (Ignite reads a job as it arrives, before it waits for a worker). */
  private transient long arrivedNanos;

  ChunkJob(byte[] request) {
    this.request = request;
  }

  @Override
  public void writeBinary(BinaryWriter writer) {
    writer.writeByteArray("request", request);
  }

  @Override
  public void readBinary(BinaryReader reader) {
    request = reader.readByteArray("request");
    arrivedNanos = System.nanoTime();
  }

  @Override
  public byte[] call() {
    NodeWorker worker = NodeWorker.current();
    if (worker == null) {
      return ChunkWire.write(ChunkWire.Reply.failed("?", "this JVM is not a FrameFork worker node"));
    }
    return worker.run(request, arrivedNanos == 0 ? System.nanoTime() : arrivedNanos);
  }
}
