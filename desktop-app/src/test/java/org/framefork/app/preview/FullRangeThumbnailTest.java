package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-range (yuvj420p) source's thumbnail has the source's colours, as Debian's ffmpeg converts
 * it to RGB: the decoder keeps the source's range, and the colour kernels read limited range, so the
 * thumbnailer squeezes the picture first (read as limited, it was too contrasty: blacks and whites
 * clipped).
 */
class FullRangeThumbnailTest {
  @TempDir Path dir;

  @Test
  void aFullRangeSourcesThumbnailHasItsColours() throws Exception {
    Path source = fullRangeSource();
    MediaInfo media = Prober.probe(source);
    ChunkThumbnailer.Request r = new ChunkThumbnailer.Request(1, source, source, media.video(), media.frames(), 0, 0, 1, 0,
        320, 240);
    BufferedImage image = new ChunkThumbnailer().decode(r, ReadFrom.KEYFRAME);
    assertNotNull(image);

    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", source.toString(), "-frames:v", "1",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(320 * 240 * 3, p.stdout().length);
    double psnr = Pictures.psnr(Pictures.rgb(image), p.stdout());
    System.out.printf("full-range thumbnail PSNR %.2f dB%n", psnr);
    // 52.8 dB; read as limited range, 40.5.
    assertTrue(psnr >= 48, "the thumbnail against Debian's RGB picture: " + psnr + " dB");
  }

  /** A lossless x264 clip in yuvj420p, as Debian's ffmpeg makes it. */
  private Path fullRangeSource() {
    Path source = dir.resolve("full.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", "-qp", "0",
        "-pix_fmt", "yuvj420p", source.toString());
    assertEquals("yuvj420p", DebianFfmpeg.probe(source, "v:0", "stream=pix_fmt", false));
    return source;
  }

  @Test
  void theSqueezeMapsFullRangeOntoLimited() {
    org.framefork.encoder.kernels.YuvFrame yuv = org.framefork.encoder.kernels.YuvFrame.allocate(2, 2);
    yuv.y().set(0, 0, 0);
    yuv.y().set(1, 0, 255);
    yuv.y().set(0, 1, 128);
    yuv.u().set(0, 0, 0);
    yuv.v().set(0, 0, 255);
    ChunkThumbnailer.toLimitedRange(yuv);
    assertEquals(List.of(16, 235, 126), List.of(yuv.y().get(0, 0), yuv.y().get(1, 0), yuv.y().get(0, 1)));
    assertEquals(List.of(16, 240), List.of(yuv.u().get(0, 0), yuv.v().get(0, 0)));
  }
}
