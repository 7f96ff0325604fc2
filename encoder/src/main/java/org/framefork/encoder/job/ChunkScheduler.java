package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.job.JobEvent.ChunkFailed;
import org.framefork.encoder.job.JobEvent.ChunkFinished;
import org.framefork.encoder.job.JobEvent.ChunkProgress;
import org.framefork.encoder.job.JobEvent.ChunkStarted;
import org.framefork.encoder.plan.Chunk;

/**
 * Runs a plan's chunks in one of the three execution modes. Each chunk is one unit of work with its
 * own decoder and encoder; a chunk that fails is tried again (from the start of the file the second
 * time, in case a seek landed wrong) up to the attempt limit.
 */
final class ChunkScheduler {
  /** Frames a chunk encodes between progress events, and per turn in the concurrent mode. */
  static final int STEP_FRAMES = 8;
  /** Chunks open at once in the concurrent mode: each open chunk holds a decoder and an encoder. */
  static final int CONCURRENT_OPEN = 8;

  /** What running one chunk took. {@code busyNanos} counts only the time its own work ran. */
  record Outcome(Chunk chunk, int worker, long startNanos, long endNanos, long busyNanos, long bytes, int attempts, long[] framePts) {
    /** Planned frames that damage in the source kept out of the segment. */
    int droppedFrames() {
      return chunk.frameCount() - framePts.length;
    }
  }

  private final Path source;
  private final int videoIndex;
  private final EncodeSettings settings;
  private final JobWorkspace workspace;
  private final JobListener listener;
  private final int maxAttempts;
  private final AtomicBoolean stop;
  private final FilterSetup filters;

  ChunkScheduler(Path source, int videoIndex, EncodeSettings settings, JobWorkspace workspace, JobListener listener,
      int maxAttempts, AtomicBoolean stop) {
    this(source, videoIndex, settings, null, workspace, listener, maxAttempts, stop);
  }

  /** @param filters the job's filter chain, ready; each chunk runs its own instance of it (null: none) */
  ChunkScheduler(Path source, int videoIndex, EncodeSettings settings, FilterSetup filters, JobWorkspace workspace,
      JobListener listener, int maxAttempts, AtomicBoolean stop) {
    this.filters = filters;
    this.source = source;
    this.videoIndex = videoIndex;
    this.settings = settings;
    this.workspace = workspace;
    this.listener = listener;
    this.maxAttempts = maxAttempts;
    this.stop = stop;
  }

  /** Runs {@code chunks} (in the order given: longest first) in {@code mode}. */
  List<Outcome> run(List<Chunk> chunks, ExecutionMode mode, int workers) {
    return switch (mode) {
      case SEQUENTIAL -> runSequential(chunks);
      case CONCURRENT -> runConcurrent(chunks);
      case PARALLEL -> runParallel(chunks, workers);
    };
  }

  private List<Outcome> runSequential(List<Chunk> chunks) {
    List<Outcome> out = new ArrayList<>();
    for (Chunk c : chunks) {
      out.add(runWhole(c, 0));
    }
    return out;
  }

  /** A worker thread that knows its lane number, so events can say which worker ran a chunk. */
  static final class LaneThread extends ForkJoinWorkerThread {
    final int lane;

    LaneThread(ForkJoinPool pool, int lane) {
      super(pool);
      this.lane = lane;
      setName("framefork-worker-" + lane);
      setDaemon(true);
    }
  }

