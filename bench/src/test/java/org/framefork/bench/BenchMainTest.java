package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.framefork.bench.pipeline.StaleFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
  @Test
  void theRecordedCommandQuotesWhatAShellWouldSplit() {
    assertEquals("framefork bench --quick --input 'my clip.mp4' --title 'it'\\''s'",
        BenchMain.recordedCommand(List.of("--quick", "--input", "my clip.mp4", "--title", "it's")));
    assertEquals("framefork bench", BenchMain.recordedCommand(List.of()));
  }

  @TempDir Path dir;
  /** The scratch and default report folders of the runs here: not the machine's /tmp and the checkout's bench/results. */
  @TempDir Path folders;

  @BeforeEach
  void sweepAndReserveInFoldersOfTheTests() throws Exception {
    System.setProperty(StaleFolders.TMP_PROPERTY, Files.createDirectory(folders.resolve("tmp")).toString());
    System.setProperty(StaleFolders.RESULTS_PROPERTY, folders.resolve("results").toString());
  }

  @AfterEach
  void backToTheDefaultFolders() {
    System.clearProperty(StaleFolders.TMP_PROPERTY);
    System.clearProperty(StaleFolders.RESULTS_PROPERTY);
  }

  @Test
  void anInputThatIsNotAVideoIsOneLineAndExitTwoAndLeavesNoReportFolder() throws Exception {
    Path text = Files.writeString(dir.resolve("t.mp4"), "hi\n");
    Path out = dir.resolve("report");
    // A killed run's scratch folder in this test's temporary folder: the sweep looks there, not in /tmp.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path stale = Files.createDirectory(folders.resolve("tmp/framefork-bench-pid" + gone.pid() + "-1"));
    Files.createFile(stale.resolve(".owner.lock"));
    for (boolean quick : new boolean[] {false, true}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      int code;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        code = quick
            ? BenchMain.harness(new String[] {"--quick", "--input", text.toString(), "--out", out.toString()})
            : BenchMain.harness(new String[] {"--input", text.toString(), "--out", out.toString(), "--skip", "kernels,shared-state,ui,cluster"});
      } finally {
        System.setErr(saved);
      }
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, message);
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.startsWith("framefork bench: " + text), message);
      assertFalse(Files.exists(out), "no report folder for a refused input");
      assertFalse(Files.exists(stale), "the killed run's folder in " + StaleFolders.TMP_PROPERTY + " was swept");
      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(text), left.toList(), "nothing left beside it either");
      }
    }
  }

  /** A small H.264 clip made by Debian's ffmpeg, with a keyframe every {@code gop} frames at 25 fps. */
  private Path clip(String name, double seconds, int gop) throws Exception {
    Path p = dir.resolve(name);
    org.framefork.encoder.testing.DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop),
        "-sc_threshold", "0", p.toString());
    return p;
  }

  /** What a run of {@code framefork bench} said, on stdout and stderr, and its exit code. */
  record Run(int code, String out, String err) {}

  static Run harness(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = BenchMain.harness(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  @Test
  void quickRefusesAnInputItCannotCutShort() throws Exception {
    // One keyframe in 6 s: the cut after 2 s would be the whole clip.
    Path oneGop = clip("one-gop.mp4", 6, 1000);
    Path out = dir.resolve("report");
    Run r = harness("--quick", "--input", oneGop.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("has no keyframe between 2 and 4 s, so --quick would encode its first 6.0 s"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anInputOfOneChunkIsWarnedAboutAndTheReportAppearsWhole() throws Exception {
    // 3 s with one keyframe: short enough for --quick to take whole, and one chunk for any worker count.
    Path oneGop = clip("one-chunk.mp4", 3, 1000);
    Path out = dir.resolve("report");
    List<String> args = new ArrayList<>(List.of("--quick", "--input", oneGop.toString(), "--out", out.toString(), "--skip",
        "workers,granularity,threading,kernels,shared-state,ui,cluster"));
    Run r = harness(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.toString());
    // Warned where more than one worker could have run; on one core one chunk loses nothing.
    boolean manyCores = Runtime.getRuntime().availableProcessors() > 1;
    String report = Files.readString(out.resolve("report.md"));
    assertEquals(manyCores, r.out().contains("WARNING: only 1 chunk: "), r.out());
    assertEquals(manyCores, report.contains("only 1 chunk: "), report);
    assertTrue(report.contains("(the first 3.00 s of "), report);
    assertTrue(report.contains(", no audio"), report);
    assertTrue(Files.size(out.resolve("modes.csv")) > 0);
    // The report's files were moved out of the hidden folder they were written in.
    try (Stream<Path> left = Files.list(out)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".partial")), "no staging folder left");
    }
    // A second run does not write into the first's folder.
    Run again = harness(args.toArray(String[]::new));
    assertEquals(2, again.code(), again.toString());
    assertTrue(again.err().contains("holds files already"), again.err());
  }

  @Test
  void jmhsListOptionListsTheBenchmarksInsteadOfRunningThem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      BenchMain.main(new String[] {"shared-state", "-l"});
    } finally {
      System.setOut(saved);
    }
    String listed = out.toString(StandardCharsets.UTF_8);
    assertTrue(listed.contains("org.framefork.bench.sharedstate.ProgressCounterBenchmark.sharedAtomic"), listed);
    assertFalse(listed.contains("# Warmup"), "listed, not run:\n" + listed);
  }
}
