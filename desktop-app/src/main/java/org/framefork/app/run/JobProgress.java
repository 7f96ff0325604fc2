package org.framefork.app.run;

import java.util.HashMap;
import java.util.Map;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobEvent.ChunkFinished;
import org.framefork.encoder.job.JobEvent.ChunkProgress;
import org.framefork.encoder.job.JobEvent.ChunkStarted;
import org.framefork.encoder.job.JobEvent.JobPlanned;
import org.framefork.encoder.job.JobEvent.Stage;
import org.framefork.encoder.job.JobEvent.StageStarted;

/** How far one job has got, folded from its events (EDT only). */
public final class JobProgress {
  private Stage stage;
  private int totalFrames;
  private int chunks;
  private int chunksDone;
  private final Map<Integer, Integer> framesByChunk = new HashMap<>();
  private int framesDone;
  private int framesAtEncodeStart;
  private long encodeStartedAt;
  private long lastFrameAt;
  /** Chunks whose target-quality probes run now, with the CRF of each one's current probe, in the order they began. */
  private final Map<Integer, Double> probing = new java.util.LinkedHashMap<>();

  public void apply(JobEvent e) {
    switch (e) {
      case StageStarted s -> {
        stage = s.stage();
        if (s.stage() == Stage.ENCODE) {
          encodeStartedAt = s.at();
          framesAtEncodeStart = framesDone; // a resumed job's reused chunks: not this run's speed
        }
      }
      case JobPlanned p -> {
        totalFrames = p.plan().totalFrames();
        chunks = p.plan().size();
      }
      // A chunk encoded again (a failed attempt's retry, a final outside the target's band) keeps the
      // frames it had counted until the new encode passes them: the bar never goes back.
      case ChunkStarted c -> framesByChunk.putIfAbsent(c.chunk(), 0);
      case JobEvent.ChunkSplit s -> chunks++; // an idle worker took the end of a running chunk
      case ChunkProgress p -> {
        setFrames(p.chunk(), Math.max(framesByChunk.getOrDefault(p.chunk(), 0), p.framesDone()));
        lastFrameAt = p.at();
      }
      // A resumed job's chunk from the interrupted run: done before this run's encode starts.
      case JobEvent.ChunkReused r -> {
        setFrames(r.chunk(), r.frames());
        chunksDone++;
      }
      case JobEvent.ProbeStarted p -> probing.put(p.chunk(), p.crf());
      case JobEvent.ChunkTuned t -> probing.remove(t.chunk());
      case JobEvent.ChunkFailed f -> probing.remove(f.chunk());
      case ChunkFinished f -> {
        setFrames(f.chunk(), f.frames());
        chunksDone++;
        lastFrameAt = f.at();
      }
      default -> {
        // failures and the end are the runner's business
      }
    }
  }

  private void setFrames(int chunk, int frames) {
    Integer old = framesByChunk.put(chunk, frames);
    framesDone += frames - (old == null ? 0 : old);
  }

  public int framesDone() {
    return framesDone;
  }

  public int totalFrames() {
    return totalFrames;
  }

  public Stage stage() {
    return stage;
  }

  /** 0..1 of the frames; the join and verify after the last frame are short and shown by name. */
  public double fraction() {
    return totalFrames == 0 ? 0 : Math.min(1.0, framesDone / (double) totalFrames);
  }

  /** Frames per second since the encode stage began, or 0 before the first frames. */
  public double fps(long now) {
    int encoded = framesDone - framesAtEncodeStart;
    if (encodeStartedAt == 0 || encoded <= 0) {
      return 0;
    }
    double s = (Math.max(now, lastFrameAt) - encodeStartedAt) / 1e9;
    return s > 0 ? encoded / s : 0;
  }

  /** Seconds left at the current rate, or -1 when not known yet. */
  public double etaSeconds(long now) {
    double fps = fps(now);
    return fps <= 0 ? -1 : (totalFrames - framesDone) / fps;
  }

  /** One line for the queue entry and the progress panel. */
  public String stageText() {
    if (stage == null) {
      return "starting";
    }
    return switch (stage) {
      case PROBE -> "reading the input";
      case PLAN -> "cutting into chunks";
      case ENCODE -> String.format("%s · %d of %d done", probing.isEmpty() ? "encoding chunks" : probingText(), chunksDone, chunks);
      case JOIN -> "joining the chunks";
      case VERIFY -> "checking the output";
    };
  }

  /** Target quality's probes in progress: "probing chunk 2 (crf 27)", or the chunks when several probe. */
  private String probingText() {
    if (probing.size() == 1) {
      var only = probing.entrySet().iterator().next();
      return "probing chunk " + only.getKey() + " (crf " + org.framefork.encoder.encode.EncodeSettings.formatCrf(only.getValue()) + ")";
    }
    return "probing chunks " + probing.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
  }
}
