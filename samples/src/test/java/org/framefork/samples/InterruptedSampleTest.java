package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ctrl-C or SIGTERM to a real {@code samples} run: one line says so, exit 130 or 143, no clip left. */
class InterruptedSampleTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"-INT, 130", "-TERM, 143"})
  void aSignalSaysSoRemovesThePartAndExitsWithItsCode(String signal, int code) throws Exception {
    Path clip = dir.resolve("clip.mp4");
    Path log = dir.resolve("samples.log");
    // 60 s of 720p: minutes of work, so the run is in the middle of it when the signal comes.
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), SampleGenerator.class.getName(), "-o", clip.toString(), "--duration", "60"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path part = dir.resolve(".clip.mp4.part");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(part) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(p.isAlive() && Files.exists(part), "writing the clip: " + Files.readString(log));
      Thread.sleep(500);
      new ProcessBuilder("kill", signal, Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ended");
      String text = Files.readString(log);
      assertEquals(code, p.exitValue(), text);
      assertTrue(text.contains("framefork samples: interrupted; stopped before clip.mp4 was finished (nothing was written)"),
          text);
      assertFalse(Files.exists(part), "the half-written clip is removed");
      assertFalse(Files.exists(clip));
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
