package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview has the shape players show the output in: the filtered picture's size times the
 * pixels' shape the engine gives the output. A 4:3 clip scaled to 1280x720 is written with pixels
 * 3:4 wide and shown 4:3 (it was previewed 16:9); an anamorphic 1440x1080 clip with pixels 4:3 wide
 * is shown 16:9 (it was previewed 4:3). Debian's ffmpeg, scaling to square pixels as a player
 * shows the picture, gives the reference.
 */
class SampleAspectThumbnailTest {
  @TempDir Path dir;

  @Test
  void aFourByThreeClipScaledToSixteenByNineIsShownFourByThree() throws Exception {
    Path source = clip("square.mp4", 640, 480, "1:1");
    // FFmpeg's scale keeps the picture's shape so too (the engine's output has pixels 3:4 wide).
    Path scaled = dir.resolve("scaled.mp4");
    DebianFfmpeg.ffmpeg("-i", source.toString(), "-vf", "scale=1280:720", "-c:v", "libx264", "-preset", "ultrafast", scaled.toString());
    assertEquals("4:3", DebianFfmpeg.probe(scaled, "v:0", "stream=display_aspect_ratio", false));
    BufferedImage image = thumbnail(source, FilterChain.parse("scale=1280:720"));
    assertEquals(List.of(320, 240), List.of(image.getWidth(), image.getHeight()), "4:3, as players show the output");
    double psnr = Pictures.psnr(Pictures.rgb(image), Pictures.debian(source, "scale=320:240", 320, 240));
    System.out.printf("4:3 clip scaled to 1280x720: thumbnail PSNR %.2f dB against Debian's 4:3 picture%n", psnr);
    assertTrue(psnr >= 28, psnr + " dB");
  }

  @Test
  void anAnamorphicClipIsShownSixteenByNine() throws Exception {
    Path source = clip("anamorphic.mp4", 1440, 1080, "4:3");
    assertEquals("16:9", DebianFfmpeg.probe(source, "v:0", "stream=display_aspect_ratio", false));
    BufferedImage image = thumbnail(source, FilterChain.none());
    assertEquals(List.of(320, 180), List.of(image.getWidth(), image.getHeight()), "16:9, as players show it");
    // Filtered too: a crop keeps the pixels' shape (720x1080 of pixels 4:3 wide is 8:9 on screen).
    BufferedImage cropped = thumbnail(source, FilterChain.parse("crop=720:1080"));
    assertEquals(List.of(284, 320), List.of(cropped.getWidth(), cropped.getHeight()), "8:9");
  }

  /** The first frame's thumbnail in a 320x320 box, as the preview asks for it. */
  private static BufferedImage thumbnail(Path source, FilterChain filters) {
    MediaInfo media = Prober.probe(source);
    BufferedImage image = new ChunkThumbnailer().decode(
        new ChunkThumbnailer.Request(1, source, source, media.video(), media.frames(), 0, 0, 0, 0, 320, 320, filters),
        ReadFrom.KEYFRAME);
    assertNotNull(image);
    return image;
  }

  /** A lossless clip of {@code width x height} whose pixels are {@code sar} wide, no detail finer than a thumbnail's pixels. */
  private Path clip(String name, int width, int height, String sar) {
    Path out = dir.resolve(name);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + width / 4 + "x" + height / 4 + ":rate=25:duration=0.2", "-vf",
        "scale=" + width + ":" + height + ":flags=bicubic,setsar=" + sar.replace(':', '/'),
        "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", out.toString());
    return out;
  }
}
