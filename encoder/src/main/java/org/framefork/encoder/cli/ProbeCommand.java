package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.media.HdrMetadata;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Languages;
import org.framefork.encoder.probe.HdrInfo;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.probe.SubtitleStream;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.source.ImageSequence;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framefork probe}: what the packet scan finds in an input, and the chunks an encode would cut. */
@Command(
    name = "probe",
    versionProvider = Main.VersionInfo.class,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Shows what is in a video and how encode would cut it.",
        "From a packet scan, without decoding: container, streams, frames, keyframes, metadata, and the chunk "
            + "plan that encode with the same options would use."})
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INPUT", description = "A video file, or an image sequence: a printf pattern "
      + "(render/frame_%%04d.png), a folder of images or a quoted glob (\"render/*.png\").")
  Path input;

  @Option(names = "--fps", paramLabel = "RATE", description = "An image sequence's rate, as for encode (default: 24).")
  String fps;

  @Option(names = "--start-number", paramLabel = "N", description = "An image sequence's first number, as for encode.")
  Integer startNumber;

  @Option(names = "--json", description = "Print one JSON document {\"media\": ..., \"plan\": ...} instead of text.")
  boolean json;

  @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Workers the plan is made for (default: the number of cores).")
  Integer workers;

  @Option(names = "--split", paramLabel = "HOW",
      description = "keyframes, scene, fixed or none, as for encode; scene decodes the video to find its cuts "
          + "(default: keyframes, or fixed with --chunk-frames).")
  String split;

  @Option(names = "--chunk-seconds", paramLabel = "S", defaultValue = "0",
      description = "Target chunk length for --split keyframes, longest chunk for scene; 0 picks one (default).")
  double chunkSeconds;

  @Option(names = "--chunk-frames", paramLabel = "N",
      description = "Chunk length for --split fixed (default: 60); giving it implies --split fixed, as for encode.")
  Integer chunkFrames;

  /** The plan as printed: the chunks with their times in seconds. */
  /**
   * @param sceneCuts for {@code --split scene}: the first frame of each scene after the first; null otherwise
   * @param analysisSeconds for {@code --split scene}: how long finding them took
   */
  record PlanView(String split, double targetSeconds, int workers, int totalFrames, List<ChunkView> chunks,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) int[] sceneCuts,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Double analysisSeconds) {}

  /** @param startSeconds the chunk's first frame's presentation time in the source */
  record ChunkView(int index, int firstFrame, int frames, double startSeconds, boolean startsOnKeyframe,
      long startPts, long seekPts) {}

  /** An image sequence as probe shows it (without the file of every frame). */
  record SequenceView(String spec, int images, int frames, int firstNumber, String rate, boolean rateGiven, int width,
      int height, String pixelFormat, String codec, List<String> gaps, int heldFrames) {
    static SequenceView of(ImageSequence s) {
      return new SequenceView(s.spec(), s.imageCount(), s.frameCount(), s.firstNumber(), s.rate().toString(), s.rateGiven(),
          s.width(), s.height(), s.pixelFormat(), s.codec(), s.gaps(), s.heldFrames());
    }
  }

  record ProbeResult(MediaInfo media,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) SequenceView sequence,
      PlanView plan) {}

  /** The split the options ask for, once they are checked as encode checks them; throws naming the first problem. */
  private SplitChoice checkedSplit(int n) {
    SplitChoice chunks = SplitChoice.checked(split, chunkSeconds, chunkFrames);
    if (n < 1 || n > JobOptions.MAX_WORKERS) {
      throw new IllegalArgumentException("--workers " + n + ": give 1 to " + JobOptions.MAX_WORKERS);
    }
    if (input.toString().isEmpty()) {
      throw new IllegalArgumentException(InputExpander.EMPTY_NAME);
    }
    List<Path> videos = Files.isDirectory(input) ? InputExpander.listVideos(input) : List.of();
    if (Files.isDirectory(input) && !InputExpander.isImageSequence(input, videos)) {
      if (!videos.isEmpty()) {
        throw new IllegalArgumentException(input + ": the folder holds " + videos.size() + " video file"
            + ReportPrinter.plural(videos.size()) + (InputExpander.holdsImages(input)
                ? " (so it is a folder of videos, not an image sequence)" : " and no images")
            + "; probe takes one video at a time (probe " + videos.getFirst() + "), encode takes the folder");
      }
      String nothing = InputExpander.emptyFolderProblem(input);
      if (nothing != null) {
        throw new IllegalArgumentException(nothing);
      }
    }
    if (!ImageSequences.names(input)) {
      // A missing input is a usage error; one that is there but empty or unreadable is not a video
      // FrameFork can read (exit 1), which the probe itself says.
      if (!Files.exists(input)) {
        Prober.requireReadableFile(input);
      }
      if (fps != null || startNumber != null) {
        throw new IllegalArgumentException(input + ": " + (fps != null ? "--fps" : "--start-number")
            + " is for image sequences, not videos; drop it");
      }
    }
    return chunks;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SplitChoice chunks;
    SequenceOptions sequenceOptions;
    int n = workers != null ? workers : JobOptions.defaultWorkers();
    try {
      chunks = checkedSplit(n);
      // A sequence is shown with its gaps (as --allow-gaps reads it): encode refuses them unless told.
      sequenceOptions = new SequenceOptions(fps == null ? null : SequenceOptions.parseRate(fps), startNumber, true, null, null);
    } catch (IllegalArgumentException | InputException | UsageException e) {
      // UsageException: a folder that cannot be listed (InputExpander.listVideos).
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    ProbedSource source;
    try {
      source = ProbedSource.probe(input, sequenceOptions);
    } catch (InputException e) {
      // What a sequence's scan refuses (no images, two formats or sizes) encode refuses as a usage
      // error too; a file that cannot be read, a video or one image file, is not one.
      err.println("framefork: " + e.getMessage());
      return ImageSequences.names(input) && !Files.isRegularFile(input) ? Main.EXIT_USAGE : Main.EXIT_FAILED;
    } catch (MediaException e) {
      err.println("framefork: " + input + ": " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    MediaInfo media = source.media();
    ImageSequence sequence = source.sequence();
    PlanView plan;
    try {
      plan = plan(media, chunks.mode(), chunks.chunkSeconds(), chunks.chunkFrames(JobOptions.defaults(input, input).chunkFrames()), n);
    } catch (MediaException e) {
      err.println("framefork: " + input + ": " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    if (json) {
      out.println(Json.write(new ProbeResult(media, sequence == null ? null : SequenceView.of(sequence), plan)));
    } else {
      printMedia(media, out);
      if (sequence != null) {
        printSequence(sequence, out);
      }
      printPlan(plan, media, out);
    }
    out.flush();
    return Main.EXIT_OK;
  }

  /**
   * The plan an encode with these options would cut, by the engine's own rule ({@link
   * EncodeJob#plan}): chunk length 0 takes its default; {@code scene} decodes the video on {@code
   * workers} threads to find its cuts.
   */
  static PlanView plan(MediaInfo media, SplitMode split, double chunkSeconds, int chunkFrames, int workers) {
    JobOptions options = JobOptions.defaults(media.path(), media.path())
        .withMode(ExecutionMode.PARALLEL, workers)
        .withSplit(split, chunkSeconds, chunkFrames);
    ScenePlanner.Analysis[] found = new ScenePlanner.Analysis[1];
    ChunkPlan plan = EncodeJob.plan(media, options, new AtomicBoolean(), a -> found[0] = a);
    return view(plan, media.frames(), workers, found[0] == null ? null : found[0].cuts(), found[0] == null ? null : found[0].seconds());
  }

  private static PlanView view(ChunkPlan plan, FrameIndex frames, int workers, int[] cuts, Double seconds) {
    Rational tb = frames.timeBase();
    List<ChunkView> chunks = new ArrayList<>(plan.size());
    for (Chunk c : plan.chunks()) {
      chunks.add(new ChunkView(c.index(), c.firstFrame(), c.frameCount(), tb.seconds(c.startPts()),
          c.startsOnKeyframe(), c.startPts(), c.seekPts()));
    }
    return new PlanView(plan.split().toString(), plan.targetSeconds(), workers, plan.totalFrames(), chunks, cuts, seconds);
  }

  static void printMedia(MediaInfo m, PrintWriter out) {
    out.println(m.path());
    row(out, "container", f("%s, %s, %.3f s, %s", m.container(), ReportPrinter.size(m.sizeBytes()), m.durationSeconds(),
        m.bitRate() > 0 ? f("%d kb/s", Math.round(m.bitRate() / 1000.0)) : "bitrate unknown"));
    VideoStream v = m.video();
    row(out, "video #" + v.index(), f("%s, %dx%d, %s, %s, %d frame%s, %d keyframe%s", v.codec(), v.width(), v.height(),
        orUnknown(v.pixelFormat()), frameRate(v), v.frameCount(), ReportPrinter.plural(v.frameCount()), v.keyframeCount(),
        ReportPrinter.plural(v.keyframeCount())));
    // Said with its direction: ffprobe prints the display matrix's angle counterclockwise (its 90 is 270 here).
    row(out, "", f("starts at %.3f s, lasts %.3f s, time base %s, %s", v.startSeconds(), v.durationSeconds(),
        v.timeBase(), v.displayText()));
    row(out, "", f("colour: %d-bit, range %s, primaries %s, transfer %s, space %s", v.bitDepth(), orUnknown(v.colorRange()),
        orUnknown(v.colorPrimaries()), orUnknown(v.colorTransfer()), orUnknown(v.colorSpace())));
    printHdr(out, v.hdr());
    if (v.interlaced()) {
      row(out, "", "interlaced (field order " + v.fieldOrder() + "): encode makes it progressive without deinterlacing");
    }
    if (v.cutShort() && v.declaredFrames() > v.frameCount()) {
      row(out, "", f("cut short: the header declares %d frames, the file holds %d (an unfinished copy or download?)",
          v.declaredFrames(), v.frameCount()));
    } else if (v.cutShort()) {
      row(out, "", f("cut short: %s, the file holds %d whole frames (an unfinished copy or download?)", v.cutFramesText(),
          v.frameCount()));
    }
    if (v.leadFrames() > 0) {
      row(out, "", v.leadFramesText() + ": not counted, and left out of an encode");
    }
    for (AudioStream a : m.audio()) {
      row(out, "audio #" + a.index(), f("%s, %d Hz, %d channel%s%s, starts at %.3f s, lasts %.3f s", a.codec(),
          a.sampleRate(), a.channels(), ReportPrinter.plural(a.channels()), language(a.language()), a.startSeconds(),
          a.durationSeconds()));
    }
    if (m.audio().isEmpty()) {
      row(out, "audio", "none");
    }
    for (SubtitleStream s : m.subtitles()) {
      row(out, "subtitle #" + s.index(), s.codec() + language(s.language()));
    }
    if (m.programs() > 1) {
      row(out, "programs", f("%d; encode keeps the audio and subtitles of the video's program, as listed", m.programs()));
    }
    Map<String, String> meta = m.metadata();
    if (meta != null && !meta.isEmpty()) {
      row(out, "metadata", meta.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ")));
    }
  }

  static void printSequence(ImageSequence s, PrintWriter out) {
    row(out, "sequence", f("%d image%s, %d frame%s%s, %s fps%s, %dx%d, %s (%s)", s.imageCount(),
        ReportPrinter.plural(s.imageCount()), s.frameCount(), ReportPrinter.plural(s.frameCount()),
        s.firstNumber() < 0 ? "" : " from number " + s.firstNumber(), s.rate(),
        s.rateGiven() ? "" : " (the default; --fps sets another)", s.width(), s.height(), s.pixelFormat(), s.codec()));
    row(out, "gaps", s.gaps().isEmpty() ? "none"
        : f("%s: %d frame%s missing (encode refuses them unless --allow-gaps holds the image before each)",
            String.join(", ", s.gaps()), s.heldFrames(), ReportPrinter.plural(s.heldFrames())));
    String othersBeside = ImageSequences.othersBeside(Path.of(s.spec()));
    if (othersBeside != null) {
      row(out, "", othersBeside);
    }
  }

  /** The plan of {@code media}: one line on how it is cut, then a line per chunk. */
  static void printPlan(PlanView p, MediaInfo media, PrintWriter out) {
    String how = SplitDescription.of(SplitMode.parse(p.split()), p.chunks().size(), p.targetSeconds(),
        media.video().durationSeconds(), media.isImageSequence(), p.sceneCuts(), p.analysisSeconds());
    out.println(f("plan: %d chunk%s %s, for %d worker%s", p.chunks().size(), ReportPrinter.plural(p.chunks().size()), how,
        p.workers(), ReportPrinter.plural(p.workers())));
    out.println(f("  %5s %7s %7s %9s  %s", "chunk", "first", "frames", "start s", "starts on a keyframe"));
    for (ChunkView c : p.chunks()) {
      out.println(f("  %5d %7d %7d %9.3f  %s", c.index(), c.firstFrame(), c.frames(), c.startSeconds(),
          c.startsOnKeyframe() ? "yes" : "no (decodes from the keyframe before)"));
    }
  }

  private static String frameRate(VideoStream v) {
    Rational r = v.frameRate();
    String rate = r != null && r.isValid() ? r.fpsText() + " (" + r + ")" : "frame rate unknown";
    return rate + (v.variableFrameRate() ? ", variable" : ", constant");
  }

  private static String language(String lang) {
    return Languages.named(lang) ? ", language " + lang : "";
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? "unknown" : s;
  }

  /** The HDR format and its static metadata, when the stream is HDR or carries any. */
  private static void printHdr(PrintWriter out, HdrInfo hdr) {
    if (hdr.equals(HdrInfo.SDR)) {
      return;
    }
    row(out, "", "HDR: " + hdr.describe());
    HdrMetadata meta = hdr.staticMetadata();
    if (meta != null && meta.masteringDisplay() != null) {
      row(out, "", "mastering display: " + meta.masteringDisplay().describe());
    }
    if (meta != null && meta.contentLight() != null) {
      row(out, "", f("content light: MaxCLL %d cd/m², MaxFALL %d cd/m²", meta.contentLight().maxCll(), meta.contentLight().maxFall()));
    }
  }

  private static void row(PrintWriter out, String label, String text) {
    out.println(f("  %-12s %s", label, text));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
