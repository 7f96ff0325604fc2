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
    // The report folder is made (or, for the default, reserved under a free name) before any work,
    // and everything is written to a hidden folder inside it, moved into place at the end: an
    // interrupted or failed run leaves no half-written report, and one that cannot write there learns
    // so at once.
    final Path out;
    final boolean madeOut;
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
      out = reserveFolder(root.resolve("bench/results"), LocalDate.now() + "-" + machine.hostSlug(), options.quick() ? "-quick" : "");
      madeOut = true;
    }
    final Path staging;
    try {
      staging = Files.createTempDirectory(out, ".partial-");
    } catch (IOException e) {
      removeIfEmpty(out, madeOut);
      throw new IllegalArgumentException("--out " + out + ": cannot write there (" + e.getMessage() + "); give a folder you can write to");
    }
    final Path work;
    try {
      work = Files.createTempDirectory("framefork-bench-");
    } catch (IOException e) {
      deleteTree(staging);
      removeIfEmpty(out, madeOut);
      throw e;
    }
    // What an unfinished run leaves: nothing, and no report folder it made.
    Runnable discard = () -> {
      deleteTree(staging);
      deleteTree(work);
      removeIfEmpty(out, madeOut);
    };
    Thread cleanup = new Thread(() -> {
      if (finished) {
        return;
      }
      interrupted = true;
      // The encoders and the app this run started stop first, so that nothing writes while the
      // folders go.
      List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
      children.forEach(ProcessHandle::destroy);
      for (ProcessHandle c : children) {
        try {
          c.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
          c.destroyForcibly();
        }
      }
      progress.flush();
      if (publishing) {
        System.err.println("framefork bench: interrupted while the report was moved into " + out + "; it may be incomplete");
        return;
      }
      System.err.println("framefork bench: interrupted; no report was written (a report appears only when the run ends)");
      // Twice: an encode of this JVM may still write a file or two between the passes.
      for (int pass = 0; pass < 2; pass++) {
        discard.run();
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          break;
        }
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
      if (warmUp.chunks() < 2 && cores > 1) {
        // One keyframe chunk: nothing runs in parallel, and every parallel figure below measures that.
        String warning = "only 1 chunk: the input has too few keyframes to cut, so nothing runs in parallel and the parallel"
            + " figures measure nothing; re-encode it with a keyframe every second or so (ffmpeg -g 30) for a meaningful run";
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
      publishing = true;
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
        if (publishing) {
          // The report's folder is in place: publish removed it, or, when it could not move the
          // files, left it for the error to point at.
          deleteTree(work);
        } else {
          discard.run();
        }
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

  /** Moves the finished report's files from {@code staging} into {@code out}, then removes {@code staging}. */
  private static void publish(Path staging, Path out) {
    try {
      try (Stream<Path> files = Files.list(staging)) {
        for (Path f : files.toList()) {
          Files.move(f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.delete(staging);
    } catch (IOException e) {
      throw new NotPublished("the report could not be moved into " + out + " (" + e.getMessage() + "); its files are in "
          + staging, e);
    }
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
        throw new Interrupted(e);
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

  /** Deletes {@code dir} and what is in it, as far as it can: a temporary folder left behind is not worth failing for. */
  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // the rest still goes
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // it went, or cannot be read: nothing more to do
    }
  }
}
