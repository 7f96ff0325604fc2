package org.framefork.encoder.cli;

import java.util.Map;
import java.util.TreeMap;
import org.framefork.encoder.job.JobEvent;

/**
 * What the workers are doing, rebuilt from a job's events alone: frames done (finished chunks plus
 * the running chunks' progress), chunks done, and one short entry per running chunk. Events come
 * from worker threads, so every method is synchronized; all of them are short.
 */
final class WorkerBoard {
  /** Running chunks, by chunk: in concurrent mode one worker runs several at once. */
  private final Map<Integer, Running> running = new TreeMap<>();
  private long totalFrames;
  private int chunks;
  private int workers;
  private long finishedFrames;
  private int chunksDone;

  private static final class Running {
    final int worker;
    int frames;
    int done;

    Running(int worker, int frames) {
      this.worker = worker;
      this.frames = frames;
    }
  }

  /** Takes one event; returns false for events that change nothing here. */
  synchronized boolean apply(JobEvent e) {
    switch (e) {
      case JobEvent.JobPlanned p -> {
        totalFrames = p.plan().totalFrames();
        chunks = p.plan().size();
        workers = p.workers();
        running.clear();
        finishedFrames = 0;
        chunksDone = 0;
      }
      case JobEvent.ChunkStarted s -> running.put(s.chunk(), new Running(s.worker(), s.frames()));
      // An idle worker took the end of a running chunk: one chunk more, the running one shorter.
      case JobEvent.ChunkSplit s -> {
        chunks++;
        Running r = running.get(s.chunk());
        if (r != null) {
          r.frames = s.chunkFrames();
        }
      }
      case JobEvent.ChunkProgress p -> {
        Running r = running.get(p.chunk());
        if (r == null) {
          // Progress without a start (an engine that skips ChunkStarted): count it all the same.
          r = new Running(p.worker(), p.frames());
          running.put(p.chunk(), r);
        }
        r.done = Math.max(r.done, p.framesDone());
      }
      case JobEvent.ChunkFinished f -> {
        running.remove(f.chunk());
        finishedFrames += f.frames();
        chunksDone++;
      }
      // A resumed job's chunk from the interrupted run: done without a worker.
      case JobEvent.ChunkReused r -> {
        finishedFrames += r.frames();
        chunksDone++;
      }
      // A failed attempt's frames will be encoded again: they no longer count as done.
      case JobEvent.ChunkFailed f -> running.remove(f.chunk());
      // Target quality encodes the chunk again, from its first frame, on the same worker.
      case JobEvent.ChunkRetuned t -> {
        Running r = running.get(t.chunk());
        if (r != null) {
          r.done = 0;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  synchronized long framesDone() {
    long n = finishedFrames;
    for (Running r : running.values()) {
      n += r.done;
    }
    return totalFrames > 0 ? Math.min(n, totalFrames) : n;
  }

  synchronized long totalFrames() {
    return totalFrames;
  }

  synchronized int chunks() {
    return chunks;
  }

  synchronized int chunksDone() {
    return chunksDone;
  }

  synchronized int workers() {
    return workers;
  }

  /**
   * The running chunks as {@code w0:c3 45% w1:c5 10%}, by worker, as many as fit in {@code maxChars}
   * (the rest as {@code +N}) so that the line fits beside the bar.
   */
  synchronized String activity(int maxChars) {
    var byWorker = running.entrySet().stream()
        .sorted(Map.Entry.<Integer, Running>comparingByValue((a, b) -> Integer.compare(a.worker, b.worker))
            .thenComparing(Map.Entry.comparingByKey()))
        .toList();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < byWorker.size(); i++) {
      Running r = byWorker.get(i).getValue();
      int pct = r.frames > 0 ? (int) (100L * r.done / r.frames) : 0;
      String entry = (sb.isEmpty() ? "" : " ") + "w" + r.worker + ":c" + byWorker.get(i).getKey() + " " + pct + "%";
      boolean last = i == byWorker.size() - 1;
      // Room for this entry, and for " +N" after it unless it is the last.
      if (sb.length() + entry.length() + (last ? 0 : 4) > maxChars) {
        sb.append(sb.isEmpty() ? "+" : " +").append(byWorker.size() - i);
        break;
      }
      sb.append(entry);
    }
    return sb.toString();
  }
}
