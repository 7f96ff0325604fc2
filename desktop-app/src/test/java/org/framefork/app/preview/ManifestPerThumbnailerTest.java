package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceManifest;
import org.framefork.encoder.source.SequenceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each preview panel numbers its jobs from 1, so two panels in one JVM ask for "job 1" of the same
 * manifest path (a work folder used again): the manifest one thumbnailer read must not be the
 * picture another shows.
 */
class ManifestPerThumbnailerTest {
  @TempDir
  Path dir;

  @Test
  void anotherPanelsThumbnailerReadsTheManifestAsItIsNow() throws Exception {
    Path red = sequence("red", Color.RED);
    Path blue = sequence("blue", Color.BLUE);
    Path manifest = Files.createDirectories(dir.resolve("work")).resolve(SequenceManifest.FILE_NAME);

    SequenceManifest.write(manifest, ImageSequences.scan(red, SequenceOptions.defaults()), null);
    ChunkThumbnailer first = new ChunkThumbnailer();
    assertEquals(Color.RED, centre(first.decode(request(red, manifest), ReadFrom.KEYFRAME)));

    // Another panel's job 1 writes its manifest at the same path (the same output encoded again).
    SequenceManifest.write(manifest, ImageSequences.scan(blue, SequenceOptions.defaults()), null);
    ChunkThumbnailer second = new ChunkThumbnailer();
    assertEquals(Color.BLUE, centre(second.decode(request(blue, manifest), ReadFrom.KEYFRAME)));
    first.shutdown();
    second.shutdown();
  }

  private Path sequence(String name, Color colour) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (int i = 1; i <= 3; i++) {
      BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_3BYTE_BGR);
      java.awt.Graphics2D g = image.createGraphics();
      g.setColor(colour);
      g.fillRect(0, 0, 64, 36);
      g.dispose();
      ImageIO.write(image, "png", folder.resolve(String.format("frame_%04d.png", i)).toFile());
    }
    return folder;
  }

  private static ChunkThumbnailer.Request request(Path folder, Path manifest) {
    MediaInfo media = ProbedSource.probe(folder, SequenceOptions.defaults()).media();
    return new ChunkThumbnailer.Request(1, folder, manifest, media.video(), media.frames(), 0, 0, 0, 0, 64, 36);
  }

  /** The centre pixel, rounded to pure red or blue (the picture went through YUV). */
  private static Color centre(BufferedImage image) {
    assertNotNull(image, "a picture");
    Color c = new Color(image.getRGB(32, 18));
    return c.getRed() > 180 && c.getBlue() < 80 ? Color.RED : c.getBlue() > 180 && c.getRed() < 80 ? Color.BLUE : c;
  }
}
