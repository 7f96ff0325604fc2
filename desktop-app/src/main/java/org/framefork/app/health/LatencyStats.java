package org.framefork.app.health;

/**
 * UI-thread heartbeat latencies over a span of time.
 *
 * @param samples heartbeats that ran in the span
 * @param skippedFrames heartbeats that ran later than one frame (16 ms) after they were posted:
 *     each is a frame the UI could not have drawn on time
 */
public record LatencyStats(int samples, double p50Ms, double p99Ms, double maxMs, int skippedFrames) {
  public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0, 0);

  /** Nearest-rank percentiles of {@code micros[0..n)}; sorts the array in place. */
  static LatencyStats of(int[] micros, int n, long frameMicros) {
    if (n == 0) {
      return NONE;
    }
    java.util.Arrays.sort(micros, 0, n);
    int skipped = 0;
    for (int i = 0; i < n; i++) {
      if (micros[i] > frameMicros) {
        skipped++;
      }
    }
    return new LatencyStats(n, rank(micros, n, 0.50) / 1000.0, rank(micros, n, 0.99) / 1000.0, micros[n - 1] / 1000.0, skipped);
  }

  private static int rank(int[] sorted, int n, double p) {
    int i = (int) Math.ceil(p * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, i))];
  }
}
