package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Split-off chunks vary from run to run; the plan's chunks do not. */
class TrialStatsTest {
  /** A 2-worker run of a 3-chunk plan that split {@code splitOff} chunks off running ones. */
  static Trial run(int run, int splitOff) {
    return new Trial("2 workers", run, 10 + run, 19, 300, 1000, 3 + splitOff, 2, 9, 1, 0, 18, 1, 0.5, splitOff);
  }

  @Test
  void eachRunsSplitOffCountIsItsOwnAndThePlansChunksLeaveThemOut() {
    TrialStats s = new TrialStats("2 workers", List.of(run(1, 1), run(2, 0), run(3, 0)), null);
    // The first run split one off; it stood for all three.
    assertArrayEquals(new int[] {1, 0, 0}, s.splitOffs());
    assertEquals(0L, s.splitOff(), "the median over the runs");
    assertEquals("1, 0, 0", s.splitOffText());
    assertEquals(3, s.chunks(), "the plan's chunks, whatever was split off");

    TrialStats even = new TrialStats("2 workers", List.of(run(1, 1), run(2, 2)), null);
    assertEquals(1.5, even.splitOff().doubleValue(), 1e-12);
    assertTrue(even.splitOff() instanceof Double, "a half stays a half");
    TrialStats same = new TrialStats("2 workers", List.of(run(1, 1), run(2, 1)), null);
    assertEquals("1", same.splitOffText(), "one number when every run split as many");
    assertEquals(1L, same.splitOff());
  }

  @Test
  void runsCsvHasEachRunsSplitOffCount() throws java.io.IOException {
    RawTrials raw = new RawTrials();
    raw.add("workers", run(1, 0));
    raw.add("workers", run(2, 2));
    List<Map<String, String>> rows = parse(raw.csv());
    assertEquals(List.of("0", "2"), rows.stream().map(r -> r.get("split_off")).toList());
    assertEquals(List.of("3", "5"), rows.stream().map(r -> r.get("chunks")).toList(), "chunks as each run ran them");
  }

  static List<Map<String, String>> parse(String csv) throws java.io.IOException {
    try (com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
        .readerForMapOf(String.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      return rows.readAll();
    }
  }

  @Test
  void theWorkersTableCountsThePlansChunksAndTheSplitOffApart() {
    Trial one = new Trial("1 worker", 1, 20, 19, 300, 1000, 3, 1, 19, 1, 0, 18.5, 0.5, 0, 0);
    List<TrialStats> stats = List.of(new TrialStats("1 worker", List.of(one), null),
        new TrialStats("2 workers", List.of(run(1, 2)), null));
    List<WorkerScaling.Row> rows = WorkerScaling.rows(stats, new AmdahlFit(1, 20, 2));
    assertEquals(List.of(3, 3), rows.stream().map(WorkerScaling.Row::chunks).toList(), "the same plan at 1 and 2 workers");
    assertEquals(List.of(0L, 2L), rows.stream().map(WorkerScaling.Row::splitOff).toList());
  }
}
