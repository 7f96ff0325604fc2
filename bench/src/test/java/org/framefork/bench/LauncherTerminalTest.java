package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./framefork} launcher draws the progress bar in a terminal and prints log lines into a
 * pipe: the JVM it starts keeps the launcher's stdin, which decides whether Java sees a terminal. The
 * terminal is a real pseudo-terminal made by util-linux {@code script}.
 */
class LauncherTerminalTest {
  private static final String CLIP = "samples/media/sample-360p29.97-6s.mp4";

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aTerminalGetsTheBarAndAPipeGetsLines() throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path tty = dir.resolve("tty.mp4");
    Path piped = dir.resolve("piped.mp4");
    String command = quote(root.resolve("framefork")) + " encode " + quote(root.resolve(CLIP)) + " -o " + quote(tty);
    String terminal = run(List.of("script", "-qec", command, "/dev/null"), "terminal");
    String pipe = run(List.of(root.resolve("framefork").toString(), "encode", root.resolve(CLIP).toString(),
        "-o", piped.toString()), "pipe");

    // The bar redraws its line with carriage returns and shows a speed in frames per second.
    assertTrue(terminal.contains("fr/s") && terminal.contains("180/180 fr"), "a bar in the terminal:\n" + terminal);
    assertTrue(terminal.contains("\r"), "the bar redraws its line:\n" + terminal);
    assertFalse(pipe.contains("fr/s") || pipe.contains("\r"), "no bar in a pipe:\n" + pipe);
    assertTrue(pipe.contains("chunk 0"), "log lines in a pipe:\n" + pipe);
    for (Path out : List.of(tty, piped)) {
      assertEquals(180, DebianFfmpeg.decodedFrames(out), "both encodes finish: " + out);
    }
  }

  /** Runs {@code command} to its end with its stdout and stderr together in a file; returns them. */
  private String run(List<String> command, String name) throws Exception {
    Path log = dir.resolve(name + ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(150, TimeUnit.SECONDS), name + " run ended");
    String text = Files.readString(log);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
