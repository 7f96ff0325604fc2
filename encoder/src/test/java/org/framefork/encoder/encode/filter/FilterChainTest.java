package org.framefork.encoder.encode.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterChainTest {
  @TempDir Path dir;

  @Test
  void parsesEveryFilterWithPlainAndNamedValuesAndWritesItBackNormalised() {
    FilterChain c = FilterChain.parse(" scale=1280:720, eq=contrast=1.2:gamma=0.9 ,gray,blur=3,sharpen=0.6,"
        + "denoise=4,overlay='my logo.png':-16:8");
    assertEquals(List.of(new ScaleFilter(1280, 720), new ToneFilter(0, 1.2, 0.9), new GrayFilter(), new BlurFilter(3),
        new SharpenFilter(0.6, 2), new DenoiseFilter(4, 10), new OverlayFilter(Path.of("my logo.png"), 16, 8, true, false)),
        c.filters());
    assertEquals("scale=1280:720,eq=0:1.2:0.9,gray,blur=3,sharpen=0.6:2,denoise=4:10,overlay='my logo.png':-16:8", c.text());
    assertEquals(c, FilterChain.parse(c.text()), "the normalised text parses back to the same chain");
    assertTrue(FilterChain.parse("").isEmpty());
    assertTrue(FilterChain.parse(null).isEmpty());
  }

  @Test
  void theFiltersGiveThePixelShapeFfmpegsWould() {
    // A crop keeps the pixel shape, square or not; FFmpeg's crop does too.
    assertShape("1/1", "crop=320:180", 320, 240, new Rational(1, 1));
    assertShape("4/3", "crop=200:100:60:40", 320, 240, new Rational(4, 3));
    assertShape("0/1", "crop=320:180", 320, 240, Rational.ZERO);
    assertShape("4/3", "gray,blur=2", 320, 240, new Rational(4, 3));
    // A scale by different factors changes it (an unknown shape counts as square); by equal ones it does not.
    assertShape("1/1", "crop=320:180,scale=160:-1", 320, 240, new Rational(1, 1));
    assertShape("3/4", "scale=320:180", 320, 240, new Rational(1, 1));
    assertShape("3/4", "scale=320:180", 320, 240, Rational.ZERO);
    assertShape("0/1", "scale=160:120", 320, 240, Rational.ZERO);
    // DVD 16:9 (720x480 of 32:27 pixels) to square pixels, before a crop and after one.
    assertShape("1/1", "scale=640:360", 720, 480, new Rational(32, 27));
    assertShape("1/1", "scale=640:360,crop=320:180", 720, 480, new Rational(32, 27));
    assertShape("1/1", "crop=240:180,scale=320:180", 320, 240, new Rational(4, 3));
  }

  private static void assertShape(String expected, String vf, int width, int height, Rational source) {
    assertEquals(expected, FilterChain.parse(vf).sampleAspectRatio(source, new FrameSize(width, height)).toString(),
        vf + " of " + width + "x" + height + " pixels " + source);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sepia                | unknown filter 'sepia' in 'sepia'; the filters are scale, crop, eq, gray, blur, sharpen, denoise, overlay",
      "blur=abc             | filter 'blur=abc': radius must be a whole number, not 'abc'",
      "blur=40              | filter 'blur=40': radius must be in [1, 32], not 40",
      "scale=1281:720       | filter 'scale=1281:720': sizes must be even (4:2:0 video halves them for colour), not 1281x720",
      "scale=640            | filter 'scale=640': needs a width and a height (scale=W:H; -1 for one of them keeps the aspect ratio)",
      "scale=-1:-1          | filter 'scale=-1:-1': give sizes of at least 2, or -1 for one of them to keep the aspect ratio",
      "scale=640:-3         | filter 'scale=640:-3': height must be in [-2, 8192] (-1 or -2 keeps the aspect ratio), not -3",
      "scale=-2:-1          | filter 'scale=-2:-1': give sizes of at least 2, or -1 for one of them to keep the aspect ratio",
      "scale=8194:2000      | filter 'scale=8194:2000': width must be in [-2, 8192] (-1 or -2 keeps the aspect ratio), not 8194",
      "sharpen=5            | filter 'sharpen=5': amount must be in [0, 3.96875], not 5",
      "denoise=0            | filter 'denoise=0': strength must be in [1, 16], not 0",
      "eq=gamma=0           | filter 'eq=gamma=0': gamma must be in [0.1, 10], not 0",
      "eq=hue=2             | filter 'eq=hue=2': has no option 'hue' (options: brightness, contrast, gamma)",
      "gray=1               | filter 'gray=1': takes no values",
      "blur=2:3             | filter 'blur=2:3': takes at most 1 value (radius)",
      "overlay              | filter 'overlay': needs file",
      "crop=640             | filter 'crop=640': needs a width and a height (crop=W:H:X:Y; X and Y left out centre the rectangle)",
      "crop=w=14:h=100      | filter 'crop=w=14:h=100': w must be in [16, 8192], not 14",
      "crop=64:64:-2:0      | filter 'crop=64:64:-2:0': x must be in [0, 8192], not -2",
      "crop=64:64:top=2     | filter 'crop=64:64:top=2': has no option 'top' (options: w, h, x, y)",
      "'scale=2:2,,gray'    | an empty filter in 'scale=2:2,,gray'; separate filters with one comma"})
  void aBadChainIsRefusedWithOneSentenceThatNamesTheFilter(String chain, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterChain.parse(chain));
    assertEquals(message, e.getMessage());
  }

  @Test
  void scaleWithMinusOneKeepsTheAspectRatioOnEvenSizes() {
    assertEquals(new FrameSize(640, 360), FilterChain.parse("scale=640:-1").outputSize(new FrameSize(1920, 1080)));
    assertEquals(new FrameSize(320, 240), FilterChain.parse("scale=-1:240").outputSize(new FrameSize(318, 238)));
    assertEquals(new FrameSize(426, 240), FilterChain.parse("scale=-1:240").outputSize(new FrameSize(1280, 720)));
    assertEquals(new FrameSize(200, 100), FilterChain.parse("scale=400:200,blur,scale=200:-1").outputSize(new FrameSize(64, 64)));
  }

  /** FFmpeg users write -2 for "follow the aspect ratio, even": -1 here, which is always even. */
  @Test
  void scaleTakesMinusTwoAsFfmpegUsersWriteIt() {
    assertEquals(FilterChain.parse("scale=640:-1"), FilterChain.parse("scale=640:-2"));
    assertEquals("scale=640:-1", FilterChain.parse("scale=640:-2").text());
    assertEquals(new FrameSize(640, 360), FilterChain.parse("scale=640:-2").outputSize(new FrameSize(1920, 1080)));
    assertEquals(new FrameSize(426, 240), FilterChain.parse("scale=-2:240").outputSize(new FrameSize(1280, 720)));
    assertEquals(new FrameSize(1920, 1080), FilterChain.parse("scale=-2:1080:up=no").outputSize(new FrameSize(1920, 1080)));
  }

  @Test
  void scaleWithUpNoNeverEnlargesAPictureThatFits() {
    FilterChain limit = FilterChain.parse("scale=-1:1080:up=no");
    assertEquals("scale=-1:1080:up=no", limit.text());
    assertEquals(new FrameSize(640, 360), limit.outputSize(new FrameSize(640, 360)), "a smaller picture stays as it is");
    assertEquals(new FrameSize(1920, 1080), limit.outputSize(new FrameSize(3840, 2160)), "a larger one is brought down");
    assertEquals(new FrameSize(1920, 1080), FilterChain.parse("scale=-1:1080").outputSize(new FrameSize(640, 360)),
        "by default a smaller picture is enlarged");
    assertEquals(new FrameSize(1280, 720), FilterChain.parse("scale=1280:720:up=no").outputSize(new FrameSize(1920, 700)),
        "wider than the box: scaled");
    assertEquals(FilterChain.parse("scale=2:2"), FilterChain.parse("scale=2:2:up=yes"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterChain.parse("scale=-1:720:up=maybe"));
    assertEquals("filter 'scale=-1:720:up=maybe': up must be yes (enlarge a smaller picture, the default) or no (leave it as it is),"
        + " not 'maybe'", e.getMessage());
  }

  @Test
  void cropRoundsDownToEvenCentresByDefaultAndWritesItselfBack() {
    assertEquals(List.of(new CropFilter(1280, 536, 0, 92)), FilterChain.parse("crop=w=1281:h=537:x=1:y=93").filters());
    assertEquals("crop=1280:536:0:92", FilterChain.parse("crop=1281:537:1:93").text());
    for (String text : List.of("crop=1280:536", "crop=1280:536:8", "crop=1280:536:y=8", "crop=1280:536:0:0")) {
      FilterChain c = FilterChain.parse(text);
      assertEquals(text, c.text());
      assertEquals(c, FilterChain.parse(c.text()), text);
    }
    CropFilter centred = new CropFilter(1280, 536, CropFilter.CENTRE, CropFilter.CENTRE);
    FrameSize film = new FrameSize(1920, 1080);
    assertEquals(new FrameSize(1280, 536), FilterChain.parse("crop=1280:536").outputSize(film));
    assertEquals(320, centred.left(film));
    assertEquals(272, centred.top(film));
    // (1080 - 538) / 2 = 271, down to even: 270.
    assertEquals(270, new CropFilter(1280, 538, 0, CropFilter.CENTRE).top(film));
    assertEquals(new FrameSize(640, 268), FilterChain.parse("crop=1280:536,scale=640:-1").outputSize(film));
    assertEquals(new FrameSize(320, 180), FilterChain.parse("scale=640:-1,crop=320:180").outputSize(film));
  }

  @Test
  void aCropThatReachesPastThePictureIsRefusedBeforeAnyChunk() {
    FrameSize film = new FrameSize(1920, 1080);
    for (String vf : List.of("crop=1922:800", "crop=1920:800:2:0", "crop=640:800:0:282", "scale=640:-1,crop=642:360")) {
      InputException e = assertThrows(InputException.class,
          () -> FilterChain.parse(vf).prepare(ColourMatrix.BT709, ColourRange.LIMITED, 10, film, ""), vf);
      assertTrue(e.getMessage().startsWith("--vf crop=") && e.getMessage().contains("reaches past the "
          + (vf.startsWith("scale") ? "640x360" : "1920x1080") + " picture; give a rectangle inside it"), e.getMessage());
    }
    FilterChain.parse("crop=1920:800:0:280,scale=640:-1").prepare(ColourMatrix.BT709, ColourRange.LIMITED, 10, film, "");
  }

  @Test
  void overlayPicturesAreCheckedAndNamedByContentInTheJobsIdentity() throws IOException {
    Path logo = dir.resolve("logo.png");
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB), "png", logo.toFile());
    FilterChain c = FilterChain.parse("overlay=" + logo + ":4:4");
    c.checkFiles();
    String before = c.identity();
    assertTrue(before.startsWith("overlay=" + logo.toAbsolutePath() + ":4:4#sha256="), before);
    ImageIO.write(new BufferedImage(9, 8, BufferedImage.TYPE_INT_ARGB), "png", logo.toFile());
    assertNotEquals(before, c.identity(), "another picture under the same name is another job");

    InputException missing = assertThrows(InputException.class,
        () -> FilterChain.parse("overlay=" + dir.resolve("nope.png")).checkFiles());
    assertEquals(dir.resolve("nope.png") + ": no such picture (for overlay); check the path", missing.getMessage());
    Path text = Files.writeString(dir.resolve("text.png"), "not a picture");
    InputException bad = assertThrows(InputException.class, () -> FilterChain.parse("overlay=" + text).checkFiles());
    assertTrue(bad.getMessage().startsWith(text + ": not a picture"), bad.getMessage());
  }
}
