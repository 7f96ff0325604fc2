package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encode --target-quality} through the command line, on real clips: what it prints while it
 * runs, what its {@code --report} JSON says, and what it measures a tone-mapped output against.
 */
class TargetQualityCliTest {
  @TempDir Path dir;

  /** A finished encode: what it printed, its output and its --report's one job. */
  private record Encoded(CliRun run, Path out, JsonNode report) {}

  /** Encodes {@code in} to {@code name} in the temporary folder with {@code options} and a --report; it must succeed. */
  private Encoded encoded(Path in, String name, String... options) throws IOException {
    Path json = dir.resolve(name + ".json");
    CliRun run = CliRun.of(Stream.concat(Stream.of("encode", in.toString(), "-o", dir.resolve(name).toString(), "--report",
        json.toString()), Stream.of(options)).toArray(String[]::new));
    assertEquals(0, run.code(), run::toString);
    return new Encoded(run, dir.resolve(name), new ObjectMapper().readTree(json.toFile()).path("results").path(0).path("report"));
  }

  /**
   * An SSIM target: every score the progress lines print has SSIM's 4 decimals or more (at 2, 0.9768 read
   * 0.98, inside a band it was outside of); the JSON's one {@code crf} is null, as no one CRF was
   * used (the chunks' are in {@code targetQuality}); the plan line says the chunks' length as cut;
   * the probes run at the finals' ultrafast, not the slower default.
   */
  @Test
  void ssimScoresPrintAtFourDecimalsOrMoreAndTheJsonNamesNoOneCrf() throws IOException {
    Path in = Path.of("..", "samples", "media", "sample-360p29.97-6s.mp4");
    Encoded e = encoded(in, "tq.mp4", "--preset", "ultrafast", "--target-quality", "ssim=0.98", "--probes", "2",
        "--final-retries", "1");
    CliRun run = e.run();
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(e.out()));

    List<String> tuned = run.out().lines().filter(l -> l.startsWith("chunk ") && l.contains(" predicted")).toList();
    assertTrue(!tuned.isEmpty(), run::toString);
    Matcher score = Pattern.compile("ssim (\\d\\.\\d+)").matcher(String.join("\n", tuned));
    int scores = 0;
    while (score.find()) {
      // 4, or more for a score outside the band (QualityMetric.formatOutside), never fewer.
      int decimals = score.group(1).length() - 2;
      assertTrue(decimals >= 4 && decimals <= 8, "4 decimals or more: " + score.group());
      scores++;
    }
    assertTrue(scores >= tuned.size(), run::toString);

    JsonNode r = e.report();
    assertTrue(r.has("crf") && r.path("crf").isNull(), "no one CRF: " + r.path("crf"));
    // Probes no slower than the ultrafast finals (the default, faster, is slower).
    assertEquals("ultrafast", r.path("targetQuality").path("probePreset").asText(), r::toString);
    JsonNode chunks = r.path("targetQuality").path("chunks");
    assertEquals(r.path("chunks").asInt(), chunks.size(), r::toString);
    for (JsonNode c : chunks) {
      assertTrue(c.path("crf").isNumber(), c::toString);
    }

    // The plan line: the video's length over its chunks, as probe says it, not the target length.
    int n = r.path("chunks").asInt();
    double seconds = Double.parseDouble(DebianFfmpeg.probe(in, "v:0", "stream=duration", false));
    String each = String.format(Locale.ROOT, n == 1 ? "at keyframes, %.2f s)" : "at keyframes, about %.2f s each)",
        seconds / n);
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("sample-360p29.97-6s.mp4: ") && l.contains(each)),
        () -> each + "\n" + run);
  }

  /**
   * --tonemap with --target-quality (and --verify-quality): the final encodes are measured against
   * the tone-mapped pictures the probes were scored on, not the source's HDR ones, which pushed
   * every retry to the bottom of the CRF range. Debian's ffmpeg agrees: its SSIM of the output
   * against those pictures (kept by a lossless encode of the same tone map) is the check's, and
   * far from its SSIM against the HDR pictures. (The tone map itself is checked against FFmpeg's
   * chain in HdrEncodeTest.)
   */
  @Test
  void aToneMappedOutputIsMeasuredAgainstTheToneMappedSource() throws IOException {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    Encoded e = encoded(in, "sdr.mkv", "--tonemap", "hable", "--codec", "h264", "--preset", "veryfast", "--target-quality",
        "ssim=0.97", "--verify-quality");
    Path out = e.out();
    assertEquals("bt709", DebianFfmpeg.probe(out, "v:0", "stream=color_transfer", false));
    JsonNode r = e.report();
    for (JsonNode c : r.path("targetQuality").path("chunks")) {
      // The final scores about what its probe predicted (the HDR reference gave 0.88 for 0.97).
      assertEquals(c.path("predicted").asDouble(), c.path("finalScore").asDouble(), 0.02, c::toString);
      assertTrue(c.path("crf").asDouble() > 15, "no retry down to the range's floor: " + c);
    }

    // The pictures the encoder was given, kept whole: the same job at x264's lossless CRF 0.
    Path toneMapped = dir.resolve("lossless.mkv");
    assertEquals(0, CliRun.of("encode", in.toString(), "-o", toneMapped.toString(), "--tonemap", "hable", "--codec", "h264",
        "--preset", "ultrafast", "--crf", "0").code());
    Path hdr = dir.resolve("ffmpeg-hdr.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "format=yuv420p", "-c:v", "ffv1", hdr.toString());
    double checked = r.path("quality").path("ssimAll").asDouble();
    double againstToneMapped = DebianFfmpeg.ssimPsnr(out, toneMapped)[0];
    double againstHdr = DebianFfmpeg.ssimPsnr(out, hdr)[0];
    String figures = "check " + checked + ", Debian against the tone-mapped pictures " + againstToneMapped
        + ", against the HDR ones " + againstHdr;
    assertEquals(againstToneMapped, checked, 0.003, figures);
    assertTrue(againstHdr < checked - 0.05, figures);
  }
}
