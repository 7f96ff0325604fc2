package org.framefork.app.health;

import java.awt.EventQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.framefork.app.AppLog;

/**
 * Android's ANR check for Swing: a thread posts a ping to the EDT and, when the ping has not run
 * after the threshold, takes the EDT's stack trace (what it is stuck in). The report is logged at
 * once and handed to the UI when the EDT answers again, since the UI cannot show anything before.
 */
public final class EdtWatchdog {
  private final long thresholdNanos;
  private final Thread thread;
  private final List<UiBlock> blocks = new ArrayList<>(); // EDT-confined
  private final List<Consumer<UiBlock>> listeners = new ArrayList<>(); // EDT-confined

  private final Object lock = new Object();
  // Guarded by lock: the ping in flight, the EDT as the last ping saw it, a block caught but not yet over.
  private long pingPostedAt;
  private boolean pingPending;
  private Thread edt;
  private StackTraceElement[] caughtStack;
  private Instant caughtAt;
  private volatile boolean running = true;

  public EdtWatchdog(long thresholdMillis) {
    this.thresholdNanos = thresholdMillis * 1_000_000L;
    this.thread = new Thread(this::watch, "framefork-edt-watchdog");
    thread.setDaemon(true);
  }

  public long thresholdMillis() {
    return thresholdNanos / 1_000_000L;
  }

  public void start() {
    thread.start();
  }

  public void stop() {
    running = false;
    thread.interrupt();
  }

  /** Called on the EDT when a block is over. */
  public void addListener(Consumer<UiBlock> onBlock) {
    listeners.add(onBlock);
  }

  /** Blocks seen so far (EDT only). */
  public List<UiBlock> blocks() {
    return List.copyOf(blocks);
  }

  private void watch() {
    // Checked ten times per threshold, so a block is caught within 10% of it.
    long checkMillis = Math.max(10, Math.min(100, thresholdNanos / 10_000_000L));
    while (running) {
      Thread blocked = null;
      long postedAt = 0;
      synchronized (lock) {
        long now = System.nanoTime();
        if (!pingPending) {
          pingPending = true;
          pingPostedAt = now;
          EventQueue.invokeLater(this::pong);
        } else if (caughtStack == null && now - pingPostedAt > thresholdNanos && edt != null) {
          blocked = edt;
          postedAt = pingPostedAt;
        }
      }
      if (blocked != null) {
        // Taken outside the lock: a stack trace waits for a safepoint, and the EDT's pong needs the lock.
        StackTraceElement[] stack = blocked.getStackTrace();
        Instant at = Instant.now();
        boolean stillBlocked;
        synchronized (lock) {
          stillBlocked = pingPending && pingPostedAt == postedAt && caughtStack == null;
          if (stillBlocked) {
            caughtStack = stack;
            caughtAt = at;
          }
        }
        if (stillBlocked) {
          AppLog.warn(String.format("UI thread (%s) blocked for more than %.1f s; its stack:%n%s", blocked.getName(),
              thresholdNanos / 1e9, new UiBlock(at, 0, thresholdMillis(), blocked.getName(), stack).stackText()));
        }
      }
      try {
        Thread.sleep(checkMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void pong() {
    UiBlock block = null;
    synchronized (lock) {
      // The EDT can be replaced after an uncaught exception: the stack to take is the current one's.
      edt = Thread.currentThread();
      if (caughtStack != null) {
        long blockedMillis = (System.nanoTime() - pingPostedAt) / 1_000_000L;
        block = new UiBlock(caughtAt, blockedMillis, thresholdMillis(), edt.getName(), caughtStack);
        caughtStack = null;
      }
      pingPending = false;
    }
    if (block != null) {
      AppLog.warn(block.summary() + "; it answers again");
      blocks.add(block);
      for (Consumer<UiBlock> l : listeners) {
        l.accept(block);
      }
    }
  }
}
