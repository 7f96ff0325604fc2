package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview prepares a job's filters once, as the engine does (which reads an overlay's picture
 * when the job starts): a thumbnail does not read the overlay's PNG again, so one removed or changed
 * after the job started changes nothing, and the next chunk's picture still has the logo the output has.
 */
class PreparedOncePerJobTest {
  @TempDir Path dir;

  @Test
  void anOverlaysPictureIsReadOncePerJob() throws Exception {
    Path logo = dir.resolve("logo.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=0xC00000:size=32x32", "-frames:v", "1", logo.toString());
    Path source = clip();
    MediaInfo media = Prober.probe(source);
    ChunkThumbnailer.Request r = new ChunkThumbnailer.Request(1, source, source, media.video(), media.frames(), 0, 0, 0, 0, 320, 180,
        FilterChain.parse("overlay=" + logo + ":16:16"));
    ChunkThumbnailer thumbnailer = new ChunkThumbnailer();
    BufferedImage first = thumbnailer.decode(r, ReadFrom.KEYFRAME);
    assertNotNull(first);
    int logoPixel = first.getRGB(32, 32);
    assertTrue(((logoPixel >> 16) & 0xFF) > 150 && ((logoPixel >> 8) & 0xFF) < 60, "the logo's red: " + Integer.toHexString(logoPixel));
    Files.delete(logo);
    BufferedImage next = thumbnailer.decode(r, ReadFrom.KEYFRAME);
    assertNotNull(next, "the job's next thumbnail read the overlay's picture again");
    assertArrayEquals(Pictures.rgb(first), Pictures.rgb(next), "the same picture, the same logo");
  }

  /** A 320x180 clip of Debian's ffmpeg: its size is the thumbnail's, so only the filters change the picture. */
  private Path clip() {
    Path source = dir.resolve("clip.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=0.4", "-c:v", "libx264", "-preset", "ultrafast",
        "-pix_fmt", "yuv420p", source.toString());
    return source;
  }
}
