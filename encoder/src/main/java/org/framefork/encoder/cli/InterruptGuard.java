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
  /** A SIGTERM this soon after the first signal is the same request, delivered twice (see {@link #stop}). */
  static final long REPEAT_NANOS = 500_000_000L;
  /**
   * The signal by which the launcher passes on a SIGINT it received. Ctrl-C in a terminal (or {@code
   * timeout -s INT}) signals the whole process group, the launcher and this JVM each once; a {@code
   * kill -INT} of the launcher's pid reaches the launcher alone. So each press is a SIGINT here, a
   * SIGUSR1 from the launcher, or both, however far apart: the presses are the larger count.
   */
  static final String LAUNCHER_INT = "USR1";
  /**
   * A SIGUSR1 this soon after the last one counted is that one again: {@code timeout -s INT} signals
   * its child (the launcher) and then the whole group back to back, so the launcher's trap runs twice
   * for one press. A person's presses reach this JVM as its own SIGINTs too, which this window leaves
   * alone; it only joins two {@code kill -INT}s of the launcher's pid sent closer together than this.
   */
  static final long LAUNCHER_REPEAT_NANOS = 300_000_000L;
  /**
   * A SIGINT this soon after the last one counted is that one again: {@code timeout -s INT} with this
   * JVM as its child (no launcher) sends it two, back to back. Shorter than a person's double press
   * (150 ms apart still stops at once).
   */
  static final long OWN_REPEAT_NANOS = 100_000_000L;
  /** SIGINTs this JVM received, SIGUSR1s the launcher sent, and the Ctrl-C presses counted of them. */
  private int ownInts;
  private int launcherInts;
  private int presses;
  /** When the last SIGINT and the last SIGUSR1 counted came. */
  private long lastOwnNanos;
  private long lastLauncherNanos;

  /** The clock of the repeat windows: System.nanoTime, or a test's own so its windows do not depend on the machine's load. */
  private java.util.function.LongSupplier clock = System::nanoTime;

  private InterruptGuard(boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
  }

  /** As {@link #none()}, its repeat windows timed by {@code clock} (nanoseconds). */
  static InterruptGuard none(java.util.function.LongSupplier clock) {
    InterruptGuard guard = none();
    guard.clock = clock;
    return guard;
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

  /** The Ctrl-C presses counted so far (see {@link #ctrlC}). */
  synchronized int presses() {
    return presses;
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
    ctrlC(false);
  }

  /**
   * A SIGINT this JVM received ({@code fromLauncher} false), or one the launcher received and passed
   * on (true): a new press when it makes either count larger than the presses counted so far, else
   * the other copy of one counted (see {@link #LAUNCHER_INT}). A signal of the same kind within its
   * repeat window ({@link #OWN_REPEAT_NANOS}, {@link #LAUNCHER_REPEAT_NANOS}) is not counted.
   */
  void ctrlC(boolean fromLauncher) {
    synchronized (this) {
      long now = clock.getAsLong();
      if (fromLauncher) {
        if (launcherInts > 0 && now - lastLauncherNanos < LAUNCHER_REPEAT_NANOS) {
          return;
        }
        launcherInts++;
        lastLauncherNanos = now;
      } else {
        if (ownInts > 0 && now - lastOwnNanos < OWN_REPEAT_NANOS) {
          return;
        }
        ownInts++;
        lastOwnNanos = now;
      }
      int n = Math.max(ownInts, launcherInts);
      if (n == presses) {
        return;
      }
      presses = n;
    }
    act(false);
  }

  /** What SIGTERM ({@code terminate} true) or another stop does. */
  void stop(boolean terminate) {
    synchronized (this) {
      // A SIGTERM to the process group reaches the JVM and the launcher, which passes it on: one
      // request, two signals, a moment apart. A repeat within REPEAT_NANOS is that same request.
      if (interrupted && System.nanoTime() - firstSignalNanos < REPEAT_NANOS) {
        return;
      }
    }
    act(terminate);
  }

  /** A request to stop, counted once: cancels the running job, or, when one came already, stops at once. */
  private void act(boolean terminate) {
    String what = terminate ? "terminated" : "interrupted";
    boolean again;
    synchronized (this) {
      long now = System.nanoTime();
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
      Running r = running.get();
      if (r != null) {
        runAtMost(r.job()::abandon, ABANDON_WAIT_MILLIS);
      }
      Runtime.getRuntime().halt(exitCode);
    }
    if (again) {
      return;
    }
    if (!graceful && ownsProcess) {
      // compare, probe: nothing to clean up, but say why the output stops (the exit code says which signal).
      System.err.println();
      System.err.println("framefork: " + what + "; stopped before the command finished");
      System.exit(exitCode);
    }
    Running r = running.get();
    if (r == null) {
      return;
    }
    // The bar's last drawing, and any line the job was logging, come before this one; none after.
    r.view().close();
    String name = r.job().options().input().getFileName().toString();
    boolean asked = r.job().cancel(() -> {
      System.err.println();
      System.err.println("framefork: " + what + "; cancelling " + name + " ("
          + (terminate ? "send SIGTERM again" : "Ctrl-C again") + " to stop at once)");
    });
    if (!asked) {
      // Its output is in place: it is done, and its report follows; later inputs are skipped.
      System.err.println();
      System.err.println(finishedBeforeStop(what, name));
      return;
    }
    if (!ownsProcess) {
      return;
    }
    startWatchdog(r, exitCode);
  }

  /**
   * Halts the process with {@code code} when the job of {@code r} has not stopped within {@link
   * #STOP_WAIT_SECONDS}, having removed its partial output and lock as its cancel would have (waiting
   * at most {@link #ABANDON_WAIT_MILLIS} for that).
   */
  private static void startWatchdog(Running r, int code) {
    Thread watchdog = new Thread(() -> {
      if (!await(r)) {
        System.err.println("framefork: the job did not stop within " + STOP_WAIT_SECONDS + " s; stopping now");
        runAtMost(r.job()::abandon, ABANDON_WAIT_MILLIS);
        Runtime.getRuntime().halt(code);
      }
    }, "framefork-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** How long a halt waits for the job's clean-up (its partial output and lock removed): best effort. */
  static final long ABANDON_WAIT_MILLIS = 1000;

  /**
   * Runs {@code cleanUp} on a daemon thread and waits for it at most {@code millis}: on a network
   * share that hangs, removing a file may never return, and the halt that follows must come all the
   * same (a second Ctrl-C stops at once).
   */
  static void runAtMost(Runnable cleanUp, long millis) {
    Thread t = Thread.ofPlatform().daemon().name("framefork-abandon").unstarted(cleanUp);
    t.start();
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The environment variable in which {@code ./framefork} gives its JVM the launcher's pid. */
  static final String LAUNCHER_PID_ENV = "FRAMEFORK_LAUNCHER_PID";

  /**
   * Watches the launcher, {@code pid} (from {@link #LAUNCHER_PID_ENV}), when it is this JVM's parent:
   * once it has ended (a {@code kill -9}, which it cannot pass on) this JVM stops as on SIGTERM
   * rather than going on as an orphan, as a node does with {@code FRAMEFORK_NODE_EXIT_WITH_PID}.
   * Unset, not a number, or not the parent (a value inherited from further up): nothing is watched.
   */
  void stopWhenLauncherEnds(String pid) {
    long launcher;
    try {
      launcher = Long.parseLong(pid == null ? "" : pid.strip());
    } catch (NumberFormatException e) {
      return;
    }
    ProcessHandle.current().parent().filter(p -> p.pid() == launcher).ifPresent(p -> p.onExit().thenRun(() -> {
      System.err.println();
      System.err.println("framefork: its launcher (pid " + launcher + ") has ended; stopping as on SIGTERM");
      stop(true);
    }));
  }

  /** What a shutdown (SIGHUP) does; package-private so that tests can run it. */
  void onShutdown() {
    interrupted = true;
    Running r = running.get();
    if (r != null) {
      r.view().close();
      String name = r.job().options().input().getFileName().toString();
      boolean asked = r.job().cancel(() -> {
        System.err.println();
        System.err.println("framefork: shutting down; cancelling " + name);
      });
      if (!asked) {
        System.err.println();
        System.err.println(finishedBeforeStop("shutting down", name));
      }
      // The JVM halts when this hook returns: give the job its time to remove partial files (or, its
      // output in place, to print its report).
      await(r);
    }
  }

  /** The line for a stop that came once job {@code name}'s output was in place: nothing is cancelled. */
  private static String finishedBeforeStop(String what, String name) {
    return "framefork: " + what + "; " + name + " finished before it could stop (its output is in place)";
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
    handle("INT", () -> ctrlC(false));
    handle(LAUNCHER_INT, () -> ctrlC(true));
    handle("TERM", () -> stop(true));
  }

  private void handle(String signal, Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> action.run());
    } catch (Throwable t) {
      // No handler here (another OS, -Xrs): the shutdown hook still cancels the job.
      PrintStream err = System.err;
      if (Boolean.getBoolean("framefork.debug")) {
        err.println("framefork: no SIG" + signal + " handler (" + t + "); the shutdown hook cancels the job");
      }
    }
  }
}
