package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The clean-up a halt does first (a second Ctrl-C, or a job that did not stop in time) is best
 * effort: one that hangs (a removal on a network share that stopped answering) does not hold the
 * halt back past {@link InterruptGuard#ABANDON_WAIT_MILLIS}.
 */
class InterruptGuardCleanUpTest {
  @Test
  void aCleanUpThatHangsIsLeftAfterItsWait() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean daemon = new AtomicBoolean();
    long t0 = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> InterruptGuard.runAtMost(() -> {
      daemon.set(Thread.currentThread().isDaemon());
      started.countDown();
      try {
        never.await(); // as an unlink on a hung share
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, InterruptGuard.ABANDON_WAIT_MILLIS));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(started.await(1, TimeUnit.SECONDS));
    assertTrue(waited >= InterruptGuard.ABANDON_WAIT_MILLIS - 50, waited + " ms: it was given its time");
    assertTrue(daemon.get(), "a daemon thread, which does not keep the JVM up");
    never.countDown();
  }

  @Test
  void aCleanUpThatFinishesIsWaitedForAndNoLonger() {
    AtomicBoolean done = new AtomicBoolean();
    long t0 = System.nanoTime();
    InterruptGuard.runAtMost(() -> done.set(true), InterruptGuard.ABANDON_WAIT_MILLIS);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(done.get(), "it ran before runAtMost returned");
    assertFalse(waited >= InterruptGuard.ABANDON_WAIT_MILLIS, waited + " ms");
  }
}
