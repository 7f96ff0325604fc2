package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.framefork.bench.BenchMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framefork bench --quick} end to end, into a temporary folder: the report, its charts and its
 * raw tables exist, have the rows each measurement should have, hold plausible numbers, and every
 * claim has its line. The figures themselves are not judged: a quick run on a CI machine proves
 * nothing about speed.
 */
class QuickBenchTest {
  static final List<String> CLAIMS = List.of("modes.concurrent", "modes.parallel", "workers.efficiency", "workers.oversubscribed",
      "granularity.default", "threading.same-build", "threading.system-ffmpeg", "simd.kernels", "shared-state.high-rate",
      "shared-state.engine-rate", "ui.swingworker", "ui.ui-thread", "cluster.overhead", "cluster.idle", "cluster.join", "quality.in-band",
      "quality.libvmaf", "quality.size", "quality.probe-time");
  static final List<String> CHARTS = List.of("modes.png", "speedup.png", "efficiency.png", "granularity.png", "threading.png",
      "shared-state.png");

  @TempDir static Path dir;
  static Path out;
  static String log;
  static int cores = Runtime.getRuntime().availableProcessors();
  /** Whether this run skipped the UI section, the app's jar being missing or stale: then only its claims are not measured. */
  static boolean uiSkipped;

  @BeforeAll
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  static void runQuickBench() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path root = BenchMain.checkoutRoot();
    List<String> args = new ArrayList<>(List.of("--quick", "--out", dir.resolve("report").toString()));
    // The UI section drives the desktop app through the launcher, which would build the app inside
    // this build if its jar is missing or stale; a full `mvn verify` builds it before the bench.
    // The cluster section starts two nodes and three encodes through the launcher: ClusterProcessTest
    // covers the cluster, and the section's figures come from a bench run of its own.
    uiSkipped = !appBuilt(root);
    args.addAll(List.of("--skip", uiSkipped ? "ui,cluster" : "cluster"));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    out = new PipelineHarness(BenchOptions.parse(args.toArray(String[]::new)), root,
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run("framefork bench " + String.join(" ", args));
    log = progress.toString(StandardCharsets.UTF_8);
    System.out.println(log);
    System.out.printf("quick bench took %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void writesTheReportTheRawDataAndAChartPerCurve() throws IOException {
    for (String f : List.of("report.md", "results.json", "runs.csv", "modes.csv", "workers.csv", "efficiency-losses.csv", "granularity.csv",
        "threading.csv",
        "shared-state.csv", "kernels.md")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f + " is missing or empty");
    }
    for (String chart : CHARTS) {
      BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
      assertNotNull(image, chart + " is not a PNG");
      assertEquals(ChartWriter.WIDTH, image.getWidth(), chart + " width");
      assertTrue(image.getHeight() >= ChartWriter.HEIGHT, chart + " height");
    }
    String md = Files.readString(out.resolve("report.md"));
    for (String chart : CHARTS) {
      assertTrue(md.contains("](" + chart + ")"), "report.md links " + chart);
    }
    for (String heading : List.of("## Machine and run", "## Claims", "## 1. ", "## 2. ", "## 3. ", "## 4. ", "## 5. ", "## 6. ",
        "## 7. ", "## Raw data")) {
      assertTrue(md.contains(heading), "report.md has " + heading);
    }
    assertTrue(md.contains("Quick run"), "a quick report says it is one");
  }

  @Test
  void statesTheMachine() throws IOException {
    JsonNode machine = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("machine");
    assertEquals(cores, machine.path("cores").asInt());
    assertTrue(machine.path("memoryBytes").asLong() > 0);
    assertTrue(machine.path("ffmpeg").asText().matches("\\d.*"), "FFmpeg version: " + machine.path("ffmpeg").asText());
    assertTrue(!machine.path("cpuModel").asText().isBlank());
    String commit = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("run").path("commit").asText();
    assertTrue(commit.matches("[0-9a-f]{10}(-dirty)?|unknown .*"), "results.json's commit is the hash alone: " + commit);
    String md = Files.readString(out.resolve("report.md"));
    for (String row : List.of("| CPU |", "| cores |", "| memory |", "| JDK |", "| FFmpeg (engine) |", "| date |")) {
      assertTrue(md.contains(row), "machine table has " + row);
    }
  }

