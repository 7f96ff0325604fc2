package org.framefork.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.framefork.encoder.job.ExecutionMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;

/**
 * {@code framefork bench}: the whole-pipeline harness. Runs the seven measurements on one input, one
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
    this.progress = progress;
  }

  /** Runs every measurement and writes the report; returns the report folder. */
  public Path run(String commandLine) throws Exception {
    long started = System.nanoTime();
    LocalDateTime startedAt = LocalDateTime.now();
    Machine machine = Machine.describe();
    int cores = machine.cores();
    Path source = options.input() != null ? options.input()
        : root.resolve(options.quick() ? "samples/media/sample-360p29.97-6s.mp4" : "samples/media/sample-720p30-10s.mp4");
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(source + ": the bundled sample is missing; pass --input FILE");
    }
    Path out = options.out() != null ? options.out().toAbsolutePath().normalize()
        : freeFolder(root.resolve("bench/results/" + LocalDate.now() + "-" + machine.hostSlug() + (options.quick() ? "-quick" : "")));
    // Everything is written to a hidden folder beside the report folder and renamed to it at the end:
    // an interrupted or failed run leaves no half-written report, and one that cannot write there
    // learns so before any work.
    Path staging = out.resolveSibling("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new IllegalArgumentException("--out " + out + ": cannot create the report folder there (" + e.getMessage()
          + "); give a folder you can write to");
    }
    Path work = Files.createTempDirectory("framefork-bench-");
    Thread cleanup = new Thread(() -> {
      if (!finished) {
        interrupted = true;
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        progress.flush();
        System.err.println("framefork bench: interrupted; no report was written (a report appears only when the run ends)");
        deleteQuietly(staging);
        deleteQuietly(work);
      }
    }, "framefork-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      // A file that is not a video is refused here, in one line, before any work.
      MediaInfo sourceMedia = Prober.probe(source);
      Path input = options.quick() ? QuickClip.cut(source, QUICK_SECONDS, work.resolve("quick-clip.mp4")) : source;
      MediaInfo media = options.quick() ? Prober.probe(input) : sourceMedia;
      if (options.quick() && media.video().durationSeconds() > 2 * QUICK_SECONDS) {
        throw new IllegalArgumentException(display(source) + " has no keyframe between " + Figures.f(QUICK_SECONDS, 0) + " and "
            + Figures.f(2 * QUICK_SECONDS, 0) + " s, so --quick would encode its first " + Figures.f(media.video().durationSeconds(), 1)
            + " s; give an input with a keyframe every second or so (ffmpeg -g 30), or run without --quick");
      }
      long frames = media.video().frameCount();
      int maxWorkers = options.maxWorkers(cores);
      Optional<DebianFfmpeg> system = DebianFfmpeg.find();
      String inputDescription = media.video().width() + "x" + media.video().height() + ", " + frames + " frames, "
          + Figures.f(media.video().durationSeconds(), 2) + " s" + (media.hasAudio() ? ", with audio" : ", no audio")
          + (options.quick() ? " (the first " + Figures.f(media.video().durationSeconds(), 2) + " s of " + display(source)
              + ", cut at a keyframe, packets copied)" : "");

      progress.printf(Locale.ROOT, "FrameFork bench%s: %s%n", options.quick() ? " (quick)" : "", out);
      progress.printf(Locale.ROOT, "  machine: %s, %d cores, load %.2f; FFmpeg %s%n", machine.cpuModel(), cores,
          machine.loadAtStart(), machine.ffmpeg());
      progress.printf(Locale.ROOT, "  input: %s (%s); h264 %s CRF %d; %d run(s) per configuration%n", display(source),
          inputDescription, options.preset(), options.crf(), options.repeat());

      PipelineRunner runner = new PipelineRunner(input, options.preset(), options.crf());
      RawTrials raw = new RawTrials();
      Interleaved trials = new Interleaved(work, options.repeat(), progress, raw);

      // The first encode in a JVM loads the natives and runs interpreted: not a figure of anything.
      progress.println("warm-up: one untimed encode");
      Trial warmUp = runner.run(EncodeConfig.defaults("warm-up", ExecutionMode.PARALLEL, cores), 0, work.resolve("warm-up.mp4"));
      Interleaved.deleteQuietly(work.resolve("warm-up.mp4"));
      if (warmUp.chunks() < cores) {
        // Too few keyframes to cut: every parallel figure below would measure one chunk on one core.
        String warning = "only " + warmUp.chunks() + " chunk" + (warmUp.chunks() == 1 ? "" : "s") + " for " + cores
            + " workers: the input has too few keyframes to cut, so the parallel figures measure nothing; re-encode it with a"
            + " keyframe every second or so (ffmpeg -g 30) for a meaningful run";
        progress.println("WARNING: " + warning);
        inputDescription += "; **" + warning + "**";
      }
      double eventRate = warmUp.eventsPerSecondPerWorker();
      String rateSource = "From the warm-up encode's ChunkProgress events (" + cores + " workers)";

      List<Section> sections = new ArrayList<>();
      Section modes = section("modes", "1. Sequential, concurrent, parallel", why -> ModeComparison.notMeasured(why, cores),
          () -> ModeComparison.run(runner, trials, cores, staging));
      sections.add(modes);
      if (modes.data() instanceof ModeComparison.Result r && r.eventsPerSecondPerWorker() > 0) {
        eventRate = r.eventsPerSecondPerWorker();
        rateSource = "From the parallel run of measurement 1 (" + cores + " workers, median over its runs)";
      }
      sections.add(section("workers", "2. Speedup against workers", why -> WorkerScaling.notMeasured(why, cores),
          () -> WorkerScaling.run(runner, trials, cores, maxWorkers, media.video().durationSeconds(), system, staging)));
      sections.add(section("granularity", "3. Granularity: chunk length", GranularitySweep::notMeasured,
          () -> GranularitySweep.run(runner, trials, cores, frames, staging)));
      sections.add(section("threading", "4. Against FFmpeg's own threading", ThreadingBaseline::notMeasured,
          () -> ThreadingBaseline.run(runner, trials, cores, system, new SsimMeter(system), machine.ffmpeg(), staging)));
      sections.add(section("kernels", "5. SIMD kernels", SimdKernels::notMeasured,
          () -> SimdKernels.run(options.quick(), root, staging, progress)));
      double rate = eventRate;
      String source1 = rateSource;
      sections.add(section("shared-state", "6. Shared state: progress counters", why -> SharedState.notMeasured(why, cores),
          () -> SharedState.run(options.quick(), cores, rate, source1, staging, progress)));
      Path launcher = options.launcher() != null ? options.launcher() : root.resolve("framefork");
      Path uiInput = input;
      sections.add(section("ui", "7. UI thread: SwingWorker against the UI-thread demo", UiLatency::notMeasured,
          () -> UiLatency.run(launcher, uiInput, cores, options.preset(), options.crf(), options.quick(), staging, work, progress)));

      double minutes = (System.nanoTime() - started) / 60e9;
      BenchReport.RunInfo info = new BenchReport.RunInfo(LocalDate.now().toString(),
          startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), minutes, options.quick(), commandLine, commit(),
          display(source), inputDescription, frames, media.video().durationSeconds(), "h264 (libx264)", options.preset(),
          options.crf(), options.repeat(), maxWorkers, system.map(DebianFfmpeg::version).orElse("none with libx264"),
          Machine.loadAverage(), media.hasAudio());
      BenchReport.write(staging, machine, info, sections, raw);
      publish(staging, out);
      finished = true;
      progress.printf(Locale.ROOT, "done in %.1f minutes: %s%n", minutes, display(out.resolve("report.md")));
      for (Section s : sections) {
        for (Claim c : s.claims()) {
          progress.println("  " + c.line().substring(2));
        }
      }
      return out;
    } finally {
      if (!interrupted) {
        finished = true;
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // shutting down already
        }
        deleteQuietly(staging);
        deleteQuietly(work);
      }
    }
  }

  /** Seconds of the input that {@code --quick} cuts (to the next keyframe). */
  static final double QUICK_SECONDS = 2.0;

  /** Set once the report is in place (or the run failed): the shutdown hook then has nothing to undo. */
  private volatile boolean finished;
  /** Set by the shutdown hook: the run was interrupted, and a section failing now is not news. */
  private volatile boolean interrupted;

  /** {@code base}, or the first of base-2, base-3, … that is not there yet (or is an empty folder). */
  static Path freeFolder(Path base) {
    Path p = base;
    for (int n = 2; Files.exists(p) && (!Files.isDirectory(p) || BenchOptions.isNonEmptyFolder(p)); n++) {
      p = base.resolveSibling(base.getFileName() + "-" + n);
    }
    return p;
  }

  /** Renames the finished {@code staging} folder to {@code out} (an empty folder there is replaced). */
  private static void publish(Path staging, Path out) throws IOException {
    if (Files.isDirectory(out) && !BenchOptions.isNonEmptyFolder(out)) {
      Files.delete(out);
    }
    try {
      Files.move(staging, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(staging, out);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException | RuntimeException e) {
      // best effort: a temporary folder left behind is not worth failing the run for
    }
  }

  /**
   * Runs one section, or reports it as not measured when it is skipped or fails; {@code notMeasured}
   * makes the section's claims from the reason.
   */
  private Section section(String key, String title, Function<String, List<Claim>> notMeasured, SectionRun body) {
    if (!options.runs(key)) {
      String why = "skipped (--skip " + key + ")";
      progress.println(title + ": skipped");
      return Section.notRun(key, title, why, notMeasured.apply(why));
    }
    try {
      return body.run();
    } catch (Exception | LinkageError e) {
      if (interrupted) {
        throw new IllegalStateException("interrupted", e);
      }
      String why = "the measurement failed: " + e;
      progress.println(title + ": FAILED: " + e);
      e.printStackTrace(progress);
      return Section.notRun(key, title, why, notMeasured.apply(why));
    }
  }

  @FunctionalInterface
  private interface SectionRun {
    Section run() throws Exception;
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }

  private String commit() {
    try {
      Process p = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty", "--abbrev=10")
          .redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? "commit " + s : "unknown (not a git checkout)";
    } catch (IOException | InterruptedException e) {
      return "unknown (no git)";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
