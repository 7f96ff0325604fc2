package org.framefork.app.workers;

import java.awt.EventQueue;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this process's CPU use four times a second on its own thread (reading it costs a system
 * call) and hands each sample, in cores busy, with the time it was taken, to the EDT.
 */
final class ProcessCpuSampler {
  static final long PERIOD_MILLIS = 250;

  /** Receives a sample on the EDT. */
  interface Listener {
    void sample(long at, double busyCores);
  }

  // Looked up on the sampler's thread: the first lookup reads the cgroup files (/proc, /sys).
  private com.sun.management.OperatingSystemMXBean os;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "framefork-cpu-sampler");
    t.setDaemon(true);
    return t;
  });
  private final int cores = Runtime.getRuntime().availableProcessors();

  void start(Listener onSample) {
    timer.scheduleAtFixedRate(() -> {
      if (os == null) {
        os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
      }
      double load = os.getProcessCpuLoad(); // 0..1 of all cores since the last call; negative at first
      long at = System.nanoTime();
      if (load >= 0) {
        double busy = load * cores;
        EventQueue.invokeLater(() -> onSample.sample(at, busy));
      }
    }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    timer.shutdownNow();
  }

  int cores() {
    return cores;
  }
}
