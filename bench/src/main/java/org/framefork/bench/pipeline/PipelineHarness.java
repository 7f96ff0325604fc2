package org.framefork.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;

/**
 * {@code framefork bench}: the whole-pipeline harness. Runs the nine measurements on one input, one
 * after another in this JVM (the engine through its public API), and writes the report folder. A
 * measurement that cannot run here, or fails, is reported as not measured, with the reason; the
 * others still run.
 */
public final class PipelineHarness {
  private final BenchOptions options;
  private final Path root;
  private final PrintStream progress;

  /**
   * @param root the checkout (where samples/, bench/results and the launcher are)
   */
  public PipelineHarness(BenchOptions options, Path root, PrintStream progress) {
    this.options = options;
    this.root = root;
    // Once interrupted, the run says so (on stderr) and nothing after: no section's header or progress.
    this.progress = new PrintStream(new java.io.FilterOutputStream(progress) {
      @Override
      public void write(int b) throws java.io.IOException {
        if (!interrupted) {
          out.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        if (!interrupted) {
          out.write(b, off, len);
        }
      }
    }, true, progress.charset());
  }

  /**
   * Runs every measurement and writes the report; returns the report folder. Its steps: the folders,
   * the input (cut short with --quick), a warm-up encode, the nine sections, then the report, written
   * beside the folder and moved in.
   */
  public Path run(String commandLine) throws Exception {
    long started = System.nanoTime();
    java.time.Instant startedAt = java.time.Instant.now();
    Machine machine = Machine.describe();
    Path source = source();
    Folders folders = makeFolders(machine);
    Thread cleanup = cleanUpWhenInterrupted(folders);
    try {
      Input input = prepareInput(source, folders.work());
      Optional<DebianFfmpeg> system = DebianFfmpeg.find();
      printHeader(machine, input, folders.out());
      PipelineRunner runner = new PipelineRunner(input.clip(), options.preset(), options.crf());
      RawTrials raw = new RawTrials();
      Interleaved trials = new Interleaved(folders.work(), options.repeat(), progress, raw);
      Trial warmUp = warmUp(runner, machine.cores(), folders.work());
      input = input.warnedIfOneChunk(warmUp, machine.cores(), progress);
      List<Section> sections = runSections(machine, input, runner, trials, warmUp, system, folders);
      double minutes = (System.nanoTime() - started) / 60e9;
      BenchReport.write(folders.staging(), machine, runInfo(startedAt, minutes, commandLine, machine, input, system), sections,
          raw);
      publishing = true;
      publish(folders.staging(), folders.out());
      finished = true;
      printSummary(minutes, folders.out(), sections);
      return folders.out();
    } finally {
      if (!interrupted) {
        release(cleanup, folders);
      }
    }
  }

  /** The video to measure: --input, else the bundled sample (the short 360p one with --quick). */
  private Path source() {
    Path source = options.input() != null ? options.input()
        : root.resolve(options.quick() ? "samples/media/sample-360p29.97-6s.mp4" : "samples/media/sample-720p30-10s.mp4");
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(source + ": the bundled sample is missing; pass --input FILE");
    }
    return source;
  }

  /**
   * The report folder, the hidden folder the report is written in inside it, and the scratch folder
   * for the encodes' outputs.
   *
   * @param madeOut whether this run made {@code out} (or reserved it), so that a run that ends
   *     without a report removes it
   */
  private record Folders(Path out, boolean madeOut, Path staging, Path work) {
    /** What an unfinished run leaves: nothing, and no report folder it made. */
    void discard() {
      FileTrees.deleteBestEffort(staging);
      FileTrees.deleteBestEffort(work);
      removeIfEmpty(out, madeOut);
    }
  }

