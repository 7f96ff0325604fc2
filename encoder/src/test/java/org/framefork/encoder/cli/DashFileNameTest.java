package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose name starts with '-', given as a user types it in its folder: picocli takes it for an
 * option ("Missing required parameter: 'INPUT'", "unknown option"), so the line says it is a file
 * and how to give it; the fixes it names work (the output checked by Debian's ffprobe). Each run is
 * a JVM of its own started in that folder.
 */
class DashFileNameTest {
  private static final String DASHED = "-x.mp4";
  private static final String SAID = "framefork: -x.mp4: a file whose name starts with '-': write ./-x.mp4 or put -- before it";

  @TempDir Path dir;

  @BeforeEach
  void clips() {
    for (String name : List.of(DASHED, "plain.mp4")) {
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24:duration=1", "-c:v", "libx264", "-preset", "ultrafast",
          "-pix_fmt", "yuv420p", dir.resolve(name).toString());
    }
  }

  @Test
  void encodeProbeAndCompareSayItIsAFile() throws Exception {
    assertEquals(new Run(2, SAID), run("encode", DASHED));
    assertEquals(new Run(2, SAID), run("encode", "plain.mp4", DASHED));
    assertEquals(new Run(2, SAID), run("probe", DASHED));
    assertEquals(new Run(2, SAID), run("compare", "plain.mp4", DASHED));
    assertEquals(List.of(DASHED, "plain.mp4"), names(), "nothing written");
  }

  @Test
  void aDashedNameThatIsNoFileIsStillAnUnknownOption() throws Exception {
    Run r = run("encode", "plain.mp4", "-y.mp4");
    assertEquals(2, r.code());
    assertTrue(r.output().startsWith("framefork: unknown option '-y.mp4'"), r.output());
  }

  @Test
  void theFixesItNamesWork() throws Exception {
    Run afterDashes = run("encode", "-q", "--", DASHED);
    assertEquals(new Run(0, ""), afterDashes);
    assertEquals(24, DebianFfmpeg.decodedFrames(dir.resolve("-x.framefork.mp4")));
    Run probed = run("probe", "./" + DASHED);
    assertEquals(0, probed.code(), probed.output());
    assertFalse(probed.output().contains("framefork:"), probed.output());
  }

  private record Run(int code, String output) {}

  private Run run(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile("dash", ".log");
    try {
      Process p = CommandJvm.start(log, dir, List.of(), System.getProperty("java.class.path"), List.of(args));
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "framefork " + String.join(" ", args) + " did not end");
      // The JVM's own warnings are not FrameFork's.
      String out = Files.readString(log).lines().filter(l -> !l.startsWith("WARNING:")).reduce("", (a, b) -> a + b + "\n");
      return new Run(p.exitValue(), out.strip());
    } finally {
      Files.delete(log);
    }
  }

  private List<String> names() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
