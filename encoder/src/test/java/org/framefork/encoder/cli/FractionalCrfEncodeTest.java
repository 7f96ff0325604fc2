package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --crf 23.5}: x264 gets the fraction, Debian's ffmpeg finds it in the stream, and it sits between 23 and 24. */
class FractionalCrfEncodeTest {
  @Test
  void aFractionalCrfReachesX264AndTheReport(@TempDir Path dir) throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("half.mkv");
    Path report = dir.resolve("report.json");
    CliRun run = encode(in, out, "23.5", "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals("h264", DebianFfmpeg.probe(out, "v:0", "stream=codec_name", false));
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out), "Debian's decoder reads the joined stream cleanly");
    assertEquals(23.5, DebianFfmpeg.encoderCrf(out), "x264's settings message in the stream");
    assertTrue(run.out().contains("h264 crf 23.5 ultrafast"), run.out());
    JsonNode r = new ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report");
    assertEquals(23.5, r.path("crf").asDouble(), 0.0, r.toString());

    // A fraction is a real step of x264's rate control: the file lies between its whole neighbours.
    Path whole = dir.resolve("whole.mkv");
    Path next = dir.resolve("next.mkv");
    assertEquals(0, encode(in, whole, "23").code());
    assertEquals(0, encode(in, next, "24").code());
    long at23 = Files.size(whole);
    long at235 = Files.size(out);
    long at24 = Files.size(next);
    assertTrue(at23 > at235 && at235 > at24, at23 + " > " + at235 + " > " + at24);
    assertEquals(23.0, DebianFfmpeg.encoderCrf(whole));
  }

  private static CliRun encode(Path in, Path out, String crf, String... more) {
    String[] base = {"encode", in.toString(), "-o", out.toString(), "--crf", crf, "--preset", "ultrafast", "--workers", "2",
        "--chunk-seconds", "0.5", "--audio", "none"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.of(args);
  }
}
