package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framefork bench quality}'s refusals: one line, exit 2, and nothing beside --out. */
class QualityCommandTest {
  @TempDir Path dir;

  private static BenchMainTest.Run bench(String... args) {
    return BenchMainTest.harness(args);
  }

  private void assertRefused(BenchMainTest.Run r, String says, Path... left) throws Exception {
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("framefork bench quality: "), r.err());
    assertTrue(r.err().contains(says), r.err());
    assertTrue(r.out().isEmpty(), "nothing said to have started: " + r.out());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(left), files.toList(), "nothing written beside --out");
    }
  }

  @Test
  void aTargetOutOfRangeOrOfAnUnknownMetricIsAUsageError() throws Exception {
    Path clip = Files.writeString(dir.resolve("c.mp4"), "never read\n");
    String out = dir.resolve("q.md").toString();
    assertRefused(bench("quality", "--target", "vmaf=120", "--out", out, clip.toString()), "framefork bench quality: --target vmaf=120: ", clip);
    assertRefused(bench("quality", "--target", "bogus=3", "--out", out, clip.toString()), "--target bogus=3: ", clip);
    assertRefused(bench("quality", "--probe-preset", "zzz", "--out", out, clip.toString()), "--probe-preset: ", clip);
    // Named as this command's option, not encode's --quality-pool.
    assertRefused(bench("quality", "--pool", "bogus", "--out", out, clip.toString()), "framefork bench quality: --pool bogus: ", clip);
  }

  @Test
  void aMissingClipOrOneWithoutVideoIsRefusedBeforeAnyWork() throws Exception {
    String out = dir.resolve("q.md").toString();
    Path missing = dir.resolve("nonexist.mp4");
    assertRefused(bench("quality", "--out", out, missing.toString()), "nonexist.mp4");
    Path audio = dir.resolve("audio.m4a");
    org.framefork.encoder.testing.DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", audio.toString());
    assertRefused(bench("quality", "--out", out, audio.toString()), "audio.m4a", audio);
  }
}
