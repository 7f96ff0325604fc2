package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad --target-quality values are refused before any work: exit 2, one line that says what to give. */
class TargetQualityUsageTest extends RefusedCommandLineTest {
  /** Encodes the clip with {@code options}, refused in one line that names the option. */
  private String refusedOptions(String... options) {
    List<String> args = new ArrayList<>(List.of("encode", clip.toString()));
    args.addAll(List.of(options));
    String line = refused(args.toArray(String[]::new));
    assertTrue(line.startsWith("framefork: --"), line);
    return line;
  }

  @Test
  void vmafAboveHundredIsRefused() {
    String line = refusedOptions("--target-quality", "vmaf=120");
    assertTrue(line.contains("VMAF goes from 0.00 to 100.00") && line.contains("vmaf=93"), line);
  }

  @Test
  void ssimAboveOneIsRefused() {
    String line = refusedOptions("--target-quality", "ssim=2");
    assertTrue(line.contains("SSIM goes from 0.0000 to 1.0000") && line.contains("ssim=0.985"), line);
  }

  /** Zero lies in each metric's range but asks for nothing: its own line, not the range's. */
  @Test
  void aTargetOfZeroIsRefusedAsAskingForNothing() {
    String vmaf = refusedOptions("--target-quality", "vmaf=0");
    assertTrue(vmaf.contains("a target of 0.00 asks for nothing; give a score above 0.00, e.g. vmaf=93")
        && !vmaf.contains("goes from"), vmaf);
    String psnr = refusedOptions("--target-quality", "psnr=0");
    assertTrue(psnr.contains("a target of 0.00 asks for nothing; give a score above 0.00, e.g. psnr=42")
        && !psnr.contains("low end"), psnr);
    // SSIM's band is ±0.002: a target within that of 0 is refused as the target it is, not as a band never given.
    String ssim = refusedOptions("--target-quality", "ssim=0.001");
    assertTrue(ssim.contains("a target of 0.0010 leaves its band (±0.0020) no room above 0.0000; give a score above 0.0020, "
        + "e.g. ssim=0.985") && !ssim.contains("low end"), ssim);
    // Below the usual 4 decimals it is shown as given, not as 0.0000.
    String tiny = refusedOptions("--target-quality", "ssim=0.00001");
    assertTrue(tiny.contains("a target of 0.00001 leaves its band (±0.0020) no room above 0.0000"), tiny);
    String band = refusedOptions("--target-quality", "vmaf=0-10");
    assertTrue(band.contains("the band's low end must be above 0.00, e.g. vmaf=93"), band);
  }

  @Test
  void anUnknownMetricIsNamedWithTheChoices() {
    String line = refusedOptions("--target-quality", "butteraugli=2");
    assertTrue(line.contains("unknown metric 'butteraugli'; use vmaf, ssim, psnr"), line);
  }

  @Test
  void aTargetWithACrfIsRefused() {
    String line = refusedOptions("--target-quality", "vmaf=93", "--crf", "20");
    assertTrue(line.contains("drop --crf"), line);
  }

  @Test
  void aPresetsCrfIsNamedAsThePresetsWithTheFlagsToGiveInstead() {
    int crf = org.framefork.encoder.preset.BuiltInPresets.find("Web 720p").orElseThrow().crf();
    String line = refusedOptions("--preset-name", "Web 720p", "--target-quality", "vmaf=93");
    assertTrue(line.contains("the preset \"Web 720p\" sets one (--crf " + crf + ")") && line.contains("--codec h264 ")
        && !line.contains("drop --crf"), line);
    // A --crf after the preset is the user's own; one before it was overridden by the preset's.
    assertTrue(refusedOptions("--preset-name", "Web 720p", "--crf", "20", "--target-quality", "vmaf=93").contains("drop --crf"));
    assertTrue(refusedOptions("--crf", "20", "--preset-name", "Web 720p", "--target-quality", "vmaf=93")
        .contains("the preset \"Web 720p\" sets one"));
  }

  @Test
  void bandsAndProbeOptionsAreChecked() {
    assertTrue(refusedOptions("--target-quality", "psnr=45-40").contains("low end must be below"));
    assertTrue(refusedOptions("--target-quality", "vmaf").contains("METRIC=VALUE"));
    assertTrue(refusedOptions("--target-quality", "vmaf=93", "--probes", "0").contains("--probes 0"));
    assertTrue(refusedOptions("--target-quality", "vmaf=93", "--probe-preset", "warp").contains("unknown preset 'warp'"));
    assertTrue(refusedOptions("--target-quality", "vmaf=93", "--quality-pool", "p200").contains("--quality-pool p200: "));
    assertTrue(refusedOptions("--probes", "3").contains("are for --target-quality"));
    assertTrue(refusedOptions("--target-quality", "vmaf=93", "--final-retries", "4").contains("--final-retries 4: give 0"));
    assertTrue(refusedOptions("--final-retries", "1").contains("are for --target-quality"));
  }
}
