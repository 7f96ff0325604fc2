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
 * The preview looks as the output will: a phone clip that players turn (display matrix, "rotation
 * -90" as ffprobe says it) is shown upright, and the bars the job's {@code crop} takes off are gone.
 * Debian's ffmpeg, which turns the picture as players do, gives the reference: the same rectangle,
 * turned, scaled to the thumbnail's size.
 */
class TurnedCroppedThumbnailTest {
  @TempDir Path dir;

  @Test
  void aTurnedLetterboxedClipIsShownUprightWithoutItsBars() throws Exception {
    Path source = turnedLetterboxed();
    // The job's filters: the 640x280 picture between the bars (in the picture as stored, as the engine crops).
    BufferedImage image = new ChunkThumbnailer().decode(firstFrame(source, FilterChain.parse("crop=640:280")), ReadFrom.KEYFRAME);
    assertNotNull(image);
    assertEquals(List.of(140, 320), List.of(image.getWidth(), image.getHeight()), "upright, as a player shows it, bars off");

    // As shown, the bars were the picture's left and right 40 columns (of 360): the crop leaves none of their black.
    for (int y = 0; y < image.getHeight(); y += 8) {
      assertTrue(brightness(image.getRGB(0, y)) > 12, "the left bar's black at row " + y);
      assertTrue(brightness(image.getRGB(image.getWidth() - 1, y)) > 12, "the right bar's black at row " + y);
    }
    byte[] reference = Pictures.debian(source, "crop=280:640:40:0,scale=140:320:flags=bilinear", 140, 320);
    double psnr = Pictures.psnr(Pictures.rgb(image), reference);
    double unturned = Pictures.psnr(Pictures.rgb(image), Pictures.debian(source, "crop=280:640:40:0,vflip,hflip,scale=140:320", 140, 320));
    System.out.printf("turned, cropped thumbnail PSNR %.2f dB against Debian's; %.2f dB turned the other way%n", psnr, unturned);
    assertTrue(psnr >= 28, "the thumbnail against Debian's turned, cropped picture: " + psnr + " dB");
    assertTrue(psnr > unturned + 6, psnr + " dB against " + unturned + " dB turned the other way");
  }

  @Test
  void aMirroredPictureIsTurnedAfterItsMirror() {
    BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
    image.setRGB(0, 0, 0xFF0000); // top left
    image.setRGB(3, 1, 0x00FF00); // bottom right
    BufferedImage quarter = DisplayTurn.turned(image, 90, false);
    assertEquals(List.of(2, 4), List.of(quarter.getWidth(), quarter.getHeight()));
    assertEquals(0xFF0000, quarter.getRGB(1, 0) & 0xFFFFFF, "top left goes to top right");
    assertEquals(0x00FF00, quarter.getRGB(0, 3) & 0xFFFFFF, "bottom right goes to bottom left");
    BufferedImage mirrored = DisplayTurn.turned(image, 0, true);
    assertEquals(0xFF0000, mirrored.getRGB(3, 0) & 0xFFFFFF);
    BufferedImage half = DisplayTurn.turned(image, 180, false);
    assertEquals(0xFF0000, half.getRGB(3, 1) & 0xFFFFFF);
    BufferedImage threeQuarters = DisplayTurn.turned(image, 270, true);
    // Mirrored, top left is top right; turned a quarter back, top right is top left.
    assertEquals(0xFF0000, threeQuarters.getRGB(0, 0) & 0xFFFFFF);
    // Another angle is not turned, but its mirror still applies (as the doc says).
    BufferedImage odd = DisplayTurn.turned(image, 45, true);
    assertEquals(List.of(4, 2), List.of(odd.getWidth(), odd.getHeight()));
    assertEquals(0xFF0000, odd.getRGB(3, 0) & 0xFFFFFF, "mirrored, not turned");
    assertTrue(DisplayTurn.turned(image, 45, false) == image, "neither mirrored nor turned: as stored");
  }

  /** The request for the first frame of {@code source}, which players turn a quarter clockwise, through {@code filters}. */
  private static ChunkThumbnailer.Request firstFrame(Path source, FilterChain filters) {
    MediaInfo media = Prober.probe(source);
    assertEquals(90, media.video().rotation(), "players turn it a quarter clockwise");
    return new ChunkThumbnailer.Request(1, source, source, media.video(), media.frames(), 0, 0, 0, 0, 320, 140, filters);
  }

  private static int brightness(int rgb) {
    return Math.max((rgb >> 16) & 0xFF, Math.max((rgb >> 8) & 0xFF, rgb & 0xFF));
  }

  /**
   * A 640x360 clip whose picture has black bars 40 rows high above and below, stored landscape and
   * marked for players to turn a quarter clockwise (as a phone held upright writes it). The picture
   * is a smaller one enlarged: no detail finer than the thumbnail's pixels, which scalers of
   * different kernels (the engine's, FFmpeg's) would render each their own way.
   */
  private Path turnedLetterboxed() throws java.io.IOException {
    Path plain = dir.resolve("plain.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x140:rate=25:duration=1", "-vf",
        "scale=640:280:flags=bicubic,pad=640:360:0:40:black",
        "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", plain.toString());
    // The matrix a phone writes (ffprobe: "rotation of -90.00 degrees").
    Path turned = DebianFfmpeg.withDisplayMatrix(plain, new int[] {0, 1, -1, 0}, dir.resolve("turned.mp4"));
    assertEquals("-90", DebianFfmpeg.probe(turned, "v:0", "stream_side_data=rotation", false));
    return turned;
  }
}
