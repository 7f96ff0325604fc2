package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;
import static org.framefork.bench.pipeline.Figures.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measurement 7: the UI thread's latency while the desktop app encodes, with the job in a
 * SwingWorker (the app's way) and on the UI thread (its demo switch), through the app's scripted run
 * ({@code framefork gui --autorun FILE --exit-when-done --report FILE.json [--on-ui-thread]}), under
 * Xvfb when there is no display. The figures are the app's own: heartbeat latency percentiles,
 * frames skipped against the 16 ms budget, watchdog reports.
 */
public final class UiLatency {
  static final double FRAME_BUDGET_MS = 16.0;

  public record Run(String how, String status, double p50Ms, double p99Ms, double maxMs, int skippedFrames, int watchdogEvents,
      long watchdogThresholdMs, double jobWallSeconds, double uiWallSeconds, String reportFile) {}

  public record Result(List<Run> runs) {}

  private UiLatency() {}

  static final String TITLE = "7. UI thread: SwingWorker against the UI-thread demo";

  /** A reason the section cannot be measured here, said in the report instead of its figures. */
  private static final class NotMeasured extends Exception {
    NotMeasured(String reason) {
      super(reason, null, false, false);
    }
  }

  public static Section run(Path launcher, Path input, int workers, String preset, int crf, boolean quick, Path out, Path workDir,
      PrintStream progress) throws Exception {
    Path root = launcher.toAbsolutePath().getParent();
    List<String> wrap;
    try {
      wrap = displayWrap(unavailable(launcher, root, progress));
    } catch (NotMeasured e) {
      progress.println("7/9 ui: not measured: " + e.getMessage());
      return notRun(e.getMessage());
    }
    // Short jobs never reach the 5 s default; a lower threshold lets the quick run show the watchdog.
    long watchdogMs = quick ? 250 : 5000;
    progress.println("7/9 ui: the desktop app's scripted run, SwingWorker then UI thread"
        + (wrap.isEmpty() ? "" : " (under xvfb-run)"));
    List<String> gui = new ArrayList<>(wrap);
    gui.addAll(List.of(launcher.toAbsolutePath().toString(), "gui", "--autorun", input.toAbsolutePath().toString(),
        "--exit-when-done", "--workers", String.valueOf(workers), "--preset", preset, "--crf", String.valueOf(crf),
        "--watchdog-ms", String.valueOf(watchdogMs)));
    List<Run> runs = new ArrayList<>();
    try {
      for (boolean onUi : new boolean[] {false, true}) {
        runs.add(scriptedRun(gui, onUi, root, out, workDir, quick ? 180 : 1800, progress));
      }
    } catch (NotMeasured e) {
      progress.println("  [ui] not measured: " + e.getMessage());
      return notRun(e.getMessage());
    }
    String md = """
        The desktop app's scripted run on the same input (%d workers, preset %s, CRF %d)%s, watchdog threshold %d ms.
        Latency is how late the app's UI-thread heartbeat ran; a skipped frame is a 16 ms frame the UI thread missed.

        %s
        With the job in a SwingWorker the UI thread only paints and handles events; with the demo switch it runs the
        job itself, and nothing is painted until the job ends.
        """.formatted(workers, preset, crf, wrap.isEmpty() ? "" : " under Xvfb (`xvfb-run -a`)", watchdogMs, report(runs, out));
    return new Section("ui", TITLE, md, claims(runs.get(0), runs.get(1), null), new Result(runs));
  }

  private static Section notRun(String reason) {
    return Section.notRun("ui", TITLE, reason, claims(null, null, reason));
  }

  /** What the app's command goes in front of: xvfb-run on a Linux with no display, else nothing. */
  private static List<String> displayWrap(String unavailable) throws NotMeasured {
    if (unavailable != null) {
      throw new NotMeasured(unavailable);
    }
    if (!isLinux() || !blank(System.getenv("DISPLAY"))) {
      return List.of();
    }
    if (!onPath("xvfb-run")) {
      throw new NotMeasured("no display (DISPLAY is unset) and no xvfb-run to make one");
    }
    return List.of("xvfb-run", "-a");
  }

  /** One scripted run of the app ({@code gui} and its options), {@code onUi} through the demo switch; its report parsed. */
  private static Run scriptedRun(List<String> gui, boolean onUi, Path root, Path out, Path workDir, long limitSeconds,
      PrintStream progress) throws IOException, InterruptedException, NotMeasured {
    String how = onUi ? "on the UI thread (demo switch)" : "SwingWorker (default)";
    Path report = out.resolve(onUi ? "ui-on-ui-thread.json" : "ui-swingworker.json");
    Path outputs = Files.createDirectories(workDir.resolve(onUi ? "gui-ui-thread" : "gui-worker"));
    List<String> cmd = new ArrayList<>(gui);
    cmd.addAll(List.of("--report", report.toAbsolutePath().toString(), "--output-dir", outputs.toAbsolutePath().toString()));
    if (onUi) {
      cmd.add("--on-ui-thread");
    }
    Path log = workDir.resolve(onUi ? "gui-ui-thread.log" : "gui-worker.log");
    Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new NotMeasured("the scripted run (" + how + ") did not end within " + limitSeconds + " s");
    }
    if (!Files.isRegularFile(report)) {
      throw new NotMeasured("the scripted run (" + how + ") wrote no report (exit " + p.exitValue() + "): " + lastLine(log));
    }
    Run r = parse(how, report);
    progress.printf(java.util.Locale.ROOT, "  [ui] %-32s p50 %.1f ms, p99 %.1f ms, max %.0f ms, %d skipped frames, %d watchdog"
        + " reports, job %s%n", how, r.p50Ms(), r.p99Ms(), r.maxMs(), r.skippedFrames(), r.watchdogEvents(), r.status());
    return r;
  }

  /** Writes ui.csv; returns the report's table of the same. */
  private static MarkdownTable report(List<Run> runs, Path out) throws IOException {
    MarkdownTable table = new MarkdownTable("encode runs", "job", ">p50 (ms)", ">p99 (ms)", ">max (ms)", ">skipped frames",
        ">watchdog reports", ">job wall (s)", "report");
    Csv csv = new Csv("how", "status", "p50_ms", "p99_ms", "max_ms", "skipped_frames", "watchdog_events", "watchdog_threshold_ms",
        "job_wall_s", "ui_wall_s");
    for (Run r : runs) {
      table.row(r.how(), r.status(), f(r.p50Ms(), 1), f(r.p99Ms(), 1), f(r.maxMs(), 0), r.skippedFrames(), r.watchdogEvents(),
          seconds(r.jobWallSeconds()), "[" + r.reportFile() + "](" + r.reportFile() + ")");
      csv.row(r.how(), r.status(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.skippedFrames(), r.watchdogEvents(), r.watchdogThresholdMs(),
          r.jobWallSeconds(), r.uiWallSeconds());
    }
    Files.writeString(out.resolve("ui.csv"), csv.toString());
    return table;
  }

  static List<Claim> notMeasured(String reason) {
    return claims(null, null, reason);
  }

  private static List<Claim> claims(Run worker, Run onUi, String reason) {
    String s1 = "With SwingWorker the UI thread stays responsive while encoding";
    String t1 = "heartbeat p99 ≤ " + f(FRAME_BUDGET_MS, 0) + " ms (one frame), no watchdog reports";
    String s2 = "The UI-thread demo blocks the UI";
    String t2 = "heartbeat max over " + f(FRAME_BUDGET_MS, 0) + " ms, frames skipped";
    if (reason != null) {
      return List.of(Claim.notMeasured("ui.swingworker", s1, t1, reason), Claim.notMeasured("ui.ui-thread", s2, t2, reason));
    }
    return List.of(
        Claim.judged("ui.swingworker", s1, t1, "p99 " + f(worker.p99Ms(), 1) + " ms, max " + f(worker.maxMs(), 0) + " ms, "
            + worker.watchdogEvents() + " watchdog reports",
            worker.p99Ms() <= FRAME_BUDGET_MS && worker.watchdogEvents() == 0 && worker.status().equals("done")),
        Claim.judged("ui.ui-thread", s2, t2, "max " + f(onUi.maxMs(), 0) + " ms, " + onUi.skippedFrames() + " frames skipped, "
            + onUi.watchdogEvents() + " watchdog reports",
            onUi.maxMs() > FRAME_BUDGET_MS && onUi.skippedFrames() > 0));
  }

  /** Why the gui cannot be measured here, or null when it can. */
  private static String unavailable(Path launcher, Path root, PrintStream progress) {
    if (!Files.isExecutable(launcher)) {
      return "no framefork launcher at " + launcher;
    }
    if (!Files.isDirectory(root.resolve("desktop-app/src/main/java"))) {
      return "the desktop app is not in this build (desktop-app has no sources yet)";
    }
    try {
      progress.println("7/9 ui: checking `framefork gui --help` (builds the app the first time)…");
      Process p = new ProcessBuilder(launcher.toAbsolutePath().toString(), "gui", "--help").directory(root.toFile())
          .redirectErrorStream(true).start();
      String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(600, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "`framefork gui --help` did not answer within 600 s";
      }
      if (p.exitValue() != 0) {
        // The launcher's own message, and the first error of the build if it tried one.
        String said = help.lines().filter(l -> l.startsWith("framefork:")).findFirst().orElse("").strip().replaceAll(":$", "");
        String error = help.lines().filter(l -> l.startsWith("[ERROR] /")).findFirst()
            .map(l -> l.substring("[ERROR] ".length()).replace(root + "/", "")).orElse("");
        return "`framefork gui --help` failed (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said)
            + (error.isEmpty() ? "" : "; first error: " + error);
      }
      if (!help.contains("--autorun")) {
        return "`framefork gui` has no scripted run (--autorun) in this build";
      }
      return null;
    } catch (IOException | InterruptedException e) {
      return "`framefork gui --help` could not run: " + e.getMessage();
    }
  }

  private static Run parse(String how, Path report) throws IOException {
    JsonNode j = new ObjectMapper().readTree(report.toFile());
    JsonNode hb = j.path("heartbeat");
    JsonNode wd = j.path("watchdog");
    return new Run(how, j.path("status").asText("unknown"), hb.path("p50Ms").asDouble(Double.NaN), hb.path("p99Ms").asDouble(Double.NaN),
        hb.path("maxMs").asDouble(Double.NaN), hb.path("skippedFrames").asInt(), wd.path("events").asInt(),
        wd.path("thresholdMs").asLong(), j.path("jobWallSeconds").asDouble(Double.NaN), j.path("uiWallSeconds").asDouble(Double.NaN),
        report.getFileName().toString());
  }

  private static String lastLine(Path log) {
    try {
      return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)");
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