  @Test
  void everyClaimHasOneLineWithAVerdict() throws IOException {
    JsonNode claims = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("claims");
    Set<String> ids = new HashSet<>();
    String md = Files.readString(out.resolve("report.md"));
    for (JsonNode c : claims) {
      ids.add(c.path("id").asText());
      String verdict = c.path("verdict").asText();
      assertTrue(Set.of("YES", "NO", "NOT_MEASURED").contains(verdict), c.toString());
      assertTrue(md.contains(c.path("statement").asText()), "report.md has the line of " + c.path("id").asText());
      // ui.* when the app is not built, cluster.* always: this run skips both sections; a quick run leaves quality.* out.
      String id = c.path("id").asText();
      boolean mayBeMissing = id.startsWith("ui.") && uiSkipped || id.startsWith("cluster.") || id.equals("threading.system-ffmpeg");
      if (id.startsWith("quality.")) {
        assertEquals("NOT_MEASURED", verdict, "a quick run leaves the quality section out: " + c);
      } else if (id.equals("simd.kernels")) {
        // A quick run reuses the newest kernels file: it judges the claim only if this machine measured it.
        String measured = c.path("measured").asText();
        assertTrue(measured.contains("reused from bench/results/"), c.toString());
        assertEquals(measured.contains("not on this machine"), verdict.equals("NOT_MEASURED"), c.toString());
      } else if (id.startsWith("ui.") && !uiSkipped && verdict.equals("NOT_MEASURED")) {
        // The app is built, so the UI section ran; on a machine without a display and without
        // xvfb-run it cannot drive the app: said in one line, the claim's reason.
        org.junit.jupiter.api.Assertions.fail("the app is built, so the UI section ran, but measured nothing: "
            + c.path("measured").asText());
      } else if (!mayBeMissing) {
        assertTrue(!verdict.equals("NOT_MEASURED"), "measured in a quick run: " + c);
      }
    }
    assertEquals(new HashSet<>(CLAIMS), ids);
    assertEquals(CLAIMS.size(), claims.size());
  }

  @Test
  void modesTableHasTheThreeModesWithPlausibleFigures() throws IOException {
    List<Map<String, String>> rows = csv("modes.csv");
    assertEquals(List.of("sequential", "concurrent", "parallel"), rows.stream().map(r -> r.get("mode")).toList());
    for (Map<String, String> r : rows) {
      assertTrue(num(r, "wall_s") > 0 && num(r, "cpu_s") > 0 && num(r, "fps") > 0 && num(r, "speedup") > 0, r.toString());
    }
    // The same plan in every mode: the parallel run's spare workers may split its chunks, counted apart.
    assertEquals(1, rows.stream().map(r -> r.get("chunks")).distinct().count(), rows.toString());
    assertEquals(List.of("0", "0"), rows.subList(0, 2).stream().map(r -> r.get("split_off")).toList(), "one thread splits nothing");
  }

