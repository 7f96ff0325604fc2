package org.framefork.app.health;

import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the UI thread takes to answer. A timer thread posts a heartbeat to the EDT every
 * 16 ms (one frame at 60 Hz) and the heartbeat records how long it waited in the event queue: what
 * a click or a repaint posted at that moment would have waited.
 *
 * <p>A heartbeat is posted every tick even while earlier ones still wait, so a blocked UI thread
 * shows as a run of late heartbeats (each with the delay it really had), not as one sample.
 * Samples are written and read on the EDT only.
 */
public final class HeartbeatMonitor {
  public static final long PERIOD_MICROS = 16_000;
  private static final int MAX_SAMPLES = 1 << 20;

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "framefork-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final List<Runnable> listeners = new ArrayList<>();
  // EDT-confined: when each heartbeat was posted (nanoTime) and how long it waited (µs).
  private long[] postedAt = new long[4096];
  private int[] latencyMicros = new int[4096];
  private int count;
  private int skippedTotal;

  public void start() {
    ticker.scheduleAtFixedRate(() -> {
      long posted = System.nanoTime();
      EventQueue.invokeLater(() -> record(posted, System.nanoTime()));
    }, 0, PERIOD_MICROS, TimeUnit.MICROSECONDS);
  }

  public void stop() {
    ticker.shutdownNow();
  }

  /** Called on the EDT after each heartbeat. */
  public void addListener(Runnable onBeat) {
    listeners.add(onBeat);
  }

  private void record(long posted, long ran) {
    if (count == postedAt.length) {
      if (count == MAX_SAMPLES) {
        // Keep the newer half: an app left open for hours must not grow without end.
        int half = count / 2;
        System.arraycopy(postedAt, half, postedAt, 0, count - half);
        System.arraycopy(latencyMicros, half, latencyMicros, 0, count - half);
        count -= half;
      } else {
        postedAt = Arrays.copyOf(postedAt, count * 2);
        latencyMicros = Arrays.copyOf(latencyMicros, count * 2);
      }
    }
    int micros = (int) Math.min(Integer.MAX_VALUE, (ran - posted) / 1000);
    postedAt[count] = posted;
    latencyMicros[count] = micros;
    count++;
    if (micros > PERIOD_MICROS) {
      skippedTotal++;
    }
    for (Runnable l : listeners) {
      l.run();
    }
  }

  /** Heartbeats late by more than a frame since the app started. */
  public int skippedFramesTotal() {
    return skippedTotal;
  }

  /** The latest {@code n} latencies in ms, oldest first. */
  public double[] recentMillis(int n) {
    int k = Math.min(n, count);
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = latencyMicros[count - k + i] / 1000.0;
    }
    return out;
  }

  /** A late heartbeat: posted {@code atSeconds} after the span's start, it waited {@code ms}. */
  public record Late(double atSeconds, double ms) {}

  /** The {@code n} latest-running heartbeats posted in {@code [fromNanos, toNanos]}, in time order. */
  public List<Late> worst(long fromNanos, long toNanos, int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (postedAt[i] >= fromNanos && postedAt[i] <= toNanos) {
        idx.add(i);
      }
    }
    idx.sort((a, b) -> Integer.compare(latencyMicros[b], latencyMicros[a]));
    List<Integer> top = new ArrayList<>(idx.subList(0, Math.min(n, idx.size())));
    top.sort(null);
    List<Late> out = new ArrayList<>();
    for (int i : top) {
      out.add(new Late((postedAt[i] - fromNanos) / 1e9, latencyMicros[i] / 1000.0));
    }
    return out;
  }

  /** Figures for the heartbeats posted in {@code [fromNanos, toNanos]}. */
  public LatencyStats stats(long fromNanos, long toNanos) {
    // Heartbeats run in the order they were posted, so postedAt is sorted: find the window's start.
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (postedAt[mid] < fromNanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < count && postedAt[end] <= toNanos) {
      end++;
    }
    return LatencyStats.of(Arrays.copyOfRange(latencyMicros, lo, end), end - lo, PERIOD_MICROS);
  }
}
