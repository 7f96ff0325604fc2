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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.report.ByteSize;

/**
 * A node's side of a chunk job: writes the source packets it got to a file, encodes the chunk from
 * it with FrameFork's own {@link ChunkEncoder}, and returns the segment with its SHA-256. One line
 * for each chunk taken and finished. Once the node is stopping, running chunks stop at their next
 * frames and are handed back (the coordinator runs them elsewhere), and new ones are refused. Once
 * it has been cut off from the cluster, the chunks it holds are dropped the same way (their
 * coordinators have run them elsewhere already); those it takes after rejoining run.
 */
final class NodeWorker {
  /** The reply's error that tells a coordinator to run the chunk elsewhere, not to count it as failed. */
  static final String HANDED_BACK = "handed back: the node is stopping";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static volatile NodeWorker current;

  private final String name;
  private final Path tmp;
  private final PrintStream log;
  /** One permit per worker: a chunk job that arrives while all are busy waits here, its bytes read. */
  private final Semaphore workers;
  private final Path sharedDir;
  /**
   * Guards {@link #running}, {@link #waiting}, {@link #refusing} and {@link #stoppedAt} together: a chunk goes from
   * waiting to running in one step, and a stop or {@link #held} never sees it in neither or both.
   */
  private final Object counts = new Object();
  private int running;
  /**
   * Chunks fetched ahead: arrived before the stop (if any), waiting for the node's ready line or for
   * a worker (not yet running).
   */
  private int waiting;
  /**
   * Chunks that arrived after the stop, being refused: not held ({@link #held} says nothing of them),
   * but waited for by {@link #awaitIdle}, so that the node does not leave while a refusal is written.
   */
  private int refusing;
  /** When {@link #stop} was called ({@link System#nanoTime()}); meaningful once {@link #stopping}. */
  private long stoppedAt;
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean stopping;
  private volatile Predicate<String> present = id -> true;
  /**
   * How many times the node has been cut off from the cluster. A chunk that came before the last cut
   * stops: the coordinator that sent it has run it elsewhere, and a reply would go nowhere.
   */
  private final AtomicInteger cuts = new AtomicInteger();
  /**
   * Opened once the node's "ready" line is out: a coordinator whose job runs may send a chunk as
   * soon as the node has joined, before that line, and the chunk's own lines must come after it.
   */
  private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

  private NodeWorker(String name, Path tmp, PrintStream log, int workers, Path sharedDir) {
    this.workers = new Semaphore(workers, true);
    this.sharedDir = sharedDir;
    this.name = name;
    this.tmp = tmp;
    this.log = log;
  }

  /**
   * Makes this JVM a worker node named {@code name} that encodes {@code workers} chunks at once;
   * chunk files go in {@code tmp}; sources under {@code sharedDir} (a real path; null: none) are
   * read where they are.
   */
  static NodeWorker install(String name, Path tmp, PrintStream log, int workers, Path sharedDir) {
    NodeWorker w = new NodeWorker(name, tmp, log, workers, sharedDir);
    current = w;
    return w;
  }

  static NodeWorker current() {
    return current;
  }

  /**
   * The chunks a stop hands back, in words ("1 running chunk and 1 fetched ahead"), the ones
   * fetched ahead (waiting for the ready line or a worker) included; null for none.
   */
  String held() {
    int run;
    int ahead;
    synchronized (counts) {
      run = running;
      ahead = waiting;
    }
    return heldWords(run, ahead);
  }

  private static String heldWords(int run, int ahead) {
    String runWords = run + " running chunk" + (run == 1 ? "" : "s");
    if (ahead == 0) {
      return run == 0 ? null : runWords;
    }
    return run == 0 ? ahead + " chunk" + (ahead == 1 ? "" : "s") + " fetched ahead" : runWords + " and " + ahead + " fetched ahead";
  }

  int done() {
    return done.get();
  }

