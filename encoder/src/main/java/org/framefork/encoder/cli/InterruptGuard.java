package org.framefork.encoder.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.framefork.encoder.job.EncodeJob;

/**
 * Turns Ctrl-C into {@link EncodeJob#cancel()} of the running job, so that the job removes its
 * partial output and the command can say what happened and exit with 130.
 *
 * <p>Ctrl-C (SIGINT) is caught with a signal handler so that the JVM keeps running while the job
 * stops and the command prints its summary. A second Ctrl-C, or a job that does not stop within
 * {@link #STOP_WAIT_SECONDS}, ends the process at once. SIGTERM and other shutdowns run a shutdown
 * hook that cancels the job and waits for it the same while.
 */
class InterruptGuard {
  static final int STOP_WAIT_SECONDS = 10;

  private final AtomicReference<Running> running = new AtomicReference<>();
  private final boolean ownsProcess;
  private volatile boolean interrupted;
  private volatile boolean graceful;

  private InterruptGuard(boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
  }

  /** A job being watched and the latch its thread opens when it has finished cleaning up. */
  private record Running(EncodeJob job, CountDownLatch stopped) {}

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

  /** Watches {@code job} until {@link #finished(EncodeJob)}. Cancels it at once when already interrupted. */
  void watch(EncodeJob job) {
    running.set(new Running(job, new CountDownLatch(1)));
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
    if (interrupted && ownsProcess) {
      // Second Ctrl-C: the user does not want to wait for the clean-up.
      System.err.println("framefork: interrupted again; stopping now (the job's work folder may remain)");
      Runtime.getRuntime().halt(Main.EXIT_INTERRUPTED);
    }
    interrupted = true;
    if (!graceful && ownsProcess) {
      System.exit(Main.EXIT_INTERRUPTED);
    }
    Running r = running.get();
    if (r == null) {
      return;
    }
    System.err.println();
    System.err.println("framefork: interrupted; cancelling " + r.job().options().input().getFileName() + " (Ctrl-C again to stop at once)");
    r.job().cancel();
    if (!ownsProcess) {
      return;
    }
    Thread watchdog = new Thread(() -> {
      if (!await(r)) {
        System.err.println("framefork: the job did not stop within " + STOP_WAIT_SECONDS + " s; stopping now");
        Runtime.getRuntime().halt(Main.EXIT_INTERRUPTED);
      }
    }, "framefork-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private void onShutdown() {
    interrupted = true;
    Running r = running.get();
    if (r != null) {
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
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> interrupt());
    } catch (Throwable t) {
      // No SIGINT handler here (another OS, -Xrs): the shutdown hook still cancels the job.
      PrintStream err = System.err;
      if (Boolean.getBoolean("framefork.debug")) {
        err.println("framefork: no Ctrl-C handler (" + t + "); the shutdown hook cancels the job");
      }
    }
  }
}
