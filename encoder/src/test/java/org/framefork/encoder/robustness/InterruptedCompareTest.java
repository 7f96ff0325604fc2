package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ctrl-C or SIGTERM to a real {@code compare}: it says so in one line and exits 130 or 143. */
class InterruptedCompareTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"-INT, 130, interrupted", "-TERM, 143, terminated"})
  void aSignalToCompareSaysSoAndExitsWithItsCode(String signal, int code, String what) throws Exception {
    Path ref = tmp.resolve("ref.mp4");
    Path dist = tmp.resolve("dist.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=10", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-preset", "ultrafast", "-crf", "35", dist.toString());
    Path log = tmp.resolve("compare.log");
    // C1 only (CommandJvm's options): each frame's VMAF at 1920x1080 takes most of a second, so 300
    // frames are still being scored when the signal comes.
    Process p = CommandJvm.start(log, List.of(), List.of("compare", ref.toString(), dist.toString()));
    try {
      Thread.sleep(5000);
      assertTrue(p.isAlive(), "still comparing: " + Files.readString(log));
      new ProcessBuilder("kill", signal, Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ended");
      String text = Files.readString(log);
      assertEquals(code, p.exitValue(), text);
      assertTrue(text.contains("framefork: " + what + "; stopped before the command finished"), text);
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
