package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C's line ("interrupted; cancelling ...") is the last of the job's: the view is closed before
 * it is printed, so a probe or chunk that ends while the job stops is not logged after it, and a
 * terminal's bar (closed then: its last drawing, its timer stopped) is not redrawn under it.
 */
class InterruptedViewTest {
  private static final Path IN = Path.of("in.mp4");

  @Test
  void aProbeThatEndsAfterCtrlCIsNotLogged() {
    StringWriter out = new StringWriter();
    ProgressView view = ProgressView.choose(IN, false, false, true, new PrintWriter(out));
    InterruptGuard guard = InterruptGuard.none();
    guard.watch(new EncodeJob(JobOptions.defaults(IN, Path.of("out.mp4")), view), view);
    view.onEvent(probe(1));
    String before = out.toString();
    assertTrue(before.contains("chunk 0 on worker 0: probe 1 at crf 23 scored vmaf 93.00"), before);

    List<String> err = capturingErr(new ByteArrayOutputStream(), guard::interrupt);
    assertTrue(err.getLast().startsWith("framefork: interrupted; cancelling in.mp4"), err::toString);
    view.onEvent(probe(2));
    view.onEvent(new JobEvent.ChunkFinished(1, 1, 24, 1_000_000_000L, 1000, System.nanoTime()));
    assertEquals(before, out.toString(), "nothing logged after Ctrl-C's line");
  }

  @Test
  void theViewIsClosedBeforeCtrlCsLine() {
    List<String> order = new ArrayList<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressView view = new ProgressView() {
      @Override
      public void onEvent(JobEvent event) {}

      @Override
      public void close() {
        order.add("closed with " + err.size() + " bytes on stderr");
      }
    };
    InterruptGuard guard = InterruptGuard.none();
    guard.watch(new EncodeJob(JobOptions.defaults(IN, Path.of("out.mp4")), view), view);
    List<String> said = capturingErr(err, guard::interrupt);
    assertEquals(List.of("closed with 0 bytes on stderr"), order);
    assertTrue(said.getLast().startsWith("framefork: interrupted; cancelling in.mp4"), said::toString);
  }

