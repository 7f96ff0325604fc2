package org.framefork.encoder.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * A chunk's probe pictures that do not fit the heap, in a file in the work folder, one after the
 * other: 8-bit ones a byte a sample, deeper ones two (little-endian). The frames written and read
 * are compact ({@link Yuv420Frame#allocate}: three planes in one array, no padding). Deleted when
 * closed. Not thread-safe.
 */
final class SpillFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  /** The bytes of one deeper frame, on their way between its samples and the file; null for 8-bit frames. */
  private final ByteBuffer wide;
  private final long frameBytes;

  static int sampleBytes(int depth) {
    return depth == 8 ? 1 : 2;
  }

  /** The bytes of one frame of {@code size} and {@code depth} bits. */
  static long frameBytes(FrameSize size, int depth) {
    long samples = (long) size.width() * size.height() + 2L * YuvFrame.chromaSize(size.width()) * YuvFrame.chromaSize(size.height());
    return samples * sampleBytes(depth);
  }

  /** Creates (or empties) the file at {@code path} for frames of {@code size} and {@code depth} bits. */
  SpillFile(Path path, FrameSize size, int depth) {
    frameBytes = frameBytes(size, depth);
    wide = depth == 8 ? null : ByteBuffer.allocate(Math.toIntExact(frameBytes)).order(ByteOrder.LITTLE_ENDIAN);
    this.path = path;
    try {
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw failed("keep", e);
    }
  }

  /** Adds {@code frame} at the end of the file. */
  void write(Yuv420Frame<?> frame) {
    ByteBuffer b = switch (frame) {
      case YuvFrame e -> ByteBuffer.wrap(e.y().data());
      case YuvFrame16 d -> {
        wide.clear();
        wide.asShortBuffer().put(d.y().data());
        yield wide;
      }
    };
    try {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException e) {
      throw failed("keep", e);
    }
  }

  /** Reads the {@code i}-th frame written into {@code into}. */
  void read(int i, Yuv420Frame<?> into) {
    ByteBuffer b = into instanceof YuvFrame e ? ByteBuffer.wrap(e.y().data()) : wide.clear();
    long at = i * frameBytes;
    try {
      while (b.hasRemaining()) {
        if (channel.read(b, at + b.position()) < 0) {
          throw new IOException("the file ends early");
        }
      }
    } catch (IOException e) {
      throw failed("read", e);
    }
    if (into instanceof YuvFrame16 d) {
      wide.flip();
      wide.asShortBuffer().get(d.y().data());
    }
  }

  private UncheckedIOException failed(String what, IOException e) {
    return new UncheckedIOException("cannot " + what + " the probe pictures in " + path, e);
  }

  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a leftover spill file goes with the work folder
    }
  }
}
