package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.bench.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineHarnessTest {
  @Test
  void theCommitResultsJsonRecordsIsTheHashAlone() {
    // QA: "commit": "commit 30a8aaaf42"; report.md's machine table says "commit" itself.
    String commit = PipelineHarness.commitOf(BenchMain.checkoutRoot());
    assertTrue(commit.matches("[0-9a-f]{10}(-dirty)?"), commit);
  }

  @Test
  void theReportIsPublishedLast() {
    List<Path> files = List.of(Path.of("s/report.md"), Path.of("s/workers.csv"), Path.of("s/kernels.md"), Path.of("s/speedup.png"));
    assertEquals(List.of(Path.of("s/kernels.md"), Path.of("s/speedup.png"), Path.of("s/workers.csv"), Path.of("s/report.md")),
        PipelineHarness.publishOrder(files));
  }

  @Test
  void aPublishCutShortLeavesNoReport(@TempDir Path dir) throws Exception {
    Path staging = Files.createDirectories(dir.resolve(".partial-x"));
    Path out = Files.createDirectories(dir.resolve("out"));
    for (String name : List.of("a.csv", "report.md", "results.json", "zz.png")) {
      Files.writeString(staging.resolve(name), name);
    }
    // Every file but the report meets a folder that holds something: its move fails.
    for (String name : List.of("a.csv", "results.json", "zz.png")) {
      Files.writeString(Files.createDirectories(out.resolve(name)).resolve("x"), "x");
    }
    assertThrows(PipelineHarness.NotPublished.class, () -> PipelineHarness.publish(staging, out));
    assertFalse(Files.exists(out.resolve("report.md")), "a report whose files did not come");
    assertTrue(Files.exists(staging.resolve("report.md")));
  }

  @Test
  void onceInterruptedNoSectionStartsAndNoProgressIsPrinted() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    PipelineHarness h = new PipelineHarness(BenchOptions.parse("--quick", "--skip", "ui"), BenchMain.checkoutRoot(), out);
    boolean[] ran = {false};
    h.section("modes", "1. modes", why -> List.of(), () -> {
      ran[0] = true;
      return Section.notRun("modes", "1. modes", "test", List.of());
    });
    assertTrue(ran[0]);
    h.section("ui", "7. ui", why -> List.of(), () -> null);
    assertEquals("7/9 ui: skipped (--skip ui)\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    h.markInterrupted();
    ran[0] = false;
    assertThrows(PipelineHarness.Interrupted.class, () -> h.section("modes", "1. modes", why -> List.of(), () -> {
      ran[0] = true;
      return null;
    }));
    assertThrows(PipelineHarness.Interrupted.class, () -> h.section("ui", "7. ui", why -> List.of(), () -> null));
    assertFalse(ran[0], "a section started after the interrupt");
    assertEquals("7/9 ui: skipped (--skip ui)\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8),
        "progress printed after the interrupt");
  }

  @Test
  void theReportsDateSaysItsTimeZone() {
    assertEquals("2026-12-07 21:05 UTC", PipelineHarness.started(java.time.Instant.parse("2026-12-07T21:05:59Z")));
    assertEquals("2026-12-07 21:30 UTC", PipelineHarness.started(java.time.OffsetDateTime.parse("2026-12-07T23:30:00+02:00")
        .toInstant()));
  }
}
