package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;

/**
 * A node's side of a chunk job: writes the source packets it got to a file, encodes the chunk from
 * it with FrameFork's own {@link ChunkEncoder}, and returns the segment with its SHA-256. One line
 * for each chunk taken and finished. Once the node is stopping, running chunks stop at their next
 * frames and are handed back (the coordinator runs them elsewhere), and new ones are refused.
 */
final class NodeWorker {
  /** The reply's error that tells a coordinator to run the chunk elsewhere, not to count it as failed. */
  static final String HANDED_BACK = "handed back: the node is stopping";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static volatile NodeWorker current;

  private final String name;
  private final Path tmp;
  private final PrintStream log;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean stopping;

  private NodeWorker(String name, Path tmp, PrintStream log) {
    this.name = name;
    this.tmp = tmp;
    this.log = log;
  }

  /** Makes this JVM a worker node named {@code name}; chunk files go in {@code tmp}. */
  static NodeWorker install(String name, Path tmp, PrintStream log) {
    NodeWorker w = new NodeWorker(name, tmp, log);
    current = w;
    return w;
  }

  static NodeWorker current() {
    return current;
  }

  int running() {
    return running.get();
  }

  int done() {
    return done.get();
  }

  /** Stops taking chunks; running ones stop at their next frames and are handed back. */
  void stop() {
    stopping = true;
  }

  private void line(String text) {
    log.println(LocalTime.now().format(TIME) + " " + text);
  }

  byte[] run(byte[] bytes) {
    long t0 = System.nanoTime();
    if (stopping) {
      return ChunkWire.write(new ChunkWire.Reply(name, HANDED_BACK, null, null, null, 0));
    }
    ChunkWire.Request r;
    try {
      r = ChunkWire.readRequest(bytes);
    } catch (RuntimeException e) {
      line("refused a chunk: " + e.getMessage());
      return ChunkWire.write(new ChunkWire.Reply(name, e.getMessage(), null, null, null, 0));
    }
    Chunk c = r.chunk();
    running.incrementAndGet();
    Path dir = null;
    try {
      dir = Files.createTempDirectory(tmp, "chunk-");
      line(String.format("chunk %d of %s taken: frames %d-%d, %s of source packets in", c.index(), r.job(), c.firstFrame(),
          c.firstFrame() + c.frameCount() - 1, size(r.source().length)));
      Path src = dir.resolve("source." + r.container());
      Files.write(src, r.source());
      Path seg = dir.resolve("segment.mkv");
      long[] pts;
      try (ChunkEncoder enc = new ChunkEncoder(src, r.videoIndex(), c, r.settings(), seg, ReadFrom.KEYFRAME, null)) {
        enc.open();
        while (!enc.finished()) {
          if (stopping || Thread.currentThread().isInterrupted()) {
            line("chunk " + c.index() + " of " + r.job() + " handed back");
            return ChunkWire.write(new ChunkWire.Reply(name, HANDED_BACK, null, null, null, 0));
          }
          enc.step(8, () -> stopping || Thread.currentThread().isInterrupted());
        }
        enc.checkFrameCount(r.acceptDamage());
        pts = enc.encodedPts();
      }
      byte[] segment = Files.readAllBytes(seg);
      long nanos = System.nanoTime() - t0;
      done.incrementAndGet();
      line(String.format("chunk %d of %s finished: %d frames in %.1f s, %s out", c.index(), r.job(), pts.length, nanos / 1e9,
          size(segment.length)));
      return ChunkWire.write(new ChunkWire.Reply(name, null, pts, segment, sha256(segment), nanos));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      line("chunk " + c.index() + " of " + r.job() + " failed: " + why);
      return ChunkWire.write(new ChunkWire.Reply(name, why, null, null, null, 0));
    } finally {
      Credentials.deleteTree(dir);
      running.decrementAndGet();
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String size(long bytes) {
    if (bytes >= 10L * 1024 * 1024) {
      return String.format("%.0f MB", bytes / 1048576.0);
    }
    if (bytes >= 1024 * 1024) {
      return String.format("%.1f MB", bytes / 1048576.0);
    }
    return String.format("%.0f kB", bytes / 1024.0);
  }
}
