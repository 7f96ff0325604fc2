package org.framefork.encoder.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobTally;

/**
 * What the workers are doing, rebuilt from a job's events alone: the counts of frames and chunks
 * done ({@link JobTally}, the rule the desktop app's bar follows too: the count never goes back),
 * and one short entry per running chunk. Events come from worker threads, so every method is
 * synchronized; all of them are short.
 */
final class WorkerBoard {
  private final JobTally tally = new JobTally();
  /** Running chunks, by chunk: in concurrent mode one worker runs several at once. */
  private final Map<Integer, Running> running = new TreeMap<>();
  private int workers;
  /** Chunks whose attempt failed after counting frames, waiting for their retry. */
  private final Set<Integer> retrying = new HashSet<>();
  /** Whether the job searches each chunk's CRF (target quality): a probe or a tuned chunk was seen. */
  private boolean targetQuality;
  private final Set<Integer> tuned = new HashSet<>();
  /** Since when, and from how many frames done, the rate that the time left is taken from runs. */
  private long rateSince;
  private long framesAtRateSince;

  private static final class Running {
    final int worker;
    int frames;
    /** The frames this encode of the chunk has done (the tally holds what an earlier one counted). */
    int done;
    /** Whether the chunk is encoded again (a retry, or a final outside target quality's band). */
    boolean again;
    /** The probe encode that runs on the chunk now, in the desktop app's words ("probe crf 27"); null when none does. */
    String probe;
    /** Target quality chose its CRF: once its final is out, the final is scored. */
    boolean tuned;

    Running(int worker, int frames) {
      this.worker = worker;
      this.frames = frames;
    }
  }

  /** Takes one event; returns false for events that change nothing shown. */
  synchronized boolean apply(JobEvent e) {
    boolean counted = tally.apply(e);
    switch (e) {
      case JobEvent.JobPlanned p -> planned(p);
      case JobEvent.StageStarted s when s.stage() == JobEvent.Stage.ENCODE -> {
        startRate(s.at());
        return false;
      }
      // A retry, or a chunk that a cluster lane encodes here after its node left: it starts over.
      case JobEvent.ChunkStarted s -> started(s);
      case JobEvent.ChunkSplit s -> {
        Running r = running.get(s.chunk());
        if (r != null) {
          r.frames = s.chunkFrames();
        }
      }
      case JobEvent.ChunkProgress p -> progress(p);
      case JobEvent.ChunkFinished f -> {
        running.remove(f.chunk());
        retrying.remove(f.chunk());
      }
      case JobEvent.ProbeStarted p -> {
        targetQuality = true;
        Running r = running.get(p.chunk());
        if (r == null) {
          return false;
        }
        r.probe = "probe crf " + EncodeSettings.formatCrf(p.crf());
      }
      case JobEvent.ChunkTuned t -> tunedChunk(t);
      case JobEvent.ChunkFailed f -> failed(f);
      case JobEvent.ChunkRetuned t -> retuned(t);
      default -> {
        return counted;
      }
    }
    return true;
  }

  private void progress(JobEvent.ChunkProgress p) {
    Running r = running.get(p.chunk());
    if (r == null) {
      // Progress without a start (an engine that skips ChunkStarted): count it all the same.
      r = new Running(p.worker(), p.frames());
      running.put(p.chunk(), r);
    }
    r.done = Math.max(r.done, p.framesDone());
  }

  /** A failed attempt's frames stay counted (by the tally) until its retry passes them. */
  private void failed(JobEvent.ChunkFailed f) {
    running.remove(f.chunk());
    if (tally.counted(f.chunk()) > 0) {
      retrying.add(f.chunk());
    }
  }

  /** Target quality encodes the chunk again, from its first frame, on the same worker. */
  private void retuned(JobEvent.ChunkRetuned t) {
    Running r = running.get(t.chunk());
    if (r != null) {
      r.done = 0;
      r.again = true;
    }
  }

  private void planned(JobEvent.JobPlanned p) {
    workers = p.workers();
    running.clear();
    retrying.clear();
    targetQuality = false;
    tuned.clear();
    rateSince = 0;
  }

  private void tunedChunk(JobEvent.ChunkTuned t) {
    targetQuality = true;
    tuned.add(t.chunk());
    Running r = running.get(t.chunk());
    if (r != null) {
      r.probe = null;
      r.tuned = true;
    }
    // The probes took most of the time so far: the rate of the finals alone starts now.
    if (untuned() == 0) {
      startRate(t.at());
    }
  }

