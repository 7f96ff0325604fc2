package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.vmaf.LibvmafReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encode --verify-quality} of a 10-bit output scores VMAF at 10 bits: the report's VMAF is
 * libvmaf's on the source and the output (both yuv420p10le, scaled to 1920x1080 as FrameFork's
 * check does), one chunk so that the pooled figures are the same frames'.
 */
class TenBitVerifyQualityTest {
  @TempDir Path dir;

  @Test
  void tenBitOutputGetsVmafAsLibvmafScoresIt() throws IOException {
    Path in = dir.resolve("in.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "10", "-vf",
        "noise=alls=8:allf=t", "-pix_fmt", "yuv420p10le", "-c:v", "ffv1", in.toString());
    Path out = dir.resolve("out.mkv");
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", "h265", "--crf", "34",
        "--preset", "ultrafast", "--verify-quality", "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals("yuv420p10le", DebianFfmpeg.probe(out, "v:0", "stream=pix_fmt", false));

    JsonNode quality = new ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report")
        .path("quality");
    assertEquals(1, quality.path("chunks").size(), quality.toString());
    JsonNode vmaf = quality.path("vmaf");
    assertTrue(vmaf.path("mean").isNumber(), quality.toString());
    assertTrue(quality.path("vmafScaled").asBoolean(), quality.toString());

    List<JsonNode> theirs = LibvmafReference.frames(in, out, true, dir.resolve("libvmaf.json"));
    assertEquals(10, theirs.size());
    double sum = 0;
    for (JsonNode f : theirs) {
      sum += f.path("vmaf").asDouble();
    }
    assertEquals(sum / theirs.size(), vmaf.path("mean").asDouble(), 0.02, quality.toString());
    assertTrue(run.out().contains("vmaf") && !run.out().contains("not measured"), run.out());
  }
}
