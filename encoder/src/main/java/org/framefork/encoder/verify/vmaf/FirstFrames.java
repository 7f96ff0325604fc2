package org.framefork.encoder.verify.vmaf;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Scores the first frames a JVM scores with VMAF one at a time. Until C2 has compiled the Vector
 * API kernels they run as interpreted and C1 code in which every vector operation allocates: the
 * first 1080p frame costs 3.3-4.4 s of CPU where a compiled one costs 35 ms
 * (bench/results/vmaf-speed-2026-12-06.md). Threads that start scoring together, a job's workers
 * in their first target-quality probes or {@code compare -j}, would each pay that; here the others
 * wait, using no CPU, and then run the compiled code. Once {@link #FRAMES} frames are scored, frames
 * run side by side.
 */
final class FirstFrames {
  /** The frames scored one at a time: C2 has compiled the kernels during the first (measured: the second costs 0.1-0.2 s, the third 35-50 ms). */
  static final int FRAMES = 2;
  /** The JVM's. */
  static final FirstFrames JVM = new FirstFrames();

  private final ReentrantLock turn = new ReentrantLock();
  private volatile boolean warm;
  /** Frames scored, while not warm; guarded by {@code turn}. */
  private int scored;

  /** Runs {@code frame}, the scoring of one frame: alone until {@link #FRAMES} frames are scored. */
  void score(Runnable frame) {
    if (warm) {
      frame.run();
      return;
    }
    turn.lock();
    try {
      frame.run();
      if (++scored >= FRAMES) {
        warm = true;
      }
    } finally {
      turn.unlock();
    }
  }

  boolean warm() {
    return warm;
  }
}
