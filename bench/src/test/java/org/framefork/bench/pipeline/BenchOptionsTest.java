package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {
  @TempDir Path dir;

  private static String refused(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args)).getMessage();
  }

  @Test
  void theHelpOfSkipNamesEverySectionInOrder() {
    String help = String.join(" ", BenchOptions.commandLine(new BenchOptions.Flags()).getCommandSpec()
        .findOption("--skip").description());
    String listed = help.substring(help.indexOf(": ") + 2).replaceAll("\\.$", "");
    assertEquals(BenchOptions.SECTIONS, java.util.List.of(listed.split(", ")), help);
  }

  @Test
  void wrongPlacesAndCountsAreRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    assertEquals("--out " + file + ": is a file; give a folder for the report", refused("--out", file.toString()));
    Path earlier = Files.createDirectories(dir.resolve("earlier"));
    Files.writeString(earlier.resolve("report.md"), "an earlier run");
    assertTrue(refused("--out", earlier.toString()).contains("holds files already"));
    // An empty folder, or one not there yet, is fine.
    assertEquals(dir.resolve("empty"), BenchOptions.parse("--out", Files.createDirectories(dir.resolve("empty")).toString()).out());
    assertEquals(dir.resolve("new"), BenchOptions.parse("--out", dir.resolve("new").toString()).out());

    assertTrue(refused("--input", dir.toString()).contains("is a folder"));
    assertTrue(refused("--skip", String.join(",", BenchOptions.SECTIONS)).contains("nothing to run"));
    int cores = Runtime.getRuntime().availableProcessors();
    assertTrue(refused("--max-workers", "100000").startsWith("--max-workers 100000: give 1 to " + 8 * cores));
    assertEquals(8 * cores, BenchOptions.parse("--max-workers", Integer.toString(8 * cores)).maxWorkers(cores));
    assertTrue(refused("--launcher", dir.resolve("nope").toString()).contains("not an executable file"));
    assertEquals(dir.resolve("nope"), BenchOptions.parse("--launcher", dir.resolve("nope").toString(), "--skip", "ui").launcher());
  }
  @Test
  void aFullRunRepeatsThreeTimesAtTheEnginesDefaults() {
    BenchOptions o = BenchOptions.parse();
    assertFalse(o.quick());
    assertEquals(3, o.repeat());
    assertEquals("medium", o.preset());
    assertEquals(23, o.crf());
    assertEquals(8, o.maxWorkers(4));
    assertTrue(o.runs("ui"));
  }

  @Test
  void quickRunsOnceAtUltrafastUnlessTold() {
    BenchOptions o = BenchOptions.parse("--quick");
    assertEquals(1, o.repeat());
    assertEquals("ultrafast", o.preset());
    BenchOptions told = BenchOptions.parse("--quick", "--repeat", "2", "--preset", "veryfast", "--max-workers", "3");
    assertEquals(2, told.repeat());
    assertEquals("veryfast", told.preset());
    assertEquals(3, told.maxWorkers(4));
  }

  @Test
  void skipTakesKnownSectionsOnly() {
    BenchOptions o = BenchOptions.parse("--skip", "ui,kernels", "--out", dir.resolve("x").toString());
    assertEquals(Set.of("ui", "kernels"), o.skip());
    assertEquals(dir.resolve("x"), o.out());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--skip", "gpu"));
    assertTrue(e.getMessage().contains("no such section"), e.getMessage());
  }

  @Test
  void mistakesReadAsOneLineThatSaysWhatToDo() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--repeat", "0")).getMessage()
        .contains("use 1 or more"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--input", "/no/such.mp4")).getMessage()
        .contains("no such file"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast")).getMessage()
        .contains("unknown option"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--out")).getMessage()
        .contains("needs a value"));
    // Checked with the other options, before the header and the warm-up encode.
    assertEquals("--preset fastest: use one of ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--preset", "fastest")).getMessage());
    assertEquals("--crf x: not a whole number",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--crf", "x")).getMessage());
  }
}
