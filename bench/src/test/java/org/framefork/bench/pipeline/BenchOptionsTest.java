package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
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
    BenchOptions o = BenchOptions.parse("--skip", "ui,kernels", "--out", "/tmp/x");
    assertEquals(Set.of("ui", "kernels"), o.skip());
    assertEquals(Path.of("/tmp/x"), o.out());
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