  private List<Outcome> runParallel(List<Chunk> chunks, int workers) {
    AtomicInteger lanes = new AtomicInteger();
    ForkJoinPool pool = new ForkJoinPool(workers, p -> new LaneThread(p, lanes.getAndIncrement() % workers), null, false);
    try {
      // Submitted longest first; a pool's external queue is taken oldest first, so workers take them
      // in that order and no long chunk is left to run alone at the end.
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Chunk c : chunks) {
        futures.add(pool.submit(() -> runWhole(c, ((LaneThread) Thread.currentThread()).lane)));
      }
      List<Outcome> out = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<Outcome> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          // The first real failure wins over the cancellations it causes in the other workers.
          if (failure == null || (failure instanceof JobCancelledException && !(cause instanceof JobCancelledException))) {
            failure = cause;
          }
          stop.set(true); // the other workers stop at their next frame
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop.set(true);
          throw new JobCancelledException();
        }
      }
      if (failure != null) {
        throw failure;
      }
      return out;
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs one chunk start to end on the calling thread, with retries. */
  private Outcome runWhole(Chunk c, int worker) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      checkStop();
      listener.onEvent(new ChunkStarted(c.index(), worker, attempt, c.frameCount(), System.nanoTime()));
      long t0 = System.nanoTime();
      try (ChunkEncoder enc = newEncoder(c, attempt)) {
        enc.open();
        while (!enc.finished()) {
          checkStop();
          enc.step(STEP_FRAMES, stop::get);
          listener.onEvent(new ChunkProgress(c.index(), worker, enc.framesEncoded(), c.frameCount(), System.nanoTime()));
        }
        enc.checkFrameCount(acceptsDamage(attempt));
        long end = System.nanoTime();
        return finished(c, worker, enc, start, end, end - t0, attempt);
      } catch (JobCancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        if (stop.get()) {
          throw new JobCancelledException();
        }
        boolean retry = attempt < maxAttempts;
        listener.onEvent(new ChunkFailed(c.index(), worker, attempt, message(e), retry, System.nanoTime()));
        if (!retry) {
          throw new ChunkFailedException(c.index(), attempt, e);
        }
      }
    }
  }

  /** One chunk of the concurrent mode: its encoder stays open between turns. */
  private final class Turn {
    final Chunk chunk;
    int attempt = 1;
    ChunkEncoder enc;
    long start;
    long busy;

    Turn(Chunk chunk) {
      this.chunk = chunk;
    }
  }

  private List<Outcome> runConcurrent(List<Chunk> chunks) {
    Deque<Chunk> waiting = new ArrayDeque<>(chunks);
    List<Turn> open = new ArrayList<>();
    List<Outcome> out = new ArrayList<>();
    try {
      while (!waiting.isEmpty() || !open.isEmpty()) {
        while (open.size() < CONCURRENT_OPEN && !waiting.isEmpty()) {
          Turn t = new Turn(waiting.poll());
          t.start = System.nanoTime();
          open.add(t);
        }
        // One round: every open chunk gets a few frames, one chunk at a time.
        for (int i = 0; i < open.size(); i++) {
          checkStop();
          Turn t = open.get(i);
          long t0 = System.nanoTime();
          try {
            if (t.enc == null) {
              listener.onEvent(new ChunkStarted(t.chunk.index(), 0, t.attempt, t.chunk.frameCount(), t0));
              t.enc = newEncoder(t.chunk, t.attempt);
              t.enc.open();
            }
            t.enc.step(STEP_FRAMES, stop::get);
            t.busy += System.nanoTime() - t0;
            listener.onEvent(new ChunkProgress(t.chunk.index(), 0, t.enc.framesEncoded(), t.chunk.frameCount(), System.nanoTime()));
            if (t.enc.finished()) {
              t.enc.checkFrameCount(acceptsDamage(t.attempt));
              out.add(finished(t.chunk, 0, t.enc, t.start, System.nanoTime(), t.busy, t.attempt));
              t.enc.close();
              open.remove(i--);
            }
          } catch (JobCancelledException e) {
            throw e;
          } catch (RuntimeException e) {
            t.busy += System.nanoTime() - t0;
            if (t.enc != null) {
              t.enc.close();
              t.enc = null;
            }
            boolean retry = t.attempt < maxAttempts;
            listener.onEvent(new ChunkFailed(t.chunk.index(), 0, t.attempt, message(e), retry, System.nanoTime()));
            if (!retry) {
              throw new ChunkFailedException(t.chunk.index(), t.attempt, e);
            }
            t.attempt++;
          }
        }
      }
      return out;
    } finally {
      for (Turn t : open) {
        if (t.enc != null) {
          t.enc.close();
        }
      }
    }
  }

  /**
   * Damage is accepted once a chunk has been decoded from the start of the file (the second
   * attempt): a decoder that reports damaged pictures then will do so again, and the frames that
   * did decode are kept rather than failing the whole file.
   */
  private boolean acceptsDamage(int attempt) {
    return attempt >= Math.min(2, maxAttempts);
  }

  private ChunkEncoder newEncoder(Chunk c, int attempt) {
    // The first attempt seeks to the chunk's keyframe; a retry decodes from the start of the file.
    return new ChunkEncoder(source, videoIndex, c, settings, workspace.segment(c.index()), attempt == 1, filters);
  }

  private Outcome finished(Chunk c, int worker, ChunkEncoder enc, long start, long end, long busy, int attempts) {
    Path seg = workspace.segment(c.index());
    long[] pts = enc.encodedPts();
    workspace.writeRecord(new JobWorkspace.ChunkRecord(c.index(), enc.framesEncoded(), enc.bytes(), JobWorkspace.sha256(seg),
        busy / 1e9, worker, pts));
    listener.onEvent(new ChunkFinished(c.index(), worker, enc.framesEncoded(), enc.bytes(), busy, end));
    return new Outcome(c, worker, start, end, busy, enc.bytes(), attempts, pts);
  }

  private void checkStop() {
    if (stop.get() || Thread.currentThread().isInterrupted()) {
      throw new JobCancelledException();
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
