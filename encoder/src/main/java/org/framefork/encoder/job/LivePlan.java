package org.framefork.encoder.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.probe.FrameIndex;

/**
 * A job's chunks as they stand while it runs: the plan, plus the splits made at its tail, when an
 * idle worker takes a share of a chunk that another worker is still encoding. A split
 * shortens the running chunk and adds a chunk numbered after the last. Splits are saved (through
 * {@code saver}) before they take effect, so that a resumed job cuts the video the same way.
 * Thread-safe.
 */
final class LivePlan {
  /** One split: chunk {@code chunk} ends before the frame at index {@code atFrame}, which starts a new chunk. */
  record Split(int chunk, int atFrame) {}

  private final ChunkPlan planned;
  private final FrameIndex frames;
  private final Consumer<List<Split>> saver;
  private final List<Chunk> chunks;
  private List<Split> splits = List.of();

  private LivePlan(ChunkPlan planned, FrameIndex frames, Consumer<List<Split>> saver) {
    this.planned = planned;
    this.frames = frames;
    this.saver = saver;
    this.chunks = new ArrayList<>(planned.chunks());
  }

  /** The plan with {@code saved} splits (from an interrupted run of the same plan) applied in order. */
  static LivePlan of(ChunkPlan planned, FrameIndex frames, List<Split> saved, Consumer<List<Split>> saver) {
    LivePlan live = new LivePlan(planned, frames, saver);
    for (Split s : saved) {
      if (s.chunk() < 0 || s.chunk() >= live.chunks.size()) {
        throw new IllegalArgumentException("a saved split names chunk " + s.chunk() + ", which the plan does not have");
      }
      Chunk c = live.chunks.get(s.chunk());
      long at = frames.pts(s.atFrame());
      live.chunks.set(c.index(), c.endingAt(s.atFrame(), at));
      live.chunks.add(c.tailFrom(live.chunks.size(), s.atFrame(), at, frames.keyframeAtOrBefore(at)));
    }
    live.splits = List.copyOf(saved);
    return live;
  }

  ChunkPlan planned() {
    return planned;
  }

  FrameIndex frames() {
    return frames;
  }

  synchronized Chunk chunk(int index) {
    return chunks.get(index);
  }

  synchronized int size() {
    return chunks.size();
  }

  synchronized int splitCount() {
    return splits.size();
  }

  synchronized List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  /** The plan as it stands, in the job's numbering: the planned chunks, then those split off. */
  synchronized ChunkPlan current() {
    return new ChunkPlan(planned.split(), planned.targetSeconds(), planned.totalFrames(), chunks);
  }

  /**
   * Splits the chunk {@code running} is encoding before the frame at index {@code atFrame}, if its
   * encoder has not got there yet; returns the new chunk (from that frame to the old end), or null
   * when the encoder was already past it or done.
   */
  synchronized Chunk split(ChunkEncoder running, int atFrame) {
    Chunk c = running.chunk();
    if (atFrame <= c.firstFrame() || atFrame >= c.firstFrame() + c.frameCount()) {
      return null;
    }
    long at = frames.pts(atFrame);
    Chunk tail = c.tailFrom(chunks.size(), atFrame, at, frames.keyframeAtOrBefore(at));
    List<Split> next = new ArrayList<>(splits);
    next.add(new Split(c.index(), atFrame));
    Chunk shortened = running.truncate(atFrame, at, () -> saver.accept(next));
    if (shortened == null) {
      return null;
    }
    splits = List.copyOf(next);
    chunks.set(c.index(), shortened);
    chunks.add(tail);
    return tail;
  }

  /**
   * The chunks in time order, numbered from 0 in that order: the plan the joined file follows.
   * {@code order[i]} is the job's number of the i-th chunk in time.
   */
  synchronized ChunkPlan timeOrdered(int[] order) {
    List<Chunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingInt(Chunk::firstFrame));
    List<Chunk> renumbered = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      Chunk c = sorted.get(i);
      order[i] = c.index();
      renumbered.add(new Chunk(i, c.firstFrame(), c.frameCount(), c.startPts(), c.endPts(), c.seekPts()));
    }
    return new ChunkPlan(planned.split(), planned.targetSeconds(), planned.totalFrames(), renumbered);
  }
}
