package org.framefork.encoder.job;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time. A chunk's decoder and filters run on its worker's thread, and so
 * does its encode where {@link org.framefork.encoder.encode.EncodeSettings#encodesOnCallingThread
 * the codec works on the calling thread}: there this measures what the chunk cost the machine,
 * which wall time on a shared or oversubscribed machine does not.
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

  /** Seconds of CPU since {@code start}; NaN where unknown, so that a sum of them is unknown too. */
  public static double secondsSince(long start) {
    return start < 0 ? Double.NaN : (nanos() - start) / 1e9;
  }
}
