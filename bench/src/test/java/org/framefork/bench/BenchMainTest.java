package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
  @TempDir Path dir;

  @Test
  void anInputThatIsNotAVideoIsOneLineAndExitTwoAndLeavesNoReportFolder() throws Exception {
    Path text = Files.writeString(dir.resolve("t.mp4"), "hi\n");
    Path out = dir.resolve("report");
    for (boolean quick : new boolean[] {false, true}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      int code;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        code = quick
            ? BenchMain.harness(new String[] {"--quick", "--input", text.toString(), "--out", out.toString()})
            : BenchMain.harness(new String[] {"--input", text.toString(), "--out", out.toString(), "--skip", "kernels,shared-state,ui"});
      } finally {
        System.setErr(saved);
      }
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, message);
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.startsWith("framefork bench: " + text), message);
      assertFalse(Files.exists(out), "no report folder for a refused input");
    }
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
