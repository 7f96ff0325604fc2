package org.framefork.app.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobEvent.ChunkFinished;
import org.framefork.encoder.job.JobEvent.ChunkProgress;
import org.framefork.encoder.job.JobEvent.Stage;
import org.framefork.encoder.job.JobEvent.StageStarted;
import org.framefork.encoder.job.JobTally;

/**
 * How far one job has got, folded from its events (EDT only): the engine's {@link JobTally} for the
 * counts (the same rule as the terminal's bar: the count never goes back), and what it does now.
 */
public final class JobProgress {
  private final JobTally tally = new JobTally();
  private Stage stage;
  private long lastFrameAt;
  /** Chunks whose target-quality probes run now, with the CRF of each one's current probe, in the order they began. */
  private final Map<Integer, Double> probing = new LinkedHashMap<>();

  public void apply(JobEvent e) {
    tally.apply(e);
    switch (e) {
      case StageStarted s -> stage = s.stage();
      case ChunkProgress p -> lastFrameAt = p.at();
      case JobEvent.ProbeStarted p -> probing.put(p.chunk(), p.crf());
      case JobEvent.ChunkTuned t -> probing.remove(t.chunk());
      case JobEvent.ChunkFailed f -> probing.remove(f.chunk());
      case ChunkFinished f -> lastFrameAt = f.at();
      default -> {
        // the counts are the tally's; failures and the end are the runner's business
      }
    }
  }

  public int framesDone() {
    return (int) tally.framesDone();
  }

  public int totalFrames() {
    return (int) tally.totalFrames();
  }

  public Stage stage() {
    return stage;
  }

  /** 0..1 of the frames; the join and verify after the last frame are short and shown by name. */
  public double fraction() {
    long total = tally.totalFrames();
    return total == 0 ? 0 : Math.min(1.0, tally.framesDone() / (double) total);
  }

  /** Frames per second since the encode stage began, or 0 before the first frames. */
  public double fps(long now) {
    // A resumed job's reused chunks were done before this run: not its speed.
    long encoded = tally.framesDone() - tally.finishedAtEncodeStart();
    long since = tally.encodeStartedAt();
    if (since == 0 || encoded <= 0) {
      return 0;
    }
    double s = (Math.max(now, lastFrameAt) - since) / 1e9;
    return s > 0 ? encoded / s : 0;
  }

  /** Seconds left at the current rate, or -1 when not known yet. */
  public double etaSeconds(long now) {
    double fps = fps(now);
    return fps <= 0 ? -1 : (tally.totalFrames() - tally.framesDone()) / fps;
  }

  /** One line for the queue entry and the progress panel. */
  public String stageText() {
    if (stage == null) {
      return "starting";
    }
    return switch (stage) {
      case PROBE -> "reading the input";
      case PLAN -> "cutting into chunks";
      case ENCODE -> String.format("%s · %d of %d done", probing.isEmpty() ? "encoding chunks" : probingText(), tally.chunksDone(), tally.chunks());
      case JOIN -> "joining the chunks";
      case VERIFY -> "checking the output";
    };
  }

  /** Target quality's probes in progress: "probing chunk 2 (crf 27)", or the chunks when several probe. */
  private String probingText() {
    if (probing.size() == 1) {
      var only = probing.entrySet().iterator().next();
      return "probing chunk " + only.getKey() + " (crf " + EncodeSettings.formatCrf(only.getValue()) + ")";
    }
    return "probing chunks " + probing.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
