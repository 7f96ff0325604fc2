package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One port check per node and second, whichever of the lanes that wait on the node's chunks makes it. */
class PortChecksTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void oneLanePerNodeAndIntervalChecksItsPort() {
    PortChecks checks = new PortChecks(SECOND);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    long t0 = 5 * SECOND;
    assertTrue(checks.due(a, t0), "the first lane checks");
    assertFalse(checks.due(a, t0 + 1), "a second lane of the same node waits");
    assertFalse(checks.due(a, t0 + SECOND - 1));
    assertTrue(checks.due(b, t0 + 1), "another node is checked on its own");
    assertTrue(checks.due(a, t0 + SECOND), "a second later, a lane checks again");
    assertFalse(checks.due(a, t0 + SECOND + 100_000_000L));
  }

  @Test
  void ofNineLanesWaitingAtOnceOneChecks() throws Exception {
    PortChecks checks = new PortChecks(SECOND);
    UUID node = UUID.randomUUID();
    long now = System.nanoTime();
    ExecutorService lanes = Executors.newFixedThreadPool(9);
    try {
      var calls = IntStream.range(0, 9).mapToObj(i -> (Callable<Boolean>) () -> checks.due(node, now)).toList();
      long due = 0;
      for (Future<Boolean> f : lanes.invokeAll(calls)) {
        due += f.get() ? 1 : 0;
      }
      assertEquals(1, due);
    } finally {
      lanes.shutdownNow();
    }
  }
}
