package org.framefork.encoder.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.job.JobEvent.ChunkReused;
import org.framefork.encoder.job.JobEvent.JobDone;
import org.framefork.encoder.job.JobEvent.JobFailed;
import org.framefork.encoder.job.JobEvent.JobPlanned;
import org.framefork.encoder.job.JobEvent.Stage;
import org.framefork.encoder.job.JobEvent.StageStarted;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.join.AudioPlan;
import org.framefork.encoder.join.SegmentJoiner;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.Planner;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.verify.EncodeQualityCheck;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.Verification;
import org.framefork.encoder.verify.Verifier;

/**
 * One input to one output: probe, plan, encode the chunks in the chosen mode, join, verify.
 *
 * <p>{@link #run()} blocks until the output is in place and returns the report; it throws
 * {@link InputException} for input or destination a user must fix (before anything is written),
 * {@link JobCancelledException} after {@link #cancel()}, and {@link MediaException} when encoding
 * fails. In every failure nothing is left at the destination: the output is written under a
 * temporary name beside it, verified, and only then renamed into place.
 */
public final class EncodeJob {
  /** The share of a source's frames that may be lost to damage before the input is refused. */
  static final double MAX_DAMAGED_SHARE = 0.10;

  private final JobOptions options;
  private final JobListener listener;
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile boolean cancelled;

  public EncodeJob(JobOptions options, JobListener listener) {
    this.options = options;
    this.listener = listener == null ? JobListener.NONE : listener;
  }

  public JobOptions options() {
    return options;
  }

  /** Asks the job to stop: workers stop at their next frame; run() then throws JobCancelledException. */
  public void cancel() {
    cancelled = true;
    stop.set(true);
  }

