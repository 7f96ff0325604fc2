package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.framefork.encoder.report.ChunkTiming;
import org.junit.jupiter.api.Test;

class WorkerScalingTest {
  private static Trial trial(int run, int workers, double wall, double serial, double chunks, double idle, double tail) {
    return new Trial(workers + " workers", run, wall, Double.NaN, 300, 1, 4, workers, wall - serial, serial, 0, chunks, idle, tail, 0);
  }

  @Test
  void lossesAccountForEveryCoreSecondTheOneWorkerRunDidNotNeed() {
    Trial one = trial(1, 1, 20, 0.1, 19.8, 0.1, 0);
    Trial two = trial(1, 2, 11, 0.1, 20.4, 1.2, 0.8);
    WorkerScaling.Losses l = WorkerScaling.Losses.of(one, two, 2);
    double available = 2 * 11;
    assertEquals(20 / available, l.efficiency(), 1e-12);
    assertEquals((2 * 0.1 - 0.1) / available, l.serial(), 1e-12);
    assertEquals(0.6 / available, l.slowerChunks(), 1e-12);
    assertEquals(0.8 / available, l.tailIdle(), 1e-12);
    assertEquals((0.4 - 0.1) / available, l.otherIdle(), 1e-12);
    // 22 core-seconds available, 20 needed: the parts above explain 1.8 of the 2 lost.
    assertEquals(0.2 / available, l.other(), 1e-12);
    // The measured parts explain no more than was lost (`other` is the rest, so a sum with it would prove nothing).
    assertTrue(l.serial() + l.slowerChunks() + l.tailIdle() + l.otherIdle() <= 1 - l.efficiency());
  }

  @Test
  void theMedianOfRoundsTakesEachPartsMedianAndLeavesTheRestOver() {
    List<WorkerScaling.Losses> rounds = List.of(
        new WorkerScaling.Losses(2, 0.90, 0.01, 0.05, 0.03, 0.00, 0.01),
        new WorkerScaling.Losses(2, 0.96, 0.01, 0.01, 0.01, 0.01, 0.00),
        new WorkerScaling.Losses(2, 0.93, 0.02, 0.02, 0.02, 0.00, 0.01));
    WorkerScaling.Losses m = WorkerScaling.Losses.median(rounds, 2);
    assertEquals(0.93, m.efficiency(), 1e-12);
    assertEquals(0.01, m.serial(), 1e-12);
    assertEquals(0.02, m.slowerChunks(), 1e-12);
    assertEquals(0.02, m.tailIdle(), 1e-12);
    assertEquals(0.00, m.otherIdle(), 1e-12);
    assertEquals(1 - 0.93 - 0.01 - 0.02 - 0.02, m.other(), 1e-12);
  }

  @Test
  void pairedRatiosCompareRunsOfTheSameRound() {
    // The machine ran 20% slower in round 2; each round the 2-worker run took 52% of the 1-worker run.
    TrialStats one = new TrialStats("1", List.of(trial(1, 1, 20, 0, 0, 0, 0), trial(2, 1, 24, 0, 0, 0, 0), trial(3, 1, 21, 0, 0, 0, 0)), null);
    TrialStats two = new TrialStats("2", List.of(trial(1, 2, 10.4, 0, 0, 0, 0), trial(2, 2, 12.48, 0, 0, 0, 0),
        trial(3, 2, 10.92, 0, 0, 0, 0)), null);
    assertEquals(1 / 0.52, TrialStats.pairedWallRatio(one, two), 1e-9);
    // The ratio of the medians mixes rounds: 21 / 10.92 here, the same by luck; with round 3 of the
    // 2-worker run slowed down it would not be, while the paired median stays with the other rounds.
    TrialStats twoSlowed = new TrialStats("2", List.of(two.trials().get(0), two.trials().get(1), trial(3, 2, 13, 0, 0, 0, 0)), null);
    assertEquals(1 / 0.52, TrialStats.pairedWallRatio(one, twoSlowed), 1e-9);
    // Each round's ratio, in round order, as the claims print them.
    assertEquals("1.92, 1.92, 1.62", TrialStats.roundsText(TrialStats.pairedRatios(one, twoSlowed, Trial::wallSeconds)));
    // A round that could not tell (NaN, e.g. a CPU time that did not parse) is left out of the median, not sorted last.
    assertEquals(2.0, TrialStats.median(new double[] {1, Double.NaN, 3}), 1e-12);
    assertTrue(Double.isNaN(TrialStats.median(new double[] {Double.NaN})));
    // A round one side lacks is left out.
    TrialStats twoShort = new TrialStats("2", List.of(two.trials().get(0)), null);
    assertEquals(1 / 0.52, TrialStats.pairedWallRatio(one, twoShort), 1e-9);
  }

  @Test
  void tailIdleCountsEachWorkerFromItsLastChunkToTheEndOfTheStage() {
    List<ChunkTiming> times = List.of(
        new ChunkTiming(0, 0, 80, 0, 0.0, 6.0, 6.0, 1, 1),
        new ChunkTiming(1, 80, 80, 1, 0.0, 5.0, 5.0, 1, 1),
        new ChunkTiming(2, 160, 70, 0, 6.1, 11.5, 5.4, 1, 1),
        new ChunkTiming(3, 230, 70, 1, 5.1, 11.8, 4.2, 1, 2)); // a retry: its last attempt took 4.2 s
    assertEquals(0.3 + 0.0, PipelineRunner.tailIdle(2, 11.8, times), 1e-9);
    // A third worker that got no chunk waited the whole stage.
    assertEquals(0.3 + 11.8, PipelineRunner.tailIdle(3, 11.8, times), 1e-9);
  }
}
