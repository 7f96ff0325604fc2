package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One in-process run of the command line, with what it printed. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    return of(InterruptGuard.none(), new StringWriter(), args);
  }

  /** Runs with {@code guard}, printing stdout into {@code out} (which a test may watch). */
  static CliRun of(InterruptGuard guard, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    int code = Main.execute(guard, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code args}, which the command line must refuse before any work: exit 2, one line on
   * stderr that starts with {@code framefork: }, no stack trace, nothing on stdout and nothing new
   * under {@code watched}. Returns that line.
   */
  static String refused(Path watched, String... args) {
    List<Path> before = tree(watched);
    CliRun run = of(args);
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), () -> "one error line expected:\n" + run);
    String line = run.errLines().get(0);
    assertTrue(line.startsWith("framefork: "), run::toString);
    assertFalse(run.err().contains("\tat "), () -> "no stack trace:\n" + run);
    assertEquals("", run.out(), "nothing on stdout for a refused run");
    assertEquals(before, tree(watched), "a refused run must not create anything");
    return line;
  }

  /**
   * As {@link #refused(Path, String...)}, run where {@code locked} refuses it its names: in this
   * JVM, or, for root, in a child JVM without root's capabilities over permissions.
   */
  static String refused(Path watched, org.framefork.encoder.testing.UnlistableFolder locked, String... args) {
    return refused(watched, locked.prefix(), args);
  }

  /**
   * As {@link #refused(Path, String...)}, in this JVM where {@code prefix} is empty, else in a child
   * JVM started under it (a command that runs the rest as the test needs: setpriv, unshare).
   */
  static String refused(Path watched, List<String> prefix, String... args) {
    if (prefix.isEmpty()) {
      return refused(watched, args);
    }
    List<Path> before = tree(watched);
    CliRun run;
    try {
      var child = org.framefork.encoder.testing.ChildProcess.run(
          org.framefork.encoder.testing.ChildProcess.java(prefix, Main.class.getName(), List.of(args)), java.time.Duration.ofMinutes(2));
      // The JVM's own notice of the Vector API module is no line of the command's (framefork's launcher has it too).
      run = new CliRun(child.exitCode(), child.stdoutText(),
          child.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), () -> "one error line expected:\n" + run);
    String line = run.errLines().get(0);
    assertTrue(line.startsWith("framefork: "), run::toString);
    assertEquals("", run.out(), "nothing on stdout for a refused run");
    assertEquals(before, tree(watched), "a refused run must not create anything");
    return line;
  }

  /**
   * Runs {@code args}, pressing Ctrl-C at the first write to stdout that {@code press} accepts (a
   * point of the job a test picks, so that the stop is deterministic); fails if it never pressed.
   */
  static CliRun interruptedWhen(java.util.function.Predicate<String> press, String... args) {
    InterruptGuard guard = InterruptGuard.none();
    java.util.concurrent.atomic.AtomicBoolean pressed = new java.util.concurrent.atomic.AtomicBoolean();
    StringWriter out = new StringWriter() {
      @Override
      public void write(String s, int off, int len) {
        super.write(s, off, len);
        if (press.test(s) && pressed.compareAndSet(false, true)) {
          guard.interrupt();
        }
      }
    };
    CliRun run = of(guard, out, args);
    assertTrue(pressed.get(), () -> "the test never pressed Ctrl-C:\n" + run);
    return run;
  }

  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }

  /** Every file and folder under {@code dir}, to show that a refused run created nothing. */
  static List<Path> tree(Path dir) {
    List<Path> all = new java.util.ArrayList<>();
    try {
      Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
          all.add(d);
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
          all.add(f);
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
          all.add(f); // a folder this process may not list (a test's locked one): there, its names unknown
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.stream().sorted().toList();
  }
}
