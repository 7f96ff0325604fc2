package org.framefork.encoder.kernels.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tone curves' shape: what SDR keeps, where the source's peak lands, that nothing folds back. */
class HdrToSdrCurveTest {
  @Test
  void bt2390KeepsLightBelowItsKneeAndPutsThePeakAtSdrWhite() {
    HdrToSdr m = new HdrToSdr(HdrToSdr.Curve.BT2390, 1000);
    // 1.0 is 100 cd/m²: 10 and 30 cd/m² lie below the knee of a 1000 cd/m² source and pass unchanged.
    assertEquals(0.1, m.map(0.1), 1e-3);
    assertEquals(0.3, m.map(0.3), 2e-3);
    assertEquals(1.0, m.map(10), 1e-3);
    assertEquals(1.0, m.map(40), 1e-3, "above the peak: SDR white");
    assertMonotonic(m, 10);
  }

  @Test
  void hableMapsThePeakToWhiteAndCompressesTheMiddle() {
    HdrToSdr m = new HdrToSdr(HdrToSdr.Curve.HABLE, 1000);
    assertEquals(1.0, m.map(10), 1e-9);
    double mid = m.map(1.0);
    // FFmpeg's tonemap=hable (peak 10) gives 0.326 for 105.7 cd/m²; its curve at 100 cd/m² is 0.312.
    assertEquals(0.3124, mid, 1e-3);
    assertMonotonic(m, 10);
  }

  @Test
  void curvesAreNamedAsOnTheCommandLine() {
    assertEquals(HdrToSdr.Curve.BT2390, HdrToSdr.Curve.parse("bt2390"));
    assertEquals(HdrToSdr.Curve.HABLE, HdrToSdr.Curve.parse("Hable"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HdrToSdr.Curve.parse("reinhard")).getMessage()
        .contains("give bt2390 or hable"));
  }

  private static void assertMonotonic(HdrToSdr m, double peak) {
    double last = -1;
    for (int i = 0; i <= 2000; i++) {
      double v = m.map(peak * i / 2000.0);
      assertTrue(v >= last - 1e-12, "falls at " + peak * i / 2000.0);
      last = v;
    }
  }
}
