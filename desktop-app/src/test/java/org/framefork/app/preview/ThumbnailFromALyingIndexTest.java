package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source whose index lies about keyframes: x264's intra refresh marks the first picture of each
 * refresh as a sync sample, but that picture is a P picture that needs the whole refresh before it
 * is clean. FFmpeg's own seek there gives a picture seconds later; the preview, through the engine's
 * decode loop and its recovery, gives the chunk's own first picture, as Debian's ffmpeg decodes it
 * from the start of the file.
 */
class ThumbnailFromALyingIndexTest {
  private static Path source;
  private static MediaInfo media;

  @BeforeAll
  static void intraRefreshSource() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "test-media").toAbsolutePath());
    source = dir.resolve("intra-refresh-640x360.mp4");
    if (!Files.isRegularFile(source)) {
      Path tmp = dir.resolve("tmp-" + ProcessHandle.current().pid() + "-" + source.getFileName());
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=8", "-c:v", "libx264", "-preset", "veryfast",
          "-x264-params", "intra-refresh=1:keyint=60", "-pix_fmt", "yuv420p", tmp.toString());
      Files.move(tmp, source);
    }
    media = Prober.probe(source);
  }

  @Test
  void aChunkStartingAtAKeyframeThatDoesNotDecodeAloneShowsItsOwnPicture() throws Exception {
    FrameIndex frames = media.frames();
    assertTrue(frames.keyframeCount() >= 3, "the index names keyframes after the first: " + frames.keyframeCount());
    int frame = frames.frameAt(frames.keyframePts(2)); // about 4.1 s: a chunk's start, as the planner cuts them
    double seconds = frames.timeBase().seconds(frames.pts(frame) - frames.pts(0));

    // The premise: FFmpeg's own seek to that "keyframe" does not give its picture (the index lies).
    double landed = firstFrameAfterSeek(seconds);
    assertNotEquals(seconds, landed, 0.02, "Debian's ffmpeg seeks to " + seconds + " s and decodes the frame at " + landed + " s");

    ChunkThumbnailer.Request r = new ChunkThumbnailer.Request(1, source, source, media.video(), frames, frame, seconds, 2, 0, 640, 360);
    BufferedImage seeking = new ChunkThumbnailer().decode(r, ReadFrom.KEYFRAME);
    assertNotNull(seeking, "the seek stepped back to a picture that decodes");
    byte[] exact = debianFrameFromTheStart(frame);
    double psnr = Pictures.psnr(Pictures.rgb(seeking), exact);
    assertTrue(psnr >= 40, "the preview is the chunk's first picture: PSNR " + psnr + " dB against Debian's frame " + frame);
    System.out.printf("preview PSNR %.2f dB; FFmpeg seek landed at %.3f s for %.3f s%n", psnr, landed, seconds);
    // And the picture FFmpeg's seek lands on is far from it: the check tells the two apart.
    byte[] late = debianFrameFromTheStart(frames.frameAt(frames.keyframePts(2)) + (int) Math.round((landed - seconds) * 30));
    assertTrue(Pictures.psnr(late, exact) < psnr - 10, "the late picture scores " + Pictures.psnr(late, exact) + " dB");

    // What the panel shows, scaled, goes through the same path.
    ChunkThumbnailer.Request small = new ChunkThumbnailer.Request(1, source, source, media.video(), frames, frame, seconds, 2, 0, 320, 180);
    BufferedImage thumb = new ChunkThumbnailer().decode(small, ReadFrom.KEYFRAME);
    assertEquals(List.of(320, 180), List.of(thumb.getWidth(), thumb.getHeight()));
  }

  /** The time of the first picture Debian's ffmpeg decodes after {@code -ss seconds} (input seeking), from showinfo. */
  private static double firstFrameAfterSeek(double seconds) {
    DebianFfmpeg.Result r = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-v", "info", "-copyts", "-ss", String.valueOf(seconds),
        "-i", source.toString(), "-frames:v", "1", "-vf", "showinfo", "-f", "null", "-"));
    var m = java.util.regex.Pattern.compile("pts_time:([0-9.]+)").matcher(r.err());
    assertTrue(m.find(), r.err());
    return Double.parseDouble(m.group(1));
  }

  /** Frame {@code n} as Debian's ffmpeg decodes it reading from the start, in RGB 24-bit. */
  private static byte[] debianFrameFromTheStart(int n) throws Exception {
    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", source.toString(), "-vf",
        "select=eq(n\\," + n + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(640 * 360 * 3, p.stdout().length, new String(p.stdout(), 0, Math.min(200, p.stdout().length), StandardCharsets.UTF_8));
    return p.stdout();
  }
}
