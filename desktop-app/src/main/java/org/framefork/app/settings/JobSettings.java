package org.framefork.app.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.OverlayFilter;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.job.JobLock;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceOptions;

/**
 * What the settings panel holds when Start is pressed: everything a job of the queue needs besides
 * its input.
 *
 * @param preset the encoder's speed preset (ultrafast ... veryslow)
 * @param chunkSeconds target chunk length; 0 lets the engine pick from the length and worker count
 * @param filters {@code --vf}'s text; empty for none
 * @param targetQuality {@code --target-quality}'s text ({@code vmaf=93}), which then picks each
 *     chunk's CRF; empty for none
 * @param cluster the worker nodes that encode chunks too ({@code --cluster}); null encodes here only
 * @param depth {@code --depth}: 8 or 10 bits per sample; 0 for the source's as far as the codec keeps it
 * @param toneMap {@code --tonemap}'s curve for a PQ (HDR10) source; null keeps the source's range
 * @param sequenceRate {@code --fps}'s text for the image sequences of the queue; empty for the
 *     engine's default (24); a video ignores it
 * @param allowGaps {@code --allow-gaps}: an image sequence with missing numbers is taken, each missing
 *     frame holding the image before it; else it is refused
 */
public record JobSettings(VideoCodec codec, String preset, int crf, ExecutionMode mode, int workers, double chunkSeconds,
    Container container, Path outputFolder, AudioMode audio, String filters, String targetQuality, ClusterSetting cluster,
    int depth, HdrToSdr.Curve toneMap, String sequenceRate, boolean allowGaps) {
  public JobSettings {
    // A queue file of an earlier build has none of these: audio, filters and target quality, then depth
    // (0, the source's), tone map (null, none) and sequence rate; allow gaps is false there.
    audio = audio == null ? AudioMode.AUTO : audio;
    filters = filters == null ? "" : filters.strip();
    targetQuality = targetQuality == null ? "" : targetQuality.strip();
    sequenceRate = sequenceRate == null ? "" : sequenceRate.strip();
  }

  /** Settings that refuse a sequence with gaps, as the command line does without --allow-gaps. */
  public JobSettings(VideoCodec codec, String preset, int crf, ExecutionMode mode, int workers, double chunkSeconds,
      Container container, Path outputFolder, AudioMode audio, String filters, String targetQuality, ClusterSetting cluster,
      int depth, HdrToSdr.Curve toneMap, String sequenceRate) {
    this(codec, preset, crf, mode, workers, chunkSeconds, container, outputFolder, audio, filters, targetQuality, cluster, depth,
        toneMap, sequenceRate, false);
  }

  /** Settings that leave depth, tone map and sequence rate at the command line's defaults. */
  public JobSettings(VideoCodec codec, String preset, int crf, ExecutionMode mode, int workers, double chunkSeconds,
      Container container, Path outputFolder, AudioMode audio, String filters, String targetQuality, ClusterSetting cluster) {
    this(codec, preset, crf, mode, workers, chunkSeconds, container, outputFolder, audio, filters, targetQuality, cluster, 0,
        null, "");
  }

  /** One sentence that says what to change, or null when the settings can run. */
  public String problem() {
    if (!container.accepts(codec)) {
      return container + " cannot hold " + codec + " video; choose vp9 or av1, or the mp4 or mkv format";
    }
    String field = pictureProblem();
    field = field != null ? field : filtersProblem();
    field = field != null ? field : targetProblem();
    if (field != null) {
      return field;
    }
    if (outputFolder == null || outputFolder.toString().isBlank()) {
      return "choose an output folder";
    }
    return cluster == null ? null : cluster.problem(mode);
  }

  /** What is wrong with the picture settings (quality, speed, depth, tone map, Sequence fps); null: nothing. */
  public String pictureProblem() {
    return problemOf(() -> {
      video(); // the engine's own checks of quality, preset, depth and tone map
      sequence();
    }, JobSettings::inSettingsWords);
  }

  /**
   * What is wrong with the Sequence fps alone (the engine's parser); null: nothing. For the field's own
   * check: a problem of the other picture settings is not the field's (Start says it, by {@link #pictureProblem}).
   */
  public String sequenceProblem() {
    return problemOf(this::sequence, JobSettings::inSettingsWords);
  }

  /** What is wrong with the Filters (the engine's parser, a missing overlay picture); null: nothing. */
  public String filtersProblem() {
    try {
      missingOverlays(FilterChain.parse(filters)).checkFiles();
      return null;
    } catch (IllegalArgumentException | InputException e) {
      return "filters: " + e.getMessage();
    }
  }

  /**
   * What is wrong with the Filters as written (the engine's parser alone); null: nothing. For the
   * field's own check on the UI thread: whether an overlay's picture is there is a look at the disk
   * (a network share can stall), left to Start's {@link #filtersProblem}.
   */
  public String filtersSyntaxProblem() {
    return problemOf(() -> FilterChain.parse(filters), m -> "filters: " + m);
  }

  /** What is wrong with the Target quality (the engine's parser); null: nothing. */
  public String targetProblem() {
    return problemOf(this::target, m -> m.replace("--target-quality ", "target quality "));
  }

  /**
   * The engine's sentence for what {@code check} refuses (an IllegalArgumentException), in the
   * settings' words as {@code words} puts it; null when it passes.
   */
  private static String problemOf(Runnable check, UnaryOperator<String> words) {
    try {
      check.run();
      return null;
    } catch (IllegalArgumentException e) {
      return words.apply(e.getMessage());
    }
  }

  /**
   * The overlays of {@code chain} whose picture is not a readable file, for the engine's own check
   * and sentence ({@code --vf}'s "no such picture"). Those that are there are not read here: decoding
   * them is file I/O, which the UI thread leaves to the job (it checks them before its first chunk).
   */
  private static FilterChain missingOverlays(FilterChain chain) {
    return FilterChain.of(chain.filters().stream()
        .filter(f -> f instanceof OverlayFilter o && !(Files.isRegularFile(o.file()) && Files.isReadable(o.file())))
        .toList());
  }

  private static final java.util.regex.Pattern USE_AUDIO =
      java.util.regex.Pattern.compile("use --audio (\\w+(?: or \\w+)?),? or another container");
  private static final java.util.regex.Pattern FINAL_RETRIES = java.util.regex.Pattern.compile(" \\(--final-retries \\d+\\)");

  /**
   * The engine's sentence in the words of the settings panel, whether from the checks at Start or
   * from a job that ran (or a probe): its option names become the settings' names ("--depth" is Bit
   * depth, "--fps" Sequence fps, "--audio" Audio, "--vf" Filters, a container the Format), and "drop"
   * an option is setting it back; "pass --allow-gaps" is ticking Allow gaps, and "--start-number past
   * the jump" (the app has no such setting) is moving the images past it to a folder of their own.
   * A job's notes too (its row's tooltip, its details, its log's report): there the advice to use an
   * option the app has no setting for is left out ({@link #notesInSettingsWords}).
   */
  public static String inSettingsWords(String engine) {
    return notesInSettingsWords(engine).replace("drop --depth 10", "set Bit depth to auto or 8")
        .replace("or drop --depth", "or set Bit depth to auto")
        .replace("--tonemap ", "Tone map ")
        .replace("--fps ", "Sequence fps ")
        .transform(t -> USE_AUDIO.matcher(t).replaceAll("set Audio to $1, or choose another Format"))
        .replace("add the images, or pass --allow-gaps to hold the frame before each gap",
            "add the missing images, or tick Allow gaps to hold the image before each gap; then press Retry")
        .replace("give the images a run of numbers, or --start-number past the jump",
            "renumber the images in one run, or move those past the jump to a folder of their own")
        .replace("--vf ", "Filters ")
        .replace("--container ", "Format ")
        .replace("--target-quality ", "target quality ");
  }

  /**
   * {@code engine} in the settings' words ({@link #inSettingsWords(String)}) where the engine speaks, and
   * as it is where it names the job's paths (its {@code input} and {@code output}, their folders and file
   * names, the output's work folder and lock file) or says the user's {@code filters} (as typed, and each
   * filter as the engine writes it): a file named "My --fps 30 clip.mp4" keeps its name. Each of them may be
   * null. One is kept only where it stands as a whole ({@link #bounded}): filters typed as "eq" leave the
   * "sequences" of a rule's phrase alone. Each one's next place is looked for only once the text before it
   * is done, so a long line takes time in its length, not its square.
   */
  public static String inSettingsWords(String engine, Path input, Path output, String filters) {
    return engine == null ? null : keeping(input, output, filters).apply(engine);
  }

  /**
   * {@link #inSettingsWords(String, Path, Path, String)} for one job, whose lines it is then applied to:
   * what it keeps as it is (paths resolved, the lock file's folder's real path, the filters parsed) is
   * worked out once here, not once a line.
   */
  public static UnaryOperator<String> keeping(Path input, Path output, String filters) {
    java.util.List<String> verbatim = verbatim(input, output, filters);
    return engine -> engine == null ? null : inSettingsWords(engine, verbatim);
  }

  private static String inSettingsWords(String engine, java.util.List<String> verbatim) {
    int[] next = new int[verbatim.size()];
    java.util.Arrays.fill(next, -2); // not looked for yet; -1: none from here on
    StringBuilder said = new StringBuilder();
    int from = 0;
    while (true) {
      int at = -1;
      String kept = null;
      for (int k = 0; k < next.length; k++) {
        String v = verbatim.get(k);
        if (next[k] != -1 && next[k] < from) {
          next[k] = nextWhole(engine, v, from);
        }
        int i = next[k];
        if (i >= 0 && (at < 0 || i < at || i == at && v.length() > kept.length())) {
          at = i;
          kept = v;
        }
      }
      if (kept == null) {
        return said.append(inSettingsWords(engine.substring(from))).toString();
      }
      said.append(inSettingsWords(engine.substring(from, at))).append(kept);
      from = at + kept.length();
    }
  }

  /** Where {@code v} next stands as a whole in {@code line} from {@code from} on ({@link #bounded}); -1 for nowhere. */
  private static int nextWhole(String line, String v, int from) {
    int i = line.indexOf(v, from);
    while (i >= 0 && !bounded(line, i, i + v.length())) {
      i = line.indexOf(v, i + 1);
    }
    return i;
  }

  /**
   * Whether {@code line}'s text from {@code start} to {@code end} stands as a whole: each of its ends
   * that is part of a word (a letter, a digit, '-' or '_') is at the line's start or end or beside
   * something that is not (a space, a quote, a colon, a comma, a slash ...).
   */
  static boolean bounded(String line, int start, int end) {
    return !(wordChar(line.charAt(start)) && start > 0 && wordChar(line.charAt(start - 1)))
        && !(wordChar(line.charAt(end - 1)) && end < line.length() && wordChar(line.charAt(end)));
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  /**
   * What {@link #inSettingsWords(String, Path, Path, String)} leaves as it is: the paths, as given and
   * absolute, their folders and file names, the output's work folder and lock file; the filters as typed,
   * as the engine writes them, and each filter as it does (its checks name one filter by its text).
   */
  private static java.util.List<String> verbatim(Path input, Path output, String filters) {
    java.util.Set<String> keep = new java.util.LinkedHashSet<>();
    for (Path p : new Path[] {input, output}) {
      if (p != null) {
        Path abs = p.toAbsolutePath().normalize();
        keepPath(keep, p);
        keepPath(keep, abs);
        if (p == output && abs.getFileName() != null) {
          keepPath(keep, JobWorkspace.defaultFor(abs));
          keepPath(keep, JobLock.fileFor(abs));
        }
      }
    }
    if (filters != null && !filters.isBlank()) {
      keep.add(filters);
      try {
        FilterChain chain = FilterChain.parse(filters);
        keep.add(chain.text());
        chain.filters().forEach(f -> keep.add(f.text()));
      } catch (IllegalArgumentException e) {
        // filters the engine refuses: kept as typed
      }
    }
    keep.remove("");
    return java.util.List.copyOf(keep);
  }

  /**
   * {@code p}, its folder and its file name, into {@code keep}; the file name alone only where it is no
   * plain word: a sequence's folder "images" would keep the engine's "add the images, or pass
   * --allow-gaps" from being put in the settings' words (the whole path still stands as it is).
   */
  private static void keepPath(java.util.Set<String> keep, Path p) {
    for (Path q : new Path[] {p, p.getParent()}) {
      if (q != null) {
        keep.add(q.toString());
      }
    }
    Path name = p.getFileName();
    if (name != null && !PLAIN_WORD.matcher(name.toString()).matches()) {
      keep.add(name.toString());
    }
  }

  private static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_-]+");

  /**
   * The phrases of the engine's notes (and report) that name an option, in the settings' words; the
   * advice to use one the app has no setting for (--alpha-over, --split, --keep-work, --final-retries,
   * --start-number, --overwrite, --output-dir) is left out, or says what to do in the app instead.
   */
  private static String notesInSettingsWords(String engine) {
    return engine.replace(" fps (--fps)", " fps (Sequence fps)")
        .replace(" (--allow-gaps)", " (Allow gaps)")
        .replace(": --alpha-over composites RGB, palette and grey images only", "")
        .replace(" (--alpha-over COLOUR composites them over a colour instead)", "")
        .replace(" (--alpha-over)", "")
        .replace(": --split keyframes avoids this", "")
        .replace(" (--keep-work)", "")
        .transform(t -> FINAL_RETRIES.matcher(t).replaceAll(""))
        .replace("(--resume reuses such chunks when the command is the same)",
            "(Resume reuses such chunks when the settings are the same)")
        .replace("(--resume kept the output)", "(Resume kept the output)")
        .replace("a temporal --vf filter", "a temporal filter (Filters)")
        .replace("drop --depth 8 to keep 10 bits", "set Bit depth to auto to keep 10 bits")
        .replace("unless --depth 10", "unless Bit depth is 10")
        .replace("--depth 10 writes 10 bits", "Bit depth 10 writes 10 bits")
        .replace("--depth 8 asked for it", "Bit depth 8 asked for it")
        .replace("; check --start-number", "")
        .replace("; pass --overwrite to replace it", "; move it away, or choose another Output folder")
        .replace("; give an output file name, or use --output-dir", "; choose another Output folder");
  }

  /**
   * Why {@code media}'s audio cannot go into the Format as Audio says (a copy of AAC into webm), by
   * the engine's own rule, in the settings' words; null when it can. For a video the queue has read.
   */
  public String audioProblem(org.framefork.encoder.probe.MediaInfo media) {
    try {
      org.framefork.encoder.join.AudioPlan.decide(media, container, audio);
      return null;
    } catch (InputException e) {
      return inSettingsWords(e.getMessage(), media.path(), null, null); // the sentence starts with the video's path
    }
  }

  /** What sets the quality: "CRF 23", or the target ("vmaf=93"), which picks each chunk's CRF instead. */
  public String quality() {
    return targetQuality.isBlank() ? "CRF " + crf : targetQuality;
  }

  /**
   * One line for the folded settings' header: "h264 medium · CRF 23 · scale=640:-1 · mp4 · parallel,
   * 2 workers", the filters only where there are some.
   */
  public String summary() {
    String quality = quality();
    String where = cluster != null ? "cluster, " + cluster.localWorkers() + " here"
        : mode == ExecutionMode.PARALLEL ? mode + ", " + workers + (workers == 1 ? " worker" : " workers") : mode.toString();
    return codec + " " + preset + " · " + quality + picture(" · ") + imageRate(" · ") + filtersShort(" · ") + " · " + container
        + " · " + where;
  }

  /** The longest filter chain the header shows as it is written. */
  static final int SHORT_FILTERS = 24;

  /**
   * The filters after {@code separator}, short: as written up to {@value #SHORT_FILTERS} characters,
   * else their names ("scale, eq, overlay"); empty for none. The settings' Filters field has them whole.
   */
  String filtersShort(String separator) {
    if (filters.isEmpty()) {
      return "";
    }
    if (filters.length() <= SHORT_FILTERS) {
      return separator + filters;
    }
    java.util.List<String> names = filterTexts().stream().map(f -> f.strip().split("[=:]", 2)[0])
        .filter(n -> !n.isEmpty()).distinct().toList();
    return separator + "filters " + String.join(", ", names);
  }

  /**
   * Each filter's text as the engine reads it, so that a comma inside a quoted value
   * ({@code overlay='logo, v2.png'}) does not split a filter; the text split at its commas where
   * the engine refuses it (the settings say why elsewhere).
   */
  private java.util.List<String> filterTexts() {
    try {
      return FilterChain.parse(filters).filters().stream().map(f -> f.text()).toList();
    } catch (IllegalArgumentException e) {
      return java.util.List.of(filters.split(","));
    }
  }

  /** The depth and tone map where they are not the defaults, each after {@code separator}: ", 10-bit, tone map hable". */
  public String picture(String separator) {
    return (depth == 0 ? "" : separator + depth + "-bit") + (toneMap == null ? "" : separator + "tone map " + toneMap.cliName());
  }

  /**
   * The image sequences' rate where one is set, after {@code separator}: ", images at 30 fps"; else
   * empty. A rate the engine's parser refuses is said as such ("Sequence fps abc is no rate"), not
   * shown as if it were one. Then ", gaps allowed" where Allow gaps is ticked.
   */
  public String imageRate(String separator) {
    String gaps = allowGaps ? separator + "gaps allowed" : "";
    if (sequenceRate.isEmpty()) {
      return gaps;
    }
    try {
      SequenceOptions.parseRate(sequenceRate);
    } catch (IllegalArgumentException e) {
      return separator + "Sequence fps " + sequenceRate + " is no rate" + gaps;
    }
    return separator + "images at " + sequenceRate + " fps" + gaps;
  }

  public JobOptions toOptions(Path input, Path output) {
    return JobOptions.defaults(input, output)
        .withOutput(output, container)
        .withVideo(video())
        .withAudio(audio)
        // The sequence options are for image sequences: the engine refuses them for a video, as the CLI does.
        .withSequence(ImageSequences.names(input) ? sequence() : SequenceOptions.defaults())
        .withFilters(FilterChain.parse(filters))
        .withMode(mode, cluster == null ? workers : Math.max(1, cluster.localWorkers()))
        .withSplit(SplitMode.KEYFRAMES, chunkSeconds, 60)
        .withTargetQuality(target());
  }

  /** One codec thread per chunk: the parallelism comes from chunks, as the engine intends. */
  private EncodeSettings video() {
    return new EncodeSettings(codec, crf, preset, 1, PictureFormat.requested(depth).withToneMap(toneMap));
  }

  /**
   * The image sequences' options, as {@code encode --fps} and {@code --allow-gaps} make them: the rate
   * by the engine's parser, and whether gaps are held.
   */
  private SequenceOptions sequence() {
    return new SequenceOptions(sequenceRate.isEmpty() ? null : SequenceOptions.parseRate(sequenceRate), null, allowGaps, null,
        null);
  }

  private TargetQuality target() {
    return targetQuality == null || targetQuality.isBlank() ? null : TargetQuality.parse(targetQuality.trim());
  }

  /**
   * These settings with a preset's codec, quality, speed, audio and filters; where and how fast to run
   * stay (a preset says what to make, not on which machines: the cluster is not part of one).
   */
  public JobSettings with(EncodePreset p) {
    return new JobSettings(p.codec(), p.speed(), p.crf(), mode, workers, chunkSeconds, container, outputFolder, p.audio(), p.filters(),
        targetQuality, cluster, depth, toneMap, sequenceRate, allowGaps);
  }

  /** The part of these settings a preset keeps, under {@code name}. */
  public EncodePreset asPreset(String name, String description) {
    return new EncodePreset(name, description, codec, crf, preset, audio, filters);
  }

  /** Whether the settings a preset keeps are {@code p}'s. */
  public boolean matches(EncodePreset p) {
    return asPreset(p.name(), p.description()).equals(p);
  }
}
