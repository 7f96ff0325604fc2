package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output stores the source's frame rate and each frame's duration, the last one's too, as
 * Debian's ffprobe reads them: Matroska and WebM write them as the track's default duration, without
 * which their packets had none (a one-picture video lasted 1 ms beside 3 s of sound).
 */
class FrameDurationsTest {
  @TempDir static Path dir;

  private static Path encode(Path in, String codec, String ext) {
    Path out = dir.resolve(in.getFileName() + "-" + codec + "." + ext);
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", codec, "--preset", "ultrafast", "-j", "2",
        "--quiet");
    assertEquals(0, run.code(), run::toString);
    return out;
  }

  /** The video packets' durations (s), as Debian's ffprobe reads them ("N/A" for none). */
  private static List<String> packetDurations(Path file) {
    return DebianFfmpeg.probe(file, "v:0", "packet=duration_time", false).lines().toList();
  }

  @Test
  void aSlideKeepsItsRateAndLastsThreeSecondsInEveryContainer() {
    Path slide = TestMedia.get(TestMedia.SLIDE);
    for (String[] c : new String[][] {{"h264", "mkv"}, {"vp9", "webm"}, {"av1", "mkv"}, {"h264", "mp4"}}) {
      Path out = encode(slide, c[0], c[1]);
      String what = c[0] + " in " + c[1];
      assertEquals("1/3", DebianFfmpeg.probe(out, "v:0", "stream=avg_frame_rate", false), what);
      assertEquals(List.of("3.000000"), packetDurations(out), what);
      // What another tool makes of it: Debian's ffmpeg remuxes it to MP4 with a picture of 3 s, not 1 ms.
      Path remux = dir.resolve("remux-" + c[0] + "-" + c[1] + ".mp4");
      DebianFfmpeg.ffmpeg("-i", out.toString(), "-c", "copy", remux.toString());
      assertEquals(3.0, Double.parseDouble(DebianFfmpeg.probe(remux, "v:0", "stream=duration", false)), 0.001, what);
    }
  }

  @Test
  void everyFrameOfA25FpsVideoHasItsDurationInMatroskaAndWebm() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    for (String[] c : new String[][] {{"h264", "mkv"}, {"vp9", "webm"}}) {
      Path out = encode(in, c[0], c[1]);
      String what = c[0] + " in " + c[1];
      assertEquals("25/1", DebianFfmpeg.probe(out, "v:0", "stream=avg_frame_rate", false), what);
      List<String> durations = packetDurations(out);
      assertEquals(50, durations.size(), what);
      assertTrue(durations.stream().allMatch("0.040000"::equals), what + ": " + durations);
    }
  }
}
