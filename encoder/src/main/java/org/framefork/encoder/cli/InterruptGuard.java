package org.framefork.encoder.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.framefork.encoder.job.EncodeJob;

/**
 * Turns Ctrl-C and SIGTERM into {@link EncodeJob#cancel()} of the running job, so that the job
 * removes its partial output and the command can say what happened and exit with 130 (Ctrl-C) or
 * 143 (SIGTERM, as from {@code kill} or a service manager).
 *
 * <p>Both signals are caught with a signal handler so that the JVM keeps running while the job stops
 * and the command prints its summary. A second signal, or a job that does not stop within
 * {@link #STOP_WAIT_SECONDS}, ends the process at once. Other shutdowns (SIGHUP, or a JVM whose
 * handlers could not be set) run a shutdown hook that cancels the job and waits for it the same
 * while.
 */
class InterruptGuard {
  static final int STOP_WAIT_SECONDS = 10;

  private final AtomicReference<Running> running = new AtomicReference<>();
  private final boolean ownsProcess;
  private volatile boolean interrupted;
  private volatile boolean graceful;
  /** The exit code of the signal that asked to stop: 130 for Ctrl-C, 143 for SIGTERM. */
  private volatile int exitCode = Main.EXIT_INTERRUPTED;
  /** When the first signal came. */
  private long firstSignalNanos;
  /** A signal this soon after the first is the same request, delivered twice (see {@link #stop}). */
  static final long REPEAT_NANOS = 500_000_000L;

  private InterruptGuard(boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
  }

  /**
   * A job being watched, the view that shows it (closed at the interrupt, so that nothing of the job
   * is drawn or logged after the interrupt's line), and the latch its thread opens when it has
   * finished cleaning up.
   */
  private record Running(EncodeJob job, ProgressView view, CountDownLatch stopped) {}

  /** A guard that handles no signals and never ends the process: for tests and embedding. */
  static InterruptGuard none() {
    return new InterruptGuard(false);
  }

  /** A guard that owns Ctrl-C and the JVM's shutdown for this process. */
  static InterruptGuard install() {
    InterruptGuard guard = new InterruptGuard(true);
    guard.installSignalHandler();
    Runtime.getRuntime().addShutdownHook(new Thread(guard::onShutdown, "framefork-shutdown"));
    return guard;
  }

  /**
   * From now on Ctrl-C lets the command finish its own way (cancel the job, skip the rest, print
   * the summary). Before, and in commands that never call this (probe), Ctrl-C ends the process.
   */
  void stopGracefully() {
    graceful = true;
  }

  /** Whether Ctrl-C (or a shutdown) asked to stop; later inputs are then skipped. */
  boolean interrupted() {
    return interrupted;
  }

  /** The exit code for a run that was asked to stop: 130 after Ctrl-C, 143 after SIGTERM. */
  int exitCode() {
    return exitCode;
  }

  /**
   * Watches {@code job}, shown by {@code view}, until {@link #finished(EncodeJob)}. Cancels it at
   * once when already interrupted.
   */
  void watch(EncodeJob job, ProgressView view) {
    running.set(new Running(job, view, new CountDownLatch(1)));
    if (interrupted) {
      job.cancel();
    }
  }

  /** The job's thread is done with it (output in place, or cleaned up after a failure). */
  void finished(EncodeJob job) {
    Running r = running.get();
    if (r != null && r.job() == job) {
      running.compareAndSet(r, null);
      r.stopped().countDown();
    }
  }

  /** What Ctrl-C does; package-private so that tests can press it. */
  void interrupt() {
    stop(false);
  }

  /** What Ctrl-C ({@code terminate} false) or SIGTERM (true) does. */
  void stop(boolean terminate) {
    String what = terminate ? "terminated" : "interrupted";
    boolean again;
    synchronized (this) {
      long now = System.nanoTime();
      // Ctrl-C in a terminal reaches the JVM and the launcher, which passes it on: one press, two
      // signals, a moment apart. A repeat within REPEAT_NANOS is that same press.
      if (interrupted && now - firstSignalNanos < REPEAT_NANOS) {
        return;
      }
      again = interrupted;
      if (!interrupted) {
        exitCode = terminate ? Main.EXIT_TERMINATED : Main.EXIT_INTERRUPTED;
        firstSignalNanos = now;
        interrupted = true;
      }
    }
    if (again && ownsProcess) {
      // A second signal: whoever sent it does not want to wait for the clean-up.
      System.err.println("framefork: " + what + " again; stopping now (the job's work folder may remain)");
      Runtime.getRuntime().halt(exitCode);
    }
    if (again) {
      return;
    }
    if (!graceful && ownsProcess) {
      System.exit(exitCode);
    }
    Running r = running.get();
    if (r == null) {
      return;
    }
    // The bar's last drawing, and any line the job was logging, come before this one; none after.
    r.view().close();
    System.err.println();
    System.err.println("framefork: " + what + "; cancelling " + r.job().options().input().getFileName() + " ("
        + (terminate ? "send SIGTERM again" : "Ctrl-C again") + " to stop at once)");
    r.job().cancel();
    if (!ownsProcess) {
      return;
    }
    int code = exitCode;
    Thread watchdog = new Thread(() -> {
      if (!await(r)) {
        System.err.println("framefork: the job did not stop within " + STOP_WAIT_SECONDS + " s; stopping now");
        Runtime.getRuntime().halt(code);
      }
    }, "framefork-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private void onShutdown() {
    interrupted = true;
    Running r = running.get();
    if (r != null) {
      r.view().close();
      System.err.println();
      System.err.println("framefork: shutting down; cancelling " + r.job().options().input().getFileName());
      r.job().cancel();
      // The JVM halts when this hook returns: give the job its time to remove partial files.
      await(r);
    }
  }

  private static boolean await(Running r) {
    try {
      return r.stopped().await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void installSignalHandler() {
    handle("INT", false);
    handle("TERM", true);
  }

  private void handle(String signal, boolean terminate) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop(terminate));
    } catch (Throwable t) {
      // No handler here (another OS, -Xrs): the shutdown hook still cancels the job.
      PrintStream err = System.err;
      if (Boolean.getBoolean("framefork.debug")) {
        err.println("framefork: no SIG" + signal + " handler (" + t + "); the shutdown hook cancels the job");
      }
    }
  }
}