  /**
   * A chunk's attempt began: a retry, or a cluster lane's chunk encoded here after its node left,
   * starts over; the tally keeps what the earlier attempt counted.
   */
  private void started(JobEvent.ChunkStarted s) {
    Running r = new Running(s.worker(), s.frames());
    running.put(s.chunk(), r);
    r.again = tally.counted(s.chunk()) > 0;
    retrying.remove(s.chunk());
  }

  private void startRate(long at) {
    rateSince = at;
    framesAtRateSince = framesDone();
  }

  private int untuned() {
    return tally.chunks() - tally.chunksReused() - tuned.size();
  }

  /**
   * The time left at the rate of the frames done since the encode began, or since target quality
   * tuned its last chunk; while chunks are still to be probed (probes take up to 10 times a final's
   * time and put out no frames, so any rate of frames would be wrong), from the chunks finished so
   * far. None while a chunk is encoded again (its frames were counted already) or before a frame.
   */
  synchronized Optional<Duration> timeLeft(long now) {
    if (targetQuality && untuned() > 0) {
      return chunksTimeLeft(now);
    }
    long done = framesDone();
    long since = done - framesAtRateSince;
    boolean again = !retrying.isEmpty() || running.values().stream().anyMatch(r -> r.again);
    if (rateSince == 0 || again || since <= 0 || now <= rateSince) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.round((now - rateSince) / (double) since * (tally.totalFrames() - done))));
  }

  /**
   * While chunks are still to be searched, their probes take most of the time and put out no frames:
   * the time left from the finished chunks alone, probes included (the frames of the running ones
   * count as not done, so it errs long). Unknown until a chunk of this run has finished.
   */
  private Optional<Duration> chunksTimeLeft(long now) {
    long since = tally.encodeStartedAt();
    long finished = tally.finishedFrames() - tally.finishedAtEncodeStart();
    if (since == 0 || finished <= 0 || now <= since) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.round((now - since) / (double) finished
        * (tally.totalFrames() - tally.finishedFrames()))));
  }

  synchronized long framesDone() {
    return tally.framesDone();
  }

  synchronized long totalFrames() {
    return tally.totalFrames();
  }

  synchronized int chunks() {
    return tally.chunks();
  }

  synchronized int chunksDone() {
    return tally.chunksDone();
  }

  synchronized int workers() {
    return workers;
  }

  /**
   * The running chunks as {@code w0:c3 45% w1:c5 probe crf 27}, by worker, as many as fit in {@code maxChars}
   * (the rest as {@code +N}) so that the line fits beside the bar; when not even the first fits,
   * what they do, counted ({@code 2 probing}).
   */
  synchronized String activity(int maxChars) {
    var byWorker = running.entrySet().stream()
        .sorted(Map.Entry.<Integer, Running>comparingByValue((a, b) -> Integer.compare(a.worker, b.worker))
            .thenComparing(Map.Entry.comparingByKey()))
        .toList();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < byWorker.size(); i++) {
      Running r = byWorker.get(i).getValue();
      String entry = (sb.isEmpty() ? "" : " ") + "w" + r.worker + ":c" + byWorker.get(i).getKey() + " " + doing(r);
      boolean last = i == byWorker.size() - 1;
      // Room for this entry, and for " +N" after it unless it is the last.
      if (sb.length() + entry.length() + (last ? 0 : 4) > maxChars) {
        String counted = sb.isEmpty() ? counted() : "";
        if (!counted.isEmpty() && counted.length() <= maxChars) {
          return counted;
        }
        sb.append(sb.isEmpty() ? "+" : " +").append(byWorker.size() - i);
        break;
      }
      sb.append(entry);
    }
    return sb.toString();
  }

  /**
   * What a running chunk does: a probe, its encode's percentage ("again 40%" when encoded again),
   * or, its final out, the final's scoring.
   */
  private static String doing(Running r) {
    if (r.probe != null) {
      return r.probe;
    }
    if (r.tuned && r.frames > 0 && r.done >= r.frames) {
      return "scoring";
    }
    return (r.again ? "again " : "") + (r.frames > 0 ? (int) (100L * r.done / r.frames) : 0) + "%";
  }

  /** The running chunks by what they do: "2 probing", "1 probing, 1 encoding". */
  private String counted() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Running r : running.values()) {
      String what = doing(r);
      counts.merge(what.startsWith("probe") ? "probing" : what.equals("scoring") ? "scoring" : "encoding", 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((what, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(what));
    return sb.toString();
  }
}
