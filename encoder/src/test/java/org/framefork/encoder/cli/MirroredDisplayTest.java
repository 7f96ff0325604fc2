package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A display matrix that mirrors the picture (a negative determinant, as {@code -display_hflip}
 * writes it) is said by probe as what a player shows, and kept by encode. Debian's FFmpeg (5.1,
 * which has no {@code -display_hflip}) checks both: ffprobe reads the matrix, and ffmpeg's
 * autorotate shows the picture as the filter named by probe's words does.
 */
class MirroredDisplayTest {
  @TempDir Path dir;
  private Path plain;

  @BeforeEach
  void makeSource() {
    plain = dir.resolve("plain.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", "-preset",
        "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", plain.toString());
  }

  @Test
  void aMirrorIsSaidWithTheTurnAfterIt() throws IOException {
    says(new int[] {-1, 0, 0, 1}, "shown mirrored left to right", "hflip");
    says(new int[] {1, 0, 0, -1}, "shown mirrored top to bottom", "vflip");
    says(new int[] {0, -1, -1, 0}, "shown mirrored left to right, then turned 90° clockwise", "hflip,transpose=clock");
    says(new int[] {0, 1, 1, 0}, "shown mirrored left to right, then turned 270° clockwise", "hflip,transpose=cclock");
    // A plain turn is said as before.
    says(new int[] {0, 1, -1, 0}, "shown turned 90° clockwise", "transpose=clock");
  }

  @Test
  void encodeKeepsTheMirrorProbeSays() throws IOException {
    Path source = withMatrix(new int[] {0, -1, -1, 0}, "source.mp4");
    Path out = dir.resolve("out.mp4");
    CliRun encode = CliRun.of("encode", source.toString(), "-o", out.toString(), "--preset", "ultrafast", "-j", "2");
    assertEquals(0, encode.code(), encode::toString);
    assertArrayEquals(ffprobeMatrix(source), ffprobeMatrix(out));
    CliRun probe = CliRun.of("probe", out.toString());
    assertTrue(probe.out().contains("shown mirrored left to right, then turned 90° clockwise"), probe.out());
  }

  private void says(int[] abcd, String words, String filter) throws IOException {
    Path f = withMatrix(abcd, "m" + Arrays.toString(abcd).replaceAll("[^0-9-]", "") + ".mp4");
    int[] m = ffprobeMatrix(f);
    long determinant = (long) m[0] * m[4] - (long) m[1] * m[3];
    assertEquals(abcd[0] * abcd[3] - abcd[1] * abcd[2] < 0, determinant < 0, Arrays.toString(m));
    CliRun run = CliRun.of("probe", f.toString());
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().lines().anyMatch(l -> l.endsWith(", " + words)), run.out());
    // What Debian's ffmpeg shows (autorotate) is the plain picture through the filter the words name.
    assertArrayEquals(firstPicture(plain, filter), firstPicture(f, null), filter);
  }

  /** {@link #plain} with its track header's matrix set to {@code a b c d} (16.16), as a camera writes one. */
  private Path withMatrix(int[] abcd, String name) throws IOException {
    return DebianFfmpeg.withDisplayMatrix(plain, abcd, dir.resolve(name));
  }

  /** The display matrix as ffprobe prints it, 9 numbers. */
  private static int[] ffprobeMatrix(Path f) {
    String text = DebianFfmpeg.probe(f, "v:0", "stream_side_data=displaymatrix", false);
    return text.lines().map(String::trim).filter(l -> !l.isEmpty())
        .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).mapToInt(Integer::parseInt).toArray();
  }

  private byte[] firstPicture(Path f, String filter) throws IOException {
    Path raw = Files.createTempFile(dir, "picture", ".gray");
    if (filter == null) {
      DebianFfmpeg.ffmpeg("-i", f.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw.toString());
    } else {
      DebianFfmpeg.ffmpeg("-i", f.toString(), "-frames:v", "1", "-vf", filter, "-f", "rawvideo", "-pix_fmt", "gray", raw.toString());
    }
    return Files.readAllBytes(raw);
  }
}
