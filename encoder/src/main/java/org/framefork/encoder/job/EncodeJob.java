package org.framefork.encoder.job;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.job.JobEvent.ChunkReused;
import org.framefork.encoder.job.JobEvent.JobDone;
import org.framefork.encoder.job.JobEvent.JobFailed;
import org.framefork.encoder.job.JobEvent.JobPlanned;
import org.framefork.encoder.job.JobEvent.Stage;
import org.framefork.encoder.job.JobEvent.StageStarted;
import org.framefork.encoder.join.AudioPlan;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.join.SegmentJoiner;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.media.SideAlpha;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.Planner;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.ReusedChunk;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.source.ImageSequence;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceManifest;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.report.NodeTiming;
import org.framefork.encoder.verify.EncodeQualityCheck;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.quality.TargetQualitySearch;
import org.framefork.encoder.verify.OutputQuality;
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
  /** Whether the output is in place: a cancel then comes too late (guarded by this). */
  private boolean published;
  /** What the running job leaves, for {@link #abandon()}; null before run(). */
  private volatile Leftovers running;
  /** Workers elsewhere (a cluster's nodes) for the parallel mode; null: this JVM's only. */
  private RemoteWorkers remote;
  /** The streams of the options' audio file, probed before the job; null: the probe stage reads them. */
  private List<AudioStream> audioFileProbed;

  public EncodeJob(JobOptions options, JobListener listener) {
    this.options = options;
    this.listener = listener == null ? JobListener.NONE : listener;
  }

  /** The lanes of {@code workers} that hand chunks to nodes: none unless the parallel mode uses them. */
  private int nodeLanes(int workers, boolean notASequence) {
    boolean used = remote != null && options.mode() == ExecutionMode.PARALLEL && notASequence;
    return used ? Math.max(0, Math.min(remote.slots(), workers - remote.localWorkers())) : 0;
  }

  /**
   * Lets the parallel mode hand chunks to {@code workers} as well as to its own; the options'
   * worker count is then the total (local and remote lanes), which the plan and the events use.
   */
  public EncodeJob withRemoteWorkers(RemoteWorkers workers) {
    this.remote = workers;
    return this;
  }

  /**
   * Takes the streams of the options' {@code --audio-file} as {@code streams}, probed already (the
   * command line's check reads the file once for a whole batch), rather than reading it again.
   */
  public EncodeJob withAudioFileProbed(List<AudioStream> streams) {
    this.audioFileProbed = streams;
    return this;
  }

  public JobOptions options() {
    return options;
  }

  /**
   * Asks the job to stop: workers stop at their next frame; run() then throws JobCancelledException.
   * False, and nothing asked, when the job has put its output in place already: it finished before it
   * could stop (its report comes as usual).
   */
  public boolean cancel() {
    return cancel(() -> {});
  }

  /** As {@link #cancel()}, running {@code first} (saying so) before the job is asked to stop, when it is asked. */
  public synchronized boolean cancel(Runnable first) {
    if (published) {
      return false;
    }
    first.run();
    cancelled = true;
    stop.set(true);
    return true;
  }

  /**
   * For a process about to halt with this job still running (a cancel that did not finish in time):
   * removes its partial output and its output's lock, as the cancel would have; the work folder stays
   * for {@code --resume}. Takes no lock of this job's: the job's thread may be stuck holding one.
   */
  public void abandon() {
    Leftovers l = running;
    if (l != null) {
      deleteQuietly(l.partial); // gone once renamed into place
      if (l.lock != null) {
        l.lock.close();
      }
    }
  }

  /**
   * Checks what can be checked without reading the input: the input is a readable file, the output
   * is not the input, its folder exists and is writable, it does not exist (unless overwriting), and
   * the container can hold the codec.
   */
  public static void checkDestination(JobOptions o) {
    boolean sequence = ImageSequences.names(o.input());
    checkSource(o.input(), o);
    Path out = o.output().toAbsolutePath().normalize();
    if (Files.isDirectory(out)) {
      throw new InputException(o.output() + ": is a folder; give an output file name, or use --output-dir");
    }
    try {
      if (sequence && !Files.isRegularFile(o.input())) {
        // A pattern, a glob or a folder is no file the output could be; nothing more to compare.
      } else
      if (Files.exists(out) && Files.isSameFile(out, o.input())) {
        throw new InputException(o.output() + ": is the input itself; choose another output name");
      } else if (out.equals(o.input().toRealPath())) {
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
      if (ImageSequences.names(input)) {
        ImageSequences.Stamp stamp = ImageSequences.stamp(input);
        return new InputState(stamp.fingerprint(), stamp.modifiedMillis());
      }
      try {
        return new InputState(Checksums.fingerprint(input), Files.getLastModifiedTime(input).toMillis());
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new InputException(input + ": cannot be read (" + e.getMessage() + ")");
      }
    }
  }

  /**
   * The source's own checks, for {@code input} with {@code o}'s settings: a readable video file given
   * none of the image-sequence options but {@code --alpha-over} (they would change nothing, so they
   * are refused), or
   * an image sequence that scans (no gaps unless allowed, one size, a first image that decodes) and
   * its readable audio file.
   */
  public static void checkSource(Path input, JobOptions o) {
    Path audioFile = o.sequence().audioFile();
    if (!ImageSequences.names(input)) {
      Prober.requireReadableFile(input);
      if (audioFile != null) {
        throw new InputException(input + ": --audio-file is for image sequences; a video brings its own audio");
      }
      List<String> given = o.sequence().givenOptions();
      if (!given.isEmpty()) {
        throw new InputException(input + ": " + String.join(", ", given) + (given.size() == 1 ? " is" : " are")
            + " for image sequences, not videos; drop " + (given.size() == 1 ? "it" : "them"));
      }
      return;
    }
    if (o.split() == SplitMode.SCENE) {
      throw new InputException(input + ": --split scene is for videos; " + (Files.isRegularFile(input)
          ? "an image file is one frame" : "an image sequence is cut into equal chunks") + ": drop --split scene");
    }
    if (audioFile != null) {
      Prober.requireReadableAudioFile(audioFile);
    }
    ImageSequences.scan(input, o.sequence());
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
    if (now == null) {
      throw new SourceGoneException(options.input());
    }
    if (!before.equals(now)) {
      throw new InputException(options.input() + ": changed while it was being encoded (replaced, or still being written); "
          + "nothing was written: encode it again once it is complete");
    }
  }

  public JobReport run() {
    long start = System.nanoTime();
    Leftovers leftovers = new Leftovers();
    running = leftovers;
    JobLock lock = null;
    try {
      checkDestination(options);
      options.filters().checkFiles();
      lock = JobLock.take(options.output());
      leftovers.lock = lock;
      JobReport report = runStages(start, leftovers);
      listener.onEvent(new JobDone(report, System.nanoTime()));
      return report;
    } catch (RuntimeException | IOException e) {
      RuntimeException failure = cleanUpAfter(e, leftovers);
      listener.onEvent(new JobFailed(failure.getMessage(), failure instanceof JobCancelledException, System.nanoTime()));
      throw failure;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /** The stages of a job that holds its output's lock, each report part made where it is known. */
  private JobReport runStages(long start, Leftovers leftovers) throws IOException {
    InputState input = InputState.of(options.input());
    leftovers.input = input;
    Probed probed = probe();
    leftovers.video = probed.media().video();
    Planned planned = planChunks(probed.media(), probed.chain());
    Opened opened = openWorkspace(probed, planned, input, leftovers);
    Encoded encoded = encode(probed, planned, opened);
    checkCancelled();
    Joined joined = join(probed, opened, encoded, input, leftovers);
    checkCancelled();
    Checked checked = check(probed, planned, opened, encoded, joined);
    Published published = publish(probed, joined, checked, input, leftovers);
    List<Note> notes = new ArrayList<>(joined.notes());
    notes.addAll(checked.notes());
    return new JobReport(planned.settings(), stages(start, probed, encoded, joined, published), encoded.chunks(),
        published.output(), checked.verification(), checked.quality(), planned.scenes(), Note.texts(notes),
        checked.target(), nodes(encoded), Note.warnings(notes));
  }

  /**
   * What a failed job has to clean up or check, filled in as the job makes it: the input's state
   * at the start, the work folder once it is this job's, the partial output while it exists.
   */
  private static final class Leftovers {
    InputState input;
    JobWorkspace workspace;
    volatile Path partial;
    /** The output's lock, once taken. */
    volatile JobLock lock;
    /** The probed source's video, once known: a failure in a source cut short says so. */
    VideoStream video;
  }

  /**
   * What the probe stage found: the input (and the image sequence, when it is one), its pictures as
   * decoded and as encoded (size, after the filters: {@code filtered}; the settings with their depth
   * and HDR metadata settled for this source), the audio's fate, the filters ({@code crop=auto} made
   * the rectangle found, and the note that says so) and their setup made ready.
   */
  private record Probed(ProbedSource source, FrameSize picture, FrameSize filtered, EncodeSettings video, AudioPlan audio,
      FilterChain chain, FilterSetup filters, Note autoCrop, long endNanos) {
    MediaInfo media() {
      return source.media();
    }

    /** The image sequence; null for a video file. */
    ImageSequence sequence() {
      return source.sequence();
    }
  }

  /**
   * {@code picture} with the colour a video's pictures with alpha are composited over as every chunk
   * decodes them ({@code --alpha-over}); as it is for an image sequence (its manifest says it), no
   * such option, or a video whose pictures have no alpha the converter composites (a WebM's alpha
   * side data counts where libvpx's decoder reads it).
   */
  private PictureFormat composited(PictureFormat picture, ProbedSource source) {
    Background over = options.sequence().alphaOver();
    VideoStream v = source.media().video();
    int format = v.pixelFormat() == null ? -1 : av_get_pix_fmt(v.pixelFormat());
    boolean alpha = format >= 0 && (PictureConverter.composites(format) || PictureConverter.compositesYuv(format))
        || v.alphaMode() && SideAlpha.decodable(v.codec());
    return source.sequence() == null && over != null && alpha ? picture.withAlphaOver(over) : picture;
  }

  private Probed probe() {
    listener.onEvent(new StageStarted(Stage.PROBE, System.nanoTime()));
    ProbedSource source = ProbedSource.probe(options.input(), options.sequence(), audioFileProbed);
    MediaInfo media = source.media();
    FrameSize picture = EncodedPicture.size(media.video().width(), media.video().height());
    AutoCrop.Found auto = options.filters().cropsAuto()
        ? AutoCrop.find(options.filters(), source, picture, options.sequence(), stop::get) : null;
    FilterChain chain = auto == null ? options.filters() : auto.chain();
    FrameSize filtered = chain.outputSize(picture);
    if (!Prober.takesPictureSize(filtered.width(), filtered.height())) {
      throw new InputException(options.input() + ": --vf " + chain.text() + " makes " + filtered.width() + "x"
          + filtered.height() + " pictures, larger than the " + Prober.largestPicture() + " FrameFork encodes; scale to less");
    }
    PictureConverter.expectRgbPictures(av_get_pix_fmt(String.valueOf(media.video().pixelFormat())),
        options.sequence().alphaOver() != null, media.video().frameCount() * (options.verifyQuality() ? 2 : 1), picture.width(), picture.height());
    AudioPlan audio = AudioPlan.decide(media, options.container(), options.audio());
    VideoStream v = media.video();
    EncodeSettings video = options.video().withPicture(composited(options.video().picture().resolve(options.video().codec(),
        v.bitDepth(), v.hdr().staticMetadata(), "smpte2084".equals(v.colorTransfer())), source));
    // Overlay pictures are decoded once here and shared read-only by every chunk. The filters run on
    // every frame, and once more for --verify-quality's reference: that is their kernels' work. They
    // run after a tone map, on its limited-range BT.709 SDR pictures (whatever the source's height).
    boolean toneMapped = video.picture().toneMap() != null;
    FilterSetup filters = chain.isEmpty() ? null
        : chain.prepare(toneMapped ? ColourMatrix.BT709 : EncodedPicture.matrix(v, picture),
            toneMapped ? ColourRange.LIMITED : EncodedPicture.range(v),
            v.frameCount() * (options.verifyQuality() ? 2 : 1), picture, v.storedPictureText());
    return new Probed(source, picture, filtered, video, audio, chain, filters, auto == null ? null : auto.note(),
        System.nanoTime());
  }

  /**
   * The plan stage's result: the chunks, the workers that run them, what the scene analysis found
   * (null unless the split is {@code scene}), and the settings the report gives for the job.
   */
  private record Planned(ChunkPlan plan, int workers, ScenePlanner.Analysis scenes, JobReport.Settings settings) {}

  private Planned planChunks(MediaInfo media, FilterChain filters) {
    listener.onEvent(new StageStarted(Stage.PLAN, System.nanoTime()));
    ScenePlanner.Analysis[] scenes = new ScenePlanner.Analysis[1];
    ChunkPlan plan = plan(media, options, stop, a -> scenes[0] = a);
    int workers = options.mode() == ExecutionMode.PARALLEL ? options.workers() : 1;
    JobReport.Settings settings = new JobReport.Settings(options.input(), options.output(), options.video().codec(),
        options.video().crf(), options.video().preset(), options.container(), options.audio(), options.mode(), workers,
        plan.split(), filters.text(), media.isImageSequence());
    return new Planned(plan, workers, scenes[0], settings);
  }

  /**
   * The work folder, ready: the chunks as they now stand, those a resumed job takes from the
   * interrupted run, and those left to encode (longest first).
   *
   * @param discarded finished chunks of an earlier run that the folder held and this job
   *     (without {@code --resume}) deleted: its report says so
   */
  private record Opened(JobWorkspace workspace, LivePlan live, List<JobWorkspace.ChunkRecord> reused, List<Chunk> todo,
      int discarded) {}

  /** The chunks' CRF search of {@code --target-quality}; null without it. */
  private TargetQualitySearch targetSearch(Probed probed, Planned planned, Opened opened) {
    if (options.targetQuality() == null) {
      return null;
    }
    // The probes read the chunks as the final encodes do: an image sequence through its manifest.
    // Chunks hold their probe pictures until their final encode is checked: in the concurrent
    // mode, every open chunk.
    int holders = options.mode() == ExecutionMode.CONCURRENT ? ChunkScheduler.CONCURRENT_OPEN : planned.workers();
    return new TargetQualitySearch(readerSource(probed, opened), probed.media().video().index(), probed.filters(), probed.video(),
        options.targetQuality(), opened.workspace().dir(), holders, listener,
        qualityCheck(probed, opened).forJobOf(probed.media().video().frameCount()));
  }

  /**
   * The measure of the output against its source, which target quality also runs on each chunk's
   * final encode: every figure with {@code --verify-quality}, else only the target's metric.
   */
  private EncodeQualityCheck qualityCheck(Probed probed, Opened opened) {
    boolean all = options.verifyQuality() || options.targetQuality() == null;
    boolean vmaf = !all && options.targetQuality().metric() == QualityMetric.VMAF;
    return new EncodeQualityCheck(readerSource(probed, opened), probed.media().video().index(), probed.picture(),
        probed.filters(), probed.video(), stop::get).scoring(all || !vmaf, all || vmaf);
  }

  private Opened openWorkspace(Probed probed, Planned planned, InputState input, Leftovers leftovers) {
    MediaInfo media = probed.media();
    JobWorkspace workspace = new JobWorkspace(options.workFolder());
    Opened opened;
    if (options.resume()) {
      // A refused resume leaves the interrupted job's folder alone: it is not this job's to delete.
      ChunkPlan plan = checkResumable(workspace, planned.plan(), input.fingerprint());
      workspace.forgetPublished(); // the output is made again
      TargetQualitySearch.prepare(workspace.dir(), options.targetQuality(), true);
      leftovers.workspace = workspace;
      opened = reopened(workspace, plan, media);
    } else {
      leftovers.workspace = workspace;
      int discarded = JobWorkspace.finishedChunks(workspace.dir());
      workspace.delete(); // a stale folder from an earlier run would mix segments of two plans
      workspace.create();
      workspace.writePlan(planned.plan(), options.recordedVideo(), options.filters().identity(), input.fingerprint());
      TargetQualitySearch.prepare(workspace.dir(), options.targetQuality(), false);
      opened = opened(workspace, LivePlan.of(planned.plan(), media.frames(), List.of(), workspace::writeSplits), List.of(),
          discarded);
    }
    if (probed.sequence() != null) {
      SequenceManifest.write(workspace.sequenceManifest(), probed.sequence(), options.sequence().alphaOver());
    }
    listener.onEvent(new JobPlanned(options.input(), options.output(), media, opened.live().current(), options.mode(),
        planned.workers(), probed.chain(), System.nanoTime(), nodeLanes(planned.workers(), probed.sequence() == null)));
    for (JobWorkspace.ChunkRecord r : opened.reused()) {
      listener.onEvent(new ChunkReused(r.chunk(), r.frames(), r.bytes(), System.nanoTime()));
    }
    return opened;
  }

  /** The interrupted job's work folder, with the chunks whose segments are intact. */
  private static Opened reopened(JobWorkspace workspace, ChunkPlan plan, MediaInfo media) {
    LivePlan live = resumedPlan(workspace, plan, media);
    List<JobWorkspace.ChunkRecord> reused = new ArrayList<>();
    for (Chunk c : live.chunks()) {
      JobWorkspace.ChunkRecord r = workspace.intactRecord(c);
      if (r != null) {
        reused.add(r);
      }
    }
    return opened(workspace, live, reused, 0);
  }

  private static Opened opened(JobWorkspace workspace, LivePlan live, List<JobWorkspace.ChunkRecord> reused, int discarded) {
    List<Chunk> todo = new ArrayList<>(ChunkPlan.scheduleOrder(live.chunks()));
    for (JobWorkspace.ChunkRecord r : reused) {
      todo.removeIf(c -> c.index() == r.chunk());
    }
    return new Opened(workspace, live, List.copyOf(reused), List.copyOf(todo), discarded);
  }

  /** What the encode stage did: each chunk's outcome, the report's chunk figures, when it began and ended. */
  private record Encoded(List<ChunkScheduler.Outcome> outcomes, JobReport.Chunks chunks, long startNanos, long endNanos,
      TargetQualitySearch target) {
    /** The frames this run encoded (a resumed job's reused chunks left out). */
    long frames() {
      return outcomes.stream().mapToLong(o -> o.framePts().length).sum();
    }
  }

  private Encoded encode(Probed probed, Planned planned, Opened opened) {
    listener.onEvent(new StageStarted(Stage.ENCODE, System.nanoTime()));
    long start = System.nanoTime();
    ChunkScheduler scheduler = new ChunkScheduler(readerSource(probed, opened), probed.media().video().index(),
        probed.video(), probed.filters(), opened.workspace(), listener, stop, opened.live(), tailSplits(options, planned.plan()));
    // Nodes read chunks from a video's packets; an image sequence's frames stay with the local workers.
    if (remote != null && options.mode() == ExecutionMode.PARALLEL && probed.sequence() == null) {
      scheduler.useRemote(remote);
    }
    TargetQualitySearch target = targetSearch(probed, planned, opened);
    if (target != null) {
      scheduler.useChunkSettings(target);
    }
    List<ChunkScheduler.Outcome> outcomes;
    try {
      outcomes = scheduler.run(opened.todo(), options.mode(), planned.workers());
    } finally {
      if (target != null) {
        target.release();
      }
    }
    long end = System.nanoTime();
    return new Encoded(outcomes, chunks(outcomes, opened, start, end), start, end, target);
  }

  /**
   * The chunks' CPU time added up, where their worker threads did all of their work (see {@link
   * EncodeSettings#encodesOnCallingThread}); NaN otherwise, or when a chunk ran on another machine.
   */
  private static double cpuSeconds(List<ChunkScheduler.Outcome> outcomes, EncodeSettings settings) {
    return !settings.encodesOnCallingThread() || outcomes.stream().anyMatch(o -> o.cpuNanos() < 0) ? Double.NaN
        : outcomes.stream().mapToLong(ChunkScheduler.Outcome::cpuNanos).sum() / 1e9;
  }

  /** What the chunk readers open: the video file, or the image sequence's manifest in the work folder. */
  private Path readerSource(Probed probed, Opened opened) {
    return probed.sequence() == null ? options.input() : opened.workspace().sequenceManifest();
  }

  private static JobReport.Chunks chunks(List<ChunkScheduler.Outcome> outcomes, Opened opened, long start, long end) {
    double encode = (end - start) / 1e9;
    double sum = outcomes.stream().mapToLong(ChunkScheduler.Outcome::busyNanos).sum() / 1e9;
    int retries = outcomes.stream().mapToInt(o -> o.attempts() - 1).sum();
    List<ChunkTiming> timings = outcomes.stream()
        .sorted(Comparator.comparingInt(o -> o.chunk().index()))
        .map(o -> new ChunkTiming(o.chunk().index(), o.chunk().firstFrame(), o.chunk().frameCount(), o.worker(),
            (o.startNanos() - start) / 1e9, (o.endNanos() - start) / 1e9, o.busyNanos() / 1e9, o.bytes(), o.attempts(),
            o.remote()))
        .toList();
    return new JobReport.Chunks(opened.live().size(), opened.live().splitCount(), opened.reused().size(), retries, sum,
        encode > 0 ? sum / encode : 0, timings, reusedChunks(opened));
  }

  /** The chunks a resumed job took from the interrupted run, in chunk order, for the report. */
  private static List<ReusedChunk> reusedChunks(Opened opened) {
    Map<Integer, Chunk> planned = new java.util.HashMap<>();
    opened.live().chunks().forEach(c -> planned.put(c.index(), c));
    return opened.reused().stream()
        .sorted(Comparator.comparingInt(JobWorkspace.ChunkRecord::chunk))
        .map(r -> new ReusedChunk(r.chunk(), planned.containsKey(r.chunk()) ? planned.get(r.chunk()).firstFrame() : -1,
            r.frames(), r.bytes()))
        .toList();
  }

  /** For a cluster job, what each machine did; none for a local one. */
  private List<NodeTiming> nodes(Encoded encoded) {
    if (remote == null || options.mode() != ExecutionMode.PARALLEL) {
      return List.of();
    }
    Map<String, Double> left = new java.util.HashMap<>();
    remote.leftNanos().forEach((node, at) -> left.put(node, (at - encoded.startNanos()) / 1e9));
    Map<String, NodeTiming.LeftWith> leftWith = new java.util.HashMap<>();
    remote.leftWithChunk().forEach((node, w) -> leftWith.put(node, new NodeTiming.LeftWith(
        Math.max(0, w.firstSentNanos() - encoded.startNanos()) / 1e9, (w.leftNanos() - encoded.startNanos()) / 1e9)));
    return NodeTiming.of(encoded.chunks().times(), remote.localWorkers(), remote.localLimit(), remote.workersByNode(), left,
        leftWith, (encoded.endNanos() - encoded.startNanos()) / 1e9);
  }

  /**
   * The segments in time order (chunks split off running ones are numbered after the others), with
   * the source time of each one's frames, and the plan they make in that order.
   */
  private record Segments(ChunkPlan plan, List<Path> files, long[][] framePts, long frames) {}

  private static Segments segments(Opened opened, Encoded encoded) {
    LivePlan live = opened.live();
    long[][] byIndex = new long[live.size()][];
    for (JobWorkspace.ChunkRecord r : opened.reused()) {
      byIndex[r.chunk()] = r.framePts();
    }
    for (ChunkScheduler.Outcome o : encoded.outcomes()) {
      byIndex[o.chunk().index()] = o.framePts();
    }
    int[] order = new int[live.size()];
    ChunkPlan plan = live.timeOrdered(order);
    List<Path> files = new ArrayList<>();
    long[][] framePts = new long[order.length][];
    long frames = 0;
    for (int i = 0; i < order.length; i++) {
      files.add(opened.workspace().segment(order[i]));
      framePts[i] = byIndex[order[i]];
      frames += framePts[i].length;
    }
    return new Segments(plan, List.copyOf(files), framePts, frames);
  }

  /** What the join stage made: the output under its partial name, and what the report notes about it. */
  private record Joined(Segments segments, Path file, long droppedFrames, List<Note> notes, long endNanos) {}

  private Joined join(Probed probed, Opened opened, Encoded encoded, InputState input, Leftovers leftovers) {
    listener.onEvent(new StageStarted(Stage.JOIN, encoded.endNanos()));
    MediaInfo media = probed.media();
    Segments segments = segments(opened, encoded);
    requireUnchanged(input);
    long dropped = media.video().frameCount() - segments.frames();
    if (dropped > MAX_DAMAGED_SHARE * media.video().frameCount()) {
      throw new InputException(options.input() + ": " + dropped + " of " + media.video().frameCount()
          + " frames are too damaged to decode; nothing was written (repair or re-export the file)");
    }
    Path out = destination();
    Path partial = out.resolveSibling(JobWorkspace.fileName("." + out.getFileName(), ".part"));
    leftovers.partial = partial;
    // A sequence's joiner reads only its audio file (if any): the video is all in the segments.
    Path streamsFrom = probed.sequence() == null ? options.input() : options.sequence().audioFile();
    SegmentJoiner joiner = new SegmentJoiner(streamsFrom, media, List.of(segments.framePts()), segments.files(),
        options.container(), probed.audio(), opened.workspace().dir(), stop::get).withPicture(probed.video().picture())
        .withAudioFileShift(probed.source().audioShift()).withAudioMode(options.audio());
    joiner.join(partial);
    List<Note> notes = new ArrayList<>(sourceNotes(probed, dropped));
    if (probed.sequence() != null) {
      notes.addAll(SourceNotes.of(probed.sequence(), options.sequence(), probed.source().audioFile(),
          probed.video().picture().depth(), joiner.writtenAudioEnd(), joiner.audioKeptPastEnd()));
    } else {
      notes.addAll(SourceNotes.videoAlphaNote(media.path(), media.video(), options.sequence().alphaOver()));
      notes.addAll(SourceNotes.colourNote(media.video().pixelFormat(), media.video().width(), media.video().height(),
          probed.video().picture().depth(), probed.video().picture().alphaOver() != null));
    }
    boolean alphaOver = probed.sequence() != null && options.sequence().alphaOver() != null
        || probed.video().picture().alphaOver() != null;
    notes.addAll(PictureNotes.of(probed.media().video(), options.video().picture().depth(), probed.video(), alphaOver,
        options.video().picture().toneMap()));
    notes.addAll(joiner.notes());
    if (!opened.todo().isEmpty()) {
      // A resume that reused every chunk decoded nothing: no work to say was dropped.
      notes.addAll(PlanNotes.of(opened.live().planned(), opened.live().frames()));
    }
    notes.addAll(probed.audio().notes(options.audio(), options.container()));
    if (opened.discarded() > 0) {
      // Work the user may have meant to keep: said as a warning.
      notes.add(Note.warning("the work folder held " + opened.discarded() + " finished chunk" + (opened.discarded() == 1 ? "" : "s")
          + " of an earlier run; they were encoded again (--resume reuses such chunks when the command is the same)"));
    }
    return new Joined(segments, partial, dropped, List.copyOf(notes), System.nanoTime());
  }

  /**
   * What the encode changed about the source's pictures that a user may not expect; {@code dropped}
   * of the source's frames could not be decoded and are not in the output.
   */
  private static List<Note> sourceNotes(Probed probed, long dropped) {
    VideoStream video = probed.media().video();
    FrameSize picture = probed.picture();
    List<Note> notes = new ArrayList<>();
    if (probed.autoCrop() != null) {
      notes.add(probed.autoCrop());
    }
    if (picture.width() != video.width() || picture.height() != video.height()) {
      notes.add(Note.info("the picture was cropped from " + video.width() + "x" + video.height() + " to "
          + picture.width() + "x" + picture.height() + ": 4:2:0 video needs even sizes"));
    }
    if (video.interlaced()) {
      notes.add(Note.warning("the source is interlaced (field order " + video.fieldOrder()
          + "); it was encoded as progressive pictures, not deinterlaced"));
    }
    if (video.leadFrames() > 0) {
      notes.add(Note.warning("the source " + video.leadFramesText() + "; left out"));
    }
    if (video.cutShort()) {
      notes.add(Note.warning(video.cutShortText() + (dropped == 0 ? "; the output holds those frames"
          : "; the output holds the " + (video.frameCount() - dropped) + " of them that decode")));
    }
    return notes;
  }

  /**
   * What the verify stage found: the output's checks, its quality when asked for (else null), what
   * target quality did (null without it), what the report notes of the finished output, the output's
   * size in bytes, and the work folder when it stays after the success (else null).
   */
  private record Checked(Verification verification, OutputQuality quality, TargetQualityReport target, List<Note> notes,
      long outputBytes, Path keptWork) {}

  private Checked check(Probed probed, Planned planned, Opened opened, Encoded encoded, Joined joined) throws IOException {
    listener.onEvent(new StageStarted(Stage.VERIFY, joined.endNanos()));
    MediaInfo media = probed.media();
    Verification verification = Verifier.verify(media, joined.file(), !probed.audio().tracks().isEmpty(), joined.droppedFrames(),
        probed.video().picture());
    if (!verification.passed()) {
      throw new MediaException("the output failed verification: " + String.join("; ", verification.problems()));
    }
    checkCancelled();
    OutputQuality quality = null;
    TargetQualityReport target = null;
    // Target quality scores every chunk's final encode: the check that --verify-quality runs.
    if (options.verifyQuality() || encoded.target() != null) {
      quality = qualityCheck(probed, opened).measure(joined.file(), Prober.probe(joined.file()).frames(),
          joined.segments().plan(), joined.segments().framePts(), planned.workers(),
          encoded.target() == null ? Map.of() : encoded.target().measuredFinals())
          .against(PictureNotes.qualityReference(media.video().pixelFormat()));
      checkCancelled();
    }
    if (encoded.target() != null) {
      target = encoded.target().report(opened.live().chunks(), quality, encoded.chunks().sumSeconds(), cpuSeconds(encoded.outcomes(), probed.video()));
    }
    long bytes = Files.size(joined.file());
    Path keptWork = options.workKept().keeps(false, false) ? opened.workspace().dir() : null;
    List<Note> notes = OutputNotes.of(options, media, probed.video().picture(), probed.filtered(), bytes, keptWork);
    return new Checked(verification, options.verifyQuality() ? quality : null, target, notes, bytes, keptWork);
  }

  /** The output in place: its figures for the report, and when the job ended. */
  private record Published(JobReport.Output output, long endNanos) {}

  /**
   * Renames the verified output into place (unless the input changed meanwhile) and removes the work
   * folder unless it is kept; the output's figures are those {@code checked} took of it.
   */
  private Published publish(Probed probed, Joined joined, Checked checked, InputState input, Leftovers leftovers)
      throws IOException {
    requireUnchanged(input);
    Path out = destination();
    // A cancel either comes before the output is in place, and none is, or finds it there (see cancel()).
    synchronized (this) {
      checkCancelled();
      // Before the rename: a --resume keeps only an output its work folder records, whether the
      // folder is kept or a kill leaves it before its removal below (delete() removes the record).
      leftovers.workspace.writePublished(joined.file(), options.workKept() == WorkKept.ALWAYS);
      Files.move(joined.file(), out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      published = true;
    }
    leftovers.partial = null;
    long end = System.nanoTime();
    if (checked.keptWork() == null) {
      leftovers.workspace.delete();
    }
    MediaInfo media = probed.media();
    long bytes = checked.outputBytes();
    double duration = media.video().durationSeconds();
    FrameSize size = probed.filtered();
    return new Published(new JobReport.Output(media.video().frameCount() - joined.droppedFrames(), duration,
        joined.droppedFrames(), bytes, duration > 0 ? bytes * 8 / duration / 1000 : 0, size.width(), size.height()), end);
  }

  private static JobReport.Stages stages(long start, Probed probed, Encoded encoded, Joined joined, Published published) {
    double wall = (published.endNanos() - start) / 1e9;
    return new JobReport.Stages(
        (probed.endNanos() - start) / 1e9,
        (encoded.startNanos() - probed.endNanos()) / 1e9,
        (encoded.endNanos() - encoded.startNanos()) / 1e9,
        (joined.endNanos() - encoded.endNanos()) / 1e9,
        (published.endNanos() - joined.endNanos()) / 1e9,
        wall,
        encoded.frames() / wall,
        encoded.frames());
  }

  /**
   * Cleans up after a failed or cancelled job and returns what to throw: a cancelled job keeps its
   * finished chunks for --resume, and so does one that failed for a reason the user can fix (a full
   * disk, an I/O error: {@link FixableFailure}) when it holds a finished chunk, unless its options say
   * otherwise; another failure keeps nothing (but with {@link WorkKept#ALWAYS}, which keeps all).
   */
  private RuntimeException cleanUpAfter(Exception e, Leftovers leftovers) {
    boolean wasCancelled = cancelled || e instanceof JobCancelledException || e instanceof CancellationException;
    deleteQuietly(leftovers.partial);
    RuntimeException failure = wasCancelled ? new JobCancelledException() : failure(e, leftovers);
    boolean fixable = !wasCancelled && FixableFailure.is(failure);
    JobWorkspace workspace = leftovers.workspace;
    // Counted once: what decides whether the folder stays is what the message says it keeps.
    JobWorkspace.Kept kept = workspace != null && fixable ? JobWorkspace.kept(workspace.dir()) : null;
    if (workspace != null && keepsAfter(kept, wasCancelled, fixable)) {
      workspace.deleteUnfinishedSegments();
      if (!fixable) {
        return failure;
      }
      if (workspace.hasPlan()) {
        return new WorkKeptException(failure, workspace.dir(), kept);
      }
    } else if (workspace != null) {
      workspace.delete();
    }
    return fixable && Ffmpeg.isOutOfSpace(failure) ? new MediaException(failure.getMessage() + "; free space on its disk", failure)
        : failure;
  }

  /**
   * Whether the work folder stays after the job ended: as its options say, but after a fixable
   * failure without {@code --keep-work} only when it holds ({@code kept}, counted after a fixable
   * failure, else null) a finished chunk or a chunk's
   * target-quality probes (which {@code --resume} reuses rather than probing again). A folder of no more than
   * the plan is cheap to make again, and the disk that refused the job would stay full.
   */
  private boolean keepsAfter(JobWorkspace.Kept kept, boolean wasCancelled, boolean fixable) {
    if (!options.workKept().keeps(wasCancelled, fixable)) {
      return false;
    }
    return !fixable || options.workKept() == WorkKept.ALWAYS || kept.any();
  }

  /** What a job that failed with {@code e} throws: an input that changed under it says so first. */
  private RuntimeException failure(Exception e, Leftovers leftovers) {
    if (leftovers.input != null) {
      // A chunk that failed, or frames that look damaged, may only be an input that changed under the job.
      try {
        requireUnchanged(leftovers.input);
      } catch (InputException changed) {
        return changed;
      }
    }
    if (e instanceof ChunkFailedException && leftovers.video != null && leftovers.video.cutShort()) {
      return new MediaException(e.getMessage() + "; " + leftovers.video.cutShortText(), e);
    }
    return e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
  }

  private Path destination() {
    return options.output().toAbsolutePath().normalize();
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
   * which asks for the whole video as one encoder's work (FFmpeg's own threading, for one), and
   * with target quality.
   */
  static boolean tailSplits(JobOptions options, ChunkPlan plan) {
    // Target quality chooses a CRF for each planned chunk from probes of all of it: its chunks stay whole.
    return options.tailSplit() && plan.split() != SplitMode.NONE && options.targetQuality() == null;
  }

  /** The interrupted job's plan with the splits it made, which its chunk records follow. */
  private static LivePlan resumedPlan(JobWorkspace workspace, ChunkPlan plan, MediaInfo media) {
    try {
      return LivePlan.of(plan, media.frames(), workspace.readSplits(), workspace::writeSplits);
    } catch (UncheckedIOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new InputException("the interrupted job's splits in " + workspace.dir() + " cannot be read; run without --resume to start over");
    }
  }

  /**
   * Checks that the interrupted job in {@code workspace} may be resumed by this one, and returns the
   * plan to resume: the interrupted job's.
   *
   * @param plan this job's own plan of the input
   * @param fingerprint the input's, as this job read it at its start
   */
  private ChunkPlan checkResumable(JobWorkspace workspace, ChunkPlan plan, String fingerprint) {
    if (!workspace.hasPlan()) {
      throw new InputException("no interrupted job to resume in " + workspace.dir() + "; run without --resume");
    }
    ChunkPlan saved;
    JobWorkspace.SavedSettings s;
    try {
      saved = workspace.readPlan();
      s = workspace.readSavedSettings();
    } catch (UncheckedIOException e) {
      throw new InputException("the interrupted job's plan in " + workspace.dir() + " cannot be read; run without --resume to start over");
    }
    if (!s.sameFormat()) {
      throw new InputException(otherVersion(workspace.dir()));
    }
    String source = s.source();
    // The same plan can come from another file (a re-encode of the same length and keyframes): the
    // finished chunks would then hold the old pictures.
    if (source != null && !source.equals(fingerprint)) {
      throw new InputException("the input " + options.input() + " has changed since the job in " + workspace.dir()
          + " was interrupted; run without --resume to start over");
    }
    if (!samePlan(saved, plan)) {
      throw new InputException(otherChunks(workspace.dir(), saved));
    }
    String refusal = settingsRefusal(workspace.dir(), s, options.recordedVideo(), options.targetQuality(), options.filters().identity());
    if (refusal != null) {
      throw new InputException(refusal);
    }
    return saved;
  }

  /**
   * Why the interrupted job in {@code workFolder} cannot be resumed with {@code video} and the
   * filters of {@code filtersIdentity}: another version of FrameFork started it, or it was encoded
   * with other settings or filters. Null when they are the same, or when the folder holds no job
   * whose settings can be read (the job's own check says so then). The command line asks this of every input before any is encoded.
   */
  public static String settingsRefusal(Path workFolder, EncodeSettings video, String filtersIdentity) {
    return settingsRefusal(workFolder, video, null, filtersIdentity);
  }

  /**
   * As {@link #settingsRefusal(Path, EncodeSettings, String)}, for a job with {@code target} (null:
   * without --target-quality): another target, other probes, or a target where the interrupted job
   * had none, or the reverse, is refused too, before any input starts.
   */
  public static String settingsRefusal(Path workFolder, EncodeSettings video, TargetQuality target, String filtersIdentity) {
    JobWorkspace workspace = new JobWorkspace(workFolder);
    if (!workspace.hasPlan()) {
      return null;
    }
    try {
      return settingsRefusal(workFolder, workspace.readSavedSettings(), video, target, filtersIdentity);
    } catch (UncheckedIOException e) {
      return null;
    } catch (InputException e) {
      return e.getMessage(); // its saved target cannot be read
    }
  }

  /**
   * Why the interrupted job in the work folder of {@code o} cannot be resumed with its split and
   * chunk length, as far as the saved plan tells without reading the input: another split, or
   * another chunk length given by hand. Null when they may be the same (the job's own check then
   * compares the plans), or when the folder holds no job of this version whose plan can be read
   * (the settings' check or the job's own says so). The command line asks this of every input
   * before any is encoded.
   */
  public static String splitRefusal(JobOptions o) {
    JobWorkspace workspace = new JobWorkspace(o.workFolder());
    if (!workspace.hasPlan()) {
      return null;
    }
    ChunkPlan saved;
    try {
      if (!workspace.readSavedSettings().sameFormat()) {
        return null;
      }
      saved = workspace.readPlan();
    } catch (UncheckedIOException e) {
      return null;
    }
    boolean other = saved.split() != o.split() || switch (saved.split()) {
      // The saved plan is the one the job made at its start: its first chunk is as long as asked
      // unless the video is no longer than that, when any length at least the video's makes the same one chunk.
      case FIXED -> saved.size() > 1 ? saved.chunks().get(0).frameCount() != o.chunkFrames()
          : o.chunkFrames() < saved.chunks().get(0).frameCount();
      case KEYFRAMES, SCENE -> o.chunkSeconds() > 0 && saved.targetSeconds() != o.chunkSeconds();
      case NONE -> false;
    };
    return other ? otherChunks(workspace.dir(), saved) : null;
  }

  private static String otherChunks(Path workFolder, ChunkPlan saved) {
    return "the interrupted job in " + workFolder + " was cut into other chunks (--split " + saved.split() + ", "
        + saved.chunks().size() + " chunks); give the split and chunk length it had, or run without --resume to start over";
  }

  /**
   * Why a resume cannot take the chunks in {@code workFolder}: another version's job made them. Removing
   * the folder starts this input over; a run without {@code --resume} would start the whole batch over.
   */
  private static String otherVersion(Path workFolder) {
    return "the interrupted job in " + workFolder + " was started by another FrameFork version; remove " + workFolder
        + " to start this input over, or run without --resume";
  }

  private static String settingsRefusal(Path workFolder, JobWorkspace.SavedSettings saved, EncodeSettings video,
      TargetQuality target, String wanted) {
    if (!saved.sameFormat()) {
      return otherVersion(workFolder);
    }
    String filters = saved.filtersOrNone();
    String other = otherSettings(saved.video(), TargetQualitySearch.savedTarget(workFolder), video, target);
    if (other != null) {
      return "the interrupted job in " + workFolder + " was encoded with other settings (" + other
          + "); use those, or run without --resume to start over";
    }
    if (!filters.equals(wanted)) {
      String savedText = filters.replaceAll("#sha256=[0-9a-f]+", "");
      String why = savedText.equals(wanted.replaceAll("#sha256=[0-9a-f]+", ""))
          ? " used an overlay picture that has changed since; put the old one back"
          : " was encoded with other filters (" + (filters.isEmpty() ? "none" : "--vf \"" + savedText + "\"") + "); use those";
      return "the interrupted job in " + workFolder + why + ", or run without --resume to start over";
    }
    return null;
  }

  /**
   * What differs between the interrupted job's settings ({@code saved}) and this run's, each as
   * "crf 23, not 30" ("codec threads 1, not 4"): a person sees which option to give again.
   */
  static String otherSettings(EncodeSettings saved, EncodeSettings now) {
    return otherSettings(saved, now, true);
  }

  /** As {@link #otherSettings(EncodeSettings, EncodeSettings)}, leaving out the CRF unless {@code crf}. */
  private static String otherSettings(EncodeSettings saved, EncodeSettings now, boolean crf) {
    List<String> differ = new ArrayList<>();
    differ(differ, "codec", saved.codec().toString(), now.codec().toString());
    if (crf) {
      differ(differ, "crf", EncodeSettings.formatCrf(saved.crf()), EncodeSettings.formatCrf(now.crf()));
    }
    differ(differ, "preset", saved.preset(), now.preset());
    differ(differ, "codec threads", String.valueOf(saved.codecThreads()), String.valueOf(now.codecThreads()));
    differ(differ, "depth", depthWords(saved.picture().depth()), depthWords(now.picture().depth()));
    differ(differ, "tone map", curveWords(saved.picture().toneMap()), curveWords(now.picture().toneMap()));
    differ(differ, "--alpha-over", colourWords(saved.picture().alphaOver()), colourWords(now.picture().alphaOver()));
    // Not the settings themselves: they would read as if this run's differed from them.
    return differ.isEmpty() ? "one this version cannot name; codec, crf, preset, codec threads, depth, tone map and --alpha-over are the same"
        : String.join("; ", differ);
  }

  /**
   * What differs between the interrupted job's settings and target ({@code savedTarget}, null for
   * none) and this run's, as {@link #otherSettings(EncodeSettings, EncodeSettings)} says it; null when
   * nothing does. Where either ran with --target-quality its CRF is not a setting: each chunk picked
   * its own ("--target-quality vmaf=92.07-93.93 (...), not crf 20").
   */
  static String otherSettings(EncodeSettings saved, TargetQuality savedTarget, EncodeSettings now, TargetQuality nowTarget) {
    if (savedTarget == null && nowTarget == null) {
      return saved.equals(now) ? null : otherSettings(saved, now);
    }
    List<String> differ = new ArrayList<>();
    if (savedTarget == null || nowTarget == null || !nowTarget.resumes(savedTarget)) {
      differ.add(crfOrTarget(saved, savedTarget) + ", not " + crfOrTarget(now, nowTarget));
    }
    // Not through a new EncodeSettings at the saved CRF: that CRF may be out of this run's codec's range.
    boolean sameButCrf = saved.codec() == now.codec() && saved.preset().equals(now.preset())
        && saved.codecThreads() == now.codecThreads() && saved.picture().equals(now.picture());
    if (!sameButCrf) {
      differ.add(otherSettings(saved, now, false));
    }
    return differ.isEmpty() ? null : String.join("; ", differ);
  }

  private static String crfOrTarget(EncodeSettings settings, TargetQuality target) {
    return target == null ? "crf " + EncodeSettings.formatCrf(settings.crf()) : "--target-quality " + target;
  }

  private static void differ(List<String> out, String what, String saved, String now) {
    if (!saved.equals(now)) {
      out.add(what + " " + saved + ", not " + now);
    }
  }

  private static String depthWords(int depth) {
    return depth == 0 ? "the source's" : depth + " bits";
  }

  private static String colourWords(org.framefork.encoder.media.Background colour) {
    return colour == null ? "none" : colour.hex();
  }

  private static String curveWords(org.framefork.encoder.kernels.colour.HdrToSdr.Curve curve) {
    return curve == null ? "none" : curve.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether the interrupted job's plan ({@code saved}) is one this job may resume, having planned
   * {@code plan} itself: the same (a one-chunk fixed split: the same chunk), or of the same split and frames with the chunk length left to
   * FrameFork, which depends on the workers (and a cluster's nodes), so that a resume with another
   * {@code -j}, or after a node has gone, keeps the interrupted job's chunks.
   */
  private boolean samePlan(ChunkPlan saved, ChunkPlan plan) {
    boolean automaticLength = options.chunkSeconds() == 0 && saved.split() != SplitMode.FIXED && saved.split() != SplitMode.NONE;
    // A fixed split of one chunk: another length of at least the video's cuts the same chunk (only the target differs).
    boolean oneFixedChunk = saved.split() == SplitMode.FIXED && plan.split() == SplitMode.FIXED && saved.size() == 1
        && saved.chunks().equals(plan.chunks());
    return saved.equals(plan) || oneFixedChunk
        || automaticLength && saved.split() == plan.split() && saved.totalFrames() == plan.totalFrames();
  }

  private void checkCancelled() {
    if (stop.get()) {
      throw new JobCancelledException();
    }
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
