package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}'s VMAF: its output, 10-bit pairs, and one line and exit code 2 for what it cannot score. */
class CompareVmafCommandTest {
  @TempDir Path dir;

  private Path clip(String name, int frames, String... extra) {
    Path out = dir.resolve(name);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-f", "lavfi", "-i",
        "testsrc2=size=64x48:rate=25", "-frames:v", String.valueOf(frames)));
    args.addAll(java.util.List.of(extra));
    args.add(out.toString());
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    return out;
  }

  @Test
  void printsVmafPooledAndPerFrameAndInJson() throws IOException {
    Path ref = clip("ref.mkv", 3, "-pix_fmt", "yuv420p", "-c:v", "ffv1");
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "40", dist.toString());

    CliRun text = CliRun.of("compare", ref.toString(), dist.toString(), "--frames", "--vmaf-native");
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("n:3 psnr y:") && text.out().contains(" vmaf:"), text.out());
    assertTrue(text.out().contains("  VMAF    mean:") && text.out().contains("harmonic_mean:")
        && text.out().contains("1%:") && text.out().contains("5%:"), text.out());
    assertTrue(text.out().contains("(vmaf_v0.6.1; at 64x48, not scaled)"), text.out());

    CliRun json = CliRun.of("compare", ref.toString(), dist.toString(), "--json", "--vmaf-native", "-j", "2");
    assertEquals(0, json.code(), json::toString);
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertEquals(3, doc.path("frames").size());
    double sum = 0;
    for (JsonNode f : doc.path("frames")) {
      assertTrue(f.path("vmaf").isDouble(), json.out());
      assertTrue(f.path("vmafFeatures").has("integer_adm2"), json.out());
      sum += f.path("vmaf").asDouble();
    }
    assertEquals(sum / 3, doc.path("mean").path("vmaf").asDouble(), 1e-9);
    assertTrue(!doc.path("vmaf").path("scaled").asBoolean(), "--vmaf-native: not scaled");
    assertEquals(64, doc.path("vmaf").path("width").asInt());
  }

  @Test
  void otherFrameCountsAndTooSmallPicturesExitTwoWithOneLine() {
    Path ref = clip("ref.mkv", 4, "-pix_fmt", "yuv420p", "-c:v", "ffv1");
    Path shorter = clip("short.mkv", 3, "-pix_fmt", "yuv420p", "-c:v", "ffv1");
    CliRun counts = CliRun.of("compare", ref.toString(), shorter.toString(), "--vmaf-native");
    assertEquals(Main.EXIT_USAGE, counts.code(), counts::toString);
    assertEquals(1, counts.errLines().size(), counts::toString);
    assertEquals("framefork: " + ref + " has 4 frames and " + shorter + " has 3; VMAF needs two videos of one length "
        + "(--no-vmaf compares PSNR and SSIM on the frames both have)",
        counts.errLines().get(0));
    // Without VMAF the common frames are compared, as before.
    assertEquals(0, CliRun.of("compare", ref.toString(), shorter.toString(), "--no-vmaf").code());

    Path tiny = dir.resolve("tiny.mkv");
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-vf", "scale=24:16", "-c:v", "ffv1", tiny.toString());
    CliRun small = CliRun.of("compare", tiny.toString(), tiny.toString(), "--vmaf-native");
    assertEquals(Main.EXIT_USAGE, small.code(), small::toString);
    assertEquals(1, small.errLines().size(), small::toString);
    assertTrue(small.errLines().get(0).contains("VMAF at the pictures' own size needs at least 32x32"), small::toString);
  }

  /**
   * A 10-bit pair is scored at 10 bits; an 8-bit video against a 10-bit one too, after converting
   * it (libvmaf takes one depth), with one line that says so. The converted pair scores as the
   * pair converted beforehand by Debian's ffmpeg (swscale's 8-to-10-bit conversion is exact).
   */
  @Test
  void tenBitPairsAreScoredAtTenBitsAndAnEightBitOneIsConvertedWithANote() throws IOException {
    Path eight = clip("eight.mkv", 4, "-pix_fmt", "yuv420p", "-c:v", "ffv1");
    Path deep = dir.resolve("deep.mkv");
    DebianFfmpeg.ffmpeg("-i", eight.toString(), "-vf", "noise=alls=6:allf=t", "-pix_fmt", "yuv420p10le", "-c:v", "ffv1",
        deep.toString());
    Path eightAsTen = dir.resolve("eight10.mkv");
    DebianFfmpeg.ffmpeg("-i", eight.toString(), "-pix_fmt", "yuv420p10le", "-c:v", "ffv1", eightAsTen.toString());

    CliRun mixed = CliRun.of("compare", eight.toString(), deep.toString(), "--vmaf-native", "--json");
    assertEquals(0, mixed.code(), mixed::toString);
    JsonNode doc = new ObjectMapper().readTree(mixed.out());
    assertEquals(10, doc.path("vmaf").path("bits").asInt());
    assertEquals(eight + " is 8-bit and " + deep + " 10-bit: VMAF scored both at 10 bits, the 8-bit one converted "
        + "first, as FFmpeg's libvmaf filter does", doc.path("vmaf").path("note").asText());

    CliRun ten = CliRun.of("compare", eightAsTen.toString(), deep.toString(), "--vmaf-native", "--json");
    assertEquals(0, ten.code(), ten::toString);
    JsonNode tenDoc = new ObjectMapper().readTree(ten.out());
    JsonNode note = tenDoc.path("vmaf").path("note");
    assertTrue(note.isNull() || note.isMissingNode(), ten.out());
    assertEquals(tenDoc.path("vmaf").path("mean").asDouble(), doc.path("vmaf").path("mean").asDouble(), 1e-12);
    assertTrue(tenDoc.path("vmaf").path("mean").asDouble() > 20, ten.out());

    CliRun text = CliRun.of("compare", eight.toString(), deep.toString(), "--vmaf-native");
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("(vmaf_v0.6.1, 10-bit; at 64x48, not scaled)"), text.out());
    assertTrue(text.out().contains("  note    " + eight + " is 8-bit and " + deep + " 10-bit"), text.out());
  }

  /**
   * VMAF's model is an SDR one: a PQ or HLG pair (tagged so by Debian's ffmpeg) is scored on its
   * code values, which the note says, after the depth note when there is one too.
   */
  @Test
  void anHdrPairSaysThatVmafsModelIsMadeForSdr() throws IOException {
    Path eight = clip("sdr8.mkv", 4, "-pix_fmt", "yuv420p", "-c:v", "ffv1");
    Path pq = dir.resolve("pq.mkv");
    DebianFfmpeg.ffmpeg("-i", eight.toString(), "-pix_fmt", "yuv420p10le", "-c:v", "ffv1", "-color_primaries", "bt2020",
        "-color_trc", "smpte2084", "-colorspace", "bt2020nc", pq.toString());
    Path hlg = dir.resolve("hlg.mkv");
    DebianFfmpeg.ffmpeg("-i", pq.toString(), "-vf", "noise=alls=6:allf=t", "-c:v", "ffv1", "-color_trc", "arib-std-b67",
        hlg.toString());
    assertEquals("smpte2084", DebianFfmpeg.probe(pq, "v:0", "stream=color_transfer", false));
    assertEquals("arib-std-b67", DebianFfmpeg.probe(hlg, "v:0", "stream=color_transfer", false));
    String sdrModel = "VMAF's model vmaf_v0.6.1 is made for SDR: it scored the %s pictures' code values, not their light as viewed";

    CliRun text = CliRun.of("compare", hlg.toString(), hlg.toString(), "--vmaf-native");
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("  note    " + String.format(sdrModel, "HLG")), text.out());

    CliRun mixed = CliRun.of("compare", eight.toString(), pq.toString(), "--vmaf-native", "--json");
    assertEquals(0, mixed.code(), mixed::toString);
    assertEquals(eight + " is 8-bit and " + pq + " 10-bit: VMAF scored both at 10 bits, the 8-bit one converted first, as "
        + "FFmpeg's libvmaf filter does; " + String.format(sdrModel, "PQ"),
        new ObjectMapper().readTree(mixed.out()).path("vmaf").path("note").asText());

    CliRun noVmaf = CliRun.of("compare", hlg.toString(), hlg.toString(), "--no-vmaf");
    assertEquals(0, noVmaf.code(), noVmaf::toString);
    assertTrue(!noVmaf.out().contains("note"), "no VMAF, no note: " + noVmaf.out());
  }
}
