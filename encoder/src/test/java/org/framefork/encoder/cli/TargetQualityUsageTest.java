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

  /**
   * Flags after a preset override it: --target-quality replaces the preset's CRF (every preset sets
   * one, so it was always refused, QA 2026-12-07); a --crf typed before or after the preset stays refused.
   */
  @Test
  void aTargetReplacesAPresetsCrf() throws java.io.IOException {
    java.nio.file.Path out = dir.resolve("small.mp4");
    java.nio.file.Path json = dir.resolve("small.json");
    CliRun run = CliRun.of("encode", clip.toString(), "-o", out.toString(), "--preset-name", "Web 720p", "--target-quality",
        "psnr=40", "--probes", "1", "--final-retries", "0", "--report", json.toString(), "--quiet");
    org.junit.jupiter.api.Assertions.assertEquals(0, run.code(), run::toString);
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).path("results").path(0).path("report");
    assertTrue(report.path("crf").isNull(), report.toString());
    assertTrue(report.path("targetQuality").path("chunks").size() == 1, report.toString());
    org.junit.jupiter.api.Assertions.assertEquals("h264",
        org.framefork.encoder.testing.DebianFfmpeg.probe(out, null, "stream=codec_name", false).strip(),
        "the preset's other settings stay");
    assertTrue(refusedOptions("--preset-name", "Web 720p", "--crf", "20", "--target-quality", "vmaf=93").contains("drop --crf"));
    assertTrue(refusedOptions("--crf", "20", "--preset-name", "Web 720p", "--target-quality", "vmaf=93").contains("drop --crf"));
    // A --crf in an @-file is typed too: the command line before picocli expanded it had none, and the target
    // silently replaced it.
    java.nio.file.Path opts = dir.resolve("opts.txt");
    java.nio.file.Files.writeString(opts, "--crf\n20\n");
    assertTrue(refusedOptions("@" + opts, "--preset-name", "Web 720p", "--target-quality", "vmaf=93").contains("drop --crf"));
  }

  @Test
  void aResumeWithAnotherTargetIsRefusedUpFrontNamingIt() throws java.io.IOException {
    java.nio.file.Path out = dir.resolve("out.mp4");
    String[] tq = {"encode", clip.toString(), "-o", out.toString(), "--target-quality", "psnr=40", "--probes", "1",
        "--final-retries", "0", "--preset", "ultrafast", "--keep-work", "--quiet"};
    keptWork(tq, out);
    String work = org.framefork.encoder.job.JobWorkspace.defaultFor(out).toString();
    String saved = "--target-quality psnr=39.60-40.40 (p5, up to 1 probes at faster, every 2nd frame)";
    String asked = refusedAgain(tq, "--target-quality", "vmaf=93");
    assertTrue(asked.contains("the interrupted job in " + work + " was encoded with other settings (" + saved + ", not "
        + "--target-quality vmaf=92.07-93.93"), asked);
    asked = refusedAgain(tq, "--probes", "3");
    assertTrue(asked.contains(saved + ", not --target-quality psnr=39.60-40.40 (p5, up to 3 probes"), asked);
    List<String> plain = new ArrayList<>(List.of(tq).subList(0, 4));
    plain.addAll(List.of("--preset", "ultrafast", "--resume", "--crf", "20"));
    String line = refused(plain.toArray(String[]::new));
    assertTrue(line.contains("(" + saved + ", not crf 20); use those"), line);
    // The reverse: a plain job resumed with a target.
    String[] noTarget = {"encode", clip.toString(), "-o", out.toString(), "--preset", "ultrafast", "--keep-work", "--quiet",
        "--overwrite"};
    keptWork(noTarget, out);
    List<String> withTarget = new ArrayList<>(List.of(noTarget).subList(0, 6));
    withTarget.addAll(List.of("--resume", "--target-quality", "psnr=40"));
    line = refused(withTarget.toArray(String[]::new));
    assertTrue(line.contains("(crf 23, not --target-quality psnr=39.60-40.40"), line);
  }

  /** Runs {@code args}, which keep their work folder, and removes the output: the folder then reads as an interrupted job's. */
  /**
   * An h264 --crf 23.5 job resumed as vp9 with a target: the saved CRF was checked against vp9 and the
   * command line said only "CRF 23.5: vp9 takes a whole CRF" (review 46).
   */
  @Test
  void aResumeAsAnotherCodecNamesTheSavedCrfItCannotTake() throws java.io.IOException {
    java.nio.file.Path out = dir.resolve("out.mkv");
    String[] plain = {"encode", clip.toString(), "-o", out.toString(), "--crf", "23.5", "--preset", "ultrafast", "--keep-work",
        "--quiet"};
    keptWork(plain, out);
    String line = refused("encode", clip.toString(), "-o", out.toString(), "--codec", "vp9", "--target-quality", "ssim=0.98",
        "--resume");
    assertTrue(line.contains("the interrupted job in " + org.framefork.encoder.job.JobWorkspace.defaultFor(out)
        + " was encoded with other settings (crf 23.5, not --target-quality ssim=") && line.contains("; codec h264, not vp9")
        && line.contains("run without --resume"), line);
  }

  private void keptWork(String[] args, java.nio.file.Path out) throws java.io.IOException {
    CliRun run = CliRun.of(args);
    org.junit.jupiter.api.Assertions.assertEquals(0, run.code(), run::toString);
    java.nio.file.Files.delete(out);
    java.nio.file.Files.deleteIfExists(org.framefork.encoder.job.JobWorkspace.defaultFor(out).resolve("published.json"));
  }

  /** {@code args} with --resume and {@code more}, refused: the one line. */
  private String refusedAgain(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    int at = all.indexOf("--target-quality");
    if (more[0].equals("--target-quality")) {
      all.set(at + 1, more[1]);
    } else {
      all.addAll(List.of(more));
    }
    all.add("--resume");
    return refused(all.toArray(String[]::new));
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