  /**
   * One Ctrl-C in a terminal reaches the JVM as its own SIGINT and as the launcher's SIGUSR1, in
   * either order and, on a loaded machine, more than half a second apart: one press, one line; a
   * later SIGUSR1 alone (a kill -INT of the launcher's pid) is a second press.
   */
  @Test
  void oneCtrlCCountsOnceWhicheverOfItsCopiesComesAndHoweverLate() throws InterruptedException {
    for (boolean launcherFirst : new boolean[] {false, true}) {
      ProgressView view = ProgressView.choose(IN, false, false, false, new PrintWriter(new StringWriter()));
      InterruptGuard guard = InterruptGuard.none();
      guard.watch(new EncodeJob(JobOptions.defaults(IN, Path.of("out.mp4")), view), view);
      List<String> first = capturingErr(new ByteArrayOutputStream(), () -> guard.ctrlC(launcherFirst));
      assertTrue(first.getLast().startsWith("framefork: interrupted; cancelling in.mp4"), first::toString);
      Thread.sleep(700);
      List<String> copy = capturingErr(new ByteArrayOutputStream(), () -> guard.ctrlC(!launcherFirst));
      assertEquals(List.of(), copy, "the press's other copy says nothing");
      assertEquals(1, guard.presses());
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(InterruptGuard.LAUNCHER_REPEAT_NANOS) + 100);
      guard.ctrlC(true);
      assertEquals(2, guard.presses(), "a second press the launcher alone passed on");
    }
  }

  /**
   * {@code timeout -s INT} signals the launcher, then the whole group, back to back: the JVM gets one
   * SIGINT and two SIGUSR1s, in any order. One press: one line, no "again".
   */
  @Test
  void timeoutsTwoCopiesToTheLauncherCountOnce() {
    for (int ownAt = 0; ownAt < 3; ownAt++) {
      ProgressView view = ProgressView.choose(IN, false, false, false, new PrintWriter(new StringWriter()));
      // Back to back: a clock that stands still, so no pause of the machine splits the copies.
      InterruptGuard guard = InterruptGuard.none(() -> 1_000_000_000L);
      guard.watch(new EncodeJob(JobOptions.defaults(IN, Path.of("out.mp4")), view), view);
      int own = ownAt;
      List<String> said = capturingErr(new ByteArrayOutputStream(), () -> {
        for (int i = 0; i < 3; i++) {
          guard.ctrlC(i != own);
        }
      });
      assertEquals(1, guard.presses(), "own SIGINT at " + own);
      assertEquals(1, said.size(), said::toString);
      assertTrue(said.getFirst().startsWith("framefork: interrupted; cancelling in.mp4"), said::toString);
    }
  }

  /**
   * A person's two Ctrl-Cs 150 ms apart in a terminal: each reaches the JVM as its own SIGINT and as
   * the launcher's SIGUSR1. Two presses (the second stops at once), however the launcher's copies
   * fall; two SIGINTs back to back (timeout with the JVM as its child) are one.
   */
  @Test
  void twoCtrlCs150MsApartAreTwoPresses() {
    ProgressView view = ProgressView.choose(IN, false, false, false, new PrintWriter(new StringWriter()));
    // The test's own clock: a pause of the loaded machine between two calls must not move the windows.
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
    InterruptGuard guard = InterruptGuard.none(nanos::get);
    guard.watch(new EncodeJob(JobOptions.defaults(IN, Path.of("out.mp4")), view), view);
    capturingErr(new ByteArrayOutputStream(), () -> {
      guard.ctrlC(false);
      nanos.addAndGet(20_000_000L);
      guard.ctrlC(false);
      guard.ctrlC(true);
    });
    assertEquals(1, guard.presses(), "timeout's two SIGINTs to its child JVM are one press");
    nanos.addAndGet(150_000_000L);
    guard.ctrlC(true);
    assertEquals(1, guard.presses(), "the launcher's copy of the second press, within its window");
    guard.ctrlC(false);
    assertEquals(2, guard.presses(), "the JVM's own SIGINT of the second press");
  }

  /**
   * A shutdown (SIGHUP) once the job's output is in place cancels nothing: it says the job finished,
   * not "cancelling", and waits for the job's thread as before.
   */
  @Test
  void aShutdownOnceTheOutputIsInPlaceSaysTheJobFinished(@TempDir Path dir) throws InterruptedException {
    Path outFile = dir.resolve("out.mp4");
    InterruptGuard guard = InterruptGuard.none();
    EncodeJob job = finishedJob(dir.resolve("in.mp4"), outFile, guard);
    // The job's thread, printing its report, is done with it a moment later.
    Thread done = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      guard.finished(job);
    });
    done.start();
    long start = System.nanoTime();
    List<String> err = capturingErr(new ByteArrayOutputStream(), guard::onShutdown);
    done.join();
    assertEquals(List.of("framefork: shutting down; in.mp4 finished before it could stop (its output is in place)"), err);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(InterruptGuard.STOP_WAIT_SECONDS), "waited for the job, not the limit");
    assertTrue(guard.interrupted());
    assertEquals(10, DebianFfmpeg.decodedFrames(outFile), "the output stays, whole");
  }

  /**
   * Ctrl-C after the job has put its output in place (while it prints its report) cancels nothing:
   * it says the job finished, and the output stays, whole.
   */
  @Test
  void ctrlCOnceTheOutputIsInPlaceSaysTheJobFinished(@TempDir Path dir) {
    Path outFile = dir.resolve("out.mp4");
    InterruptGuard guard = InterruptGuard.none();
    EncodeJob job = finishedJob(dir.resolve("in.mp4"), outFile, guard);
    List<String> err = capturingErr(new ByteArrayOutputStream(), guard::interrupt);
    assertEquals(List.of("framefork: interrupted; in.mp4 finished before it could stop (its output is in place)"), err);
    assertFalse(job.cancel(), "too late to cancel");
    assertEquals(10, DebianFfmpeg.decodedFrames(outFile), "the output stays, whole");
  }

  /**
   * A job that encoded a 10-frame clip {@code in} to {@code out}, its output in place, watched by
   * {@code guard} as while it prints its report.
   */
  private static EncodeJob finishedJob(Path in, Path out, InterruptGuard guard) {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "10", "-c:v", "libx264",
        in.toString());
    ProgressView view = ProgressView.choose(in, true, false, false, new PrintWriter(new StringWriter()));
    EncodeJob job = new EncodeJob(JobOptions.defaults(in, out), view);
    job.run();
    guard.watch(job, view);
    return job;
  }

  private static JobEvent.ProbeFinished probe(int n) {
    return new JobEvent.ProbeFinished(0, 0, n, 23, 93, "vmaf", System.nanoTime());
  }

  /** What {@code action} prints on System.err, into {@code bytes}, line by line. */
  private static List<String> capturingErr(ByteArrayOutputStream bytes, Runnable action) {
    PrintStream saved = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
