package org.framefork.encoder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequencesTest {
  @TempDir
  Path dir;

  private void png(String name) {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", dir.resolve(name).toString());
  }

  @Test
  void aPatternOrAGlobOfImagesOrAFolderOrAnImageFileIsASequenceAndAVideoFileIsAFile() throws IOException {
    png("plain.png");
    Files.copy(dir.resolve("plain.png"), dir.resolve("100%done.png")); // ffmpeg would read the name as a pattern
    assertTrue(ImageSequences.names(dir.resolve("plain.png")), "one image file: a sequence of one image");
    assertTrue(ImageSequences.names(dir.resolve("100%done.png")), "an existing file, whatever its name: that one image");
    Path clip = Files.writeString(dir.resolve("clip.mp4"), "x");
    assertFalse(ImageSequences.names(clip), "a video file is itself");
    assertTrue(ImageSequences.names(dir.resolve("frame_%04d.png")));
    assertTrue(ImageSequences.names(dir.resolve("*.png")));
    assertTrue(ImageSequences.names(dir));
    assertFalse(ImageSequences.names(dir.resolve("clip_%02d.mp4")), "a pattern of videos is no image sequence");
    assertFalse(ImageSequences.names(dir.resolve("*.mov")));
  }

  @Test
  void hiddenFilesAreNoFrames() throws IOException {
    // macOS's AppleDouble "._f_0001.png" beside each copied image: it said "two images have the number 1".
    png("f_0001.png");
    png("f_0002.png");
    Files.writeString(dir.resolve("._f_0001.png"), "x");
    List<Path> frames = List.of(dir.resolve("f_0001.png"), dir.resolve("f_0002.png"));
    assertEquals(frames, ImageSequences.scan(dir, SequenceOptions.defaults()).frames());
    assertEquals(frames, ImageSequences.scan(dir.resolve("*.png"), SequenceOptions.defaults()).frames());
  }

  @Test
  void anImageFileIsThatImageAloneWhateverItsNameAndStampedByItself() throws IOException {
    png("f_0001.png");
    png("f_0002.png");
    Path literal = Files.copy(dir.resolve("f_0002.png"), dir.resolve("f_%04d.png"));
    ImageSequence s = ImageSequences.scan(literal, SequenceOptions.defaults());
    assertEquals(List.of(literal), s.frames(), "the file, not the images its name would make");
    ImageSequence one = ImageSequences.scan(dir.resolve("f_0002.png"), SequenceOptions.defaults());
    assertEquals(List.of(dir.resolve("f_0002.png")), one.frames());
    assertEquals(-1, one.firstNumber(), "one file: its name's number is no frame number worth showing");
    assertEquals("f_0002", ImageSequences.outputStem(dir.resolve("f_0002.png")));
    // Another image beside it changes the folder's sequence, not the image named alone.
    ImageSequences.Stamp alone = ImageSequences.stamp(dir.resolve("f_0002.png"));
    ImageSequences.Stamp folder = ImageSequences.stamp(dir);
    png("f_0003.png");
    assertEquals(alone, ImageSequences.stamp(dir.resolve("f_0002.png")));
    assertFalse(folder.equals(ImageSequences.stamp(dir)));
  }

  @Test
  void aPrintfPatternTakesOnlyTheNamesItMakes() {
    png("f_0001.png");
    png("f_0002.png");
    png("f_3.png"); // %04d makes f_0003, not f_3
    png("g_0003.png");
    ImageSequence s = ImageSequences.scan(dir.resolve("f_%04d.png"), SequenceOptions.defaults());
    assertEquals(List.of(dir.resolve("f_0001.png"), dir.resolve("f_0002.png")), s.frames());
    assertEquals(1, s.firstNumber());
    assertEquals(new Rational(24, 1), s.rate());
    assertFalse(s.rateGiven());
  }

  @Test
  void aFolderIsOrderedByNumberNotByName() {
    png("shot9.png");
    png("shot10.png");
    png("shot11.png");
    ImageSequence s = ImageSequences.scan(dir, new SequenceOptions(SequenceOptions.parseRate("23.976"), null, false, null,
        null));
    assertEquals(List.of(dir.resolve("shot9.png"), dir.resolve("shot10.png"), dir.resolve("shot11.png")), s.frames());
    assertEquals(new Rational(24000, 1001), s.rate());
  }

  @Test
  void heldGapsRepeatTheImageBefore() {
    png("f_1.png");
    png("f_4.png");
    ImageSequence s = ImageSequences.scan(dir.resolve("f_%d.png"), new SequenceOptions(null, null, true, null, null));
    assertEquals(List.of(dir.resolve("f_1.png"), dir.resolve("f_1.png"), dir.resolve("f_1.png"), dir.resolve("f_4.png")),
        s.frames());
    assertEquals(List.of("2-3"), s.gaps());
    assertEquals(2, s.heldFrames());
    assertEquals(2, s.imageCount());
  }

  /**
   * A jump in the numbers (a render that restarted at 2000000000) is one gap: refused without
   * --allow-gaps at once, and with it refused in one line rather than filling two billion frames.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aJumpInTheNumbersIsOneGapAndTooManyHeldFramesAreRefused() {
    png("f_1.png");
    png("f_2.png");
    png("f_2000000000.png");
    InputException refused = assertThrows(InputException.class,
        () -> ImageSequences.scan(dir.resolve("f_%d.png"), SequenceOptions.defaults()));
    assertTrue(refused.getMessage().contains("numbers are missing from the sequence (3-1999999999)"), refused.getMessage());
    InputException held = assertThrows(InputException.class,
        () -> ImageSequences.scan(dir.resolve("f_%d.png"), new SequenceOptions(null, null, true, null, null)));
    assertTrue(held.getMessage().contains("would make 2000000000 frames from 3 images (numbers 1 to 2000000000)"),
        held.getMessage());
  }

  @Test
  void aFolderOfTwoFormatsIsRefused() {
    png("a1.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", dir.resolve("a2.jpg").toString());
    InputException e = assertThrows(InputException.class, () -> ImageSequences.scan(dir, SequenceOptions.defaults()));
    assertTrue(e.getMessage().contains("holds both .png and .jpg images"), e.getMessage());
  }

  @Test
  void fpsIsReadAsAnExactRate() {
    assertEquals(new Rational(30000, 1001), SequenceOptions.parseRate("30000/1001"));
    assertEquals(new Rational(25, 2), SequenceOptions.parseRate("12.5"));
    assertEquals(new Rational(60, 1), SequenceOptions.parseRate("60"));
    assertThrows(IllegalArgumentException.class, () -> SequenceOptions.parseRate("0"));
    assertThrows(IllegalArgumentException.class, () -> SequenceOptions.parseRate("fast"));
  }

  @Test
  void headersGiveTheSizeOfEveryFormatTheyKnow() throws IOException {
    for (String ext : List.of("png", "jpg", "bmp", "tga", "tif")) {
      Path f = dir.resolve("size." + ext);
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=70x38", "-frames:v", "1", f.toString());
      assertEquals(new ImageHeader.Size(70, 38), ImageHeader.size(f), ext);
    }
    Files.write(dir.resolve("junk.png"), new byte[] {1, 2, 3});
    assertEquals(null, ImageHeader.size(dir.resolve("junk.png")));
  }

  /** A LONG ImageWidth past an int's range (0x80000001) is no size, not a negative one. */
  @Test
  void aTiffWidthPastAnIntIsNoSize() throws IOException {
    Path f = tiffHeader("wide.tif", new int[][] {{256, 4, 1, 0x80000001}, {257, 4, 1, 64}});
    assertEquals(null, ImageHeader.size(f));
    Path tall = tiffHeader("tall.tif", new int[][] {{256, 4, 1, 64}, {257, 4, 1, 0xFFFFFFFF}});
    assertEquals(null, ImageHeader.size(tall));
    Path fine = tiffHeader("fine.tif", new int[][] {{256, 4, 1, 0x7FFFFFFF}, {257, 3, 1, 64}});
    assertEquals(new ImageHeader.Size(Integer.MAX_VALUE, 64), ImageHeader.size(fine));
  }

  /** An ExtraSamples entry of no values says nothing, whatever its inline bytes hold (here 1, associated). */
  @Test
  void anEmptyExtraSamplesIsNoAssociatedAlpha() throws IOException {
    Path empty = tiffHeader("empty.tif", new int[][] {{256, 4, 1, 64}, {257, 4, 1, 64}, {338, 3, 0, 1}});
    assertFalse(ImageHeader.premultipliedAlpha(empty, "tiff"));
    Path one = tiffHeader("one.tif", new int[][] {{256, 4, 1, 64}, {257, 4, 1, 64}, {338, 3, 1, 1}});
    assertTrue(ImageHeader.premultipliedAlpha(one, "tiff"));
  }

  /**
   * A little-endian TIFF of one image file directory and no pixels: {@code entries} as {tag, type,
   * count, value}, each value inline (a SHORT in the entry's first two bytes).
   */
  private Path tiffHeader(String name, int[][] entries) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 12 * entries.length + 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.length);
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
      if (e[1] == 3) {
        b.putShort((short) e[3]).putShort((short) 0);
      } else {
        b.putInt(e[3]);
      }
    }
    b.putInt(0);
    return Files.write(dir.resolve(name), b.array());
  }

  @Test
  void anOutputIsNamedAfterWhatTheNamesShareOrTheFolder() throws IOException {
    Path render = Files.createDirectories(dir.resolve("render"));
    assertEquals("render", ImageSequences.outputStem(render));
    assertEquals("frame", ImageSequences.outputStem(render.resolve("frame_%04d.png")));
    assertEquals("shot.v2", ImageSequences.outputStem(render.resolve("shot.v2.%d.exr")));
    assertEquals("render", ImageSequences.outputStem(render.resolve("%04d.png")));
    assertEquals("render", ImageSequences.outputStem(render.resolve("*.png")));
    assertTrue(ImageSequences.imageExtensions().containsAll(List.of("png", "jpg", "exr", "dpx")));
  }
}
