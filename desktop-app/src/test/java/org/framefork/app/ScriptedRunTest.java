package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user or the bench runs it: a separate JVM, its exit code and its report. */
class ScriptedRunTest {
  record Result(int exitCode, String stderr) {}

  @Test
  void autorunEncodesThroughTheWindowWritesTheReportAndExitsZero() throws Exception {
    Scripted run = autorun("scripted", "--workers", "2", "--mode", "parallel");
    assertEquals(0, run.result().exitCode(), run.result().stderr());
    JsonNode json = run.report();
    assertEquals("done", json.get("status").asText());
    assertEquals(90, json.get("frames").asInt());
    assertEquals(2, json.get("workers").asInt());
    assertEquals(false, json.get("onUiThread").asBoolean());
    JsonNode hb = json.get("heartbeat");
    assertTrue(hb.get("samples").asInt() > 10, hb.toString());
    for (String field : List.of("p50Ms", "p99Ms", "maxMs", "skippedFrames")) {
      assertTrue(hb.has(field), "report lacks heartbeat." + field);
    }
    // The worst heartbeats, latest first by size, come in time order and none is later than the max.
    JsonNode worst = hb.get("worst");
    assertTrue(worst.isArray() && worst.size() > 0 && worst.size() <= 8, worst.toString());
    double lastAt = -1;
    double worstMs = 0;
    for (JsonNode w : worst) {
      worstMs = Math.max(worstMs, w.get("ms").asDouble());
      assertTrue(w.get("atSeconds").asDouble() >= lastAt, worst.toString());
      assertTrue(w.get("ms").asDouble() <= hb.get("maxMs").asDouble() + 1e-9, worst.toString());
      lastAt = w.get("atSeconds").asDouble();
    }
    assertEquals(hb.get("maxMs").asDouble(), worstMs, 0.002, "the latest heartbeat is among the worst");
    assertEquals(0, json.get("watchdog").get("events").asInt(), json.get("watchdog").toString());
    // StrictMode is on by default and the app itself does no I/O on the UI thread, start-up included.
    JsonNode strict = json.get("strictMode");
    assertEquals("log", strict.get("penalty").asText(), strict.toString());
    assertEquals(0, strict.get("violations").asInt(), strict.toPrettyString());
    assertTrue(json.get("jobWallSeconds").asDouble() > 0);
    assertTrue(Files.isRegularFile(Path.of(json.get("output").asText())));
  }

  @Test
  void aFailedAutorunLogsWhyAndItsReportNamesNoOutput() throws Exception {
    Path cred = UiTestSupport.emptyFolder("scripted-cred").resolve("cred");
    org.framefork.encoder.cluster.Credentials.init(cred);
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: no node listens there
    }
    Scripted run = autorun("scripted-failed", "--mode", "parallel", "--workers", "0", "--cluster", "127.0.0.1:" + port,
        "--credentials", cred.toString());
    Result r = run.result();
    assertEquals(1, r.exitCode(), r.stderr());
    JsonNode json = run.report();
    assertEquals("failed", json.get("status").asText());
    String why = json.get("message").asText();
    assertTrue(why.startsWith("no FrameFork node answers at 127.0.0.1:" + port), json.toString());
    assertTrue(r.stderr().contains("autorun: failed: " + why), "the log says why without --report:\n" + r.stderr());
    assertTrue(json.get("output").isNull(), "a failed run wrote no output: " + json.get("output"));
    try (var files = Files.list(run.folder())) {
      assertEquals(List.of("report.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void badArgumentsSayWhatIsWrongInOneLineAndExitTwo() throws Exception {
    for (List<String> args : List.of(List.of("--workers", "0"), List.of("--report", "x.json"), List.of("--mode", "fast"),
        List.of("--frobnicate"), List.of("--autorun", "no-such-file.mp4"), List.of("--autorun", "."),
        List.of("--strict-mode", "loud"))) {
      Result r = runApp(30, args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), args + ": " + r.stderr());
      List<String> lines = r.stderr().lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
      assertEquals(1, lines.size(), args + " printed:\n" + r.stderr());
      assertTrue(lines.get(0).startsWith("framefork gui: "), lines.get(0));
      if (args.equals(List.of("--autorun", "."))) {
        assertTrue(lines.get(0).contains(": a folder; name a video file"), lines.get(0));
      }
    }
  }

  /** A scripted run's exit, its folder (its outputs and report.json) and the report. */
  private record Scripted(Result result, Path folder, JsonNode report) {}

  /** {@code --autorun} of the 3 s test clip with {@code --exit-when-done}, its outputs and report in a fresh folder {@code name}. */
  private static Scripted autorun(String name, String... options) throws Exception {
    UiTestSupport.requireDisplay();
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder(name);
    Path report = out.resolve("report.json");
    List<String> args = new java.util.ArrayList<>(List.of("--autorun", input.toString(), "--exit-when-done", "--report",
        report.toString(), "--output-dir", out.toString(), "--light"));
    args.addAll(List.of(options));
    Result r = runApp(180, args.toArray(String[]::new));
    assertTrue(Files.isRegularFile(report), () -> "no report:\n" + r.stderr());
    return new Scripted(r, out, new ObjectMapper().readTree(report.toFile()));
  }

  /** Runs the app's main class in a new JVM with this test JVM's class path. */
  private static Result runApp(int timeoutSeconds, String... args) throws Exception {
    List<String> cmd = UiTestSupport.appCommand(args);
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the app did not exit within " + timeoutSeconds + " s: " + cmd);
    }
    return new Result(p.exitValue(), new String(err, StandardCharsets.UTF_8));
  }
}
