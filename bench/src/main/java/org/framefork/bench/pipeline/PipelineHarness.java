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
    Path out = options.out() != null ? options.out()
        : root.resolve("bench/results/" + LocalDate.now() + "-" + machine.hostSlug() + (options.quick() ? "-quick" : ""));
    Path work = Files.createTempDirectory("framefork-bench-");
    try {
      // A file that is not a video is refused here, in one line, before any work and before the
      // report folder exists.
      MediaInfo sourceMedia = Prober.probe(source);
      Path input = options.quick() ? QuickClip.cut(source, 2.0, work.resolve("quick-clip.mp4")) : source;
      MediaInfo media = options.quick() ? Prober.probe(input) : sourceMedia;
      Files.createDirectories(out);
      long frames = media.video().frameCount();
      int maxWorkers = options.maxWorkers(cores);
      Optional<DebianFfmpeg> system = DebianFfmpeg.find();
      String inputDescription = media.video().width() + "x" + media.video().height() + ", " + frames + " frames, "
          + Figures.f(media.video().durationSeconds(), 2) + " s" + (media.hasAudio() ? ", with audio" : ", no audio")
          + (options.quick() ? " (the first 2 s of " + display(source) + ", packets copied)" : "");

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
      double eventRate = warmUp.eventsPerSecondPerWorker();
      String rateSource = "From the warm-up encode's ChunkProgress events (" + cores + " workers)";

      List<Section> sections = new ArrayList<>();
      Section modes = section("modes", "1. Sequential, concurrent, parallel", why -> ModeComparison.notMeasured(why, cores),
          () -> ModeComparison.run(runner, trials, cores, out));
      sections.add(modes);
      if (modes.data() instanceof ModeComparison.Result r && r.eventsPerSecondPerWorker() > 0) {
        eventRate = r.eventsPerSecondPerWorker();
        rateSource = "From the parallel run of measurement 1 (" + cores + " workers, median over its runs)";
      }
      sections.add(section("workers", "2. Speedup against workers", why -> WorkerScaling.notMeasured(why, cores),
          () -> WorkerScaling.run(runner, trials, cores, maxWorkers, media.video().durationSeconds(), system, out)));
      sections.add(section("granularity", "3. Granularity: chunk length", GranularitySweep::notMeasured,
          () -> GranularitySweep.run(runner, trials, cores, frames, out)));
      sections.add(section("threading", "4. Against FFmpeg's own threading", ThreadingBaseline::notMeasured,
          () -> ThreadingBaseline.run(runner, trials, cores, system, new SsimMeter(system), machine.ffmpeg(), out)));
      sections.add(section("kernels", "5. SIMD kernels", SimdKernels::notMeasured,
          () -> SimdKernels.run(options.quick(), root, out, progress)));
      double rate = eventRate;
      String source1 = rateSource;
      sections.add(section("shared-state", "6. Shared state: progress counters", why -> SharedState.notMeasured(why, cores),
          () -> SharedState.run(options.quick(), cores, rate, source1, out, progress)));
      Path launcher = options.launcher() != null ? options.launcher() : root.resolve("framefork");
      Path uiInput = input;
      sections.add(section("ui", "7. UI thread: SwingWorker against the UI-thread demo", UiLatency::notMeasured,
          () -> UiLatency.run(launcher, uiInput, cores, options.preset(), options.crf(), options.quick(), out, work, progress)));

      double minutes = (System.nanoTime() - started) / 60e9;
      BenchReport.RunInfo info = new BenchReport.RunInfo(LocalDate.now().toString(),
          startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), minutes, options.quick(), commandLine, commit(),
          display(source), inputDescription, frames, media.video().durationSeconds(), "h264 (libx264)", options.preset(),
          options.crf(), options.repeat(), maxWorkers, system.map(DebianFfmpeg::version).orElse("none with libx264"),
          Machine.loadAverage());
      BenchReport.write(out, machine, info, sections, raw);
      progress.printf(Locale.ROOT, "done in %.1f minutes: %s%n", minutes, out.resolve("report.md"));
      for (Section s : sections) {
        for (Claim c : s.claims()) {
          progress.println("  " + c.line().substring(2));
        }
      }
      return out;
    } finally {
      deleteTree(work);
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
