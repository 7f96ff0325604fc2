package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.job.JobEvent.ChunkFailed;
import org.framefork.encoder.job.JobEvent.ChunkFinished;
import org.framefork.encoder.job.JobEvent.ChunkProgress;
import org.framefork.encoder.job.JobEvent.ChunkSplit;
import org.framefork.encoder.job.JobEvent.ChunkStarted;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.ChunkTransfer;
import org.framefork.encoder.source.UndecodableImageException;

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
  /**
   * Tries per chunk before the job fails: the second decodes from the start of the file (in case a
   * seek landed wrong) and accepts damage; a third catches a passing failure of the machine.
   */
  static final int MAX_ATTEMPTS = 3;
  /** {@link #awaitHere}'s word for a chunk that waits for a place here only, never for a node. */
  private static final int HERE_ONLY = Integer.MAX_VALUE;

  /**
   * What running one chunk took. {@code busyNanos} counts only the time its own work ran (for a
   * remote chunk, the node's: not the transfers, nor the wait in the node's queue), {@code cpuNanos}
   * the CPU time of its worker's thread meanwhile (-1 for a remote chunk, or where the JVM cannot
   * tell).
   */
  record Outcome(Chunk chunk, int worker, long startNanos, long endNanos, long busyNanos, long cpuNanos, long bytes, int attempts,
      long[] framePts, ChunkTransfer remote) {
    /** Planned frames that damage in the source kept out of the segment. */
    int droppedFrames() {
      return chunk.frameCount() - framePts.length;
    }
  }

  /** A split leaves each part at least this many frames. */
  static final int MIN_SPLIT_FRAMES = 8;
  /** Frames the running chunk may take while a split is being decided. */
  static final int SPLIT_MARGIN = 2;

  private final Path source;
  private final int videoIndex;
  private final EncodeSettings settings;
  private final JobWorkspace workspace;
  private final JobListener listener;
  private final AtomicBoolean stop;
  private final FilterSetup filters;
  private final LivePlan live;
  private final boolean tailSplit;
  /** Workers elsewhere that the parallel mode hands chunks to as well; null: this JVM's workers only. */
  private RemoteWorkers remote;
  /** Each chunk's own settings (target quality); null: {@code settings} for all. */
  private ChunkSettings perChunk;
  /**
   * With remote workers, one permit per chunk that may encode here at once ({@link
   * RemoteWorkers#localLimit()}), taken by this JVM's lanes and by node lanes that found no node
   * left alike; null without remote workers.
   */
  private Semaphore here;

  /** Chunks of the parallel mode being encoded now, for an idle worker to split. */
  private final Set<Active> active = ConcurrentHashMap.newKeySet();
  /** Chunks of the parallel mode no worker has taken yet. */
  private final AtomicInteger unstarted = new AtomicInteger();
  /** Pool tasks of the parallel mode that hold a chunk, taken or not: while any does, a spare worker waits. */
  private final AtomicInteger holding = new AtomicInteger();
  /** Workers beyond the plan's chunks waiting in {@link #awaitSplit} for a chunk to split: they share a running chunk's rest. */
  private final AtomicInteger seeking = new AtomicInteger();
  /** Encoding time and frames of the chunks finished so far: the job's speed. */
  private final LongAdder doneNanos = new LongAdder();
  private final LongAdder doneFrames = new LongAdder();
  private final Object splitLock = new Object();

  /** A chunk being encoded: its encoder, when it began, how long its start took. */
  record Active(ChunkEncoder enc, long startedNanos, long openNanos) {
    /**
     * The chunk's encoding time per frame put out so far: its start left out, and its first read,
     * which decoded the frames before its first (a split-off chunk of a one-keyframe source decodes
     * hundreds).
     */
    double nanosPerFrame() {
      return (System.nanoTime() - startedNanos - openNanos - enc.firstReadNanos()) / (double) Math.max(1, enc.framesWritten());
    }
  }

  /**
   * @param live the job's chunks; retries and splits look them up there
   * @param tailSplit in the parallel mode, let a worker with nothing left to take split a running
   *     chunk and encode the part split off (its share of the rest, see {@link #splitBusiest})
   * @param filters the job's filter chain, ready; each chunk runs its own instance of it (null: none)
   */
  ChunkScheduler(Path source, int videoIndex, EncodeSettings settings, FilterSetup filters, JobWorkspace workspace,
      JobListener listener, AtomicBoolean stop, LivePlan live, boolean tailSplit) {
    this.filters = filters;
    this.source = source;
    this.videoIndex = videoIndex;
    this.settings = settings;
    this.workspace = workspace;
    this.listener = listener;
    this.stop = stop;
    this.live = live;
    this.tailSplit = tailSplit;
  }

  /** Runs {@code chunks} (in the order given: longest first) in {@code mode}. */
  /**
   * Lets the parallel mode hand chunks to {@code workers} too: its lanes from {@link
   * RemoteWorkers#localWorkers()} on encode elsewhere.
   */
  void useRemote(RemoteWorkers workers) {
    this.remote = workers;
  }

  /** Lets {@code chosen} pick each chunk's settings, on its worker, before the chunk is encoded. */
  void useChunkSettings(ChunkSettings chosen) {
    this.perChunk = chosen;
  }

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
      out.add(runWhole(c, 0, null));
    }
    return out;
  }

  /** A worker thread that knows its lane number, so events can say which worker ran a chunk. */
  static final class LaneThread extends ForkJoinWorkerThread {
    final int lane;

    LaneThread(ForkJoinPool pool, int lane, int priority) {
      super(pool);
      this.lane = lane;
      setName("framefork-worker-" + lane);
      setDaemon(true);
      setPriority(priority);
    }
  }

  private List<Outcome> runParallel(List<Chunk> chunks, int workers) {
    unstarted.set(chunks.size());
    holding.set(chunks.size());
    AtomicInteger lanes = new AtomicInteger(workers);
    here = remote == null ? null : new Semaphore(remote.localLimit(), true);
    ForkJoinPool pool = lanePool(lanes);
    Thread watcher = remote == null ? null : Thread.ofPlatform().daemon().name("framefork-lane-watch")
        .start(() -> addRemoteLanes(pool, lanes));
    try {
      // Submitted longest first; a pool's external queue is taken oldest first, so workers take them
      // in that order and no long chunk is left to run alone at the end. At the tail, a worker splits
      // the running chunk whose split ends soonest and takes its tail (see splitBusiest).
      List<Future<List<Outcome>>> futures = new ArrayList<>();
      for (Chunk c : chunks) {
        futures.add(pool.submit(() -> runFrom(c)));
      }
      // Workers beyond the chunks (a video of few keyframes) wait to split a running chunk.
      for (int i = chunks.size(); tailSplit && i < workers; i++) {
        futures.add(pool.submit(() -> runFrom(null)));
      }
      return gather(futures);
    } finally {
      if (watcher != null) {
        watcher.interrupt();
      }
      pool.shutdownNow();
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A pool of {@code workers} lane threads. They run at the priority of the thread that runs the
   * job: an app that runs its jobs at a background priority keeps its UI thread first in line for
   * the cores (see the desktop app).
   */
  private static ForkJoinPool lanePool(AtomicInteger lanes) {
    AtomicInteger made = new AtomicInteger();
    int priority = Thread.currentThread().getPriority();
    return new ForkJoinPool(lanes.get(), p -> new LaneThread(p, made.getAndIncrement() % lanes.get(), priority), null, false);
  }

  /** How often a job with remote workers looks for more of them (a node that joined). */
  static final long LANE_WATCH_MILLIS = 250;

  /**
   * While chunks are left to start, adds a lane for each remote worker that appears (a node that
   * joins mid-job): the pool grows, and its new lanes, numbered after the others, take chunks.
   */
  private void addRemoteLanes(ForkJoinPool pool, AtomicInteger lanes) {
    try {
      while (!pool.isShutdown() && unstarted.get() > 0) {
        int now = remote.localWorkers() + remote.slotsNow();
        if (now > lanes.get()) {
          lanes.set(now);
          pool.setParallelism(now);
          pool.execute(() -> {}); // a task wakes the pool, which then starts the new lanes
        }
        Thread.sleep(LANE_WATCH_MILLIS);
      }
    } catch (InterruptedException | JobCancelledException e) {
      // the job's chunks have all ended, or it was cancelled while the nodes' room was asked
    }
  }

  /**
   * One pool task, on a lane thread: chunk {@code first} (null: a worker beyond the plan's chunks,
   * which first waits for a running chunk to split, see {@link #awaitSplit}), then the chunks this
   * worker splits off others, until no chunk is left unstarted and none is worth splitting. A
   * failure stops the other workers at once: {@link #gather} waits for them in the order they were
   * submitted, and a spare waiting to split would otherwise wait for a chunk no worker runs any more.
   */
  private List<Outcome> runFrom(Chunk first) {
    try {
      return runChunks(first);
    } catch (JobCancelledException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      stop.set(true);
      wakeSpares();
      throw e;
    }
  }

  /** {@link #runFrom}'s work: the chunks this task runs, {@code first} (or a split-off one) first. */
  private List<Outcome> runChunks(Chunk first) {
    int lane = ((LaneThread) Thread.currentThread()).lane;
    List<Outcome> done = new ArrayList<>(1);
    Deque<Chunk> mine = new ArrayDeque<>();
    if (first != null) {
      unstarted.decrementAndGet();
      mine.add(first);
    } else {
      Chunk tail = awaitSplit(lane);
      if (tail == null) {
        return done;
      }
      mine.add(tail);
    }
    try {
      while (true) {
        Chunk next = mine.poll();
        if (next == null && tailSplit && unstarted.get() == 0 && tailStartsNow(lane)) {
          next = splitBusiest(lane, 0, false);
        }
        if (next == null) {
          return done;
        }
        boolean local = remote == null || lane < remote.localWorkers();
        done.add(local ? runHere(next, lane, mine) : runRemote(next, lane));
      }
    } finally {
      release();
    }
  }

  /**
   * How long a worker beyond the plan's chunks waits before it looks again for a running chunk worth
   * splitting, unless woken first (see {@link #wakeSpares}). With {@code -j 1024} and one chunk,
   * 1023 such workers polled every 20 ms, each taking the split lock (and, on a node lane, asking
   * the cluster for its room).
   */
  static final long SPARE_WAIT_MILLIS = 200;

  /**
   * For a worker that got no planned chunk: waits until a running chunk is worth splitting, by
   * {@link #splitBusiest}'s rules (at first, until its speed is known), and returns the part split
   * off for it, counted in {@link #holding}; null once no worker holds a chunk.
   */
  private Chunk awaitSplit(int lane) {
    seeking.incrementAndGet();
    boolean counted = true;
    try {
      while (true) {
        checkStop();
        holding.incrementAndGet();
        Chunk tail;
        try {
          tail = unstarted.get() == 0 && tailStartsNow(lane) ? splitBusiest(lane, 0, true) : null;
        } catch (RuntimeException | Error e) {
          release(); // no chunk held: the other spares must not wait for one
          throw e;
        }
        if (tail != null) {
          counted = false; // splitBusiest took this spare off the count, under the lock
          return tail;
        }
        // Under the lock, so that a wake between the check and the wait is not lost.
        synchronized (splitLock) {
          if (release() == 0 && unstarted.get() == 0) {
            return null;
          }
          splitLock.wait(SPARE_WAIT_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException();
    } finally {
      if (counted) {
        seeking.decrementAndGet();
      }
    }
  }

  /** Lowers {@link #holding}; once no task holds a chunk, wakes the spares to end. Returns what is left. */
  private int release() {
    int left = holding.decrementAndGet();
    if (left == 0) {
      wakeSpares();
    }
    return left;
  }

  /** Wakes the workers beyond the plan's chunks: the job ends or stops, or a chunk may be worth splitting. */
  private void wakeSpares() {
    synchronized (splitLock) {
      splitLock.notifyAll();
    }
  }

  /**
   * Whether a chunk that {@code lane} split off now would start at once: while a place to encode
   * here is free or, on a node lane, a node can take it. With every node gone, a node lane's tail
   * waited for the place of the very chunk it was split from: the same time in turn, plus a chunk's
   * start and a keyframe; so did a local lane's, whose task holds no place, while the chunks of
   * lanes whose node died held the other places here.
   */
  private boolean tailStartsNow(int lane) {
    return remote == null || tailStartsNow(lane >= remote.localWorkers(), here.availablePermits(), remote::slotsNow);
  }

  /**
   * {@link #tailStartsNow(int)} for a lane here or on a node, {@code freeHere} places to encode here
   * free: the cheap test first, since asking for the nodes' room takes the cluster's session.
   */
  static boolean tailStartsNow(boolean nodeLane, int freeHere, IntSupplier nodeRoom) {
    return freeHere > 0 || nodeLane && nodeRoom.getAsInt() > 0;
  }

  /** Every task's outcomes; the first real failure stops the other workers and is thrown once all have ended. */
  private List<Outcome> gather(List<Future<List<Outcome>>> futures) {
    List<Outcome> out = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<List<Outcome>> f : futures) {
      try {
        out.addAll(f.get());
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
  }

  /**
   * Splits the running chunk whose split brings the most forward the time it and the new chunk
   * are done (see {@link #planSplit}), and returns the new chunk (its tail) for the calling worker;
   * null when no split would end earlier than the chunk alone. The caller ({@code spare}: one of
   * the workers in {@link #awaitSplit}) takes its share alongside every spare that waits, spread
   * over the chunks that can be split: k of them idle on one chunk each take 1/(k+1) of its rest
   * (they took a half of what the one before left: 1/2, 1/4, 1/8 with three).
   */
  private Chunk splitBusiest(int worker, double busyNanos, boolean spare) {
    synchronized (splitLock) {
      int idle = seeking.get() + (spare ? 0 : 1);
      // Only chunks that one more worker could split share the idle: not the caller's own draining
      // chunk, nor one whose frames its encoder has all taken.
      int splittable = (int) active.stream().filter(a -> planSplit(a, busyNanos, 1) != null).count();
      int takers = takers(idle, splittable);
      for (int tries = 0; tries < 4 && !stop.get(); tries++) {
        Active best = null;
        PlannedSplit plan = null;
        for (Active a : active) {
          PlannedSplit p = planSplit(a, busyNanos, takers);
          if (p != null && (plan == null || p.gainNanos() > plan.gainNanos())) {
            best = a;
            plan = p;
          }
        }
        if (best == null) {
          return null;
        }
        Chunk c = best.enc().chunk();
        Chunk tail = live.split(best.enc(), plan.at());
        if (tail != null) {
          listener.onEvent(new ChunkSplit(c.index(), tail.index(), plan.at(), tail.startPts(), live.chunk(c.index()).frameCount(),
              tail.frameCount(), worker, System.nanoTime()));
          if (spare) {
            // No longer idle: a spare that comes next counts the others only. After the event, so
            // that a throwing listener leaves the count to awaitSplit's finally.
            seeking.decrementAndGet();
          }
          return tail;
        }
        // The running chunk got there first (or finished): look again.
      }
      return null;
    }
  }

  /**
   * Nanoseconds per frame: the job's finished chunks' average, which counts all of each frame's
   * work; before any chunk has finished, {@code a}'s own time per frame put out so far.
   */
  private double speed(Active a) {
    long frames = doneFrames.sum();
    return frames > 0 ? doneNanos.sum() / (double) frames : a.nanosPerFrame();
  }

  /**
   * Where to split {@code a}'s chunk for a worker with {@code busyNanos} of its own work left first,
   * one of {@code takers} idle workers, from the costs measured so far (see {@link #planSplit(Chunk, int, int, FrameIndex, SplitCosts, int)});
   * null before the chunk's speed is known, or when no split pays.
   */
  private PlannedSplit planSplit(Active a, double busyNanos, int takers) {
    if (!speedKnown(a)) {
      return null;
    }
    ChunkEncoder enc = a.enc();
    double perFrame = speed(a);
    // A frame's decoding is part of its encoding's time: that is the most it can cost.
    double decode = enc.decodeNanosPerFrame();
    SplitCosts costs = new SplitCosts(perFrame, a.openNanos(), Double.isNaN(decode) ? perFrame : Math.min(decode, perFrame),
        busyNanos);
    return planSplitUpTo(enc.chunk(), enc.framesWritten(), enc.framesEncoded(), live.frames(), costs, takers);
  }

  /** How many idle workers share each of {@code splittable} chunks: all of them, spread evenly, at least one. */
  static int takers(int idle, int splittable) {
    int over = Math.max(1, splittable);
    return Math.max(1, (idle + over - 1) / over);
  }

  /**
   * {@link #planSplit(Chunk, int, int, FrameIndex, SplitCosts, int)} for the first of {@code takers}
   * idle workers, or of fewer where the chunk has no share of at least {@link #MIN_SPLIT_FRAMES} for
   * each: with 32 spares on a 240-frame chunk, every 1/33 share was too small and no one split it.
   */
  static PlannedSplit planSplitUpTo(Chunk c, int written, int taken, FrameIndex frames, SplitCosts k, int takers) {
    // Each of t takers and the chunk itself needs a share's worth of the frames its encoder has not taken.
    int feeds = (c.frameCount() - taken - SPLIT_MARGIN) / MIN_SPLIT_FRAMES - 1;
    for (int t = Math.min(takers, Math.max(1, feeds)); t >= 1; t--) {
      PlannedSplit p = planSplit(c, written, taken, frames, k, t);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** Whether {@code a}'s speed is known: until a chunk has put out a few frames, only the job's finished chunks tell it. */
  private boolean speedKnown(Active a) {
    return a.enc().framesWritten() >= MIN_SPLIT_FRAMES / 2 || doneFrames.sum() > 0;
  }

  /**
   * What a split's chunks cost, in nanoseconds: encoding a frame ({@code perFrame}, its decoding
   * included), starting a chunk ({@code openNanos}: decoder, seek, encoder), decoding a frame that
   * the new chunk drops before its first ({@code decodeNanos}: from the keyframe before it), and the
   * taker's own work left before it can start ({@code busyNanos}).
   */
  record SplitCosts(double perFrame, double openNanos, double decodeNanos, double busyNanos) {}

  /** A split worth making: the new chunk starts at frame {@code at}, and both are done {@code gainNanos} earlier. */
  record PlannedSplit(int at, double gainNanos) {}

  /**
   * Where to split chunk {@code c}, whose encoder has put out {@code written} frames and taken
   * {@code taken}, so that its rest and the new chunk are done together, the new one's share being
   * that of one of {@code takers} idle workers: its start, the frames it decodes before its first and
   * its own frames against what the running chunk has left. Only frames the encoder has not taken
   * can go (an encoder with lookahead has taken dozens more than it has put out). Null unless the
   * two are expected to be done earlier than the chunk alone (or the taker's own work), by at least
   * {@link #MIN_SPLIT_FRAMES} frames' time: the estimate is not exact, and the new chunk adds a
   * keyframe. On a one-keyframe source a split-off chunk decodes every frame before its start: with
   * x264's ultrafast, whose frame costs about what decoding one does, a fixed rule of 8 frames
   * encoded per frame decoded made splits that ended later.
   */
  static PlannedSplit planSplit(Chunk c, int written, int taken, FrameIndex frames, SplitCosts k, int takers) {
    int end = c.firstFrame() + c.frameCount();
    int from = c.firstFrame() + taken + SPLIT_MARGIN;
    double left = (c.frameCount() - written) * k.perFrame();
    int at = -1;
    int dropped = 0;
    // The frames dropped depend on where the split falls, and the share on them: a few rounds settle it.
    for (int round = 0; round < 4; round++) {
      double share = (left - k.busyNanos() - k.openNanos() - dropped * k.decodeNanos()) / ((takers + 1) * k.perFrame());
      int take = (int) Math.min(end - from, share);
      if (take < MIN_SPLIT_FRAMES) {
        return null;
      }
      at = splitPoint(c, from, take, frames);
      int before = frames.framesBefore(at);
      if (before == dropped) {
        break;
      }
      dropped = before;
    }
    if (end - at < MIN_SPLIT_FRAMES) {
      return null;
    }
    double rest = (at - c.firstFrame() - written) * k.perFrame();
    double tail = k.busyNanos() + k.openNanos() + frames.framesBefore(at) * k.decodeNanos() + (end - at) * k.perFrame();
    double gain = Math.max(left, k.busyNanos()) - Math.max(rest, tail);
    return gain >= MIN_SPLIT_FRAMES * k.perFrame() ? new PlannedSplit(at, gain) : null;
  }

  /**
   * Where to split {@code c} so that about {@code take} frames go to the new chunk, never before
   * frame {@code from} (which its encoder may already have taken): at the frame that leaves
   * {@code take}, or at a source keyframe near it (the new chunk then decodes nothing in vain, and
   * the keyframe is often a scene cut, where the encoder would put one anyway).
   */
  static int splitPoint(Chunk c, int from, int take, FrameIndex frames) {
    int end = c.firstFrame() + c.frameCount();
    int at = Math.max(from, end - take);
    int window = take / 4;
    for (int d = 0; d <= window; d++) {
      if (at - d >= from && frames.isKeyframe(at - d)) {
        return at - d;
      }
      if (at + d <= end - MIN_SPLIT_FRAMES && frames.isKeyframe(at + d)) {
        return at + d;
      }
    }
    return at;
  }

  /**
   * Runs one chunk on a remote worker, with retries as {@link #runWhole}; encodes it on this lane
   * when no remote worker is left to take it, or sends it again when a node joins (or comes back)
   * while it waits for a place here.
   */
  private Outcome runRemote(Chunk planned, int lane) {
    long start = System.nanoTime();
    Resends resends = new Resends();
    for (int attempt = 1; ; attempt++) {
      checkStop();
      Chunk c = live.chunk(planned.index());
      listener.onEvent(new ChunkStarted(c.index(), lane, attempt, c.frameCount(), System.nanoTime()));
      try {
        int tried = attempt;
        RemoteWorkers.Request request = new RemoteWorkers.Request(source, videoIndex, c, settings,
            workspace.segment(c.index()), lane, attempt, acceptsDamage(attempt), filters,
            node -> listener.onEvent(new JobEvent.ChunkSent(c.index(), lane, tried, node, resends.sent())),
            node -> listener.onEvent(new JobEvent.NodeLeft(node, lane, c.index(), resends.left())));
        // The nodes' room before each try: one that comes back after the try found none shows against it.
        int room = remote.slotsNow();
        RemoteWorkers.Result r = remote.encode(request, stop::get);
        while (r == null) {
          // Not started here yet: no event to take back, and a node leaving uses up no attempt.
          if (awaitHere(room)) {
            return resends.counted(holdingHere(c, lane, null), false);
          }
          room = remote.slotsNow();
          r = remote.encode(request, stop::get);
        }
        return resends.counted(remoteDone(c, lane, attempt, start, r), true);
      } catch (JobCancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        attemptFailed(c, lane, attempt, e);
      }
    }
  }

  /**
   * The sends of one remote chunk: each time a node left with it, it ran again, and the report
   * counts that as an attempt (it said "attempts": 1 and "retries": 0 after a node's kill -9); its
   * start is its last send's (a chunk sent again after a node rejoined kept its first try's start).
   */
  private static final class Resends {
    private final AtomicInteger lefts = new AtomicInteger();
    private volatile long lastSent;

    /** A send, now: its time. */
    long sent() {
      lastSent = System.nanoTime();
      return lastSent;
    }

    /** Its node left with the chunk, now: the time. */
    long left() {
      lefts.incrementAndGet();
      return System.nanoTime();
    }

    /** {@code o} with the sends that a node left counted as attempts, and, when it ran on a node, its last send's start. */
    Outcome counted(Outcome o, boolean remote) {
      long start = remote && lastSent != 0 ? lastSent : o.startNanos();
      return new Outcome(o.chunk(), o.worker(), start, o.endNanos(), o.busyNanos(), o.cpuNanos(), o.bytes(),
          o.attempts() + lefts.get(), o.framePts(), o.remote());
    }
  }

  /**
   * After a failed attempt at chunk {@code c}: a cancel if the job is stopping, else the failure
   * said and, once the attempts are used up, thrown; returns when another attempt is due.
   */
  private void attemptFailed(Chunk c, int worker, int attempt, RuntimeException e) {
    if (stop.get()) {
      throw new JobCancelledException();
    }
    boolean retry = attempt < MAX_ATTEMPTS && mayPassNextTime(e);
    if (stop.get()) { // stopped while the source was waited for: a cancel, not a failed chunk
      throw new JobCancelledException();
    }
    listener.onEvent(new ChunkFailed(c.index(), worker, attempt, message(e), retry, System.nanoTime()));
    if (!retry) {
      throw new ChunkFailedException(c.index(), attempt, e);
    }
  }

  /**
   * Whether another attempt at a chunk that failed with {@code e} may succeed: not for an image
   * that cannot be decoded (decoded the same way every time), nor for a full disk, nor once the
   * source is gone (deleted or moved: the job then says so) and not back within {@link
   * #SOURCE_BACK_MILLIS}.
   */
  private boolean mayPassNextTime(RuntimeException e) {
    return !UndecodableImageException.in(e) && !Ffmpeg.isOutOfSpace(e) && sourceThere();
  }

  /** How long a source found missing has to come back (a network share that dropped out for a moment). */
  static final long SOURCE_BACK_MILLIS = 1500;

  /**
   * Whether the source is there, or back within {@link #SOURCE_BACK_MILLIS} (looked for every 100 ms);
   * looked for no longer once the job is stopping or its thread interrupted.
   */
  private boolean sourceThere() {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SOURCE_BACK_MILLIS);
    boolean there;
    while (!(there = java.nio.file.Files.exists(source)) && !stop.get() && System.nanoTime() < end
        && !Thread.currentThread().isInterrupted()) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    return there;
  }

  /**
   * Runs chunk {@code c} here, as {@link #runWhole} does, once fewer than {@link
   * RemoteWorkers#localLimit()} chunks encode here (at once without remote workers): when the nodes
   * are gone, their lanes wait their turn rather than encode all at once.
   */
  private Outcome runHere(Chunk c, int lane, Deque<Chunk> reserve) {
    if (here == null) {
      return runWhole(c, lane, reserve);
    }
    awaitHere(HERE_ONLY);
    return holdingHere(c, lane, reserve);
  }

  /** Runs chunk {@code c} here as {@link #runWhole} does, with a permit taken; gives the permit back. */
  private Outcome holdingHere(Chunk c, int lane, Deque<Chunk> reserve) {
    try {
      return runWhole(c, lane, reserve);
    } finally {
      here.release();
      wakeSpares(); // a local spare waits for a place here
    }
  }

  /**
   * Takes a permit to encode here, in turn (a fair semaphore's untimed tryAcquire barges ahead);
   * meanwhile the chunk counts as one not taken yet, so that no worker splits a running chunk.
   * For a chunk that found no node left, {@code nodeRoom} is the nodes' room when it tried them: it
   * gives up and returns false as soon as the nodes can take more chunks than then or at any time
   * during the wait (a node joined or came back); a node that is stopping, still counted, would only
   * hand the chunk back again. {@link #HERE_ONLY} waits for a permit alone.
   */
  private boolean awaitHere(int nodeRoom) {
    try {
      if (here.tryAcquire(0, TimeUnit.SECONDS)) {
        return true;
      }
      boolean orNode = nodeRoom != HERE_ONLY;
      int fewest = orNode ? Math.min(nodeRoom, remote.slotsNow()) : HERE_ONLY;
      unstarted.incrementAndGet();
      try {
        while (!here.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          checkStop();
          if (orNode) {
            int now = remote.slotsNow();
            if (now > fewest) {
              return false;
            }
            fewest = now;
          }
        }
        return true;
      } finally {
        unstarted.decrementAndGet();
        wakeSpares(); // a chunk taken, or given up: a running one may be split now
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException();
    }
  }

  /** A remote chunk's segment is in the work folder: check its frames, record it as a local one. */
  private Outcome remoteDone(Chunk c, int lane, int attempt, long start, RemoteWorkers.Result r) {
    int frames = r.framePts().length;
    if (frames != c.frameCount() && !(acceptsDamage(attempt) && frames > 0)) {
      throw new org.framefork.encoder.encode.ChunkMismatchException(c.index(), c.frameCount(), frames);
    }
    long end = System.nanoTime();
    long busy = nodeNanos(r);
    workspace.writeRecord(new JobWorkspace.ChunkRecord(c.index(), frames, r.bytes(), r.sha256(), busy / 1e9, lane,
        r.framePts()));
    // As a local chunk's: the job's speed per frame leaves out the frames decoded before its first.
    doneNanos.add(Math.max(0, busy - r.firstReadNanos()));
    doneFrames.add(frames);
    listener.onEvent(new ChunkFinished(c.index(), lane, frames, r.bytes(), busy, end));
    return new Outcome(c, lane, start, end, busy, -1, r.bytes(), attempt, r.framePts(), r.transfer());
  }

  /**
   * A remote chunk's work, as a local chunk's is counted: the node's own time on it. The round trip
   * also holds the transfers and, for a chunk a node fetched ahead, its wait in the node's queue for
   * a worker: counted as work, they gave a cluster job a speedup of 3.6x where its two 1-worker
   * nodes were busy 1.8x the encode's time (the report gives them apart, per chunk).
   */
  private static long nodeNanos(RemoteWorkers.Result r) {
    return r.transfer() == null ? r.busyNanos() : Math.round(r.transfer().nodeSeconds() * 1e9);
  }

  /**
   * Runs one chunk start to end on the calling thread, with retries. With a {@code reserve} (the
   * parallel mode), other workers may split the chunk while it runs (a retry encodes the chunk as
   * it then stands), and once its encoder has taken every frame and only drains, this worker
   * splits the busiest other chunk, if that pays, and puts the new chunk in {@code reserve} to
   * run next: deciding before the drain keeps the split ahead of that chunk's encoder.
   */
  private Outcome runWhole(Chunk planned, int worker, Deque<Chunk> reserve) {
    long start = System.nanoTime();
    // Every attempt's time and CPU, as in the concurrent mode: a failed one was this chunk's work
    // too, and the first holds target quality's search.
    long busy = 0;
    long cpu = 0;
    for (int attempt = 1; ; attempt++) {
      checkStop();
      Chunk c = live.chunk(planned.index());
      listener.onEvent(new ChunkStarted(c.index(), worker, attempt, c.frameCount(), System.nanoTime()));
      long t0 = System.nanoTime();
      long cpu0 = CpuClock.nanos();
      try {
        Encoded done = encodePass(c, worker, attempt, reserve);
        while (done == null) {
          // Target quality found the final outside its band: the chunk is encoded once more.
          done = encodePass(live.chunk(planned.index()), worker, attempt, reserve);
        }
        long end = System.nanoTime();
        return finished(done.enc().chunk(), worker, done.enc(), done.bytes(), start, end, busy + end - t0,
            add(cpu, CpuClock.since(cpu0)), attempt);
      } catch (JobCancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        busy += System.nanoTime() - t0;
        cpu = add(cpu, CpuClock.since(cpu0));
        attemptFailed(c, worker, attempt, e);
      }
    }
  }

  /** A chunk's encode that stays: its closed encoder, and the video bytes its segment holds. */
  private record Encoded(ChunkEncoder enc, long bytes) {}

  /**
   * One encode of chunk {@code c} start to end on the calling thread (see {@link #runWhole}); null
   * when the chunk's settings ask for it to be encoded once more.
   */
  private Encoded encodePass(Chunk c, int worker, int attempt, Deque<Chunk> reserve) {
    Active running = null;
    try (ChunkEncoder enc = newEncoder(c, attempt, worker)) {
      long t0 = System.nanoTime();
      long cpu0 = CpuClock.nanos();
      enc.open();
      boolean splitting = reserve != null && tailSplit;
      if (splitting) {
        running = new Active(enc, t0, System.nanoTime() - t0);
        active.add(running);
      }
      boolean known = false;
      while (!enc.finished()) {
        checkStop();
        enc.step(STEP_FRAMES, stop::get);
        progress(enc, worker);
        if (splitting && !known && enc.framesWritten() >= MIN_SPLIT_FRAMES / 2) {
          known = true;
          wakeSpares(); // its speed is known: a spare may find it worth splitting
        }
        if (splitting && enc.allTaken() && !enc.finished() && unstarted.get() == 0 && reserve.isEmpty()) {
          Chunk next = splitBusiest(worker, (enc.chunk().frameCount() - enc.framesWritten()) * speed(running), false);
          if (next != null) {
            reserve.add(next);
          }
        }
      }
      enc.checkFrameCount(acceptsDamage(attempt));
      var verdict = chunkEncoded(enc.chunk(), new ChunkSettings.FinalEncode((System.nanoTime() - t0) / 1e9,
          CpuClock.secondsSince(cpu0), enc.bytes(), enc.encodedPts()));
      return verdict.again() ? null : new Encoded(enc, verdict.bytes());
    } finally {
      removeActive(running);
    }
  }

  /**
   * Says how far {@code enc}'s chunk is: the frames its encoder has put out. An encoder with
   * lookahead holds dozens it has taken (x264's default, 40 and more): counted on taking, a job read
   * 100 % while its chunks still drained.
   */
  private void progress(ChunkEncoder enc, int worker) {
    listener.onEvent(new ChunkProgress(enc.chunk().index(), worker, enc.framesDone(), enc.chunk().frameCount(), System.nanoTime()));
  }

  /** CPU nanoseconds added up, -1 (unknown) once either is. */
  private static long add(long a, long b) {
    return a < 0 || b < 0 ? -1 : a + b;
  }

  private void removeActive(Active a) {
    if (a != null) {
      // Under the split lock: a split decided on this chunk completes (or is refused) first.
      synchronized (splitLock) {
        active.remove(a);
      }
    }
  }

  /** One chunk of the concurrent mode: its encoder stays open between turns. */
  private final class Turn {
    final Chunk chunk;
    int attempt = 1;
    ChunkEncoder enc;
    /** Set when the chunk's settings asked for another encode: the next encoder is no new start. */
    boolean again;
    long start;
    long busy;
    long cpu;
    /** The current encoder's own time and CPU, over its turns. */
    long encodeNanos;
    long encodeCpu;
    /** The video bytes of the encode that stays. */
    long bytes;

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
          long cpu0 = CpuClock.nanos();
          try {
            boolean done = takeTurn(t);
            t.busy += System.nanoTime() - t0;
            t.cpu = add(t.cpu, CpuClock.since(cpu0));
            if (done) {
              out.add(finished(t.chunk, 0, t.enc, t.bytes, t.start, System.nanoTime(), t.busy, t.cpu, t.attempt));
              t.enc.close();
              open.remove(i--);
            }
          } catch (JobCancelledException e) {
            throw e;
          } catch (RuntimeException e) {
            t.busy += System.nanoTime() - t0;
            t.cpu = add(t.cpu, CpuClock.since(cpu0));
            turnFailed(t, e);
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

  /** One turn of a chunk of the concurrent mode: a few frames, its encoder opened first; true once the chunk is encoded. */
  private boolean takeTurn(Turn t) {
    boolean fresh = t.enc == null;
    if (fresh) {
      if (!t.again) {
        listener.onEvent(new ChunkStarted(t.chunk.index(), 0, t.attempt, t.chunk.frameCount(), System.nanoTime()));
      }
      t.again = false;
      t.enc = newEncoder(t.chunk, t.attempt, 0);
      t.encodeNanos = 0;
      t.encodeCpu = 0;
    }
    // This chunk's encode alone: the turns between are other chunks', and its search ran above.
    long t0 = System.nanoTime();
    long cpu0 = CpuClock.nanos();
    if (fresh) {
      t.enc.open();
    }
    t.enc.step(STEP_FRAMES, stop::get);
    t.encodeNanos += System.nanoTime() - t0;
    t.encodeCpu = add(t.encodeCpu, CpuClock.since(cpu0));
    progress(t.enc, 0);
    if (!t.enc.finished()) {
      return false;
    }
    t.enc.checkFrameCount(acceptsDamage(t.attempt));
    var verdict = chunkEncoded(t.chunk, new ChunkSettings.FinalEncode(t.encodeNanos / 1e9,
        t.encodeCpu < 0 ? Double.NaN : t.encodeCpu / 1e9, t.enc.bytes(), t.enc.encodedPts()));
    if (verdict.again()) {
      t.enc.close();
      t.enc = null;
      t.again = true;
      return false;
    }
    t.bytes = verdict.bytes();
    return true;
  }

  /** A failed turn: the chunk starts again on a later turn, unless its attempts are used up. */
  private void turnFailed(Turn t, RuntimeException e) {
    if (t.enc != null) {
      t.enc.close();
      t.enc = null;
    }
    boolean retry = t.attempt < MAX_ATTEMPTS && mayPassNextTime(e);
    listener.onEvent(new ChunkFailed(t.chunk.index(), 0, t.attempt, message(e), retry, System.nanoTime()));
    if (!retry) {
      throw new ChunkFailedException(t.chunk.index(), t.attempt, e);
    }
    t.attempt++;
  }

  /**
   * Damage is accepted once a chunk has been decoded from the start of the file (the second
   * attempt): a decoder that reports damaged pictures then will do so again, and the frames that
   * did decode are kept rather than failing the whole file.
   */
  private boolean acceptsDamage(int attempt) {
    return attempt >= 2;
  }

  private ChunkEncoder newEncoder(Chunk c, int attempt, int worker) {
    // The first attempt seeks to the chunk's keyframe; a retry decodes from the start of the file.
    ReadFrom readFrom = attempt == 1 ? ReadFrom.KEYFRAME : ReadFrom.FILE_START;
    EncodeSettings chunkSettings = perChunk == null ? settings : perChunk.forChunk(c, worker, stop::get);
    return new ChunkEncoder(source, videoIndex, c, chunkSettings, workspace.segment(c.index()), readFrom, filters);
  }

  /** Hands chunk {@code c}'s finished segment to its settings: what they make of it. */
  private ChunkSettings.Verdict chunkEncoded(Chunk c, ChunkSettings.FinalEncode encode) {
    return perChunk == null ? ChunkSettings.Verdict.keep(encode.bytes())
        : perChunk.encoded(c, workspace.segment(c.index()), encode, stop::get);
  }

  /** Records chunk {@code c} as done: its segment holds {@code enc}'s frames in {@code bytes} of video. */
  private Outcome finished(Chunk c, int worker, ChunkEncoder enc, long bytes, long start, long end, long busy, long cpu,
      int attempts) {
    Path seg = workspace.segment(c.index());
    long[] pts = enc.encodedPts();
    workspace.writeRecord(new JobWorkspace.ChunkRecord(c.index(), enc.framesEncoded(), bytes, JobWorkspace.sha256(seg),
        busy / 1e9, worker, pts));
    // The job's speed per frame leaves out the frames a chunk decoded before its first.
    doneNanos.add(Math.max(0, busy - enc.firstReadNanos()));
    doneFrames.add(enc.framesEncoded());
    listener.onEvent(new ChunkFinished(c.index(), worker, enc.framesEncoded(), bytes, busy, end));
    return new Outcome(c, worker, start, end, busy, cpu, bytes, attempts, pts, null);
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
