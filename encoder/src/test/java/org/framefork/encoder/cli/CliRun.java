package org.framefork.encoder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }

  /** Every file and folder under {@code dir}, to show that a refused run created nothing. */
  static List<Path> tree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
