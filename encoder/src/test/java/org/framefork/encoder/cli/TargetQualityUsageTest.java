package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad --target-quality values are refused before any work: exit 2, one line that says what to give. */
class TargetQualityUsageTest {
  @TempDir Path dir;
  Path clip;

  @BeforeEach
  void input() throws IOException {
    clip = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("clip.mp4"));
  }

  private String refused(String... args) {
    List<Path> before = CliRun.tree(dir);
    String[] all = new String[args.length + 2];
    all[0] = "encode";
    all[1] = clip.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    CliRun run = CliRun.of(all);
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), () -> "one error line expected:\n" + run);
    String line = run.errLines().get(0);
    assertTrue(line.startsWith("framefork: --"), line);
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run);
    assertEquals(before, CliRun.tree(dir), "a refused run must not create anything");
    return line;
  }

  @Test
  void vmafAboveHundredIsRefused() {
    String line = refused("--target-quality", "vmaf=120");
    assertTrue(line.contains("VMAF goes from 0.00 to 100.00") && line.contains("vmaf=93"), line);
  }

  @Test
  void ssimAboveOneIsRefused() {
    String line = refused("--target-quality", "ssim=2");
    assertTrue(line.contains("SSIM goes from 0.0000 to 1.0000") && line.contains("ssim=0.985"), line);
  }

  @Test
  void anUnknownMetricIsNamedWithTheChoices() {
    String line = refused("--target-quality", "butteraugli=2");
    assertTrue(line.contains("unknown metric 'butteraugli'; use vmaf, ssim, psnr"), line);
  }

  @Test
  void aTargetWithACrfIsRefused() {
    String line = refused("--target-quality", "vmaf=93", "--crf", "20");
    assertTrue(line.contains("drop --crf"), line);
  }

  @Test
  void bandsAndProbeOptionsAreChecked() {
    assertTrue(refused("--target-quality", "psnr=45-40").contains("low end must be below"));
    assertTrue(refused("--target-quality", "vmaf").contains("METRIC=VALUE"));
    assertTrue(refused("--target-quality", "vmaf=93", "--probes", "0").contains("--probes 0"));
    assertTrue(refused("--target-quality", "vmaf=93", "--probe-preset", "warp").contains("unknown preset 'warp'"));
    assertTrue(refused("--target-quality", "vmaf=93", "--quality-pool", "p200").contains("--quality-pool"));
    assertTrue(refused("--probes", "3").contains("are for --target-quality"));
  }
}
