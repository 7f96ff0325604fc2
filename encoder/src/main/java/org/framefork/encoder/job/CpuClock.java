package org.framefork.encoder.job;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time. A chunk's decoder, filters and encoder (one codec thread per
 * chunk) all run on its worker's thread, so this measures what the chunk cost the machine, which
 * wall time on a shared or oversubscribed machine does not.
 */
public final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  private CpuClock() {}

  /** The calling thread's CPU time in nanoseconds; -1 where the JVM cannot tell. */
  public static long nanos() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** Nanoseconds of CPU since {@code start} (a value of {@link #nanos}); -1 where unknown. */
  public static long since(long start) {
    return start < 0 ? -1 : nanos() - start;
  }
}