  /**
   * Checks what can be checked without reading the input: the input is a readable file, the output
   * is not the input, its folder exists and is writable, it does not exist (unless overwriting), and
   * the container can hold the codec.
   */
  public static void checkDestination(JobOptions o) {
    Prober.requireReadableFile(o.input());
    Path out = o.output().toAbsolutePath().normalize();
    if (Files.isDirectory(out)) {
      throw new InputException(o.output() + ": is a folder; give an output file name, or use --output-dir");
    }
    try {
      if (Files.exists(out) && Files.isSameFile(out, o.input())) {
        throw new InputException(o.output() + ": is the input itself; choose another output name");
      }
      if (out.equals(o.input().toRealPath())) {
        throw new InputException(o.output() + ": is the input itself; choose another output name");
      }
    } catch (IOException e) {
      throw new InputException(o.input() + ": cannot be read (" + e.getMessage() + ")");
    }
    Path dir = out.getParent();
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": the output folder does not exist; create it or choose another");
    }
    if (!Files.isWritable(dir)) {
      throw new InputException(dir + ": the output folder is not writable; choose another or fix its permissions");
    }
    if (Files.exists(o.output(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(o.output(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException(o.output() + ": is not a plain file (a link, a device or a pipe); choose another output name");
    }
    if (Files.exists(out) && !o.overwrite()) {
      throw new InputException(o.output() + ": already exists; pass --overwrite to replace it");
    }
    if (!o.container().accepts(o.video().codec())) {
      throw new InputException(o.container() + " cannot hold " + o.video().codec() + " video; use vp9 or av1, or another container");
    }
  }

  /**
   * What tells a changed input: its {@linkplain Checksums#fingerprint fingerprint} (size and edges,
   * which the work folder keeps for {@code --resume}) and its time of change.
   */
  private record InputState(String fingerprint, long modifiedMillis) {
    static InputState of(Path input) {
      try {
        return new InputState(Checksums.fingerprint(input), Files.getLastModifiedTime(input).toMillis());
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new InputException(input + ": cannot be read (" + e.getMessage() + ")");
      }
    }
  }

  /**
   * Refuses to finish when the input changed while the job ran (replaced, or still being written):
   * the chunks would come from two different files and still pass verification.
   */
  private void requireUnchanged(InputState before) {
    InputState now;
    try {
      now = InputState.of(options.input());
    } catch (InputException e) {
      now = null; // gone
    }
    if (!before.equals(now)) {
      throw new InputException(options.input() + ": changed while it was being encoded (replaced, or still being written); "
          + "nothing was written: encode it again once it is complete");
    }
  }

  public JobReport run() {
    long t0 = System.nanoTime();
    Path tmp = null;
    JobWorkspace workspace = null;
    JobLock lock = null;
    InputState inputState = null;
    try {
      checkDestination(options);
      options.filters().checkFiles();
      lock = JobLock.take(options.output());
      inputState = InputState.of(options.input());

      listener.onEvent(new StageStarted(Stage.PROBE, System.nanoTime()));
      MediaInfo media = Prober.probe(options.input());
      FrameSize filtered = options.filters().outputSize(EncodedPicture.size(media.video().width(), media.video().height()));
      if (!Prober.takesPictureSize(filtered.width(), filtered.height())) {
        throw new InputException(options.input() + ": --vf " + options.filters().text() + " makes " + filtered.width() + "x"
            + filtered.height() + " pictures, larger than the " + Prober.largestPicture() + " FrameFork encodes; scale to less");
      }
      AudioPlan audio = AudioPlan.decide(media, options.container(), options.audio());
      // Overlay pictures are decoded once here and shared read-only by every chunk.
      FilterSetup filters = options.filters().isEmpty() ? null
          : options.filters().prepare(FilterChain.matrixFor(media.video().colorSpace(), media.video().height()));
      long tProbe = System.nanoTime();

      listener.onEvent(new StageStarted(Stage.PLAN, System.nanoTime()));
      ScenePlanner.Analysis[] scenes = new ScenePlanner.Analysis[1];
      ChunkPlan plan = plan(media, options, stop, a -> scenes[0] = a);
      int workers = options.mode() == ExecutionMode.PARALLEL ? options.workers() : 1;

      Path out = options.output().toAbsolutePath().normalize();
      JobWorkspace folder = new JobWorkspace(options.workFolder());
      List<JobWorkspace.ChunkRecord> reused = new ArrayList<>();
      LivePlan live;
      if (options.resume()) {
        // A refused resume leaves the interrupted job's folder alone: it is not this job's to delete.
        checkResumable(folder, plan, inputState.fingerprint());
        workspace = folder;
        live = resumedPlan(folder, plan, media);
        for (Chunk c : live.chunks()) {
          JobWorkspace.ChunkRecord r = workspace.intactRecord(c);
          if (r != null) {
            reused.add(r);
          }
        }
      } else {
        workspace = folder;
        workspace.delete(); // a stale folder from an earlier run would mix segments of two plans
        workspace.create();
        workspace.writePlan(plan, options.video(), options.filters().identity(), inputState.fingerprint());
        live = LivePlan.of(plan, media.frames(), List.of(), workspace::writeSplits);
      }
      List<Chunk> todo = new ArrayList<>(ChunkPlan.scheduleOrder(live.chunks()));
      for (JobWorkspace.ChunkRecord r : reused) {
        todo.removeIf(c -> c.index() == r.chunk());
      }
      listener.onEvent(new JobPlanned(options.input(), options.output(), media, live.current(), options.mode(), workers,
          System.nanoTime()));
      for (JobWorkspace.ChunkRecord r : reused) {
        listener.onEvent(new ChunkReused(r.chunk(), r.frames(), r.bytes(), System.nanoTime()));
      }

      listener.onEvent(new StageStarted(Stage.ENCODE, System.nanoTime()));
      long tEncode = System.nanoTime();
      ChunkScheduler scheduler = new ChunkScheduler(options.input(), media.video().index(), options.video(), filters,
          workspace, listener, stop, live, tailSplits(options, plan));
      List<ChunkScheduler.Outcome> outcomes = scheduler.run(todo, options.mode(), workers);
      long tJoin = System.nanoTime();

      checkCancelled();
      listener.onEvent(new StageStarted(Stage.JOIN, tJoin));
      long[][] byIndex = new long[live.size()][];
      for (JobWorkspace.ChunkRecord r : reused) {
        byIndex[r.chunk()] = r.framePts();
      }
      for (ChunkScheduler.Outcome o : outcomes) {
        byIndex[o.chunk().index()] = o.framePts();
      }
      // The segments in time order: chunks split off at the tail are numbered after the others.
      int[] order = new int[live.size()];
      ChunkPlan joined = live.timeOrdered(order);
      List<Path> segments = new ArrayList<>();
      long[][] framePts = new long[order.length][];
      long kept = 0;
      for (int i = 0; i < order.length; i++) {
        segments.add(workspace.segment(order[i]));
        framePts[i] = byIndex[order[i]];
        kept += framePts[i].length;
      }
      requireUnchanged(inputState);
      long dropped = media.video().frameCount() - kept;
      if (dropped > MAX_DAMAGED_SHARE * media.video().frameCount()) {
        throw new InputException(options.input() + ": " + dropped + " of " + media.video().frameCount()
            + " frames are too damaged to decode; nothing was written (repair or re-export the file)");
      }
      tmp = out.resolveSibling(JobWorkspace.fileName("." + out.getFileName(), ".part"));
      SegmentJoiner joiner = new SegmentJoiner(options.input(), media, List.of(framePts), segments, options.container(), audio,
          workspace.dir(), stop::get);
      joiner.join(tmp);
      List<String> notes = new ArrayList<>();
      FrameSize decodedSize = EncodedPicture.size(media.video().width(), media.video().height());
      if (decodedSize.width() != media.video().width() || decodedSize.height() != media.video().height()) {
        notes.add("the picture was cropped from " + media.video().width() + "x" + media.video().height() + " to "
            + decodedSize.width() + "x" + decodedSize.height() + ": 4:2:0 video needs even sizes");
      }
      String pixels = media.video().pixelFormat();
      if (pixels != null && !java.util.Set.of("yuv420p", "yuvj420p", "nv12", "nv21").contains(pixels)) {
        notes.add("the source's pictures are " + pixels + "; they were encoded as 8-bit 4:2:0 (yuv420p), the one format "
            + "FrameFork writes");
      }
      if (media.video().interlaced()) {
        notes.add("the source is interlaced (field order " + media.video().fieldOrder()
            + "); it was encoded as progressive pictures, not deinterlaced");
      }
      notes.addAll(joiner.notes());
      long tVerify = System.nanoTime();

      checkCancelled();
      listener.onEvent(new StageStarted(Stage.VERIFY, tVerify));
      Verification verification = Verifier.verify(media, tmp, !audio.tracks().isEmpty(), dropped);
      if (!verification.passed()) {
        throw new MediaException("the output failed verification: " + String.join("; ", verification.problems()));
      }
      checkCancelled();
      QualityScore quality = null;
      if (options.verifyQuality()) {
        quality = new EncodeQualityCheck(options.input(), media.video().index(), decodedSize, filters, tmp,
            Prober.probe(tmp).frames(), stop::get).measure(joined, framePts, workers);
        checkCancelled();
      }
      requireUnchanged(inputState);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      long tEnd = System.nanoTime();
      if (!options.workKept().keeps(false)) {
        workspace.delete();
      }

      FrameSize outputSize = options.filters().outputSize(decodedSize);
      JobReport report = report(media, joined, live.splitCount(), workers, outcomes, reused.size(), dropped, out, verification, t0, tProbe, tEncode, tJoin,
          tVerify, tEnd, outputSize, scenes[0], quality, notes);
      listener.onEvent(new JobDone(report, System.nanoTime()));
      return report;
    } catch (RuntimeException | IOException e) {
      boolean wasCancelled = cancelled || e instanceof JobCancelledException;
      // A cancelled job keeps its finished chunks for --resume; a failed one keeps nothing.
      if (workspace != null && !options.workKept().keeps(wasCancelled)) {
        workspace.delete();
      }
      deleteQuietly(tmp);
      RuntimeException failure = wasCancelled ? new JobCancelledException()
          : e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      if (!wasCancelled && inputState != null) {
        // A chunk that failed, or frames that look damaged, may only be an input that changed under the job.
        try {
          requireUnchanged(inputState);
        } catch (InputException changed) {
          failure = changed;
        }
      }
      listener.onEvent(new JobFailed(failure.getMessage(), wasCancelled, System.nanoTime()));
      throw failure;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * The chunks a job with {@code options} cuts {@code media} into: the split it asks for, at its
   * chunk length, or for {@code keyframes} without one, about two chunks per worker.
   */
  public static ChunkPlan plan(MediaInfo media, JobOptions options) {
    return plan(media, options, new AtomicBoolean(), a -> {});
  }

  /**
   * As above; a {@code scene} split decodes the video to find its cuts, with {@code workers}
   * threads, stops when {@code stop} is set, and hands what it found to {@code scenes}. For that
   * split the chunk length is the longest chunk.
   */
  public static ChunkPlan plan(MediaInfo media, JobOptions options, AtomicBoolean stop, Consumer<ScenePlanner.Analysis> scenes) {
    double seconds = options.chunkSeconds() > 0
        ? options.chunkSeconds()
        : Planners.defaultChunkSeconds(media.video().durationSeconds(), options.workers());
    if (options.split() == SplitMode.SCENE) {
      int threads = options.mode() == ExecutionMode.PARALLEL ? options.workers() : 1;
      ScenePlanner planner = new ScenePlanner(options.input(), media.video().index(), seconds, threads, stop);
      try {
        ChunkPlan plan = planner.plan(media.frames());
        scenes.accept(planner.lastAnalysis());
        return plan;
      } catch (CancellationException e) {
        throw new JobCancelledException();
      }
    }
    Planner planner = Planners.forSplit(options.split(), seconds, options.chunkFrames());
    return planner.plan(media.frames());
  }

  /**
   * Whether the job splits chunks at its tail: when asked to, except with {@code --split none},
   * which asks for the whole video as one encoder's work (FFmpeg's own threading, for one).
   */
  static boolean tailSplits(JobOptions options, ChunkPlan plan) {
    return options.tailSplit() && plan.split() != SplitMode.NONE;
  }

  /** The interrupted job's plan with the splits it made, which its chunk records follow. */
  private static LivePlan resumedPlan(JobWorkspace workspace, ChunkPlan plan, MediaInfo media) {
    try {
      return LivePlan.of(plan, media.frames(), workspace.readSplits(), workspace::writeSplits);
    } catch (UncheckedIOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new InputException("the interrupted job's splits in " + workspace.dir() + " cannot be read; run without --resume to start over");
    }
  }

  /** @param fingerprint the input's, as this job read it at its start */
  private void checkResumable(JobWorkspace workspace, ChunkPlan plan, String fingerprint) {
    if (!workspace.hasPlan()) {
      throw new InputException("no interrupted job to resume in " + workspace.dir() + "; run without --resume");
    }
    ChunkPlan saved;
    EncodeSettings settings;
    String filters;
    String source;
    try {
      saved = workspace.readPlan();
      JobWorkspace.SavedSettings s = workspace.readSavedSettings();
      settings = s.video();
      filters = s.filtersOrNone();
      source = s.source();
    } catch (UncheckedIOException e) {
      throw new InputException("the interrupted job's plan in " + workspace.dir() + " cannot be read; run without --resume to start over");
    }
    // The same plan can come from another file (a re-encode of the same length and keyframes): the
    // finished chunks would then hold the old pictures.
    if (source != null && !source.equals(fingerprint)) {
      throw new InputException("the input " + options.input() + " has changed since the job in " + workspace.dir()
          + " was interrupted; run without --resume to start over");
    }
    if (!saved.equals(plan)) {
      throw new InputException("the interrupted job in " + workspace.dir()
          + " was cut into other chunks (another input, split or chunk length); run without --resume to start over");
    }
    if (!settings.equals(options.video())) {
      throw new InputException("the interrupted job in " + workspace.dir() + " was encoded with other settings (" + settings.codec()
          + " crf " + settings.crf() + " " + settings.preset() + "); use those, or run without --resume to start over");
    }
    String wanted = options.filters().identity();
    if (!filters.equals(wanted)) {
      String savedText = filters.replaceAll("#sha256=[0-9a-f]+", "");
      String why = savedText.equals(wanted.replaceAll("#sha256=[0-9a-f]+", ""))
          ? " used an overlay picture that has changed since; put the old one back"
          : " was encoded with other filters (" + (filters.isEmpty() ? "none" : "--vf \"" + savedText + "\"") + "); use those";
      throw new InputException("the interrupted job in " + workspace.dir() + why + ", or run without --resume to start over");
    }
  }

  private void checkCancelled() {
    if (stop.get()) {
      throw new JobCancelledException();
    }
  }

  private JobReport report(MediaInfo media, ChunkPlan plan, int splits, int workers, List<ChunkScheduler.Outcome> outcomes, int reused, long dropped, Path out,
      Verification verification, long t0, long tProbe, long tEncode, long tJoin, long tVerify, long tEnd, FrameSize outputSize,
      ScenePlanner.Analysis scenes, QualityScore quality, List<String> notes) throws IOException {
    double wall = (tEnd - t0) / 1e9;
    double encode = (tJoin - tEncode) / 1e9;
    double sum = outcomes.stream().mapToLong(ChunkScheduler.Outcome::busyNanos).sum() / 1e9;
    int retries = outcomes.stream().mapToInt(o -> o.attempts() - 1).sum();
    List<ChunkTiming> timings = outcomes.stream()
        .sorted(Comparator.comparingInt(o -> o.chunk().index()))
        .map(o -> new ChunkTiming(o.chunk().index(), o.chunk().firstFrame(), o.chunk().frameCount(), o.worker(),
            (o.startNanos() - tEncode) / 1e9, (o.endNanos() - tEncode) / 1e9, o.busyNanos() / 1e9, o.bytes(), o.attempts()))
        .toList();
    long size = Files.size(out);
    double duration = media.video().durationSeconds();
    long frames = media.video().frameCount() - dropped;
    return new JobReport(
        options.input().toString(),
        options.output().toString(),
        options.video().codec().cliName(),
        options.video().crf(),
        options.video().preset(),
        options.container().extension(),
        options.audio().toString(),
        options.mode().toString(),
        workers,
        plan.split().toString(),
        plan.size(),
        frames,
        duration,
        wall,
        outcomes.stream().mapToLong(o -> o.framePts().length).sum() / wall,
        (tProbe - t0) / 1e9,
        (tEncode - tProbe) / 1e9,
        encode,
        (tVerify - tJoin) / 1e9,
        (tEnd - tVerify) / 1e9,
        sum,
        encode > 0 ? sum / encode : 0,
        retries,
        reused,
        splits,
        dropped,
        size,
        duration > 0 ? size * 8 / duration / 1000 : 0,
        timings,
        verification,
        options.filters().text(),
        outputSize.width(),
        outputSize.height(),
        scenes,
        quality,
        notes);
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // nothing more can be done; the name is hidden and the next run replaces it
    }
  }
}
