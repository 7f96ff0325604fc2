package org.framefork.app.health;

import java.awt.EventQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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

  /** A block the watchdog caught: the ping it was waiting for, and the EDT's stack then. */
  private record Caught(long pingPostedAt, StackTraceElement[] stack, Instant at) {}

  // No lock between the two threads: the EDT must never wait for the watchdog (a watchdog thread
  // preempted while holding a lock the EDT's pong needs is itself a UI stall, which StrictMode reports).
  private volatile long pingPostedAt;
  private final AtomicBoolean pingPending = new AtomicBoolean();
  private volatile Thread edt;
  private final AtomicReference<Caught> caught = new AtomicReference<>();
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
      long now = System.nanoTime();
      if (!pingPending.get()) {
        pingPostedAt = now;
        pingPending.set(true);
        EventQueue.invokeLater(() -> pong(now));
      } else if (caught.get() == null && now - pingPostedAt > thresholdNanos && edt != null) {
        catchBlock(edt, pingPostedAt);
      }
      try {
        Thread.sleep(checkMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Takes the blocked EDT's stack and logs it; the EDT reports the block when it answers the ping. */
  private void catchBlock(Thread blocked, long postedAt) {
    StackTraceElement[] stack = blocked.getStackTrace(); // waits for a safepoint
    Caught c = new Caught(postedAt, stack, Instant.now());
    // Only while that ping is still unanswered; one that was answered meanwhile leaves a stale catch, which its pong ignores.
    if (pingPending.get() && pingPostedAt == postedAt && caught.compareAndSet(null, c)) {
      AppLog.warn(String.format("UI thread (%s) blocked for more than %.1f s; its stack:%n%s", blocked.getName(),
          thresholdNanos / 1e9, new UiBlock(c.at(), 0, thresholdMillis(), blocked.getName(), stack).stackText()));
    }
  }

  private void pong(long postedAt) {
    // The EDT can be replaced after an uncaught exception: the stack to take is the current one's.
    edt = Thread.currentThread();
    Caught c = caught.getAndSet(null);
    pingPending.set(false);
    if (c == null || c.pingPostedAt() != postedAt) {
      return;
    }
    long blockedMillis = (System.nanoTime() - postedAt) / 1_000_000L;
    UiBlock block = new UiBlock(c.at(), blockedMillis, thresholdMillis(), edt.getName(), c.stack());
    AppLog.warn(block.summary() + "; it answers again");
    blocks.add(block);
    for (Consumer<UiBlock> l : listeners) {
      l.accept(block);
    }
  }
}
