package org.framefork.encoder.verify.vmaf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * VMAF on several threads: the frames, in order, are cut into chunks of consecutive frames that
 * workers score at the same time, each with a scorer of its own; the results come back in frame
 * order, on the caller's thread. The figures are those of one scorer over the whole video: a chunk
 * carries the reference picture before its first frame (the first frame's motion is measured
 * against it) and the one after its last (the last frame's motion2 is the smaller of its motion and
 * the next frame's), so that motion sees across chunk edges as it does in one run.
 */
public final class VmafWorkers implements AutoCloseable {
  private final int width;
  private final int height;
  private final int bits;
  private final int chunkFrames;
  private final Consumer<VmafFrame> sink;
  private final ExecutorService pool;
  private final BlockingQueue<VmafScorer> scorers;
  private final ArrayDeque<Chunk> free = new ArrayDeque<>();
  private final ArrayDeque<Submitted> inFlight = new ArrayDeque<>();
  private final int maxChunks;
  private int madeChunks;
  private Chunk filling;
  private long index;

  private record Submitted(Chunk chunk, Future<List<VmafFrame>> result) {}

  /** Luma copies of a chunk's frames, and the reference pictures on either side of it. */
  private final class Chunk {
    final LumaPicture[] ref = new LumaPicture[chunkFrames];
    final LumaPicture[] dis = new LumaPicture[chunkFrames];
    final LumaPicture previous = LumaPicture.allocate(width, height, bits);
    final LumaPicture next = LumaPicture.allocate(width, height, bits);
    boolean hasPrevious;
    boolean hasNext;
    long start;
    int count;

    Chunk() {
      for (int i = 0; i < chunkFrames; i++) {
        ref[i] = LumaPicture.allocate(width, height, bits);
        dis[i] = LumaPicture.allocate(width, height, bits);
      }
    }
  }

  public VmafWorkers(int workers, int width, int height, int chunkFrames, Consumer<VmafFrame> sink) {
    this(workers, width, height, 8, chunkFrames, sink);
  }

  /** For pictures of {@code bits} bits: 8 ({@link #push(Plane, Plane)}) or 9 to 16 ({@link #push(Plane16, Plane16)}). */
  public VmafWorkers(int workers, int width, int height, int bits, int chunkFrames, Consumer<VmafFrame> sink) {
    this.width = width;
    this.height = height;
    this.bits = bits;
    this.chunkFrames = chunkFrames;
    this.sink = sink;
    scorers = new ArrayBlockingQueue<>(workers);
    VmafKernels kernels = VmafKernels.get();
    for (int i = 0; i < workers; i++) {
      scorers.add(new VmafScorer(kernels, VmafModel.v061(), width, height));
    }
    maxChunks = workers + 2;
    pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "framefork-vmaf");
      t.setDaemon(true);
      return t;
    });
  }

  /** Takes the next pair of 8-bit pictures (copied: the planes may be reused when this returns). */
  public void push(Plane reference, Plane distorted) {
    push(LumaPicture.of(reference), LumaPicture.of(distorted));
  }

  /** Takes the next pair of this scorer's deeper pictures (copied, as above). */
  public void push(Plane16 reference, Plane16 distorted) {
    push(LumaPicture.of(reference, bits), LumaPicture.of(distorted, bits));
  }

  private void push(LumaPicture reference, LumaPicture distorted) {
    if (filling == null) {
      filling = chunk();
      filling.start = index;
      filling.hasPrevious = false;
    } else if (filling.count == chunkFrames) {
      Chunk c = chunk();
      c.start = index;
      filling.ref[chunkFrames - 1].copyTo(c.previous);
      c.hasPrevious = true;
      reference.copyTo(filling.next);
      filling.hasNext = true;
      submit(filling);
      filling = c;
    }
    reference.copyTo(filling.ref[filling.count]);
    distorted.copyTo(filling.dis[filling.count]);
    filling.count++;
    index++;
    drain(false);
  }

  /** Scores what is left and hands out every remaining result. */
  public void finish() {
    if (filling != null && filling.count > 0) {
      filling.hasNext = false;
      submit(filling);
      filling = null;
    }
    drain(true);
  }

  private Chunk chunk() {
    while (free.isEmpty() && madeChunks >= maxChunks) {
      drainOne();
    }
    if (!free.isEmpty()) {
      Chunk c = free.poll();
      c.count = 0;
      return c;
    }
    madeChunks++;
    return new Chunk();
  }

  private void submit(Chunk c) {
    inFlight.add(new Submitted(c, pool.submit(() -> score(c))));
  }

  private List<VmafFrame> score(Chunk c) throws InterruptedException {
    VmafScorer s = scorers.take();
    try {
      List<VmafFrame> out = new ArrayList<>(c.count);
      s.startAt(c.start, c.hasPrevious ? c.previous : null);
      for (int i = 0; i < c.count; i++) {
        VmafFrame f = s.push(c.ref[i], c.dis[i]);
        if (f != null) {
          out.add(f);
        }
      }
      out.add(s.finish(c.hasNext ? c.next : null));
      return out;
    } finally {
      scorers.put(s);
    }
  }

  private void drain(boolean all) {
    while (!inFlight.isEmpty() && (all || inFlight.peek().result().isDone())) {
      drainOne();
    }
  }

  private void drainOne() {
    Submitted s = inFlight.poll();
    try {
      s.result().get().forEach(sink);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("VMAF interrupted");
    }
    free.add(s.chunk());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
