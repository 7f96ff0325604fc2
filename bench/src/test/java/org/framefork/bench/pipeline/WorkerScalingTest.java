package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.framefork.encoder.report.ChunkTiming;
import org.junit.jupiter.api.Test;

class WorkerScalingTest {
  private static WorkerScaling.Row row(int workers, double wall, double serial, double chunks, double idle, double tail, double oneWall) {
    double speedup = oneWall / wall;
    return new WorkerScaling.Row(workers, 4, wall, Double.NaN, Double.NaN, speedup, speedup / workers, Double.NaN, Double.NaN,
        wall - serial, serial, chunks, idle, tail);
  }

  @Test
  void lossesAccountForEveryCoreSecondTheOneWorkerRunDidNotNeed() {
    WorkerScaling.Row one = row(1, 20, 0.1, 19.8, 0.1, 0, 20);
    WorkerScaling.Row two = row(2, 11, 0.1, 20.4, 1.2, 0.8, 20);
    WorkerScaling.Losses l = WorkerScaling.Losses.of(one, two);
    double available = 2 * 11;
    assertEquals(20 / available, l.efficiency(), 1e-12);
    assertEquals((2 * 0.1 - 0.1) / available, l.serial(), 1e-12);
    assertEquals(0.6 / available, l.slowerChunks(), 1e-12);
    assertEquals(0.8 / available, l.tailIdle(), 1e-12);
    assertEquals((0.4 - 0.1) / available, l.otherIdle(), 1e-12);
    // 22 core-seconds available, 20 needed: the parts above explain 1.8 of the 2 lost.
    assertEquals(0.2 / available, l.other(), 1e-12);
    assertEquals(1, l.efficiency() + l.serial() + l.slowerChunks() + l.tailIdle() + l.otherIdle() + l.other(), 1e-12);
  }

  @Test
  void tailIdleCountsEachWorkerFromItsLastChunkToTheEndOfTheStage() {
    List<ChunkTiming> times = List.of(
        new ChunkTiming(0, 0, 80, 0, 0.0, 6.0, 1, 1),
        new ChunkTiming(1, 80, 80, 1, 0.0, 5.0, 1, 1),
        new ChunkTiming(2, 160, 70, 0, 6.1, 5.4, 1, 1), // worker 0 ends at 11.5
        new ChunkTiming(3, 230, 70, 1, 5.1, 6.7, 1, 1)); // worker 1 ends at 11.8
    assertEquals(0.3 + 0.0, PipelineRunner.tailIdle(2, 11.8, times), 1e-9);
    // A third worker that got no chunk waited the whole stage.
    assertEquals(0.3 + 11.8, PipelineRunner.tailIdle(3, 11.8, times), 1e-9);
  }
}
