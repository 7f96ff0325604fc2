package org.framefork.encoder.cluster;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The times this JVM stood still as a whole: SIGSTOP, a suspended VM or laptop, a long GC pause. A
 * daemon thread ticks every {@link #TICK_NANOS}; a gap of over {@link #GAP_NANOS} between two ticks
 * is a time no thread of the JVM ran (or a machine so loaded that a thread that asks for 1 % of a
 * core got none for a second). Ignite's blocked-thread detector sees every one of its threads
 * "blocked" through such a time; {@link #stoodStillNanos} tells that apart from one thread that
 * stalled while the others ran.
 */
final class JvmPauses {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Gaps kept: a JVM that stood still more often than this within Ignite's 10 s window is stalled anyway. */
  private static final int KEPT = 32;
  private static JvmPauses shared;

  private final LongSupplier clock;
  /** The gaps seen, {start, end} in the clock's nanoseconds, oldest first. */
  private final ArrayDeque<long[]> gaps = new ArrayDeque<>();
  private long lastTick;

  JvmPauses(LongSupplier clock) {
    this.clock = clock;
    this.lastTick = clock.getAsLong();
  }

  /** The JVM's clock: its thread ("framefork-pause-clock", one per JVM) starts on the first call. */
  static synchronized JvmPauses shared() {
    if (shared == null) {
      shared = new JvmPauses(System::nanoTime);
      Thread.ofPlatform().daemon().name("framefork-pause-clock").start(shared::run);
    }
    return shared;
  }

  private void run() {
    while (true) {
      try {
        TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
      } catch (InterruptedException e) {
        return;
      }
      tick();
    }
  }

  /** The clock thread ran now. */
  synchronized void tick() {
    long now = clock.getAsLong();
    if (now - lastTick > GAP_NANOS) {
      if (gaps.size() == KEPT) {
        gaps.removeFirst();
      }
      gaps.addLast(new long[] {lastTick + TICK_NANOS, now});
    }
    lastTick = now;
  }

  /**
   * How much of the last {@code windowNanos} the JVM stood still: the gaps within it, and the one
   * still open when the clock thread has not run since the JVM woke (Ignite's detector may speak first).
   */
  synchronized long stoodStillNanos(long windowNanos) {
    long now = clock.getAsLong();
    long from = now - windowNanos;
    long total = now - lastTick > GAP_NANOS ? overlap(lastTick + TICK_NANOS, now, from) : 0;
    for (long[] gap : gaps) {
      total += overlap(gap[0], gap[1], from);
    }
    return total;
  }

  private static long overlap(long start, long end, long from) {
    return Math.max(0, end - Math.max(start, from));
  }
}
