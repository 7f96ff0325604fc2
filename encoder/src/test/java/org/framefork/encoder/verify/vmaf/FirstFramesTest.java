package org.framefork.encoder.verify.vmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The JVM's first VMAF frames are scored one at a time, and the frames after them side by side. */
class FirstFramesTest {
  private static final int THREADS = 4;

  @Test
  void theFirstFramesRunAloneAndTheRestSideBySide() throws Exception {
    FirstFrames gate = new FirstFrames();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger coldFrames = new AtomicInteger();
    AtomicInteger overlapsWhileCold = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      // Four threads start a frame each at once, as a job's workers start their first probes.
      CyclicBarrier together = new CyclicBarrier(THREADS);
      List<Future<?>> first = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        first.add(pool.submit(() -> {
          together.await(5, TimeUnit.SECONDS);
          gate.score(() -> {
            boolean cold = !gate.warm();
            int n = inside.incrementAndGet();
            sleep(100);
            if (cold) {
              coldFrames.incrementAndGet();
              if (n != 1 || inside.get() != 1) {
                overlapsWhileCold.incrementAndGet();
              }
            }
            inside.decrementAndGet();
          });
          return null;
        }));
      }
      for (Future<?> f : first) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertTrue(gate.warm(), "warm after " + THREADS + " frames");
      assertEquals(FirstFrames.FRAMES, coldFrames.get(), "the frames scored before the gate opened");
      assertEquals(0, overlapsWhileCold.get(), "a first frame ran beside another");
      // Warm: four frames that each wait for the other three can only finish side by side.
      CyclicBarrier meet = new CyclicBarrier(THREADS);
      List<Future<?>> later = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        later.add(pool.submit(() -> {
          gate.score(() -> {
            try {
              meet.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("the warm frames did not run side by side", e);
            }
          });
          return null;
        }));
      }
      for (Future<?> f : later) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertFalse(meet.isBroken());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFrameThatFailsStillLetsTheOthersGo() throws Exception {
    FirstFrames gate = new FirstFrames();
    try {
      gate.score(() -> {
        throw new IllegalStateException("a damaged picture");
      });
    } catch (IllegalStateException expected) {
      // The caller sees the failure; the turn is free again.
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicInteger ran = new AtomicInteger();
      pool.submit(() -> gate.score(ran::incrementAndGet)).get(5, TimeUnit.SECONDS);
      assertEquals(1, ran.get());
      assertFalse(gate.warm(), "a failed frame is not counted");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
