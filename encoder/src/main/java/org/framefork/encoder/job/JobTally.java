package org.framefork.encoder.job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Frames and chunks done, folded from a job's events alone: what a progress bar shows, for the
 * terminal's and the desktop app's alike.
 *
 * <p>The count of frames never goes back: a chunk encoded again (a failed attempt's retry, a chunk
 * a cluster lane takes back from a node that left, a final that target quality encodes once more)
 * keeps the frames its earlier encode counted until the new encode passes them, so a bar fed from
 * here moves forward only and reaches its end once. Not thread-safe: whoever folds the events
 * guards it.
 */
public final class JobTally {
  private long totalFrames;
  private int chunks;
  /** The frames each chunk counts now: the most any of its encodes reached, or all of them once finished. */
  private final Map<Integer, Integer> counted = new HashMap<>();
  private final Set<Integer> done = new HashSet<>();
  private int reused;
  private long framesDone;
  private long finishedFrames;
  private long encodeStartedAt;
  private long finishedAtEncodeStart;

  /** Takes one event; returns false for those that change no count. */
  public boolean apply(JobEvent e) {
    switch (e) {
      case JobEvent.JobPlanned p -> planned(p);
      case JobEvent.StageStarted s when s.stage() == JobEvent.Stage.ENCODE -> {
        encodeStartedAt = s.at();
        finishedAtEncodeStart = finishedFrames; // a resumed job's reused chunks: not this run's work
      }
      // An idle worker took the end of a running chunk: one chunk more, the running one shorter.
      case JobEvent.ChunkSplit s -> {
        chunks++;
        if (counted(s.chunk()) > s.chunkFrames()) {
          count(s.chunk(), s.chunkFrames());
        }
      }
      case JobEvent.ChunkProgress p -> {
        if (done.contains(p.chunk()) || p.framesDone() <= counted(p.chunk())) {
          return false;
        }
        count(p.chunk(), p.framesDone());
      }
      case JobEvent.ChunkFinished f -> finished(f.chunk(), f.frames());
      // A resumed job's chunk from the interrupted run: done without a worker.
      case JobEvent.ChunkReused r -> {
        if (finished(r.chunk(), r.frames())) {
          reused++;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void planned(JobEvent.JobPlanned p) {
    totalFrames = p.plan().totalFrames();
    chunks = p.plan().size();
    counted.clear();
    done.clear();
    reused = 0;
    framesDone = 0;
    finishedFrames = 0;
    encodeStartedAt = 0;
    finishedAtEncodeStart = 0;
  }

  /** Counts a chunk done once, whatever reports it again (a cluster lane's late duplicate). */
  private boolean finished(int chunk, int frames) {
    if (!done.add(chunk)) {
      return false;
    }
    count(chunk, frames);
    finishedFrames += frames;
    return true;
  }

  private void count(int chunk, int frames) {
    Integer old = counted.put(chunk, frames);
    framesDone += frames - (old == null ? 0 : old);
  }

  /** The frames chunk {@code chunk} counts now (0 before its first frame). */
  public int counted(int chunk) {
    return counted.getOrDefault(chunk, 0);
  }

  /** Frames done: finished chunks, and the running ones' progress; never more than the total. */
  public long framesDone() {
    return totalFrames > 0 ? Math.min(framesDone, totalFrames) : framesDone;
  }

  /** Frames of the finished chunks alone, reused ones included. */
  public long finishedFrames() {
    return finishedFrames;
  }

  /** Frames that were finished when the encode stage began: a resumed job's reused chunks. */
  public long finishedAtEncodeStart() {
    return finishedAtEncodeStart;
  }

  /** When the encode stage began (the events' clock), or 0 before it. */
  public long encodeStartedAt() {
    return encodeStartedAt;
  }

  /** The plan's frames: what the count of frames done reaches at the end. */
  public long totalFrames() {
    return totalFrames;
  }

  /** Chunks in the plan, with those that tail splits added. */
  public int chunks() {
    return chunks;
  }

  /** Chunks finished, this run's and reused ones, each once. */
  public int chunksDone() {
    return done.size();
  }

  /** Chunks a resumed job took from the interrupted run. */
  public int chunksReused() {
    return reused;
  }
}