  /**
   * Stops taking chunks; running ones stop at their next frames and are handed back, and those that
   * arrive from now on are refused. Returns what it holds as it stops, as {@link #held} says.
   */
  String stop() {
    String held;
    synchronized (counts) {
      if (!stopping) {
        stoppedAt = System.nanoTime();
        stopping = true;
      }
      held = heldWords(running, waiting);
    }
    ready.countDown();
    return held;
  }

  /** Prints the node's "ready" line, then lets the chunks that came meanwhile start (and print theirs). */
  void ready(String text) {
    log.println(text);
    log.flush();
    ready.countDown();
  }

  /** The node was cut off from the cluster: every chunk it holds now stops at its next frames. */
  void cutOff() {
    cuts.incrementAndGet();
  }

  /**
   * Waits up to {@code nanos} for the running chunks, and those fetched ahead, to stop, and the
   * refusals of those that came after the stop to be made; whether none is left.
   */
  boolean awaitIdle(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (holding() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return holding() == 0;
  }

  private int holding() {
    synchronized (counts) {
      return running + waiting + refusing;
    }
  }

  /** A line of the node's log, after the time of day. */
  void line(String text) {
    log.println(LocalTime.now().format(TIME) + " " + text);
    log.flush();
  }

  /**
   * Encodes the chunk that {@code bytes} carry.
   *
   * @param arrivedNanos when the chunk's job arrived at this node ({@link System#nanoTime()}): the
   *     time until now it waited in the queue for a worker
   */
  byte[] run(byte[] bytes, long arrivedNanos) {
    boolean late;
    synchronized (counts) {
      // Counted from here: one that waits for the ready line is held too, and a stop says so.
      late = stopping && arrivedNanos - stoppedAt >= 0;
      if (late) {
        refusing++;
      } else {
        waiting++;
      }
    }
    if (late) {
      try {
        return refuse(bytes);
      } finally {
        synchronized (counts) {
          refusing--;
        }
      }
    }
    try {
      ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // cancelled: the chunk stops below
    }
    int cut = cuts.get();
    ChunkWire.Request r;
    try {
      r = ChunkWire.readRequest(bytes);
    } catch (RuntimeException e) {
      doneWaiting(false);
      line("refused a chunk: " + e.getMessage());
      return ChunkWire.write(ChunkWire.Reply.failed(name, e.getMessage()));
    }
    boolean started = false;
    try {
      started = awaitWorker(r, cut);
      if (!started) {
        if (stopping) {
          line("chunk " + r.chunk().index() + " of " + r.job() + " handed back before it started (fetched ahead)");
        }
        return ChunkWire.write(ChunkWire.Reply.failed(name, HANDED_BACK));
      }
    } finally {
      doneWaiting(started);
    }
    try {
      long t0 = System.nanoTime();
      return encode(r, cut, t0, Math.max(0, t0 - arrivedNanos));
    } finally {
      synchronized (counts) {
        running--;
      }
      workers.release();
    }
  }

  /**
   * The reply to a chunk that arrived after the stop: the stopping node is still in the topology, and
   * a coordinator may send it the next chunk. Counted in {@link #refusing} meanwhile.
   */
  private byte[] refuse(byte[] bytes) {
    ChunkWire.Request r;
    try {
      r = ChunkWire.readRequest(bytes);
    } catch (RuntimeException e) {
      line("refused a chunk: " + e.getMessage());
      return ChunkWire.write(ChunkWire.Reply.failed(name, e.getMessage()));
    }
    line("chunk " + r.chunk().index() + " of " + r.job() + " refused: the node is stopping");
    return ChunkWire.write(ChunkWire.Reply.failed(name, HANDED_BACK));
  }

  /** A chunk stops waiting: it runs now ({@code started}), in one step, or leaves. */
  private void doneWaiting(boolean started) {
    synchronized (counts) {
      waiting--;
      if (started) {
        running++;
      }
    }
  }

  /** Tells whether a coordinator, by node id, is still in the cluster; set each time the node has joined. */
  void watchCoordinators(Predicate<String> present) {
    this.present = present;
  }

  /**
   * Why chunk {@code r}, taken after cut-off {@code cut}, must stop now (the node stops or was cut
   * off, or its coordinator cancelled it or left); null to go on.
   */
  private String stopReason(ChunkWire.Request r, int cut) {
    if (stopping) {
      return "handed back";
    }
    if (cut != cuts.get()) {
      return "dropped: the node was cut off from the cluster";
    }
    if (Thread.currentThread().isInterrupted() || !present.test(r.coordinator())) {
      return "dropped: its coordinator cancelled it or left";
    }
    return null;
  }

  /** Waits for a free worker; false when the chunk must stop first (it is then handed back or dropped). */
  private boolean awaitWorker(ChunkWire.Request r, int cut) {
    try {
      while (stopReason(r, cut) == null) {
        if (workers.tryAcquire(50, TimeUnit.MILLISECONDS)) {
          if (stopReason(r, cut) == null) {
            return true;
          }
          workers.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private byte[] encode(ChunkWire.Request r, int cut, long t0, long queued) {
    Chunk c = r.chunk();
    Path dir = null;
    try {
      dir = Files.createTempDirectory(tmp, "chunk-");
      ChunkWire.Source source = r.source();
      line(String.format("chunk %d of %s taken: frames %d-%d, %s", c.index(), r.job(), c.firstFrame(),
          c.firstFrame() + c.frameCount() - 1, source.isShared() ? "read from " + source.sharedPath()
              : ByteSize.text(source.bytes().length) + " of source packets in"));
      Path src = sourceFile(source, dir);
      FilterSetup filters = ChunkFilters.fromWire(r.filters(), dir);
      Path seg = dir.resolve("segment.mkv");
      long[] pts;
      long firstRead;
      try (ChunkEncoder enc = new ChunkEncoder(src, source.videoIndex(), c, r.settings(), seg, ReadFrom.KEYFRAME, filters)) {
        enc.open();
        while (!enc.finished()) {
          String stop = stopReason(r, cut);
          if (stop != null) {
            line("chunk " + c.index() + " of " + r.job() + " " + stop);
            return ChunkWire.write(ChunkWire.Reply.failed(name, HANDED_BACK));
          }
          enc.step(8, () -> stopReason(r, cut) != null);
        }
        enc.checkFrameCount(r.acceptDamage());
        pts = enc.encodedPts();
        firstRead = enc.firstReadNanos();
      }
      byte[] segment = Files.readAllBytes(seg);
      long nanos = System.nanoTime() - t0;
      done.incrementAndGet();
      line(String.format("chunk %d of %s finished: %d frames in %.1f s, %s out", c.index(), r.job(), pts.length, nanos / 1e9,
          ByteSize.text(segment.length)));
      return ChunkWire.write(new ChunkWire.Reply(name, null, pts, segment, sha256(segment), nanos, queued, firstRead));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      line("chunk " + c.index() + " of " + r.job() + " failed: " + why);
      return ChunkWire.write(ChunkWire.Reply.failed(name, why));
    } finally {
      FileTrees.deleteBestEffort(dir);
    }
  }

  /**
   * The file to decode: the packets, written into {@code dir}; or the shared file itself, once it
   * is checked to be under this node's {@code --shared-dir} and to be the coordinator's file.
   */
  private Path sourceFile(ChunkWire.Source s, Path dir) throws IOException {
    if (!s.isShared()) {
      Path src = dir.resolve("source." + s.container());
      Files.write(src, s.bytes());
      return src;
    }
    Path shared = Path.of(s.sharedPath());
    Path real;
    try {
      real = shared.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException(shared + " cannot be read here (" + e.getMessage() + "); is the share mounted at the "
          + "same path on every machine?");
    }
    if (sharedDir == null || !real.startsWith(sharedDir)) {
      throw new IllegalArgumentException(shared + " is not under this node's --shared-dir");
    }
    if (!Checksums.fingerprint(real).equals(s.fingerprint())) {
      throw new IllegalArgumentException(shared + " here is not the coordinator's file (another file at the same path?)");
    }
    return real;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
