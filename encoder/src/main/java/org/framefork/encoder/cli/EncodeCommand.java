package org.framefork.encoder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.framefork.encoder.cli.Destinations.Destination;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobCancelledException;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.job.WorkKept;
import org.framefork.encoder.job.WorkKeptException;
import org.framefork.encoder.join.AudioPlan;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framefork encode}: one job per input, one after another. Everything that can be checked
 * without encoding is checked for every input before the first job starts; after that a failed
 * input is reported and the next one runs.
 */
@Command(
    name = "encode",
    versionProvider = Main.VersionInfo.class,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Encodes videos in parallel chunks.",
        "Each INPUT becomes <input-stem>.framefork.<ext> beside it (or in --output-dir): it is cut "
            + "into chunks that are encoded at the same time and joined frame-exact. Inputs are files, folders (every video "
            + "file in them but earlier outputs) or quoted patterns like \"clips/*.mov\"; they are encoded one after another, and a "
            + "failed input does not stop the others."})
final class EncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files, folders or quoted glob patterns.")
  List<String> inputArgs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Output file (one input only); its extension picks the container.")
  Path output;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Folder for the outputs (any number of inputs).")
  Path outputDir;

  @Option(names = "--preset-file", paramLabel = "FILE.json", preprocessor = PresetArguments.class,
      description = "Settings from a preset file (the app exports them): its codec, CRF, speed, audio and filters, as "
          + "if given here; flags after it override them. A file of several presets needs --preset-name after it.")
  Path presetFile;

  @Option(names = "--preset-name", paramLabel = "NAME", preprocessor = PresetArguments.class,
      description = "A preset by name: \"Fast 1080p30\", \"HQ 1080p30\", \"Web 720p\", \"Archive AV1\", \"Small H.265\", "
          + "or one of --preset-file's; flags after it override it.")
  String presetName;

  @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "h264",
      description = "h264, h265, vp9 or av1 (default: ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--crf", paramLabel = "N",
      description = "Quality, lower is better and bigger (default per codec: h264 23, h265 28, vp9 32, av1 35); h264 "
          + "and h265 also take a fraction such as 23.5.")
  Double crf;

  @Option(names = "--preset", paramLabel = "NAME", defaultValue = "medium",
      description = "ultrafast ... veryslow, mapped onto each codec's speed scale; vp9 and av1 also take their own "
          + "number (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--depth", paramLabel = "BITS",
      description = "Bits per sample of the output, 8 or 10 (default: a 10-bit source stays 10-bit with h265 and av1; "
          + "h264 stays 8-bit unless asked, as High 10 plays on few devices; vp9 is 8-bit in this build). "
          + "10 to 8 bits is dithered.")
  Integer depth;

  @Option(names = "--tonemap", paramLabel = "CURVE",
      description = "Tone-map an HDR10 (PQ) source to SDR: BT.709, 8-bit, with the curve bt2390 or hable. Never done "
          + "unless asked; other sources are left as they are (a note says so).")
  String tonemap;

  @Option(names = {"-j", "--workers"}, paramLabel = "N",
      description = "Chunks encoded at once (default: the number of cores).")
  Integer workers;

  @Option(names = "--split", paramLabel = "HOW",
      description = "Where chunks are cut: keyframes (at source keyframes), scene (at detected scene cuts, long scenes "
          + "split to --chunk-seconds), fixed (every --chunk-frames frames) or none (one chunk) (default: keyframes, "
          + "or fixed with --chunk-frames).")
  String split;

  @Option(names = "--chunk-seconds", paramLabel = "S",
      description = "Target chunk length for --split keyframes, longest chunk for --split scene; 0 picks one from the "
          + "length and the workers (default).")
  Double chunkSeconds;

  @Option(names = "--chunk-frames", paramLabel = "N", description = "Chunk length in frames for --split fixed (default 60).")
  Integer chunkFrames;

  @Option(names = "--vf", paramLabel = "FILTERS",
      // One filter or example a line: help wraps inside scale=1280:720 or logo.png where a line ends.
      description = {"Filters run on every picture before it is encoded, in order, comma-separated:",
          "scale=W:H[:up=no] (-1 keeps the aspect; up=no never enlarges),",
          "crop=W:H[:X:Y] (centred without X:Y) or crop=auto,",
          "eq=BRIGHTNESS:CONTRAST:GAMMA, gray, blur=RADIUS,",
          "sharpen=AMOUNT[:RADIUS],",
          "denoise=STRENGTH[:THRESHOLD],",
          "overlay=FILE.png[:X:Y] (negative X/Y from the right/bottom).",
          "Examples:",
          "--vf \"scale=1280:720,denoise=4,sharpen=0.6\"",
          "--vf \"scale=1280:-1,overlay=logo.png:-16:16\""})
  String vf;

  @Option(names = "--verify-quality",
      description = "After each job, measure the output's PSNR, SSIM and VMAF against the source (through the same "
          + "--tonemap and --vf), whole and per chunk, and add them to the report.")
  boolean verifyQuality;

  @Option(names = "--no-tail-split",
      description = "Never split a running chunk. By default, in parallel mode, a worker with no chunk left takes the "
          + "end of a running chunk (a half, or a share where several are idle), so that the workers finish together; each "
          + "split adds a keyframe, and since where splits fall depends on timing, outputs may differ from run to run "
          + "(by about 1%% in size for a split). With this option they are the same every time. --split none is never split.")
  boolean noTailSplit;

  @Option(names = "--fps", paramLabel = "RATE",
      description = "Frame rate of an image-sequence input: 24, 23.976, 30000/1001 (default: 24, said in the report).")
  String fps;

  @Option(names = "--start-number", paramLabel = "N",
      description = "First number of an image sequence (default: the lowest found); images numbered lower are left out.")
  Integer startNumber;

  @Option(names = "--allow-gaps",
      description = "Take an image sequence with missing numbers: each missing frame holds the image before it "
          + "(by default a sequence with gaps is refused, with the list of them).")
  boolean allowGaps;

  @Option(names = "--alpha-over", paramLabel = "COLOUR",
      description = "Composite images, or a video's pictures, with alpha over black, white or #RRGGBB (default: the alpha is dropped).")
  String alphaOver;

  @Option(names = "--audio-file", paramLabel = "FILE",
      description = "Audio for an image sequence, cut at the video's end (a shorter file ends early: silence after it).")
  Path audioFile;

  @Option(names = "--codec-threads", paramLabel = "N", defaultValue = "1",
      description = "Threads inside each chunk's encoder (default: ${DEFAULT-VALUE}: the parallelism comes from chunks).")
  int codecThreads;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "parallel",
      description = "sequential (one chunk after another), concurrent (chunks interleaved on one thread) or parallel "
          + "(--workers at once) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--audio", paramLabel = "MODE", defaultValue = "auto",
      description = "auto (copy if the container can hold it, else aac/opus), copy, aac, opus or none "
          + "(default: ${DEFAULT-VALUE}).")
  String audio;

  @Option(names = "--container", paramLabel = "TYPE",
      description = "mp4, mkv or webm (default: from -o's extension; an -o without .mp4, .mov, .m4v, .mkv or .webm "
          + "needs --container; without -o, mp4).")
  String container;

  @Option(names = "--overwrite", description = "Replace outputs that exist.")
  boolean overwrite;

  @Option(names = "--report", paramLabel = "FILE.json",
      description = "Also write the reports as one JSON document: {\"results\": [...]}, one entry per input.")
  Path report;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where each job makes its work folder for segments (default: a hidden folder beside the output). "
          + "A cancelled job's folder is kept for --resume, as is one that failed for a full disk or an I/O error.")
  Path workDir;

  @Option(names = "--keep-work", description = "Keep the work folder (segments, plan) after a successful job; it records the output, "
      + "which --resume then keeps while it is unchanged.")
  boolean keepWork;

  @Option(names = "--resume",
      description = "Continue cancelled jobs, or jobs that failed for a full disk or an I/O error (same command line): "
          + "their finished chunks are reused, the rest "
          + "encoded; outputs an earlier run finished are kept and skipped (one beside its work folder only if the "
          + "folder records it unchanged; any other is refused: add --overwrite); other inputs are encoded whole.")
  boolean resume;

  @Option(names = "--no-keep",
      description = "On Ctrl-C, or a failure for a full disk or an I/O error, remove the job's work folder too "
          + "(by default it is kept for --resume).")
  boolean noKeep;

  @Option(names = {"-q", "--quiet"}, description = "Print errors only: no progress, no reports.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of a failure that is not the input's own (a codec, file or internal error); "
      + "a bad input's one line says all there is.")
  boolean verbose;

  private final InterruptGuard guard;

  /** --cluster and --credentials: chunks on other machines' workers too (see the cluster package). */
  @picocli.CommandLine.Mixin
  final org.framefork.encoder.cluster.ClusterOptions cluster = new org.framefork.encoder.cluster.ClusterOptions();
  /** --target-quality and its probe options. */
  @picocli.CommandLine.Mixin
  final TargetQualityOptions targetQuality = new TargetQualityOptions();
  /** Workers of this JVM's own with --cluster (0: none). */
  private int localWorkers;
  /**
   * The disks jobs of this run filled and kept their chunks on: the later inputs whose output or
   * work folder is on one of them are not started.
   */
  private final java.util.Set<FileStore> filledDisks = new java.util.HashSet<>();
  /** A job filled a disk that could not be named: every later input is left, as it may be bound for it. */
  private boolean filledUnknownDisk;

  /** The presets of the last --preset-file, for a --preset-name after it. */
  private List<org.framefork.encoder.preset.EncodePreset> filePresets = List.of();
  private Path filePresetsFrom;
  private boolean presetApplied;
  /** The last preset applied, whose --crf stands unless a --crf typed after it overrides it. */
  private org.framefork.encoder.preset.EncodePreset lastPreset;

  void presetsFromFile(Path file, List<org.framefork.encoder.preset.EncodePreset> presets) {
    filePresetsFrom = file;
    filePresets = presets;
  }

  List<org.framefork.encoder.preset.EncodePreset> presetsFromFile() {
    return filePresets;
  }

  Path presetFileName() {
    return filePresetsFrom;
  }

  void presetApplied(org.framefork.encoder.preset.EncodePreset preset) {
    presetApplied = true;
    lastPreset = preset;
  }

  EncodeCommand(InterruptGuard guard) {
    this.guard = guard;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Batch batch;
    try {
      batch = checkBatch();
    } catch (UsageException e) {
      e.problems().forEach(problem -> err.println("framefork: " + problem));
      return Main.EXIT_USAGE;
    } catch (IllegalArgumentException e) {
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (!quiet) {
      batch.notices().forEach(out::println);
    }
    guard.stopGracefully();
    // A --resume whose outputs are all finished has nothing for the cluster: it is not joined (4.5 s).
    boolean work = batch.destinations().stream().anyMatch(d -> !d.finished());
    if (cluster.enabled() && work && !joinCluster(out, err)) {
      return Main.EXIT_FAILED;
    }
    List<InputResult> results = encodeAll(batch, out, err);
    cluster.close();
    if (results.size() > 1 && !quiet) {
      out.println();
      ReportPrinter.printSummary(results, out);
    }
    int code = exitCode(results);
    if (report != null && !writeReport(results, err)) {
      code = Math.max(code, Main.EXIT_FAILED);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The inputs, each with its output, checked and ready to encode.
   *
   * @param notices what the check finds worth saying that is not a problem (an input named twice)
   * @param audioFile the streams of {@code --audio-file}, read once for every image sequence of the
   *     batch; null when no job reads it
   * @param options each unfinished destination's job options, made once for the check and the encode
   */
  private record Batch(List<Destination> destinations, List<String> notices,
      List<AudioStream> audioFile, Map<Destination, JobOptions> options) {}

  /** Checks everything that can be checked without encoding, for every input; throws {@link UsageException} naming every problem. */
  private Batch checkBatch() {
    if (filePresets.size() > 1 && !presetApplied) {
      throw new UsageException("--preset-file " + filePresetsFrom + " holds " + filePresets.size() + " presets; pick one with "
          + "--preset-name NAME after it (" + String.join(", ", filePresets.stream().map(p -> "\"" + p.name() + "\"").toList()) + ")");
    }
    JobOptions template = settings();
    List<String> notices = new ArrayList<>();
    // Every input's problem is gathered, so that one run names everything to mend in a batch.
    Set<String> problems = new LinkedHashSet<>();
    Set<Path> found = new java.util.HashSet<>();
    List<Path> inputs = InputExpander.expand(inputArgs, problems, notices, found);
    List<Destination> destinations;
    try {
      destinations = Destinations.resolve(inputs, output, outputDir, containerOption(),
          template.video().codec(), template.audio(), overwrite, this::onResume, found);
    } catch (UsageException e) {
      problems.addAll(e.problems());
      destinations = List.of();
    }
    Map<Destination, JobOptions> options = new HashMap<>();
    // An overlay picture is hashed once a run, not once an input: the same --vf for every one.
    String filtersIdentity = resume ? template.filters().identity() : null;
    for (Destination d : destinations) {
      if (!d.finished()) {
        JobOptions o = jobOptions(template, d);
        options.put(d, o);
        if (!atItsTurn(d, found)) {
          checkInput(d, template, o, filtersIdentity, problems);
        }
      }
    }
    List<AudioStream> audioFile = problems.isEmpty() ? probeAudioFile(template, destinations, problems) : null;
    if (problems.isEmpty() && template.audio() == AudioMode.COPY) {
      // Known from the containers' headers alone: say it before any input is encoded.
      for (Destination d : destinations) {
        if (d.finished() || atItsTurn(d, found)) {
          continue;
        }
        Path audioFrom = ImageSequences.names(d.input()) ? template.sequence().audioFile() : d.input();
        String refusal = audioFrom == null ? null : AudioPlan.copyProblem(audioFrom, d.container());
        if (refusal != null) {
          problems.add(refusal);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(List.copyOf(problems));
    }
    checkWorkDir();
    checkReport(destinations);
    return new Batch(destinations, notices, audioFile, options);
  }

  /**
   * Whether input {@code d}, which a folder or a pattern brought ({@code found}), cannot be read (an
   * empty file, a pipe): it is not refused with the batch but fails at its turn, as a file FFmpeg
   * cannot open does, and the other inputs are encoded.
   */
  private static boolean atItsTurn(Destination d, Set<Path> found) {
    if (!found.contains(d.input())) {
      return false;
    }
    try {
      Prober.requireReadableFile(d.input());
      return false;
    } catch (InputException e) {
      return true;
    }
  }

  /**
   * What can be checked of input {@code d} (its job's options {@code o}) without reading its video:
   * its problems go to {@code problems}. A video file's header is read for a video stream: a sound
   * file, or an {@code .m4a} whose only picture is its cover, is refused here rather than at its turn.
   */
  private void checkInput(Destination d, JobOptions template, JobOptions o, String filtersIdentity, Set<String> problems) {
    try {
      EncodeJob.checkSource(d.input(), template);
      String noVideo = ImageSequences.names(d.input()) ? null : Prober.noVideoStream(d.input());
      if (noVideo != null) {
        problems.add(noVideo);
      }
    } catch (InputException e) {
      problems.add(e.getMessage());
    }
    String notOnCluster = cluster.enabled() ? org.framefork.encoder.cluster.ClusterOptions.refusal(d.input()) : null;
    if (notOnCluster != null) {
      problems.add(d.input() + ": " + notOnCluster);
    }
    // Known from the work folder alone: a resume with other chunks or settings is refused before any work.
    String otherChunks = o.resume() ? EncodeJob.splitRefusal(o) : null;
    String otherSettings = o.resume() ? EncodeJob.settingsRefusal(o.workFolder(), o.recordedVideo(), o.targetQuality(), filtersIdentity) : null;
    for (String refusal : new String[] {otherChunks, otherSettings}) {
      if (refusal != null) {
        problems.add(d.input() + ": " + refusal);
      }
    }
  }

  /**
   * The streams of {@code --audio-file}, when an image sequence of the batch is to be encoded with
   * its audio; else null. One with no audio stream in it is a usage problem found before any input
   * is encoded, not a failed job. The file is read once here, and the jobs take what was read.
   */
  private List<AudioStream> probeAudioFile(JobOptions template, List<Destination> destinations, Set<String> problems) {
    Path audio = template.sequence().audioFile();
    if (audio == null || template.audio() == AudioMode.NONE
        || destinations.stream().noneMatch(d -> !d.finished() && ImageSequences.names(d.input()))) {
      return null;
    }
    try {
      return Prober.probeAudio(audio);
    } catch (InputException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  /**
   * After a cancel: what the work folder {@code kept} holds for {@code --resume}, the finished
   * chunks and the target-quality probes of chunks that had not finished (a resume reuses them
   * rather than probing again).
   */
  private static void sayWhatIsKept(Path kept, PrintWriter err) {
    JobWorkspace.Kept held = JobWorkspace.kept(kept);
    int finished = held.finished();
    int probed = held.probed();
    String probes = probed == 0 ? "" : "the target-quality probes of " + probed + (finished > 0 ? " more" : "") + " chunk"
        + ReportPrinter.plural(probed);
    if (finished > 0) {
      err.println("framefork: its " + finished + " finished chunk" + ReportPrinter.plural(finished)
          + (probed > 0 ? " and " + probes + " are" : finished == 1 ? " is" : " are") + " kept in " + kept
          + "; run the same command with --resume to continue, or delete that folder");
    } else if (JobWorkspace.hasPlan(kept)) {
      err.println("framefork: no chunk had finished; its plan" + (probed > 0 ? " and " + probes + " are" : " is")
          + " kept in " + kept + " (--resume reuses " + (probed > 0 ? "them" : "it") + "), or delete that folder");
    }
  }


  /** Whether the output or the work folder of {@code d} is on the disk a job of this run filled. */
  private boolean onFilledDisk(Destination d, JobOptions options) {
    if (filledUnknownDisk) {
      return true;
    }
    if (filledDisks.isEmpty()) {
      return false;
    }
    Path work = options == null ? null : options.workFolder();
    return filledDisks.contains(fileStore(d.output())) || work != null && filledDisks.contains(fileStore(work));
  }

  /** The disk that holds {@code path}, or would hold it: that of its nearest folder that exists (null if none can say). */
  private static FileStore fileStore(Path path) {
    for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
      try {
        if (Files.exists(p)) {
          return Files.getFileStore(p);
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * One job per input, one after another; after Ctrl-C the inputs not started are skipped, and so
   * are those whose output or work folder is on a disk that filled and where a job kept its chunks
   * (they would only fill it again and keep their own; inputs bound for other disks still run): the
   * run says which, and {@code --resume} takes the batch up where it stopped.
   */
  private List<InputResult> encodeAll(Batch batch, PrintWriter out, PrintWriter err) {
    boolean terminal = !quiet && ProgressView.stdoutIsTerminal();
    List<InputResult> results = new ArrayList<>();
    List<String> notStarted = new ArrayList<>();
    for (int i = 0; i < batch.destinations().size(); i++) {
      Destination d = batch.destinations().get(i);
      if (guard.interrupted()) {
        results.add(InputResult.skipped(d.input(), d.output()));
        continue;
      }
      if (!d.finished() && onFilledDisk(d, batch.options().get(d))) {
        results.add(InputResult.notStartedForSpace(d.input(), d.output()));
        notStarted.add(d.input().toString());
        continue;
      }
      if (d.finished()) {
        if (!quiet) {
          out.println(d.input() + ": already encoded to " + d.output() + "; skipping it (its settings are not checked "
              + "against this command's: --overwrite without --resume encodes it again)");
        }
        removeFinishedWork(d, out);
        results.add(InputResult.alreadyEncoded(d.input(), d.output()));
        continue;
      }
      if (i > 0 && !quiet) {
        out.println();
      }
      JobOptions options = batch.options().get(d);
      if (resume && !options.resume() && !quiet) {
        out.println(d.input() + ": nothing to resume; encoding it whole");
      }
      results.add(encodeOne(d, options, batch.audioFile(), terminal, out, err));
    }
    if (!notStarted.isEmpty()) {
      err.println("framefork: the disk filled, so " + String.join(", ", notStarted) + (notStarted.size() == 1 ? " was" : " were")
          + " not started; free space, then run the same command with --resume");
    }
    return results;
  }

  /**
   * The work folder that a kill between publishing {@code d}'s output and removing the folder left
   * (its record says it wrote the output as it is), with that kill's lock file: removed under the
   * output's job lock, as the job would have, unless {@code --keep-work}, now or when that job ran
   * (its record says so: the folder was kept on purpose); says so.
   */
  private void removeFinishedWork(Destination d, PrintWriter out) {
    Path work = workFolderOf(d.output());
    if (keepWork || !JobWorkspace.published(work, d.output()) || JobWorkspace.keptOnPurpose(work)
        || !JobWorkspace.discardUnlessRunning(work, d.output())) {
      return;
    }
    if (!quiet) {
      out.println(d.input() + ": removed " + work + ", the work folder its finished job left (--keep-work keeps it)");
    }
  }

  /** Writes {@code --report}; false, having said why, when it cannot. */
  private boolean writeReport(List<InputResult> results, PrintWriter err) {
    try {
      Json.writeFile(report, InputResult.RunReport.of(ffmpegVersion(), results, stopped(results)));
      return true;
    } catch (IOException | RuntimeException e) {
      err.println("framefork: cannot write the report " + report + " (" + e.getMessage() + ")");
      return false;
    }
  }

  /** Joins the cluster once, before the first input that is not already encoded; says so, or why not in one line. */
  private boolean joinCluster(PrintWriter out, PrintWriter err) {
    try {
      double joined = cluster.connect(err);
      if (!quiet) {
        out.printf("Joined the cluster in %.1f s%n", joined);
      }
      return true;
    } catch (IllegalStateException e) {
      err.println("framefork: " + e.getMessage());
      return false;
    }
  }

  /** @param audioFile the streams of the batch's {@code --audio-file}; null: the job reads them if it needs them */
  private InputResult encodeOne(Destination d, JobOptions options, List<AudioStream> audioFile, boolean terminal,
      PrintWriter out, PrintWriter err) {
    ProgressView view = ProgressView.choose(d.input(), quiet, terminal,
        options.verifyQuality() || options.targetQuality() != null, out);
    EncodeJob job;
    try {
      job = (cluster.enabled() ? cluster.job(options, localWorkers, view) : new EncodeJob(options, view))
          .withAudioFileProbed(audioFile);
    } catch (IllegalStateException e) {
      view.close();
      err.println("framefork: " + d.input() + ": " + e.getMessage());
      return InputResult.failed(d.input(), d.output(), e.getMessage());
    }
    guard.watch(job, view);
    try {
      JobReport r = job.run();
      view.close();
      if (!quiet) {
        ReportPrinter.print(r, out);
      }
      return InputResult.done(d.input(), d.output(), r);
    } catch (JobCancelledException e) {
      view.close();
      err.println("framefork: " + d.input() + ": cancelled; nothing was written");
      sayWhatIsKept(options.workFolder(), err);
      return InputResult.cancelled(d.input(), d.output());
    } catch (InputException e) {
      // The engine's messages name the input and say what to do.
      view.close();
      err.println("framefork: " + e.getMessage());
      return InputResult.failed(d.input(), d.output(), e.getMessage());
    } catch (WorkKeptException e) {
      view.close();
      return keptWorkFailed(d, e, err);
    } catch (RuntimeException | LinkageError e) {
      view.close();
      String message = d.input() + ": " + describe(e);
      err.println("framefork: " + message + (verbose ? "" : " (-v shows the details)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return InputResult.failed(d.input(), d.output(), message);
    } catch (OutOfMemoryError e) {
      view.close();
      String message = d.input() + ": out of Java heap; give it more with FRAMEFORK_JAVA_OPTS=-Xmx4g, or fewer --workers";
      err.println("framefork: " + message);
      return InputResult.failed(d.input(), d.output(), message);
    } finally {
      guard.finished(job);
      err.flush();
    }
  }

  /**
   * Input {@code d}'s job failed for a full disk or an I/O error and kept its work: the line ends with
   * what to do, -v still shows where it failed, and a disk that filled is remembered so that the batch
   * leaves the inputs bound for it.
   */
  private InputResult keptWorkFailed(Destination d, WorkKeptException e, PrintWriter err) {
    // An input gone names itself; the other failures (a full disk, an I/O error) name the disk's file.
    String message = e.getMessage().startsWith(d.input() + ": ") ? e.getMessage() : d.input() + ": " + e.getMessage();
    err.println("framefork: " + message);
    if (verbose) {
      e.printStackTrace(err);
    }
    if (org.framefork.encoder.media.Ffmpeg.isOutOfSpace(e)) {
      FileStore disk = fileStore(e.workFolder());
      if (disk == null) {
        filledUnknownDisk = true;
      } else {
        filledDisks.add(disk);
      }
    }
    return InputResult.failed(d.input(), d.output(), message);
  }

  /** The options every input shares, parsed and checked; input, output and work folder are set per job. */
  JobOptions settings() {
    VideoCodec videoCodec = VideoCodec.parse(codec);
    if (depth != null && depth != 8 && depth != 10) {
      throw new UsageException("--depth " + depth + ": give 8 or 10");
    }
    if (codecThreads < 1) {
      throw new UsageException("--codec-threads " + codecThreads
          + ": give 1 or more (1 is usually best: the workers are the parallelism)");
    }
    HdrToSdr.Curve curve = tonemap == null ? null : HdrToSdr.Curve.parse(tonemap);
    EncodeSettings video = new EncodeSettings(videoCodec, crf != null ? crf : videoCodec.defaultCrf(), preset, codecThreads,
        PictureFormat.requested(depth == null ? 0 : depth).withToneMap(curve));
    ExecutionMode executionMode = ExecutionMode.parse(mode);
    int n = workers != null ? workers : JobOptions.defaultWorkers();
    cluster.check(executionMode, n);
    localWorkers = n;
    if (n < (cluster.enabled() ? 0 : 1) || n > JobOptions.MAX_WORKERS) {
      throw new UsageException("--workers " + n + ": give 1 to " + JobOptions.MAX_WORKERS + " (the cores are usually best)");
    }
    SplitChoice chunks = SplitChoice.checked(split, chunkSeconds, chunkFrames);
    FilterChain filters;
    try {
      filters = FilterChain.parse(vf);
      filters.checkFiles();
    } catch (IllegalArgumentException | InputException e) {
      throw new UsageException("--vf: " + e.getMessage());
    }
    SequenceOptions sequence = sequenceOptions();
    Path placeholder = Path.of("input");
    JobOptions defaults = JobOptions.defaults(placeholder, placeholder);
    return defaults
        .withVideo(video)
        .withAudio(AudioMode.parse(audio))
        .withMode(executionMode, Math.max(1, n))
        .withSplit(chunks.mode(), chunks.chunkSeconds(), chunks.chunkFrames(defaults.chunkFrames()))
        .withFilters(filters)
        .withVerifyQuality(verifyQuality)
        .withTailSplit(!noTailSplit)
        .withSequence(sequence)
        .withTargetQuality(targetQuality.parse(videoCodec, crfTyped(),
            cluster.enabled()));
  }

  /**
   * Whether --crf was typed, before or after a preset: a preset's flags are parsed as if typed, so
   * only the command line as typed tells a preset's CRF (which --target-quality replaces) from one
   * the user gave. Its @-files expanded: a --crf in one is typed too.
   */
  private boolean crfTyped() {
    if (crf == null || lastPreset == null) {
      return crf != null;
    }
    return spec.commandLine().getParseResult().expandedArgs().stream().anyMatch(a -> a.equals("--crf") || a.startsWith("--crf="));
  }

  /** The image-sequence options, checked. */
  private SequenceOptions sequenceOptions() {
    Background over = null;
    if (alphaOver != null) {
      over = Background.parse(alphaOver);
      if (over == null) {
        throw new UsageException("--alpha-over " + alphaOver + ": give black, white or a colour as #RRGGBB");
      }
    }
    if (startNumber != null && startNumber < 0) {
      throw new UsageException("--start-number " + startNumber + ": give 0 or more");
    }
    try {
      return new SequenceOptions(fps == null ? null : SequenceOptions.parseRate(fps), startNumber, allowGaps, over, audioFile);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Container containerOption() {
    return container == null ? null : Container.parse(container);
  }

  /** The template's settings for one input; every option goes through a with-method, so new engine options keep their defaults. */
  private JobOptions jobOptions(JobOptions template, Destination d) {
    JobOptions o = JobOptions.defaults(d.input(), d.output())
        .withOutput(d.output(), d.container())
        .withVideo(template.video())
        .withAudio(template.audio())
        .withMode(template.mode(), template.workers())
        .withSplit(template.split(), template.chunkSeconds(), template.chunkFrames())
        .withFilters(template.filters())
        .withVerifyQuality(template.verifyQuality())
        .withTailSplit(template.tailSplit())
        // --audio none writes no audio: the job then reads no --audio-file, nor notes how long it was.
        .withSequence(template.audio() == AudioMode.NONE ? template.sequence().withoutAudioFile() : template.sequence())
        .withTargetQuality(template.targetQuality())
        .withOverwrite(overwrite);
    o = o.withWorkDir(workDir == null ? null : workDir.resolve(workFolderName(d.output())))
        .withWorkKept(keepWork ? WorkKept.ALWAYS : noKeep ? WorkKept.NEVER : WorkKept.FOR_RESUME);
    // --resume over a batch: inputs that were never started (no folder, or one with no plan: a kill
    // while it was removed, or a stray file keeping it) have nothing to resume and start afresh.
    Path work = o.workFolder();
    boolean resumes = resume && JobWorkspace.hasPlan(work);
    // An output replaced without --overwrite only where its work folder records this job wrote it.
    return o.withResume(resumes).withOverwrite(overwrite || resumes && JobWorkspace.published(work, d.output()));
  }

  /**
   * The job's own folder inside {@code --work-dir}: cleaning up a job then never touches anything
   * else there, and a later {@code --resume} of the same output finds the same folder. The hash of
   * the output's full path keeps outputs of one name from different folders apart.
   */
  static String workFolderName(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    return JobWorkspace.fileName(abs.getFileName() + "-" + String.format("%08x", abs.toString().hashCode()), ".framefork-work");
  }

  /**
   * With {@code --resume}, what becomes of an output that exists: one with no work folder left (or
   * a folder with no plan: a kill while it was removed), or whose work folder records that its job
   * wrote it as it is now, was published whole by an earlier run and is kept. Any other is not
   * FrameFork's (edited since, or made by another program beside an interrupted job's folder): it
   * is refused, as FrameFork never writes at the output's path but renames a verified file there.
   */
  private Destinations.Existing onResume(Path output) {
    if (!resume) {
      return Destinations.Existing.REFUSED;
    }
    Path work = workFolderOf(output);
    return !JobWorkspace.hasPlan(work) || JobWorkspace.published(work, output) ? Destinations.Existing.KEPT
        : Destinations.Existing.NOT_ITS_OWN;
  }

  /**
   * Where the job of {@code output} keeps its finished chunks: its folder in {@code --work-dir}, or
   * the engine's default beside the output; what {@link JobOptions#workFolder} says once the job's
   * options are made, known here before them.
   */
  private Path workFolderOf(Path output) {
    return workDir != null ? workDir.resolve(workFolderName(output)) : JobWorkspace.defaultFor(output.toAbsolutePath().normalize());
  }

  private void checkWorkDir() {
    if (workDir == null) {
      return;
    }
    if (Files.exists(workDir)) {
      Destinations.requireWritableFolder(workDir, "--work-dir " + workDir);
    } else {
      throw new UsageException("--work-dir " + workDir + ": no such folder; create it first");
    }
  }

  private void checkReport(List<Destination> destinations) {
    if (report == null) {
      return;
    }
    if (Files.isDirectory(report)) {
      throw new UsageException("--report " + report + ": is a folder; give a file name like report.json");
    }
    // The report is written to a temporary name beside it (up to 22 bytes longer) and moved into place.
    if (JobWorkspace.nameBytes(report.getFileName().toString()) > JobWorkspace.MAX_NAME_BYTES - 25) {
      throw new UsageException("--report " + report.getFileName() + ": the name is too long; give a shorter one");
    }
    Path folder = report.toAbsolutePath().getParent();
    Destinations.requireWritableFolder(folder, folder + " (the folder of --report " + report.getFileName() + ")");
    Path real = Destinations.realPath(report);
    for (Destination d : destinations) {
      if (real.equals(Destinations.realPath(d.input())) || real.equals(Destinations.realPath(d.output()))) {
        throw new UsageException("--report " + report + ": is also an input or output; give the report its own name");
      }
    }
  }

  /**
   * Whether a Ctrl-C or SIGTERM stopped the run: an input was cancelled, or not started for it. An
   * input that --resume found finished, or that a full disk kept from starting, is skipped too, but
   * stops nothing; nor does a signal that came once the last output was in place.
   */
  private static boolean stopped(List<InputResult> results) {
    return results.stream().anyMatch(r -> r.status() == InputResult.Status.CANCELLED
        || r.skip() == InputResult.Skip.INTERRUPTED);
  }

  private int exitCode(List<InputResult> results) {
    if (stopped(results)) {
      return guard.exitCode();
    }
    return results.stream().anyMatch(r -> r.status() == InputResult.Status.FAILED) ? Main.EXIT_FAILED : Main.EXIT_OK;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (e instanceof LinkageError) {
      return "FFmpeg's natives cannot be loaded (" + m + "); build for this platform with -Djavacpp.platform=...";
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  static String ffmpegVersion() {
    try {
      return org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    } catch (Throwable t) {
      return "unknown";
    }
  }
}