  @Test
  void workersTableRunsOneToTwiceTheCoresWithAnAmdahlPrediction() throws IOException {
    List<Map<String, String>> rows = csv("workers.csv");
    assertEquals(2 * cores, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      assertEquals(i + 1, (int) num(r, "workers"));
      assertTrue(num(r, "speedup") > 0 && num(r, "efficiency") > 0, r.toString());
      double amdahl = num(r, "amdahl_speedup");
      assertTrue(amdahl >= 1 && amdahl <= Math.min(i + 1, cores) + 1e-9, "Amdahl prediction " + amdahl);
    }
    assertEquals(1.0, num(rows.getFirst(), "speedup"), 1e-9);
    // Where the efficiency went, from 2 workers on. `other` is 1 less the rest, so their sum says nothing; instead
    // each share is worked out again from the runs it came from (--quick runs once: the median is that round), and
    // the measured parts explain no more core-seconds than the N workers had beyond the 1-worker run's.
    List<Map<String, String>> losses = csv("efficiency-losses.csv");
    // A share below 0 (QA: "idle otherwise" -0.3% at 4 workers) is a difference, and the report says so.
    assertTrue(Files.readString(out.resolve("report.md")).contains("so it can fall below 0: the N workers spent less"));
    List<Map<String, String>> runs = csv("runs.csv");
    Map<String, String> one = workersRun(runs, 1);
    assertEquals(2 * cores - 1, losses.size());
    for (int i = 0; i < losses.size(); i++) {
      Map<String, String> l = losses.get(i);
      int n = i + 2;
      assertEquals(n, (int) num(l, "workers"));
      assertEquals(num(rows.get(i + 1), "efficiency"), num(l, "efficiency"), 1e-9);
      Map<String, String> r = workersRun(runs, n);
      double available = n * num(r, "wall_s");
      // runs.csv has its seconds to 4 decimals: the shares agree to about 1e-4 / available.
      assertEquals(num(one, "wall_s") / available, num(l, "efficiency"), 1e-3, l.toString());
      assertEquals((n * num(r, "serial_s") - num(one, "serial_s")) / available, num(l, "serial"), 1e-3, l.toString());
      assertEquals((num(r, "chunk_s") - num(one, "chunk_s")) / available, num(l, "slower_chunks"), 1e-3, l.toString());
      assertEquals((num(r, "tail_idle_s") - num(one, "tail_idle_s")) / available, num(l, "tail_idle"), 1e-3, l.toString());
      assertEquals((num(r, "idle_s") - num(r, "tail_idle_s") - (num(one, "idle_s") - num(one, "tail_idle_s"))) / available,
          num(l, "other_idle"), 1e-3, l.toString());
      // What is left (the harness's own time around each job) is small, never a large negative share.
      double explained = num(l, "efficiency") + num(l, "serial") + num(l, "slower_chunks") + num(l, "tail_idle")
          + num(l, "other_idle");
      assertTrue(explained <= 1.01, "the measured parts explain more than was lost: " + l);
      assertTrue(Math.abs(num(l, "tail_idle")) < 1, l.toString());
    }
    // The host's ceiling ran in the same rounds: one system ffmpeg alone, then one per core side by side, each of
    // which encoded every frame (a run of the side-by-side contender counts the frames of all its copies).
    Map<String, String> alone = runs.stream().filter(r -> r.get("label").equals(WorkerScaling.HOST_ALONE)).findFirst().orElseThrow();
    Map<String, String> side = runs.stream().filter(r -> r.get("label").equals(WorkerScaling.hostSideBySide(cores))).findFirst()
        .orElseThrow();
    assertEquals(cores * num(alone, "frames"), num(side, "frames"), 1e-9);
    assertTrue(num(side, "cpu_s") > num(alone, "cpu_s") * cores * 0.5, side + " vs " + alone);
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("The host's own ceiling"), "report.md has the host's ceiling");
    assertTrue(md.contains("the host allowed"), "the efficiency claim states the host's ceiling");
  }

  @Test
  void granularityGoesFromOneFrameToTheWholeVideoAndMarksTheDefault() throws IOException {
    List<Map<String, String>> rows = csv("granularity.csv");
    assertTrue(rows.size() >= 4, rows.toString());
    assertEquals("fixed 1 frame", rows.getFirst().get("split"));
    assertTrue(rows.stream().anyMatch(r -> r.get("split").startsWith("none")));
    assertEquals(1, rows.stream().filter(r -> r.get("default").equals("true")).count());
    for (Map<String, String> r : rows) {
      assertTrue(num(r, "wall_s") > 0 && num(r, "bytes") > 0 && num(r, "chunks") >= 1, r.toString());
    }
  }

  @Test
  void threadingBaselineScoresEveryOutput() throws IOException {
    List<Map<String, String>> rows = csv("threading.csv");
    assertTrue(rows.size() >= 2, rows.toString());
    assertTrue(rows.getFirst().get("encoder").startsWith("FrameFork"));
    for (Map<String, String> r : rows) {
      assertTrue(num(r, "fps") > 0 && num(r, "bytes") > 0, r.toString());
      assertTrue(num(r, "ssim") > 0.5 && num(r, "ssim") <= 1, "SSIM " + r);
    }
  }

  @Test
  void everyTimedEncodeProducedFrames() throws IOException {
    List<Map<String, String>> rows = csv("runs.csv");
    assertTrue(rows.size() >= 3 + 2 * cores + 4 + 2, "runs: " + rows.size());
    for (Map<String, String> r : rows) {
      assertTrue(num(r, "frames") > 0 && num(r, "wall_s") > 0 && num(r, "bytes") > 0, r.toString());
    }
  }

  @Test
  void sharedStateRanBothRatesAndBothThreadCounts() throws IOException {
    List<Map<String, String>> rows = csv("shared-state.csv");
    Set<String> seen = new HashSet<>();
    for (Map<String, String> r : rows) {
      assertTrue(num(r, "events_per_s") > 0, r.toString());
      seen.add(r.get("benchmark") + "/" + r.get("rate") + "/" + r.get("threads"));
    }
    for (int threads : Set.of(2, 2 * cores)) {
      for (String b : SharedState.COUNTERS) {
        assertTrue(seen.contains(b + "/high/" + threads) && seen.contains(b + "/engine/" + threads), b + " at " + threads);
      }
    }
  }

  @Test
  void printsProgressWhileItRuns() {
    for (String step : List.of("1/9 modes", "2/9 workers", "3/9 granularity", "4/9 threading", "5/9 kernels", "6/9 shared-state",
        "8/9 cluster: skipped (--skip cluster)", "9/9 quality: a quick run leaves it out")) {
      assertTrue(log.contains(step), "progress shows " + step);
    }
    assertTrue(log.contains("[modes 1/3]"), "a line per run");
  }

  /** Whether the app's jar is built and newer than what it is built from (so the launcher will not build it). */
  private static boolean appBuilt(Path root) throws IOException {
    Path target = root.resolve("desktop-app/target");
    if (!Files.isDirectory(target.resolve("lib"))) {
      return false;
    }
    Path jar;
    try (Stream<Path> jars = Files.list(target)) {
      jar = jars.filter(p -> p.getFileName().toString().matches("framefork-desktop-app-.*(?<!-tests)\\.jar")).findFirst().orElse(null);
    }
    if (jar == null) {
      return false;
    }
    long built = Files.getLastModifiedTime(jar).toMillis();
    for (Path input : List.of(root.resolve("pom.xml"), root.resolve("encoder/pom.xml"), root.resolve("encoder/src"),
        root.resolve("desktop-app/pom.xml"), root.resolve("desktop-app/src"))) {
      try (Stream<Path> files = Files.walk(input)) {
        if (files.anyMatch(f -> {
          try {
            return Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() > built;
          } catch (IOException e) {
            return true;
          }
        })) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Map<String, String>> csv(String name) throws IOException {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
        .readValues(out.resolve(name).toFile())) {
      return rows.readAll();
    }
  }

  /** The workers section's run of {@code n} workers, from runs.csv. */
  private static Map<String, String> workersRun(List<Map<String, String>> runs, int n) {
    String label = n + (n == 1 ? " worker" : " workers");
    return runs.stream().filter(r -> r.get("section").equals("workers") && r.get("label").equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("runs.csv has no workers run labelled " + label));
  }

  private static double num(Map<String, String> row, String column) {
    String v = row.get(column);
    assertNotNull(v, "column " + column);
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }
}
