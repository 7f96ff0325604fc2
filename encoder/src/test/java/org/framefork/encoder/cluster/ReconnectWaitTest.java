package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgniteFutureTimeoutException;
import org.framefork.encoder.job.JobCancelledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A coordinator's wait for its reconnect: a stop or an interrupt ends it as a cancel, never as a lost cluster. */
@Timeout(30)
class ReconnectWaitTest {
  @Test
  void aReconnectThatComesOrNot() {
    assertTrue(ClusterSession.awaitReconnect(future(true), 1_000, () -> false));
    long t0 = System.nanoTime();
    assertFalse(ClusterSession.awaitReconnect(future(false), 700, () -> false));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(took >= 650 && took < 3_000, took + " ms");
  }

  @Test
  void anInterruptCancelsTheWaitAndIsKept() {
    Thread.currentThread().interrupt();
    assertCancelledKeepingTheInterrupt();
  }

  private static void assertCancelledKeepingTheInterrupt() {
    try {
      assertThrows(JobCancelledException.class,
          () -> ClusterSession.awaitReconnect(future(false), 20_000, () -> false));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptWhileWaitingCancelsIt() throws Exception {
    Thread waiter = Thread.currentThread();
    Thread.ofVirtual().start(() -> {
      sleep(300);
      waiter.interrupt();
    });
    long t0 = System.nanoTime();
    assertCancelledKeepingTheInterrupt();
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5_000);
  }

  @Test
  void aStopEndsTheWaitWithinItsPoll() {
    AtomicBoolean stop = new AtomicBoolean();
    Thread.ofVirtual().start(() -> {
      sleep(300);
      stop.set(true);
    });
    long t0 = System.nanoTime();
    assertThrows(JobCancelledException.class,
        () -> ClusterSession.awaitReconnect(future(false), 20_000, stop::get));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(took < 2_000, took + " ms: the wait looks at stop every 200 ms");
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /**
   * A reconnect future, done or never done, that waits as Ignite's does: its get times out, or
   * throws IgniteInterruptedException when the thread is interrupted. (Ignite's own future class
   * needs the JVM flags that only the node processes get.)
   */
  private static IgniteFuture<?> future(boolean done) {
    return (IgniteFuture<?>) java.lang.reflect.Proxy.newProxyInstance(IgniteFuture.class.getClassLoader(),
        new Class<?>[] {IgniteFuture.class}, (proxy, method, args) -> switch (method.getName()) {
          case "isDone" -> done;
          case "get" -> {
            if (done) {
              yield null;
            }
            try {
              Thread.sleep(((TimeUnit) args[1]).toMillis((Long) args[0]));
            } catch (InterruptedException e) {
              throw new IgniteInterruptedException(e);
            }
            throw new IgniteFutureTimeoutException("timed out");
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
