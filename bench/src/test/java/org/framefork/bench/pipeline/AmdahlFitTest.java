package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AmdahlFitTest {
  @Test
  void predictsAmdahlsLawWithTheMeasuredSerialFraction() {
    AmdahlFit fit = new AmdahlFit(1.0, 10.0, 8);
    assertEquals(0.1, fit.serialFraction(), 1e-12);
    assertEquals(1.0, fit.predictedSpeedup(1), 1e-12);
    assertEquals(1 / (0.1 + 0.9 / 4), fit.predictedSpeedup(4), 1e-12);
  }

  @Test
  void workersBeyondTheCoresAddNoProcessors() {
    AmdahlFit fit = new AmdahlFit(0.5, 10.0, 2);
    assertEquals(fit.predictedSpeedup(2), fit.predictedSpeedup(4), 1e-12);
    assertEquals(fit.predictedSpeedup(2), fit.ceiling(), 1e-12);
  }

  @Test
  void karpFlattRecoversTheSerialFractionOfAnAmdahlSpeedup() {
    AmdahlFit fit = new AmdahlFit(0.7, 10.0, 16);
    for (int n = 2; n <= 16; n++) {
      assertEquals(0.07, AmdahlFit.karpFlatt(fit.predictedSpeedup(n), n), 1e-12, "at " + n + " workers");
    }
    assertEquals(Double.NaN, AmdahlFit.karpFlatt(1.0, 1));
  }
}