  /**
   * Makes the report folder (or, for the default, reserves it under a free name) before any work, and
   * everything is written to a hidden folder inside it, moved into place at the end: an interrupted
   * or failed run leaves no half-written report, and one that cannot write there learns so at once.
   */
  private Folders makeFolders(Machine machine) throws IOException {
    Path out;
    boolean madeOut;
    if (options.out() != null) {
      out = options.out().toAbsolutePath().normalize();
      madeOut = !Files.exists(out);
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new IllegalArgumentException("--out " + out + ": cannot create the folder (" + e.getMessage()
            + "); give a folder you can write to");
      }
    } else {
      out = reserveFolder(StaleFolders.results(root), LocalDate.now(ZoneOffset.UTC) + "-" + machine.hostSlug(), options.quick() ? "-quick" : "");
      madeOut = true;
    }
    Path staging;
    try {
      staging = StaleFolders.make(out, StaleFolders.STAGING);
    } catch (IOException e) {
      removeIfEmpty(out, madeOut);
      throw new IllegalArgumentException("--out " + out + ": cannot write there (" + e.getMessage() + "); give a folder you can write to");
    }
    try {
      return new Folders(out, madeOut, staging, StaleFolders.make(StaleFolders.tmp(), StaleFolders.WORK));
    } catch (IOException e) {
      FileTrees.deleteBestEffort(staging);
      removeIfEmpty(out, madeOut);
      throw e;
    }
  }

  /** Registers the shutdown hook that undoes an unfinished run on Ctrl-C; {@link #release} takes it back. */
  private Thread cleanUpWhenInterrupted(Folders folders) {
    Thread cleanup = new Thread(() -> {
      if (!finished) {
        markInterrupted();
        stopChildren();
        progress.flush();
        discardInterrupted(folders);
      }
    }, "framefork-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    return cleanup;
  }

  /** The encoders and the app this run started stop first, so that nothing writes while the folders go. */
  private static void stopChildren() {
    List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
    children.forEach(ProcessHandle::destroy);
    for (ProcessHandle c : children) {
      try {
        c.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        c.destroyForcibly();
      }
    }
  }

  /** Says what an interrupted run leaves, and removes it unless the report was being moved into place. */
  private void discardInterrupted(Folders folders) {
    if (publishing) {
      System.err.println("framefork bench: interrupted while the report was moved into " + folders.out() + "; it may be incomplete");
      return;
    }
    System.err.println("framefork bench: interrupted; no report was written (a report appears only when the run ends)");
    // Twice: an encode of this JVM may still write a file or two between the passes.
    for (int pass = 0; pass < 2; pass++) {
      folders.discard();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** At the end of a run that was not interrupted: the hook goes, and so do the folders the report does not need. */
  private void release(Thread cleanup, Folders folders) {
    finished = true;
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // shutting down already
    }
    if (publishing) {
      // The report's folder is in place: publish removed the staging folder, or, when it could not
      // move the files, left it for the error to point at.
      FileTrees.deleteBestEffort(folders.work());
    } else {
      folders.discard();
    }
  }

  /**
   * The input as measured: {@code clip} is what every encode reads ({@code source} itself, or its
   * first seconds with --quick), {@code media} its probe, {@code description} the report's line on it.
   */
  private record Input(Path source, Path clip, MediaInfo media, String description) {
    long frames() {
      return media.video().frameCount();
    }

    double seconds() {
      return media.video().durationSeconds();
    }

    /**
     * With one keyframe chunk in the plan nothing runs in parallel but what splits off a running chunk,
     * and every parallel figure measures that: warned, and said in the report. The plan's chunks, not
     * the warm-up's (a spare worker may split the one chunk).
     */
    Input warnedIfOneChunk(Trial warmUp, int cores, PrintStream progress) {
      if (warmUp.plannedChunks() >= 2 || cores <= 1) {
        return this;
      }
      String warning = "only 1 chunk: the input has too few keyframes to cut, so nothing runs in parallel and the parallel"
          + " figures measure nothing; re-encode it with a keyframe every second or so (ffmpeg -g 30) for a meaningful run";
      progress.println("WARNING: " + warning);
      return new Input(source, clip, media, description + "; **" + warning + "**");
    }
  }

  /** Probes {@code source} (a file that is not a video is refused here, in one line, before any work), cut short with --quick. */
  private Input prepareInput(Path source, Path work) throws Exception {
    MediaInfo sourceMedia = Prober.probe(source);
    Path clip = options.quick() ? QuickClip.cut(source, QUICK_SECONDS, work.resolve("quick-clip.mp4")) : source;
    MediaInfo media = options.quick() ? Prober.probe(clip) : sourceMedia;
    double seconds = media.video().durationSeconds();
    if (options.quick() && seconds > 2 * QUICK_SECONDS) {
      throw new IllegalArgumentException(display(source) + " has no keyframe between " + Figures.f(QUICK_SECONDS, 0) + " and "
          + Figures.f(2 * QUICK_SECONDS, 0) + " s, so --quick would encode its first " + Figures.f(seconds, 1)
          + " s; give an input with a keyframe every second or so (ffmpeg -g 30), or run without --quick");
    }
    String description = media.video().width() + "x" + media.video().height() + ", " + media.video().frameCount() + " frames, "
        + Figures.f(seconds, 2) + " s" + (media.hasAudio() ? ", with audio" : ", no audio")
        + (options.quick() ? " (the first " + Figures.f(seconds, 2) + " s of " + display(source)
            + ", cut at a keyframe, packets copied)" : "");
    return new Input(source, clip, media, description);
  }

  private void printHeader(Machine machine, Input input, Path out) {
    progress.printf(Locale.ROOT, "FrameFork bench%s: %s%n", options.quick() ? " (quick)" : "", out);
    progress.printf(Locale.ROOT, "  machine: %s, %d cores, load %.2f; FFmpeg %s%n", machine.cpuModel(), machine.cores(),
        machine.loadAtStart(), machine.ffmpeg());
    progress.printf(Locale.ROOT, "  input: %s (%s); h264 %s CRF %d; %d run(s) per configuration%n", display(input.source()),
        input.description(), options.preset(), options.crf(), options.repeat());
  }

  /** The first encode in a JVM loads the natives and runs interpreted: not a figure of anything. */
  private Trial warmUp(PipelineRunner runner, int cores, Path work) {
    progress.println("warm-up: one untimed encode");
    Trial warmUp = runner.run(EncodeConfig.defaults("warm-up", ExecutionMode.PARALLEL, cores), 0, work.resolve("warm-up.mp4"));
    Interleaved.deleteQuietly(work.resolve("warm-up.mp4"));
    return warmUp;
  }

  /** The nine measurements, in order; each that is skipped or fails is reported as not measured. */
  private List<Section> runSections(Machine machine, Input input, PipelineRunner runner, Interleaved trials, Trial warmUp,
      Optional<DebianFfmpeg> system, Folders folders) {
    int cores = machine.cores();
    Path staging = folders.staging();
    List<Section> sections = new ArrayList<>();
    Section modes = section("modes", "1. Sequential, concurrent, parallel", why -> ModeComparison.notMeasured(why, cores),
        () -> ModeComparison.run(runner, trials, cores, staging));
    sections.add(modes);
    sections.add(section("workers", "2. Speedup against workers", why -> WorkerScaling.notMeasured(why, cores),
        () -> WorkerScaling.run(runner, trials, cores, options.maxWorkers(cores), input.seconds(), system, staging)));
    sections.add(section("granularity", "3. Granularity: chunk length", GranularitySweep::notMeasured,
        () -> GranularitySweep.run(runner, trials, cores, input.frames(), staging)));
    sections.add(section("threading", "4. Against FFmpeg's own threading", ThreadingBaseline::notMeasured,
        () -> ThreadingBaseline.run(runner, trials, cores, system, new SsimMeter(system), machine.ffmpeg(), staging)));
    sections.add(section("kernels", "5. SIMD kernels", SimdKernels::notMeasured,
        () -> SimdKernels.run(options.quick(), root, staging, machine, progress)));
    EventRate rate = EventRate.of(modes, warmUp, cores);
    sections.add(section("shared-state", "6. Shared state: progress counters", why -> SharedState.notMeasured(why, cores),
        () -> SharedState.run(options.quick(), cores, rate.perSecondPerWorker(), rate.source(), staging, progress)));
    Path launcher = options.launcher() != null ? options.launcher() : root.resolve("framefork");
    sections.add(section("ui", "7. UI thread: SwingWorker against the UI-thread demo", UiLatency::notMeasured,
        () -> UiLatency.run(launcher, input.clip(), cores, options.preset(), options.crf(), options.quick(), staging,
            folders.work(), progress)));
    sections.add(section("cluster", ClusterComparison.TITLE, ClusterComparison::notMeasured,
        () -> ClusterComparison.run(launcher, input.clip(), cores, options.preset(), options.crf(), options.repeat(),
            options.quick(), staging, folders.work(), progress)));
    sections.add(section("quality", QualitySection.TITLE, QualitySection::notMeasured, () -> options.quick()
        ? quickLeavesOutQuality()
        : QualitySection.run(input.clip(), cores, staging, folders.work(), progress)));
    return sections;
  }

  /** Why a quick run has no quality section: VMAF of every encode and probe takes minutes. */
  private static final String QUICK_LEAVES_OUT_QUALITY = "a quick run leaves it out (its VMAF scoring takes minutes)";

  private Section quickLeavesOutQuality() {
    progress.println("9/9 quality: " + QUICK_LEAVES_OUT_QUALITY);
    return Section.notRun("quality", QualitySection.TITLE, QUICK_LEAVES_OUT_QUALITY, QualitySection.notMeasured(QUICK_LEAVES_OUT_QUALITY));
  }

  /** The engine's progress events per second per worker that the shared-state section sizes its counters by, and whence. */
  private record EventRate(double perSecondPerWorker, String source) {
    /** From measurement 1's parallel run when it ran, else from the warm-up encode. */
    static EventRate of(Section modes, Trial warmUp, int cores) {
      if (modes.data() instanceof ModeComparison.Result r && r.eventsPerSecondPerWorker() > 0) {
        return new EventRate(r.eventsPerSecondPerWorker(),
            "From the parallel run of measurement 1 (" + cores + " workers, median over its runs)");
      }
      return new EventRate(warmUp.eventsPerSecondPerWorker(),
          "From the warm-up encode's ChunkProgress events (" + cores + " workers)");
    }
  }

  /** When a run started, to the minute, in UTC and saying so: a report read on another machine or after a clock change. */
  static String started(java.time.Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
  }

  private BenchReport.RunInfo runInfo(java.time.Instant startedAt, double minutes, String commandLine, Machine machine, Input input,
      Optional<DebianFfmpeg> system) {
    return new BenchReport.RunInfo(LocalDate.now(ZoneOffset.UTC).toString(), started(startedAt), minutes, options.quick(),
        commandLine, commitOf(root),
        display(input.source()), input.description(), input.frames(), input.seconds(), "h264 (libx264)", options.preset(),
        options.crf(), options.repeat(), options.maxWorkers(machine.cores()),
        system.map(DebianFfmpeg::version).orElse("none with libx264"), Machine.loadAverage(), input.media().hasAudio());
  }

  private void printSummary(double minutes, Path out, List<Section> sections) {
    progress.printf(Locale.ROOT, "done in %.1f minutes: %s%n", minutes, display(out.resolve("report.md")));
    for (Section s : sections) {
      for (Claim c : s.claims()) {
        progress.println("  " + c.line().substring(2));
      }
    }
  }

  /** Seconds of the input that {@code --quick} cuts (to the next keyframe). */
  static final double QUICK_SECONDS = 2.0;

  /** Set once the report is in place (or the run failed): the shutdown hook then has nothing to undo. */
  private volatile boolean finished;
  /** Set while the report's files are moved into the report folder. */
  private volatile boolean publishing;
  /** Set by the shutdown hook: the run was interrupted, and a section failing now is not news. */
  private volatile boolean interrupted;

  /** What the shutdown hook does first: no section starts, and nothing more is printed as progress. */
  void markInterrupted() {
    progress.flush();
    interrupted = true;
  }

  /** Thrown by a section that fails because the run was interrupted: the shutdown hook says so. */
  public static final class Interrupted extends RuntimeException {
    Interrupted(Throwable cause) {
      super("interrupted", cause);
    }
  }

  /** The finished report could not be moved into its folder; it is left where it was written. */
  public static final class NotPublished extends RuntimeException {
    NotPublished(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Makes {@code dir/NAME SUFFIX}, or the first of {@code NAME-2 SUFFIX}, {@code NAME-3 SUFFIX}, …
   * not there yet (an empty folder counts as free); making it reserves the name against another run.
   */
  static Path reserveFolder(Path dir, String name, String suffix) {
    for (int n = 1; ; n++) {
      Path p = dir.resolve(name + (n > 1 ? "-" + n : "") + suffix);
      try {
        Files.createDirectories(dir);
        return Files.createDirectory(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (Files.isDirectory(p) && !BenchOptions.isNonEmptyFolder(p)) {
          return p;
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(p + ": cannot create the report folder (" + e.getMessage() + "); pass --out DIR");
      }
    }
  }

  /**
   * Moves the finished report's files from {@code staging} into {@code out}, report.md last (so that a
   * publish cut short never leaves a report whose links lead nowhere), then removes {@code staging}.
   */
  static void publish(Path staging, Path out) {
    try {
      try (Stream<Path> files = Files.list(staging)) {
        // The run's lock file is no file of the report; it goes with the folder.
        for (Path f : publishOrder(files.filter(f -> !f.getFileName().toString().equals(StaleFolders.LOCK)).toList())) {
          Files.move(f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.deleteIfExists(staging.resolve(StaleFolders.LOCK));
      Files.delete(staging);
    } catch (IOException e) {
      throw new NotPublished("the report could not be moved into " + out + " (" + e.getMessage() + "); its files are in "
          + staging, e);
    }
  }

  /** The files by name, report.md last: what it links is in place before it is. */
  static List<Path> publishOrder(List<Path> files) {
    return files.stream().sorted(java.util.Comparator.comparing((Path f) -> f.getFileName().toString().equals("report.md"))
        .thenComparing(f -> f.getFileName().toString())).toList();
  }

  /** Removes {@code out} when this run made it and nothing is in it. */
  private static void removeIfEmpty(Path out, boolean madeOut) {
    if (madeOut && Files.isDirectory(out) && !BenchOptions.isNonEmptyFolder(out)) {
      try {
        Files.delete(out);
      } catch (IOException e) {
        // something appeared in it, or it went: either way, not ours to remove
      }
    }
  }

  /**
   * Runs one section, or reports it as not measured when it is skipped or fails; {@code notMeasured}
   * makes the section's claims from the reason.
   */
  Section section(String key, String title, Function<String, List<Claim>> notMeasured, SectionRun body) {
    if (interrupted) {
      throw new Interrupted(null);
    }
    if (!options.runs(key)) {
      String why = "skipped (--skip " + key + ")";
      // Numbered as the sections that run number their first line: "7/9 ui: ...".
      progress.println((BenchOptions.SECTIONS.indexOf(key) + 1) + "/" + BenchOptions.SECTIONS.size() + " " + key + ": " + why);
      return Section.notRun(key, title, why, notMeasured.apply(why));
    }
    try {
      return body.run();
    } catch (Exception | LinkageError e) {
      if (interrupted) {
        throw new Interrupted(e);
      }
      String why = "the measurement failed: " + e;
      progress.println(title + ": FAILED: " + e);
      e.printStackTrace(progress);
      return Section.notRun(key, title, why, notMeasured.apply(why));
    }
  }

  @FunctionalInterface
  interface SectionRun {
    Section run() throws Exception;
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }

  /** The checkout's commit, as {@code git describe --always --dirty} says it (a hash, {@code -dirty} after it where edited). */
  static String commitOf(Path root) {
    try {
      Process p = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty", "--abbrev=10")
          .redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? s : "unknown (not a git checkout)";
    } catch (IOException | InterruptedException e) {
      return "unknown (no git)";
    }
  }
}
