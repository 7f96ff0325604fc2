package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --verify-quality} of a 4:4:4 or 4:2:2 source measures the output against the source at
 * 4:2:0, as the encoder got it, and says so on the quality row and in the JSON's {@code reference};
 * a 4:2:0 source's row and JSON say nothing more. The PSNR is Debian ffmpeg's against the source
 * scaled to yuv420p (its default scaler, as FrameFork's reader), not against the 4:4:4 source.
 */
class ChromaQualityReferenceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"yuv444p", "yuv422p", "yuv420p"})
  void theQualityRowSaysWhatItMeasuredAgainst(String pixelFormat) throws IOException {
    Path in = dir.resolve(pixelFormat + ".mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24:duration=0.5", "-c:v", "ffv1", "-pix_fmt", pixelFormat,
        in.toString());
    Path out = dir.resolve(pixelFormat + ".out.mp4");
    Path report = dir.resolve(pixelFormat + ".json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--verify-quality",
        "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    String row = run.out().lines().filter(l -> l.startsWith("  quality ")).findFirst().orElseThrow();
    JsonNode quality = new ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report").path("quality");
    boolean reduced = !pixelFormat.equals("yuv420p");
    assertEquals(reduced, row.endsWith(", against the source at 4:2:0"), row);
    assertEquals(reduced ? "the source at 4:2:0" : null, quality.path("reference").textValue(), quality.toString());
    assertEquals("yuv420p", DebianFfmpeg.probe(out, "v:0", "stream=pix_fmt", false).strip());

    Path at420 = dir.resolve(pixelFormat + ".420.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "format=yuv420p", "-c:v", "ffv1", at420.toString());
    double psnr = quality.path("psnrAverage").asDouble();
    assertEquals(DebianFfmpeg.ssimPsnr(out, at420)[1], psnr, 0.01, quality.toString());
    if (reduced) {
      Path upsampled = dir.resolve(pixelFormat + ".up.mkv");
      DebianFfmpeg.ffmpeg("-i", out.toString(), "-vf", "format=" + pixelFormat, "-c:v", "ffv1", upsampled.toString());
      double full = DebianFfmpeg.ssimPsnr(upsampled, in)[1];
      assertFalse(Math.abs(full - psnr) < 1, "against the source as it is, PSNR " + full + " dB, not " + psnr);
    }
  }
}
