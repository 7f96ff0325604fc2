package org.framefork.app.run;

import java.util.HashMap;
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
 *
 * <p>A chunk that target quality encodes again ({@link JobEvent.ChunkRetuned}) is work the plan did
 * not count: its frames are added to the total and its new encode's to the frames done, so that the
 * bar does not read 100 % ("200 / 200 · ETA 0:00") while that encode runs, and the count still never
 * goes back.
 */
public final class JobProgress {
  private final JobTally tally = new JobTally();
  private Stage stage;
  private long lastFrameAt;
  /** Chunks whose target-quality probes run now, with the CRF of each one's current probe, in the order they began. */
  private final Map<Integer, Double> probing = new LinkedHashMap<>();
  /** The frames of each chunk, as its latest event says (a split makes a chunk shorter). */
  private final Map<Integer, Integer> chunkFrames = new HashMap<>();
  /** Chunks target quality encodes again now, with the frames their new encode has put out. */
  private final Map<Integer, Integer> again = new LinkedHashMap<>();
  /** Frames of the encodes again that target quality began: added to the plan's. */
  private long againTotal;
  /** Frames of the encodes again that ended (finished, or superseded by one more). */
  private long againDone;

  public void apply(JobEvent e) {
    tally.apply(e);
    switch (e) {
      case JobEvent.JobPlanned p -> {
        chunkFrames.clear();
        again.clear();
        againTotal = 0;
        againDone = 0;
      }
      case StageStarted s -> stage = s.stage();
      case JobEvent.ChunkStarted c -> chunkFrames.put(c.chunk(), c.frames());
      case JobEvent.ChunkSplit s -> chunkFrames.put(s.chunk(), s.chunkFrames());
      case ChunkProgress p -> {
        lastFrameAt = p.at();
        chunkFrames.put(p.chunk(), p.frames());
        again.computeIfPresent(p.chunk(), (c, n) -> Math.max(n, p.framesDone()));
      }
      case JobEvent.ProbeStarted p -> probing.put(p.chunk(), p.crf());
      case JobEvent.ChunkTuned t -> probing.remove(t.chunk());
      case JobEvent.ChunkRetuned r -> encodedAgain(r.chunk());
      // A failed encode again keeps its count: its retry starts from the first frame, and counts
      // only once it passes that (the rule of the tally's own counts), in every mode.
      case JobEvent.ChunkFailed f -> probing.remove(f.chunk());
      case ChunkFinished f -> {
        lastFrameAt = f.at();
        if (again.remove(f.chunk()) != null) {
          againDone += f.frames();
        }
      }
      default -> {
        // the counts are the tally's; failures and the end are the runner's business
      }
    }
  }

  /** Target quality encodes chunk {@code chunk} again: its frames are to be done once more. */
  private void encodedAgain(int chunk) {
    int frames = chunkFrames.getOrDefault(chunk, tally.counted(chunk));
    if (again.containsKey(chunk)) {
      againDone += frames; // its encode again is done, and one more begins
    }
    again.put(chunk, 0);
    againTotal += frames;
  }

  /** Frames done: the tally's, and those of the encodes target quality runs again. */
  public int framesDone() {
    return (int) Math.min(totalFrames(), tally.framesDone() + againDone + again.values().stream().mapToLong(Integer::longValue).sum());
  }

  /** The plan's frames, and those of every encode again target quality began. */
  public int totalFrames() {
    return (int) (tally.totalFrames() + againTotal);
  }

  public Stage stage() {
    return stage;
  }

  /** 0..1 of the frames; the join and verify after the last frame are short and shown by name. */
  public double fraction() {
    long total = totalFrames();
    return total == 0 ? 0 : Math.min(1.0, framesDone() / (double) total);
  }

  /** Frames per second since the encode stage began, or 0 before the first frames. */
  public double fps(long now) {
    // A resumed job's reused chunks were done before this run: not its speed.
    long encoded = framesDone() - tally.finishedAtEncodeStart();
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
    return fps <= 0 ? -1 : (totalFrames() - framesDone()) / fps;
  }

  /** One line for the queue entry and the progress panel. */
  public String stageText() {
    if (stage == null) {
      return "starting";
    }
    return switch (stage) {
      case PROBE -> "reading the input";
      case PLAN -> "cutting into chunks";
      case ENCODE -> String.format("%s · %d of %d done", !probing.isEmpty() ? probingText() : !again.isEmpty() ? againText() : "encoding chunks",
          tally.chunksDone(), tally.chunks());
      case JOIN -> "joining the chunks";
      case VERIFY -> "checking the output";
    };
  }

  /** Target quality's encodes again in progress: "encoding chunk 2 again", or the chunks when several are. */
  private String againText() {
    return (again.size() == 1 ? "encoding chunk " : "encoding chunks ")
        + again.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " again";
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
