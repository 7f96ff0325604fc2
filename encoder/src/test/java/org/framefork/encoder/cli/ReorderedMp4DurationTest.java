package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose frames are not evenly spaced, encoded with the defaults (H.264 with B-frames into
 * MP4), passes verification: MP4 stores durations in decode order, so the last frame shown reads a
 * gap of a frame before it, and the output read 1.040 s for 1.000 s. Sources and outputs made and
 * checked by Debian's ffmpeg and ffprobe.
 */
class ReorderedMp4DurationTest {
  @TempDir static Path dir;

  private static Path encode(Path in) {
    Path out = dir.resolve(in.getFileName() + ".mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "-j", "2", "--quiet");
    assertEquals(0, run.code(), run::toString);
    return out;
  }

  /** The file's length as Debian's ffprobe reads it: the edit list's. */
  private static double fileSeconds(Path file) {
    return Double.parseDouble(DebianFfmpeg.probe(file, "v:0", "format=duration", false));
  }

  private static String frames(Path file) {
    return DebianFfmpeg.probe(file, "v:0", "stream=nb_read_frames", true);
  }

  /** 25 fps for 1 s with frames 20 and 22 left out: the last gaps are 80 ms and 40 ms. */
  @Test
  void aVideoWithDroppedFramesPasses() {
    Path in = dir.resolve("drop.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x64:r=25:d=1", "-vf", "select='not(eq(n\\,20)+eq(n\\,22))'",
        "-fps_mode", "passthrough", "-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p", in.toString());
    Path out = encode(in);
    assertEquals("23", frames(out));
    assertEquals(1.0, fileSeconds(out), 0.001);
  }

  /** Four pictures shown for 1, 1, 1 and 2 s. */
  @Test
  void slidesOfDifferentLengthsPass() throws Exception {
    StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
    String[] colours = {"red", "green", "blue", "white"};
    for (int i = 0; i < colours.length; i++) {
      Path png = dir.resolve(colours[i] + ".png");
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=" + colours[i] + ":s=64x64", "-frames:v", "1", png.toString());
      list.append("file ").append(png.getFileName()).append("\nduration ").append(i == 3 ? 2 : 1).append('\n');
    }
    list.append("file white.png\n");
    Path concat = dir.resolve("s.ffconcat");
    Files.writeString(concat, list);
    Path in = dir.resolve("slides.mkv");
    DebianFfmpeg.ffmpeg("-f", "concat", "-i", concat.toString(), "-fps_mode", "vfr", "-c:v", "libx264", "-bf", "0",
        "-pix_fmt", "yuv420p", in.toString());
    Path out = encode(in);
    assertEquals(frames(in), frames(out));
  }
}
