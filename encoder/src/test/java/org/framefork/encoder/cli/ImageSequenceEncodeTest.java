package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Image sequences made by Debian's ffmpeg, encoded through the command line, and the outputs
 * checked by Debian's ffprobe and ffmpeg: frame count, rate, colour tags, and the colours by a PSNR
 * against Debian ffmpeg's own conversion of the same images.
 */
class ImageSequenceEncodeTest {
  @TempDir
  Path dir;

  /** Writes {@code frames} images {@code frame_0001.EXT}... of testsrc2 into {@code folder}, as {@code pixFmt}. */
  private Path images(String folder, String ext, String pixFmt, int width, int height, int frames) throws IOException {
    Path d = Files.createDirectories(dir.resolve(folder));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=24", "-frames:v",
        Integer.toString(frames), "-pix_fmt", pixFmt, d.resolve("frame_%04d." + ext).toString());
    return d;
  }

  /**
   * PSNR (all planes) of {@code out} against Debian ffmpeg's conversion of {@code pattern}'s images
   * with {@code matrix}, limited range, as yuv420p.
   */
  private double psnrAgainstDebian(Path out, String pattern, String rate, String matrix) {
    return psnrAgainstDebian(out, pattern, rate, matrix, "tv");
  }

  /**
   * @param range {@code tv}, or {@code pc} for full range: then against the images' own samples
   *     (JPEG's yuvj420p, which the output keeps), compared as they are
   */
  private double psnrAgainstDebian(Path out, String pattern, String rate, String matrix, String range) {
    if (range.equals("pc")) {
      int[] size = Arrays.stream(stream(out, "width,height").split("\n")).mapToInt(Integer::parseInt).toArray();
      return DebianFfmpeg.samplePsnr(List.of("-i", out.toString()), List.of("-framerate", rate, "-i", pattern), size[0], size[1],
          dir);
    }
    Path reference = dir.resolve("reference-" + matrix + ".nut");
    DebianFfmpeg.ffmpeg("-framerate", rate, "-i", pattern, "-vf", "scale=out_color_matrix=" + matrix
        + ":out_range=tv,format=yuv420p", "-c:v", "rawvideo", reference.toString());
    return DebianFfmpeg.ssimPsnr(out, reference)[1];
  }

  /**
   * Encodes {@code input} into {@code out} with {@code options}: the run must succeed and Debian's
   * ffmpeg must decode {@code frames} frames from the output.
   */
  private static CliRun encodes(String input, Path out, int frames, String... options) {
    List<String> args = new ArrayList<>(List.of("encode", input, "-o", out.toString()));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.code(), run::toString);
    assertEquals(frames, DebianFfmpeg.decodedFrames(out));
    return run;
  }

  /**
   * Pixel (x, y) of {@code out}'s first frame ({@code width} wide), as Debian's ffmpeg decodes it to
   * RGB by the output's tags, must be {@code expected} (red, green, blue) within {@code tolerance}.
   */
  private void assertFirstFramePixel(Path out, int width, int x, int y, int[] expected, int tolerance, String what)
      throws IOException {
    Path rgb = dir.resolve(out.getFileName() + ".rgb");
    DebianFfmpeg.ffmpeg("-i", out.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", rgb.toString());
    byte[] px = Files.readAllBytes(rgb);
    int at = 3 * (y * width + x);
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], px[at + c] & 0xFF, tolerance, what + ": " + "RGB".charAt(c));
    }
  }

  private static String stream(Path file, String entry) {
    return DebianFfmpeg.probe(file, "v:0", "stream=" + entry, false);
  }

  @Test
  void aPngPatternBecomesAVideoOfItsImagesAtTwentyFourFramesASecondInBt709() throws IOException {
    Path frames = images("render", "png", "rgb24", 1280, 720, 30);
    Path out = dir.resolve("render.mp4");
    String pattern = frames.resolve("frame_%04d.png").toString();

    CliRun run = encodes(pattern, out, 30, "--preset", "ultrafast", "--crf", "8", "-j", "2");

    assertEquals("24/1", stream(out, "r_frame_rate"));
    assertEquals("bt709", stream(out, "color_space"));
    assertEquals("tv", stream(out, "color_range"));
    assertTrue(run.out().contains("at 24 fps, the default for an image sequence"), run::toString);
    assertTrue(run.out().contains("BT.709, limited range"), run::toString);
    assertTrue(run.out().contains("verify    passed: 30 of 30 frames"), run::toString);
    double bt709 = psnrAgainstDebian(out, pattern, "24", "bt709");
    double bt601 = psnrAgainstDebian(out, pattern, "24", "bt470bg");
    assertTrue(bt709 > 40, "PSNR against Debian's BT.709 conversion: " + bt709);
    assertTrue(bt709 > bt601 + 3, "BT.709, not BT.601: " + bt709 + " vs " + bt601);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "png, rgba", "png, rgb48be", "png, rgba64be", "jpg, yuvj420p", "tif, rgb24", "bmp, bgr24", "tga, bgra"})
  void everyImageFormatEncodesAsAFolderAtTheRateAskedFor(String ext, String pixFmt) throws IOException {
    Path frames = images(ext + "-" + pixFmt, ext, pixFmt, 320, 240, 12);
    Path out = dir.resolve(ext + ".mp4");

    CliRun run = encodes(frames.toString(), out, 12, "--fps", "30000/1001", "--preset", "ultrafast", "--crf", "8", "-j", "2");

    assertEquals("30000/1001", stream(out, "r_frame_rate"));
    // JPEG is YUV already, with BT.601's matrix (JFIF), kept; RGB below HD is converted with BT.601's.
    assertEquals(ext.equals("jpg") ? "bt470bg" : "smpte170m", stream(out, "color_space"), "BT.601 below HD");
    assertEquals(ext.equals("jpg") ? "pc" : "tv", stream(out, "color_range"), "JPEG's full range kept, RGB's conversion limited");
    assertEquals("bt709", stream(out, "color_primaries"), "sRGB's primaries");
    // sRGB's transfer, 16-bit PNGs' too (PNG without gAMA or iCCP is sRGB): it was left unknown.
    assertEquals("iec61966-2-1", stream(out, "color_transfer"), "sRGB's transfer");
    assertEquals(pixFmt.contains("a") && !pixFmt.startsWith("yuv"),
        run.out().contains("alpha channel was dropped"), run::toString);
    double psnr = psnrAgainstDebian(out, frames.resolve("frame_%04d." + ext).toString(), "30000/1001", "bt470bg",
        ext.equals("jpg") ? "pc" : "tv");
    assertTrue(psnr > 38, ext + " " + pixFmt + ": PSNR against Debian's conversion " + psnr);
  }

  @Test
  void anHdJpegSequenceIsTaggedWithTheMatrixAndRangeOfItsConversion() throws IOException {
    Path frames = images("jpeg-hd", "jpg", "yuvj420p", 1280, 720, 6);
    Path out = dir.resolve("jpeg-hd.mp4");
    String pattern = frames.resolve("frame_%04d.jpg").toString();

    encodes(pattern, out, 6, "--preset", "ultrafast", "--crf", "8");

    // Untagged, HD is read with BT.709's matrix; the pictures keep JPEG's BT.601 and its full range.
    assertEquals("bt470bg", stream(out, "color_space"));
    assertEquals("pc", stream(out, "color_range"));
    assertEquals("bt709", stream(out, "color_primaries"));
    double psnr = psnrAgainstDebian(out, pattern, "24", "bt470bg", "pc");
    assertTrue(psnr > 40, "PSNR against the images' own full-range samples: " + psnr);
    // probe says the images' own colours, as the encode read them.
    CliRun probe = CliRun.of("probe", pattern);
    assertTrue(probe.out().contains("range pc, primaries bt709, transfer iec61966-2-1, space bt470bg"), probe::toString);
  }

  @Test
  void alphaIsCompositedOverTheColourAsked() throws IOException {
    Path frames = Files.createDirectories(dir.resolve("alpha"));
    // Half-transparent red: over white it is pink, (255, 128, 128).
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=red@0.5:size=64x64,format=rgba", "-frames:v", "3",
        frames.resolve("a_%02d.png").toString());
    Path out = dir.resolve("alpha.mkv");
    CliRun run = CliRun.of("encode", frames.resolve("*.png").toString(), "-o", out.toString(), "--alpha-over", "white",
        "--preset", "ultrafast", "--crf", "0");
    assertEquals(0, run.code(), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, new int[] {255, 128, 128}, 3, "pink");
    assertTrue(run.out().contains("composited over #ffffff"), run::toString);
  }

  /**
   * A sequence's notes say what was done (its default rate, the colour kernels' conversion): facts,
   * not warnings, so the app does not mark every render; alpha dropped without being asked is one.
   */
  @Test
  void aSequencesNotesAreFactsAndDroppedAlphaIsAWarning() throws IOException {
    Path plain = images("facts", "png", "rgb24", 64, 48, 4);
    Path report = dir.resolve("facts.json");
    encodes(plain.resolve("frame_%04d.png").toString(), dir.resolve("facts.mp4"), 4, "--preset", "ultrafast", "--report",
        report.toString());
    JsonNode facts = new ObjectMapper().readTree(report.toFile()).path("results").get(0).path("report");
    // The conversion is said once, by the colour kernels' note, not again as a pixel format change.
    assertEquals(2, facts.path("notes").size(), facts::toString);
    assertTrue(facts.path("notes").get(0).asText().startsWith("image sequence of 4 images (rgb24)"), facts::toString);
    assertTrue(facts.path("notes").get(1).asText().startsWith("RGB was converted to YUV 4:2:0"), facts::toString);
    assertFalse(facts.has("warnings"), facts::toString);

    Path alpha = images("alpha-dropped", "png", "rgba", 64, 48, 4);
    encodes(alpha.resolve("frame_%04d.png").toString(), dir.resolve("alpha-dropped.mp4"), 4, "--preset", "ultrafast",
        "--report", report.toString());
    JsonNode dropped = new ObjectMapper().readTree(report.toFile()).path("results").get(0).path("report");
    assertEquals(1, dropped.path("warnings").size(), dropped::toString);
    assertTrue(dropped.path("warnings").get(0).asText().startsWith("the images' alpha channel was dropped"), dropped::toString);
  }

  @Test
  void missingNumbersAreRefusedWithTheirListUnlessGapsAreAllowed() throws IOException {
    Path frames = images("gaps", "png", "rgb24", 160, 120, 20);
    for (int n : new int[] {5, 6, 7, 12}) {
      Files.delete(frames.resolve(String.format(Locale.ROOT, "frame_%04d.png", n)));
    }
    Path out = dir.resolve("gaps.mp4");
    String pattern = frames.resolve("frame_%04d.png").toString();

    CliRun refused = CliRun.of("encode", pattern, "-o", out.toString());
    assertEquals(Main.EXIT_USAGE, refused.code(), refused::toString);
    assertEquals(List.of("framefork: " + pattern + ": numbers are missing from the sequence (5-7, 12); add the images, "
        + "or pass --allow-gaps to hold the frame before each gap"), refused.errLines());
    assertFalse(Files.exists(out));

    // Every number a frame, gaps held.
    CliRun held = encodes(pattern, out, 20, "--allow-gaps", "--preset", "ultrafast");
    assertTrue(held.out().contains("4 frames hold the image before them over the missing numbers 5-7, 12"), held::toString);
  }

  @Test
  void imagesOfAnotherSizeAreNamedInOneLine() throws IOException {
    Path frames = images("sizes", "png", "rgb24", 160, 120, 6);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=200x120", "-frames:v", "1",
        frames.resolve("frame_0004.png").toString());
    Path out = dir.resolve("sizes.mp4");
    CliRun run = CliRun.of("encode", frames.toString(), "-o", out.toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(List.of("framefork: " + frames.resolve("frame_0004.png") + ": is 200x120, but the sequence's first image "
        + "frame_0001.png is 160x120; every image of a sequence must have one size"), run.errLines());
    assertFalse(Files.exists(out));
  }

  @Test
  void aFolderWithNeitherVideosNorImagesIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun run = CliRun.of("encode", empty.toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("holds no video files") && run.err().contains("no images"), run::toString);
  }

  @Test
  void aTruncatedImageFailsTheJobNamingItAndWritesNothing() throws IOException {
    Path frames = images("truncated", "png", "rgb24", 320, 240, 8);
    Path bad = frames.resolve("frame_0006.png");
    byte[] png = Files.readAllBytes(bad);
    Files.write(bad, java.util.Arrays.copyOf(png, png.length / 2));
    Path out = dir.resolve("truncated.mp4");

    CliRun run = CliRun.of("encode", frames.resolve("frame_%04d.png").toString(), "-o", out.toString(), "--preset",
        "ultrafast");

    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertTrue(run.err().contains(bad + ": the image cannot be decoded"), run::toString);
    // The image decodes the same way every time: no retries.
    assertTrue(run.err().contains("failed after 1 attempt: "), run::toString);
    assertFalse(run.out().contains("trying again"), run::toString);
    assertFalse(run.err().contains("Exception"), run::toString);
    assertFalse(Files.exists(out));
  }

  /**
   * An SD sequence is converted with BT.601's matrix and tagged with BT.709's primaries: the verify
   * row says both, as the colour kernels' note says the matrix, not BT.709 alone.
   */
  @Test
  void theVerifyRowNamesTheMatrixThatTheColourNoteNames() throws IOException {
    Path frames = images("matrix", "png", "rgb24", 320, 240, 2);
    Path out = dir.resolve("matrix.mp4");
    Path report = dir.resolve("matrix.json");
    CliRun run = encodes(frames.resolve("frame_%04d.png").toString(), out, 2, "--preset", "ultrafast", "--report",
        report.toString());
    assertEquals("bt709\nsmpte170m", stream(out, "color_primaries,color_space"));
    JsonNode r = new ObjectMapper().readTree(report.toFile()).path("results").get(0).path("report");
    assertTrue(r.path("notes").get(1).asText().contains(": BT.601, limited range, as the output's colour tags say"), r::toString);
    String verify = run.out().lines().filter(l -> l.startsWith("  verify")).findFirst().orElseThrow();
    assertTrue(verify.endsWith("; 8-bit, SDR (BT.709 primaries, BT.601 matrix)"), verify);
  }

  @Test
  void oneImageIsAOneFrameVideo() throws IOException {
    Path frames = images("one", "png", "rgb24", 320, 240, 1);
    Path out = dir.resolve("one.mp4");
    CliRun run = encodes(frames.resolve("frame_%04d.png").toString(), out, 1);
    assertTrue(run.out().contains("image sequence of 1 image (rgb24) at 24 fps"), run::toString);
  }

  /** The report's notes of {@code run}. */
  private static List<String> notes(CliRun run) {
    return run.out().lines().filter(l -> l.strip().startsWith("note ")).toList();
  }

  @Test
  void oneImageFileIsASequenceOfOneImageAsTheGlobOfItIs() throws IOException {
    Path still = Files.createDirectories(dir.resolve("still")).resolve("still.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-update", "1", still.toString());
    Path at30 = dir.resolve("still30.mp4");

    CliRun fps = encodes(still.toString(), at30, 1, "--fps", "30");

    assertEquals("30/1", stream(at30, "r_frame_rate"));
    assertTrue(fps.out().contains("image sequence of 1 image (rgb24) at 30 fps (--fps)"), fps::toString);
    assertTrue(fps.out().contains("RGB was converted to YUV 4:2:0 (8-bit) by FrameFork's colour kernels: BT.601"), fps::toString);
    double psnr = psnrAgainstDebian(at30, still.toString(), "30", "bt470bg");
    assertTrue(psnr > 40, "PSNR against Debian's BT.601 conversion: " + psnr);
    // Without --fps: the rate, tags and notes of the glob of that one image.
    Path alone = dir.resolve("alone.mp4");
    Path glob = dir.resolve("glob.mp4");
    CliRun a = encodes(still.toString(), alone, 1);
    CliRun g = encodes(still.resolveSibling("*.png").toString(), glob, 1);
    assertEquals("24/1", stream(alone, "r_frame_rate"));
    assertEquals("bt709", stream(alone, "color_primaries"), "sRGB's primaries");
    for (String entry : List.of("r_frame_rate", "color_primaries", "color_space", "color_range", "color_transfer")) {
      assertEquals(stream(glob, entry), stream(alone, entry), entry);
    }
    assertEquals(notes(g), notes(a));
    assertTrue(a.out().contains("image sequence of 1 image (rgb24) at 24 fps, the default"), a::toString);
    CliRun probe = CliRun.of("probe", still.toString(), "--fps", "30");
    assertEquals(0, probe.code(), probe::toString);
    assertTrue(probe.out().contains("sequence     1 image, 1 frame, 30/1 fps, 320x240, rgb24 (png)"), probe::toString);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"png, rgb24", "jpg, yuvj420p", "tif, rgb24", "bmp, bgr24", "tga, bgra"})
  void anImageFileOfEveryFormatIsASequenceThatTakesFps(String ext, String pixFmt) throws IOException {
    Path image = images("one-" + ext, ext, pixFmt, 160, 120, 1).resolve("frame_0001." + ext);
    Path out = dir.resolve(ext + ".mp4");

    CliRun run = encodes(image.toString(), out, 1, "--fps", "30", "--preset", "ultrafast");

    assertEquals("30/1", stream(out, "r_frame_rate"));
    assertEquals("bt709", stream(out, "color_primaries"), "sRGB's primaries");
    assertTrue(run.out().contains("image sequence of 1 image (" + pixFmt + ") at 30 fps (--fps)"), run::toString);
  }

  @Test
  void aNumberedImageGivenAloneIsThatImageAndTheReportNamesItsSequence() throws IOException {
    Path frames = images("alone", "png", "rgb24", 160, 120, 5);
    Path second = frames.resolve("frame_0002.png");

    CliRun run = CliRun.of("encode", second.toString(), "--preset", "ultrafast", "--crf", "8");

    assertEquals(0, run.code(), run::toString);
    Path out = frames.resolve("frame_0002.framefork.mp4");
    assertEquals(1, DebianFfmpeg.decodedFrames(out));
    double itself = psnrAgainstDebian(out, second.toString(), "24", "bt470bg");
    double first = psnrAgainstDebian(out, frames.resolve("frame_0001.png").toString(), "24", "bt470bg");
    assertTrue(itself > 40 && itself > first + 3, "the image named, not the sequence's first: " + itself + " vs " + first);
    String beside = "frame_0002.png was taken alone, as a sequence of one image; 4 more images are numbered like it beside "
        + "it: give " + frames.resolve("frame_%04d.png") + " or the folder to encode them all";
    assertTrue(run.out().contains(beside), run::toString);
    CliRun probe = CliRun.of("probe", second.toString());
    assertEquals(0, probe.code(), probe::toString);
    assertTrue(probe.out().contains("1 image, 1 frame, 24/1 fps"), "one file: no first number; " + probe);
    assertTrue(probe.out().contains(beside), probe::toString);
  }

  @Test
  void aJpegNamedPngIsReadByItsContentsAsFfmpegReadsIt() throws IOException {
    Path jpegs = images("renamed", "jpg", "yuvj420p", 160, 120, 2);
    Path shot = Files.copy(jpegs.resolve("frame_0001.jpg"), dir.resolve("shot.png"));
    Path out = dir.resolve("shot.mp4");

    encodes(shot.toString(), out, 1, "--preset", "ultrafast", "--crf", "8");

    // Debian's ffmpeg reads the file by its contents (a JPEG) too: the same picture, full range.
    assertEquals("pc", stream(out, "color_range"));
    double psnr = psnrAgainstDebian(out, shot.toString(), "24", "bt470bg", "pc");
    assertTrue(psnr > 40, "the JPEG's picture: " + psnr);
    CliRun probe = CliRun.of("probe", shot.toString());
    assertEquals(0, probe.code(), probe::toString);
    assertTrue(probe.out().contains("1 image, 1 frame, 24/1 fps (the default; --fps sets another), 160x120, yuvj420p (mjpeg)"),
        probe::toString);

    // In a sequence of PNGs, the one that is a JPEG is named as such.
    Path pngs = images("mixed", "png", "rgb24", 160, 120, 3);
    Files.copy(jpegs.resolve("frame_0002.jpg"), pngs.resolve("frame_0002.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRun mixed = CliRun.of("probe", pngs.toString());
    assertEquals(Main.EXIT_USAGE, mixed.code(), mixed::toString);
    assertEquals(List.of("framefork: " + pngs.resolve("frame_0002.png") + ": is a JPEG named .png, but the sequence's first "
        + "image is a PNG; re-export the images in one format, or give this one alone"), mixed.errLines());
  }

  @Test
  void aNumberOverTheLargestFrameNumberIsPartOfTheNameNotAFrameNumber() throws IOException {
    Path frames = images("stamped", "png", "rgb24", 160, 120, 2);
    Path stamped = Files.createDirectories(dir.resolve("stamps"));
    Files.copy(frames.resolve("frame_0001.png"), stamped.resolve("1701961812345.png"));
    Files.copy(frames.resolve("frame_0002.png"), stamped.resolve("1701961812346.png"));

    // One of them, then a folder of both: in name order, as names, not numbers past FFmpeg's
    // (32-bit) frame numbers, and with no first number, none cut to 32 bits.
    String[] said = {"1 image, 1 frame, 24/1 fps", "2 images, 2 frames, 24/1 fps"};
    Path[] inputs = {stamped.resolve("1701961812345.png"), stamped};
    for (int i = 0; i < 2; i++) {
      CliRun probe = CliRun.of("probe", inputs[i].toString());
      assertTrue(probe.code() == 0 && probe.out().contains(said[i]) && !probe.out().contains("number"), probe::toString);
    }
  }

  @Test
  void oneImageThatIsEmptyOrDamagedExitsOneAsAVideoDoesAndSceneSplitIsRefused() throws IOException {
    Path frames = images("damaged", "png", "rgb24", 160, 120, 1);
    Path empty = Files.createFile(dir.resolve("empty.png"));
    byte[] whole = Files.readAllBytes(frames.resolve("frame_0001.png"));
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(whole, 40));
    for (Path image : List.of(empty, cut)) {
      CliRun probe = CliRun.of("probe", image.toString());
      assertEquals(Main.EXIT_FAILED, probe.code(), probe::toString);
      assertEquals(1, probe.errLines().size(), probe::toString);
      assertTrue(probe.errLines().getFirst().startsWith("framefork: " + image + ": "), probe::toString);
    }
    // A folder whose first image does not decode is a sequence refused: a usage error, as encode says.
    Files.write(frames.resolve("frame_0001.png"), Arrays.copyOf(whole, 40));
    assertEquals(Main.EXIT_USAGE, CliRun.of("probe", frames.toString()).code());

    Path still = images("scene", "png", "rgb24", 160, 120, 1).resolve("frame_0001.png");
    CliRun scene = CliRun.of("encode", still.toString(), "--split", "scene");
    assertEquals(Main.EXIT_USAGE, scene.code(), scene::toString);
    assertEquals(List.of("framefork: " + still + ": --split scene is for videos; an image file is one frame: drop --split "
        + "scene"), scene.errLines());
  }

  @Test
  void aFileNamedLikeAPatternIsThatFileAndTheReportSaysWhatThePatternNames() throws IOException {
    Path frames = images("literal", "png", "rgb24", 160, 120, 3);
    Path literal = Files.copy(frames.resolve("frame_0003.png"), frames.resolve("frame_%04d.png"));

    CliRun run = encodes(literal.toString(), dir.resolve("literal.mp4"), 1, "--preset", "ultrafast");

    assertTrue(run.out().contains("frame_%04d.png is a file, encoded as itself (one image); as a pattern it names 3 images "
        + "beside it (frame_0001.png...frame_0003.png): rename the file to encode them"), run::toString);
  }

  @Test
  void anAnimatedPngIsAVideoOfItsFrames() {
    Path apng = dir.resolve("anim.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:d=0.3", "-plays", "0", "-f", "apng", apng.toString());

    encodes(apng.toString(), dir.resolve("anim.mp4"), 3, "--preset", "ultrafast");

    CliRun fps = CliRun.of("encode", apng.toString(), "-o", dir.resolve("anim30.mp4").toString(), "--fps", "30");
    assertEquals(Main.EXIT_USAGE, fps.code(), fps::toString);
    assertEquals(List.of("framefork: " + apng + ": --fps is for image sequences, not videos; drop it"), fps.errLines());
  }

  @Test
  void startNumberLeavesTheLowerNumbersOut() throws IOException {
    Path frames = images("start", "png", "rgb24", 160, 120, 10);
    Path out = dir.resolve("start.mp4");
    encodes(frames.resolve("frame_%04d.png").toString(), out, 7, "--start-number", "4", "--preset", "ultrafast");
  }

  @Test
  void aStartNumberThatNoImageHasIsRefusedNamingTheNextImage() throws IOException {
    // Images 5-10 and 13-14: no image 1-4 to start with nor one before them to hold, and none at 11.
    Path frames = images("late", "png", "rgb24", 160, 120, 14);
    for (int n : new int[] {1, 2, 3, 4, 11, 12}) {
      Files.delete(frames.resolve(String.format(Locale.ROOT, "frame_%04d.png", n)));
    }
    String pattern = frames.resolve("frame_%04d.png").toString();
    Path out = dir.resolve("late.mp4");

    CliRun below = CliRun.of("encode", pattern, "-o", out.toString(), "--start-number", "2", "--allow-gaps");
    assertEquals(Main.EXIT_USAGE, below.code(), below::toString);
    assertEquals(List.of("framefork: " + pattern + ": --start-number 2: the first image is numbered 5 (frame_0005.png); "
        + "give 5 or more, or leave --start-number out"), below.errLines());
    CliRun inGap = CliRun.of("encode", pattern, "-o", out.toString(), "--start-number", "11", "--allow-gaps");
    assertEquals(Main.EXIT_USAGE, inGap.code(), inGap::toString);
    assertEquals(List.of("framefork: " + pattern + ": --start-number 11: no image has that number (the next is 13 "
        + "(frame_0013.png)); give a number that has an image"), inGap.errLines());
    assertFalse(Files.exists(out));

    CliRun held = encodes(pattern, out, 10, "--start-number", "5", "--allow-gaps", "--preset", "ultrafast");
    assertTrue(held.out().contains("2 frames hold the image before them over the missing numbers 11-12"), held::toString);
  }

  /**
   * Encodes {@code frames} images of {@code name} at 24 fps into {@code name.mp4} with a 3 s tone as
   * {@code --audio-file} and {@code options}, checked as {@link #encodes} checks.
   */
  private CliRun encodesWithThreeSecondTone(String name, int frames, String... options) throws IOException {
    Path images = images(name, "png", "rgb24", 160, 120, frames);
    Path wav = dir.resolve(name + ".wav");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", wav.toString());
    List<String> args = new ArrayList<>(List.of("--audio-file", wav.toString(), "--preset", "ultrafast"));
    args.addAll(List.of(options));
    return encodes(images.resolve("frame_%04d.png").toString(), dir.resolve(name + ".mp4"), frames, args.toArray(String[]::new));
  }

  /**
   * A PNG's gAMA chunk says its transfer, which FFmpeg's decoder reports: 1.0 is linear light, 2.2
   * gamma 2.2 (bt470m), and the output is tagged so rather than sRGB; without one it is sRGB. A cICP
   * chunk's transfer (FFmpeg 7 writes one into PNGs it takes from tagged video; here PQ in BT.2020)
   * is not taken: the tags' primaries stay BT.709, so the transfer stays sRGB, and no HDR is made of it.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"gAMA, 100000, linear", "gAMA, 45455, bt470m", "cICP, 152043521, iec61966-2-1"})
  void aPngsGammaIsItsTransfer(String type, int value, String transfer) throws IOException {
    int gamma = value;
    Path images = images("gamma-" + gamma, "png", "rgb24", 64, 48, 6);
    try (var files = Files.list(images)) {
      for (Path png : files.toList()) {
        byte[] b = Files.readAllBytes(png);
        // cICP's four bytes: primaries 9 (BT.2020), transfer 16 (PQ), matrix 0 (RGB), full range 1.
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(16).putInt(4).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .putInt(gamma);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array(), 4, 8);
        chunk.putInt((int) crc.getValue());
        int afterHeader = 8 + 12 + 13; // the signature and IHDR
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(b, 0, afterHeader);
        out.write(chunk.array());
        out.write(b, afterHeader, b.length - afterHeader);
        Files.write(png, out.toByteArray());
      }
    }
    Path out = dir.resolve("gamma-" + gamma + ".mp4");
    encodes(images.resolve("frame_%04d.png").toString(), out, 6, "--preset", "ultrafast");
    assertEquals(transfer, stream(out, "color_transfer"));
    assertEquals("bt709", stream(out, "color_primaries"));
  }

  /**
   * Copied PCM cut at the video's end in Matroska: the millisecond times of its last packet may put
   * its end up to 1 ms past the video (1215 images at 24 fps, a 44.1 kHz stereo WAV's 1024-sample
   * packets: 50.626 s for 50.625 s), which is no packet kept whole past the end: the note says the
   * audio was cut at the video's end, not after it.
   */
  @Test
  void aCutPcmPacketsRoundedEndIsNoPacketKeptPastTheVideo() throws IOException {
    Path images = images("rounded", "png", "rgb24", 32, 32, 1215);
    Path sound = dir.resolve("rounded.wav");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=60:sample_rate=44100", "-ac", "2", "-c:a",
        "pcm_s16le", sound.toString());
    Path out = dir.resolve("rounded.mkv");
    CliRun run = encodes(images.resolve("frame_%04d.png").toString(), out, 1215, "--audio-file", sound.toString(),
        "--preset", "ultrafast");
    assertEquals("pcm_s16le", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    assertTrue(run.out().contains("the audio file (60.00 s) was cut at the video's end (50.63 s)"), run::toString);
    assertFalse(run.out().contains("after the video's end"), run::toString);
  }

  @Test
  void anAudioFileIsMuxedAndCutAtTheVideosEnd() throws IOException {
    CliRun run = encodesWithThreeSecondTone("audio", 48);
    Path out = dir.resolve("audio.mp4");
    assertEquals("aac", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    double audio = Double.parseDouble(DebianFfmpeg.probe(out, "a:0", "stream=duration", false));
    assertEquals(2.0, audio, 0.1, "the 3 s of audio are cut at the 2 s of video");
    assertTrue(run.out().contains(") was cut at the video's end (2.00 s)"), run::toString);
  }

  /**
   * The audio file is cut at the video's end to the sample where it can be: copied PCM (its last
   * packet cut), any codec encoded (given no samples past it; the intermediate's millisecond times
   * leave 1 ms). 28 frames at 30000/1001 fps last 0.934 s, inside a packet of the WAV: the audio
   * ran 88 ms past the video (QA, Matroska), and 8 ms (MP4, PCM copied) while the report said it
   * was cut at the video's end. Copied MP3 keeps its packets whole: the note says where it ends.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"mkv, auto, wav", "mp4, copy, wav", "mp4, aac, wav", "mkv, copy, mp3"})
  void anAudioFileIsCutAtTheVideosEndToTheSample(String container, String audio, String file) throws IOException {
    String name = "cut-" + container + "-" + audio + "-" + file;
    Path images = images(name, "png", "rgb24", 160, 120, 28);
    Path sound = dir.resolve(name + "." + file);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3:sample_rate=44100", sound.toString());
    Path out = dir.resolve(name + "." + container);

    CliRun run = encodes(images.resolve("frame_%04d.png").toString(), out, 28, "--fps", "30000/1001", "--audio-file",
        sound.toString(), "--audio", audio, "--preset", "ultrafast");

    double video = 28 * 1001 / 30000.0;
    double videoStart = Double.parseDouble(DebianFfmpeg.probe(out, "v:0", "stream=start_time", false));
    // The last audio packet's start and length, as Debian's ffprobe reads them.
    List<String> times = DebianFfmpeg.probe(out, "a:0", "packet=pts_time,duration_time", false).lines().toList();
    double audioEnd = Double.parseDouble(times.get(times.size() - 2)) + Double.parseDouble(times.getLast()) - videoStart;
    if (file.equals("mp3")) {
      assertTrue(audioEnd > video + 0.001, "an MP3 packet is not cut: " + audioEnd);
      var said = java.util.regex.Pattern.compile(String.format(Locale.ROOT, "was cut after the video's end \\(%.3f s\\), at "
          + "the end of its copied mp3 packet that holds it: the audio ends at ([0-9.]+) s", video)).matcher(run.out());
      assertTrue(said.find(), run::toString);
      assertEquals(audioEnd, Double.parseDouble(said.group(1)), 0.0015, "where the note says the audio ends");
      return;
    }
    assertEquals(video, audioEnd, 0.0015, "the audio ends with the video, to the sample: " + run);
    assertTrue(run.out().contains("(3.00 s) was cut at the video's end (0.93 s)"), run::toString);
    assertTrue(run.out().contains("audio drift 0.000 s"), run::toString);
  }

  /**
   * An MP3's first packet is at 0 and its LAME header says to skip the encoder's delay: its first
   * sample is heard 25 ms in. It goes with the first picture, as in FFmpeg's own mux of the same
   * files: in MP4 the delay is before 0 (the edit list skips it), in Matroska, which does not skip
   * it, the pictures start 25 ms late. It had every stream moved by -25 ms: MP4 hid the first
   * picture (verification failed), Matroska played the sound 25 ms late.
   */
  @ParameterizedTest(name = "{0} audio {1}")
  @CsvSource({"mp4, auto", "mkv, auto", "mp4, aac"})
  void anMp3AudioFileIsHeardWithTheFirstPicture(String container, String audio) throws IOException {
    Path images = Files.createDirectories(dir.resolve("flash"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=160x120:r=24:d=2,drawbox=c=white:t=fill:enable='between(n,12,13)'",
        images.resolve("frame_%04d.png").toString());
    Path mp3 = dir.resolve("beep.mp3");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=f=1000:d=3:sample_rate=44100,volume=volume=0:enable='lt(t,0.5)'", "-c:a",
        "libmp3lame", mp3.toString());
    String pattern = images.resolve("frame_%04d.png").toString();
    Path reference = dir.resolve("reference." + container);
    DebianFfmpeg.ffmpeg("-framerate", "24", "-i", pattern, "-i", mp3.toString(), "-c:v", "libx264", "-preset", "ultrafast",
        "-c:a", audio.equals("aac") ? "aac" : "copy", reference.toString());
    Path out = dir.resolve("flash." + container);

    encodes(pattern, out, 48, "--audio-file", mp3.toString(), "--audio", audio, "--preset", "ultrafast");

    double[] ref = UnusualInputsTest.flashAndBeep(reference);
    double[] o = UnusualInputsTest.flashAndBeep(out);
    assertEquals(0.5, ref[0], 0.03, "the flash is at frame 12");
    double lag = (o[1] - o[0]) - (ref[1] - ref[0]);
    assertTrue(Math.abs(lag) < 0.003, "the beep is " + lag * 1000 + " ms later against the flash than in FFmpeg's mux");
  }

  @Test
  void anAudioFileIsNeitherWrittenNorNotedWithAudioNone() throws IOException {
    CliRun run = encodesWithThreeSecondTone("no-audio", 12, "--audio", "none");
    assertEquals("video", DebianFfmpeg.probe(dir.resolve("no-audio.mp4"), null, "stream=codec_type", false));
    assertFalse(run.out().contains("audio file"), run::toString);
  }

  @Test
  void anAudioFileWithoutAudioIsAUsageErrorBeforeAnyWork() throws IOException {
    Path images = images("silent", "png", "rgb24", 160, 120, 6);
    Path silent = dir.resolve("silent-video.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24:duration=1", "-c:v", "libx264", silent.toString());
    Path out = dir.resolve("silent.mp4");

    CliRun run = CliRun.of("encode", images.resolve("frame_%04d.png").toString(), "-o", out.toString(), "--audio-file",
        silent.toString());

    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(List.of("framefork: " + silent + ": no audio stream; give --audio-file a file with audio"), run.errLines());
    assertFalse(run.out().contains("chunk"), "no work started: " + run);
    assertFalse(Files.exists(out));
    try (var left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("framefork-work")), "no work folder");
    }
  }

  @Test
  void theVideoOfAnAudioFileIsSaidToBeUnused() throws IOException {
    Path images = images("video-audio", "png", "rgb24", 160, 120, 12);
    Path clip = dir.resolve("clip.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24:duration=1", "-f", "lavfi", "-i",
        "sine=f=440:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", clip.toString());
    Path out = dir.resolve("video-audio.mp4");
    CliRun run = encodes(images.resolve("frame_%04d.png").toString(), out, 12, "--audio-file", clip.toString(), "--preset",
        "ultrafast");
    assertTrue(run.out().contains("the audio file's video stream 0 (h264) is not used"), run::toString);
    assertFalse(run.out().contains("second video"), run::toString);
    assertEquals(List.of("video", "audio"), DebianFfmpeg.probe(out, null, "stream=codec_type", false).lines().toList());
  }

  @Test
  void anEmptyAudioFileOrAFolderIsRefusedAsAnAudioFile() throws IOException {
    Path images = images("empty-audio", "png", "rgb24", 160, 120, 6);
    String pattern = images.resolve("frame_%04d.png").toString();
    Path out = dir.resolve("empty-audio.mp4");
    Path empty = Files.createFile(dir.resolve("empty.wav"));
    CliRun run = CliRun.of("encode", pattern, "-o", out.toString(), "--audio-file", empty.toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(List.of("framefork: " + empty + ": is empty (0 bytes); give --audio-file a file with audio"), run.errLines());
    CliRun folder = CliRun.of("encode", pattern, "-o", out.toString(), "--audio-file", images.toString());
    assertEquals(Main.EXIT_USAGE, folder.code(), folder::toString);
    assertEquals(List.of("framefork: " + images + ": is a folder; give --audio-file a sound file"), folder.errLines());
    assertFalse(Files.exists(out));
  }

  @Test
  void oneHeldFrameIsSaidInTheSingular() throws IOException {
    Path frames = images("one-gap", "png", "rgb24", 160, 120, 6);
    Files.delete(frames.resolve("frame_0004.png"));
    CliRun run = encodes(frames.resolve("frame_%04d.png").toString(), dir.resolve("one-gap.mp4"), 6, "--allow-gaps",
        "--preset", "ultrafast");
    assertTrue(run.out().contains("1 frame holds the image before it over the missing number 4 (--allow-gaps)"), run::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"qtrle, mov, rgb24", "qtrle, mov, argb", "png, mov, rgb24", "utvideo, mkv, gbrp", "ffv1, mkv, bgr0"})
  void rgbVideoIsConvertedByTheColourKernelsAndTaggedSo(String codec, String container, String pixFmt) {
    Path in = dir.resolve("rgb-" + codec + "-" + pixFmt + "." + container);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=1", "-c:v", codec, "-pix_fmt", pixFmt,
        in.toString());
    Path out = dir.resolve("rgb-" + codec + "-" + pixFmt + ".mp4");
    CliRun run = encodes(in.toString(), out, 25, "--preset", "ultrafast", "--crf", "8");
    assertEquals("smpte170m", stream(out, "color_space"));
    assertEquals("tv", stream(out, "color_range"));
    assertTrue(run.out().contains("by FrameFork's colour kernels: BT.601"), run::toString);
    assertFalse(run.out().contains("the source's pictures are"), "said once, by the kernels' note: " + run);
    assertEquals(pixFmt.equals("argb"), run.out().contains("the video's alpha channel (argb) was dropped"), run::toString);
    Path reference = dir.resolve("reference-" + codec + ".nut");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "scale=out_color_matrix=bt470bg:out_range=tv,format=yuv420p", "-c:v",
        "rawvideo", reference.toString());
    double psnr = DebianFfmpeg.ssimPsnr(out, reference)[1];
    assertTrue(psnr > 40, codec + " " + pixFmt + ": PSNR against Debian's conversion " + psnr);
  }

  @Test
  void probeShowsTheSequenceWithItsGaps() throws IOException {
    Path frames = images("probe", "png", "rgb24", 160, 120, 10);
    Files.delete(frames.resolve("frame_0003.png"));
    CliRun run = CliRun.of("probe", frames.resolve("frame_%04d.png").toString(), "--fps", "25");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("9 images, 10 frames from number 1, 25/1 fps, 160x120, rgb24 (png)"), run::toString);
    assertTrue(run.out().contains("gaps         3: 1 frame missing"), run::toString);
  }

  @Test
  void probeOfOneImageSaysOneFrameAndTheLengthOfItsOneChunk() throws IOException {
    Path frames = images("probe-one", "png", "rgb24", 160, 120, 1);
    CliRun run = CliRun.of("probe", frames.toString(), "--fps", "25");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("1 image, 1 frame from number 1") && run.out().contains("1 frame, 1 keyframe"), run::toString);
    // As encode says it: a sequence has no keyframes to cut at.
    assertTrue(run.out().contains("plan: 1 chunk between images, 0.04 s, for"), run::toString);
  }

  /**
   * Every RGB path to YUV uses the matrix the output is tagged with, and the note names who
   * converted: the kernels at 8 and 10 bits (16-bit PNG with h265, 10 bits by default; 8-bit RGB
   * with --depth 10), libswscale for layouts the kernels do not take (palettes), HD or not.
   */
  @ParameterizedTest(name = "{0} {1}x{2} {3}")
  @CsvSource({
      "rgb48be, 1280, 720, --codec h265, bt709, yuv420p10le, FrameFork's colour kernels",
      "rgb24, 1280, 720, --depth 10, bt709, yuv420p10le, FrameFork's colour kernels",
      "rgb24, 320, 240, --depth 10, smpte170m, yuv420p10le, FrameFork's colour kernels",
      "rgba64be, 1280, 720, --codec av1, bt709, yuv420p10le, FrameFork's colour kernels",
      "pal8, 1280, 720, --crf 8, bt709, yuv420p, libswscale",
      "rgb48be, 1280, 720, --crf 8, bt709, yuv420p, FrameFork's colour kernels"})
  void everyRgbConversionUsesTheMatrixItsOutputIsTaggedWith(String pixFmt, int width, int height, String option, String space,
      String outFormat, String by) throws IOException {
    Path frames = images("m-" + pixFmt + width + option.replace(" ", ""), "png", pixFmt, width, height, 3);
    Path out = dir.resolve("m-" + pixFmt + width + ".mp4");
    String pattern = frames.resolve("frame_%04d.png").toString();
    List<String> options = new ArrayList<>(List.of(option.split(" ")));
    options.addAll(List.of("--preset", option.contains("av1") ? "12" : "ultrafast", "-j", "2"));
    if (!option.contains("crf")) {
      options.addAll(List.of("--crf", option.contains("av1") ? "10" : "8"));
    }
    CliRun run = encodes(pattern, out, 3, options.toArray(String[]::new));

    assertEquals(space, stream(out, "color_space"));
    assertEquals(outFormat, stream(out, "pix_fmt"));
    String matrix = space.equals("bt709") ? "BT.709" : "BT.601";
    assertTrue(run.out().contains("was converted to YUV 4:2:0 (" + (outFormat.contains("10") ? 10 : 8) + "-bit) by " + by + ": "
        + matrix + ", limited range"), run::toString);
    if (pixFmt.startsWith("rgb") && pixFmt.contains("48")) {
      // The kernels round, to 8 bits and to 10.
      assertTrue(run.out().contains("rounded (not truncated) from 16 to " + (outFormat.equals("yuv420p") ? 8 : 10) + " bits"),
          run::toString);
    }
    double[] psnr = new double[2];
    String[] matrices = {space.equals("bt709") ? "bt709" : "bt470bg", space.equals("bt709") ? "bt470bg" : "bt709"};
    for (int i = 0; i < 2; i++) {
      Path reference = dir.resolve("ref-" + pixFmt + width + i + ".nut");
      // Debian's libswscale (5.1) takes no matrix for a palette: its entries as RGB first.
      DebianFfmpeg.ffmpeg("-framerate", "24", "-i", pattern, "-vf", (pixFmt.equals("pal8") ? "format=rgb24," : "")
          + "scale=out_color_matrix=" + matrices[i]
          + ":out_range=tv,format=" + outFormat, "-c:v", "rawvideo", reference.toString());
      psnr[i] = DebianFfmpeg.ssimPsnr(out, reference)[1];
    }
    assertTrue(psnr[0] > 38, pixFmt + ": PSNR against Debian's " + matrices[0] + " conversion " + psnr[0]);
    assertTrue(psnr[0] > psnr[1] + 3, "the tagged matrix, not the other: " + psnr[0] + " vs " + psnr[1]);
  }

  /**
   * {@code --alpha-over} composites on every path: 10-bit output (the kernels), grey with alpha and
   * palette PNGs with transparent entries; without it their alpha is said to be dropped. The left
   * half is opaque, its first quarter white, which must come out Y 235 (10 bits: 940) exactly: 8-bit
   * pictures that {@link org.framefork.encoder.media.PictureConverter} unpacks were 234 (937).
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "rgba, --depth 10, 255, 128, 128",
      "rgba64be, --depth 10, 255, 128, 128",
      "ya8, --depth 8, 191, 191, 191",
      "pal8, --depth 8, 255, 255, 255"})
  void alphaIsCompositedOnEveryPathAndDroppedAlphaIsSaid(String pixFmt, String option, int red, int green, int blue)
      throws IOException {
    Path frames = Files.createDirectories(dir.resolve("ao-" + pixFmt));
    // Opaque white, opaque red (grey 128), then half-transparent red (grey): over white it is pink,
    // (255, 128, 128) (light grey, 191). A palette's right half is transparent (an entry of tRNS).
    boolean grey = pixFmt.equals("ya8");
    String white = "if(lt(X,16),255," + (grey ? "128" : "0") + ")";
    String pattern = "color=c=red:size=64x64:duration=0.125,format=rgba,geq=r='" + (grey ? white : "255") + "':g='" + white
        + "':b='" + white + "':a='if(lt(X,32),255," + (pixFmt.equals("pal8") ? "0" : "128") + ")'";
    if (pixFmt.equals("pal8")) {
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", pattern, "-vf",
          "split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128", "-frames:v", "3",
          frames.resolve("a_%02d.png").toString());
    } else {
      // (Debian's lavfi makes 16-bit RGBA opaque: it comes from 8-bit RGBA.)
      DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", pattern, "-pix_fmt", pixFmt, "-frames:v", "3",
          frames.resolve("a_%02d.png").toString());
    }
    Path out = dir.resolve("ao-" + pixFmt + ".mkv");
    CliRun run = encodes(frames.resolve("*.png").toString(), out, 3, "--alpha-over", "white", option.split(" ")[0],
        option.split(" ")[1], "--preset", "ultrafast", "--codec", "h265", "--crf", "0");
    assertFirstFramePixel(out, 64, 48, 32, new int[] {red, green, blue}, 4, "composited " + run);
    assertTrue(run.out().contains("composited over #ffffff"), run::toString);
    // Composited, every kind is RGB converted by the kernels and tagged so (grey with alpha was untagged, unsaid).
    assertTrue(run.out().contains("was converted to YUV 4:2:0") && run.out().contains("by FrameFork's colour kernels: BT.601"),
        run::toString);
    assertEquals("smpte170m", DebianFfmpeg.probe(out, "v:0", "stream=color_space", false), "the matrix tag " + run);
    boolean tenBit = option.equals("--depth 10");
    Path yuv = dir.resolve("ao-" + pixFmt + ".yuv");
    DebianFfmpeg.ffmpeg("-i", out.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt",
        tenBit ? "yuv420p10le" : "yuv420p", yuv.toString());
    java.nio.ByteBuffer luma = java.nio.ByteBuffer.wrap(Files.readAllBytes(yuv)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    StringBuilder off = new StringBuilder();
    // Debian's libswscale widens 8-bit white to 16 bits as 65283 and its alpha as 65280: the
    // rgba64be images are neither white nor opaque.
    for (int y = 0; y < 64 && !pixFmt.equals("rgba64be"); y++) {
      for (int x = 0; x < 12; x++) { // opaque white, clear of the coding blocks at its edge (x 16)
        int v = tenBit ? luma.getShort(2 * (y * 64 + x)) : luma.get(y * 64 + x) & 0xFF;
        off.append(v == (tenBit ? 940 : 235) ? "" : " " + x + "," + y + "=" + v);
      }
    }
    assertEquals("", off.toString(), "opaque white samples not Y " + (tenBit ? 940 : 235) + " " + run);
    if (option.equals("--depth 8") && pixFmt.equals("pal8")) {
      // At 8 bits the composited pictures go to the colour kernels, which round: white is Y 235
      // everywhere (libswscale dithered it to 236 on most pixels).
      assertTrue(run.out().contains("by FrameFork's colour kernels"), run::toString);
      for (int y = 0; y < 64; y++) {
        for (int x = 48; x < 64; x++) { // clear of the coding blocks at the edge (x 32)
          int v = luma.get(y * 64 + x) & 0xFF;
          off.append(v == 235 ? "" : " " + x + "," + y + "=" + v);
        }
      }
      assertEquals("", off.toString(), "white samples not Y 235 " + run);
    }

    CliRun dropped = encodes(frames.resolve("*.png").toString(), dir.resolve("ao-dropped-" + pixFmt + ".mkv"), 3,
        "--preset", "ultrafast");
    assertTrue(dropped.out().contains("the images' alpha channel was dropped"), dropped::toString);
  }

  /**
   * EXR's alpha is premultiplied: grey 0.5 of opacity 0.5 is white at half opacity, so over black
   * it stays grey 128 (as straight alpha, multiplied again, it would be 64) and over white it is white.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"black, 128", "white, 255"})
  void exrAlphaIsCompositedAsPremultiplied(String colour, int grey) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("exr-" + colour));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=0x808080@0.5:size=64x64,format=rgba,format=gbrapf32le", "-frames:v", "3",
        frames.resolve("e_%02d.exr").toString());
    Path out = dir.resolve("exr-" + colour + ".mkv");
    CliRun run = encodes(frames.resolve("*.exr").toString(), out, 3, "--alpha-over", colour, "--preset", "ultrafast", "--codec",
        "h265", "--crf", "0");
    assertFirstFramePixel(out, 64, 32, 32, new int[] {grey, grey, grey}, 4, "EXR over " + colour + " " + run);
    // EXR's samples are linear light, encoded as they are (0.5 is 128): tagged so.
    assertEquals("linear", stream(out, "color_transfer"), "EXR's linear light");
  }

  /**
   * A float TIFF's alpha is straight, as its 8 and 16-bit alpha is (only EXR's is premultiplied):
   * orange (1, 0.5, 0.25) at opacity 0.5 over black is what Debian's overlay makes of the same
   * straight RGBA PNG, about (128, 64, 32), not the premultiplied reading's (255, 128, 64).
   */
  @Test
  void floatTiffAlphaIsCompositedAsStraight() throws IOException {
    Path frames = Files.createDirectories(dir.resolve("tiff-float"));
    float[] orange = {1f, 128 / 255f, 64 / 255f, 128 / 255f};
    for (int i = 1; i <= 3; i++) {
      writeFloatTiff(frames.resolve(String.format(Locale.ROOT, "t_%02d.tif", i)), 64, 64, orange);
    }
    Path png = dir.resolve("orange.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=0xFF8040@0.50196:size=64x64,format=rgba", "-frames:v", "1", "-update",
        "1", png.toString());
    Path expected = dir.resolve("orange-over-black.rgb");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=black:size=64x64", "-i", png.toString(), "-filter_complex",
        "[0][1]overlay=format=rgb,format=rgb24", "-frames:v", "1", "-f", "rawvideo", expected.toString());
    byte[] px = Files.readAllBytes(expected);
    int[] straight = {px[0] & 0xFF, px[1] & 0xFF, px[2] & 0xFF};
    assertEquals(128, straight[0], 2, "Debian's overlay of straight alpha");

    Path out = dir.resolve("tiff-float.mkv");
    CliRun run = encodes(frames.resolve("*.tif").toString(), out, 3, "--alpha-over", "black", "--preset", "ultrafast",
        "--codec", "h265", "--crf", "0");
    assertTrue(run.out().contains("image sequence of 3 images (rgbaf32le)"), run::toString);
    assertTrue(run.out().contains("composited over #000000"), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, straight, 4, "float TIFF over black " + run);
  }

  /**
   * A float TIFF's alpha dropped: libswscale takes no packed float RGBA, so its pictures go to it
   * planar, and the orange of {@link #floatTiffAlphaIsCompositedAsStraight} comes out as it is.
   */
  @Test
  void floatTiffAlphaIsDroppedWithItsColourKept() throws IOException {
    Path frames = Files.createDirectories(dir.resolve("tiff-float-dropped"));
    for (int i = 1; i <= 3; i++) {
      writeFloatTiff(frames.resolve(String.format(Locale.ROOT, "t_%02d.tif", i)), 64, 64,
          new float[] {1f, 128 / 255f, 64 / 255f, 0.5f});
    }
    Path out = dir.resolve("tiff-float-dropped.mkv");
    CliRun run = encodes(frames.resolve("*.tif").toString(), out, 3, "--preset", "ultrafast", "--codec", "h265", "--crf",
        "0");
    assertTrue(run.out().contains("the images' alpha channel was dropped"), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, new int[] {255, 128, 64}, 4, "float TIFF, alpha dropped " + run);
  }

  /**
   * A float grey-with-alpha EXR (channels Y and A: FFmpeg 8.1 decodes it as yaf32le, on which
   * libswscale aborts the process) goes to libswscale planar: grey 0.25 premultiplied by alpha 0.5
   * is 0.75 over white (191), 0.25 over black (64), and 0.25 with its alpha dropped.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"white, 191", "black, 64", "none, 64"})
  void aFloatGreyAndAlphaExrIsEncoded(String colour, int grey) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("exr-ya-" + colour));
    for (int i = 1; i <= 3; i++) {
      writeGreyAlphaExr(frames.resolve(String.format(Locale.ROOT, "y_%02d.exr", i)), 64, 64, 0.25f, 0.5f);
    }
    Path out = dir.resolve("exr-ya-" + colour + ".mkv");
    List<String> options = new ArrayList<>(List.of("--preset", "ultrafast", "--codec", "h265", "--crf", "0"));
    if (!colour.equals("none")) {
      options.addAll(List.of("--alpha-over", colour));
    }
    CliRun run = encodes(frames.resolve("*.exr").toString(), out, 3, options.toArray(String[]::new));
    assertTrue(run.out().contains("(yaf32le)"), run::toString);
    assertTrue(run.out().contains(colour.equals("none") ? "alpha channel was dropped" : "composited over"), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, new int[] {grey, grey, grey}, 2, "grey and alpha EXR, " + colour + " " + run);
  }

  /**
   * An EXR of UINT channels decodes as rgba64le, which the colour kernels take, but its alpha is
   * premultiplied as every EXR's: colour 0x40000000 (Debian's ffmpeg decodes it as 64 in 8 bits)
   * at alpha one half stays 64 over black (composited as straight alpha it was 31), at 8 and 10 bits.
   */
  @ParameterizedTest(name = "depth {0}")
  @CsvSource({"8", "10"})
  void aUintExrsAlphaIsCompositedAsPremultipliedAtEveryDepth(int depth) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("exr-uint-" + depth));
    for (int i = 1; i <= 3; i++) {
      writeExr(frames.resolve(String.format(Locale.ROOT, "u_%02d.exr", i)), 64, 64, 0, new String[] {"A", "B", "G", "R"},
          new int[] {0x7fffffff, 0x40000000, 0x40000000, 0x40000000});
    }
    Path colour = dir.resolve("exr-uint-" + depth + ".rgb");
    DebianFfmpeg.ffmpeg("-i", frames.resolve("u_01.exr").toString(), "-f", "rawvideo", "-pix_fmt", "rgb24", colour.toString());
    int grey = Files.readAllBytes(colour)[0] & 0xFF;
    assertEquals(64, grey, 1, "Debian's decode of the EXR's colour");
    Path out = dir.resolve("exr-uint-" + depth + ".mkv");
    CliRun run = encodes(frames.resolve("*.exr").toString(), out, 3, "--alpha-over", "black", "--depth",
        Integer.toString(depth), "--preset", "ultrafast", "--codec", "h265", "--crf", "0");
    assertTrue(run.out().contains("(rgba64le)"), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, new int[] {grey, grey, grey}, 4, "UINT EXR over black " + run);
  }

  /**
   * Writes a {@code width x height} uncompressed scanline EXR of 32-bit float channels A and Y,
   * every pixel {@code grey} (premultiplied) and {@code alpha}: Debian's FFmpeg 5.1 writes no such EXR.
   */
  private static void writeGreyAlphaExr(Path file, int width, int height, float grey, float alpha) throws IOException {
    writeExr(file, width, height, 2, new String[] {"A", "Y"},
        new int[] {Float.floatToIntBits(alpha), Float.floatToIntBits(grey)});
  }

  /**
   * Writes a {@code width x height} uncompressed scanline EXR of 32-bit channels {@code names}
   * (sorted by name, as EXR wants) of pixel type {@code type} (0 UINT, 2 FLOAT), every pixel's
   * channel {@code i} the 32 bits {@code bits[i]}.
   */
  private static void writeExr(Path file, int width, int height, int type, String[] names, int[] bits) throws IOException {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    o.write(new byte[] {0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0}); // magic, version 2, single-part scanlines
    java.io.ByteArrayOutputStream channels = new java.io.ByteArrayOutputStream();
    for (String c : names) {
      channels.write((c + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      channels.write(le(16).putInt(type).putInt(0).putInt(1).putInt(1).array()); // pLinear and reserved, sampling 1 x 1
    }
    channels.write(0);
    exrAttribute(o, "channels", "chlist", channels.toByteArray());
    exrAttribute(o, "compression", "compression", new byte[] {0});
    exrAttribute(o, "dataWindow", "box2i", le(16).putInt(0).putInt(0).putInt(width - 1).putInt(height - 1).array());
    exrAttribute(o, "displayWindow", "box2i", le(16).putInt(0).putInt(0).putInt(width - 1).putInt(height - 1).array());
    exrAttribute(o, "lineOrder", "lineOrder", new byte[] {0});
    exrAttribute(o, "pixelAspectRatio", "float", le(4).putFloat(1).array());
    exrAttribute(o, "screenWindowCenter", "v2f", le(8).putFloat(0).putFloat(0).array());
    exrAttribute(o, "screenWindowWidth", "float", le(4).putFloat(1).array());
    o.write(0);
    int lineBytes = names.length * width * 4;
    long first = o.size() + 8L * height;
    java.nio.ByteBuffer offsets = le(8 * height);
    for (int y = 0; y < height; y++) {
      offsets.putLong(first + (long) y * (8 + lineBytes));
    }
    o.write(offsets.array());
    for (int y = 0; y < height; y++) {
      java.nio.ByteBuffer line = le(8 + lineBytes).putInt(y).putInt(lineBytes);
      for (int v : bits) {
        for (int x = 0; x < width; x++) {
          line.putInt(v);
        }
      }
      o.write(line.array());
    }
    Files.write(file, o.toByteArray());
  }

  private static void exrAttribute(java.io.ByteArrayOutputStream o, String name, String type, byte[] value) throws IOException {
    o.write((name + "\0" + type + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    o.write(le(4).putInt(value.length).array());
    o.write(value);
  }

  private static java.nio.ByteBuffer le(int bytes) {
    return java.nio.ByteBuffer.allocate(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Writes a {@code width x height} uncompressed little-endian TIFF of 32-bit float RGBA samples, every
   * pixel {@code rgba}, its alpha unassociated (ExtraSamples 2): Debian's FFmpeg 5.1 writes no float TIFF.
   */
  private static void writeFloatTiff(Path file, int width, int height, float[] rgba) throws IOException {
    writeTiff(file, width, height, 32, 2, rgba);
  }

  /**
   * Writes a {@code width x height} uncompressed little-endian RGBA TIFF of {@code bits} a sample (8,
   * or 32 float), every pixel {@code rgba} (8 bits: times 255, rounded), its alpha associated
   * (premultiplied, {@code extraSamples} 1) or unassociated (2).
   */
  private static void writeTiff(Path file, int width, int height, int bits, int extraSamples, float[] rgba)
      throws IOException {
    int entries = 12;
    int arrays = 8 + 2 + entries * 12 + 4;
    int data = arrays + 16;
    int pixelBytes = bits / 2;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(data + width * height * pixelBytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
    int[][] tags = {{256, 4, 1, width}, {257, 4, 1, height}, {258, 3, 4, arrays}, {259, 3, 1, 1}, {262, 3, 1, 2},
        {273, 4, 1, data}, {277, 3, 1, 4}, {278, 4, 1, height}, {279, 4, 1, width * height * pixelBytes}, {284, 3, 1, 1},
        {338, 3, 1, extraSamples}, {339, 3, 4, arrays + 8}};
    for (int[] t : tags) {
      b.putShort((short) t[0]).putShort((short) t[1]).putInt(t[2]);
      if (t[1] == 3 && t[2] == 1) {
        b.putShort((short) t[3]).putShort((short) 0);
      } else {
        b.putInt(t[3]);
      }
    }
    b.putInt(0);
    for (int i = 0; i < 4; i++) {
      b.putShort((short) bits); // BitsPerSample
    }
    for (int i = 0; i < 4; i++) {
      b.putShort((short) (bits == 32 ? 3 : 1)); // SampleFormat: IEEE float, unsigned integer
    }
    for (int i = 0; i < width * height; i++) {
      for (float v : rgba) {
        if (bits == 32) {
          b.putFloat(v);
        } else {
          b.put((byte) Math.round(v * 255));
        }
      }
    }
    Files.write(file, b.array());
  }

  /**
   * A TIFF's ExtraSamples (338) says whether its alpha is associated (1: premultiplied) or not (2);
   * FFmpeg decodes both alike. Samples (128, 64, 32) of alpha 128 over black stay (128, 64, 32)
   * premultiplied, and are halved, (64, 32, 16), straight: 8-bit and float TIFFs. (An 8-bit one is
   * rgba, which the colour kernels composite as straight alpha: premultiplied, it goes round them.)
   */
  @ParameterizedTest(name = "{0} bits, ExtraSamples {1}")
  @CsvSource({"32, 1, 128", "32, 2, 64", "8, 1, 128", "8, 2, 64"})
  void aTiffsExtraSamplesSayWhetherItsAlphaIsPremultiplied(int bits, int extraSamples, int red) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("tiff-" + bits + "-" + extraSamples));
    for (int i = 1; i <= 3; i++) {
      writeTiff(frames.resolve(String.format(Locale.ROOT, "t_%02d.tif", i)), 64, 64, bits, extraSamples,
          new float[] {128 / 255f, 64 / 255f, 32 / 255f, 128 / 255f});
    }
    Path out = dir.resolve("tiff-" + bits + "-" + extraSamples + ".mkv");
    CliRun run = encodes(frames.resolve("*.tif").toString(), out, 3, "--alpha-over", "black", "--preset", "ultrafast",
        "--codec", "h265", "--crf", "0");
    assertTrue(run.out().contains("composited over #000000"), run::toString);
    assertFirstFramePixel(out, 64, 32, 32, new int[] {red, red / 2, red / 4}, 4, "TIFF over black " + run);
  }

  /**
   * The first image's ExtraSamples decides premultiplied alpha for the whole sequence, so TIFFs of
   * both kinds (t_01 unassociated, t_02 and t_03 associated) are refused in one line naming the
   * first that differs, with nothing written, when their alpha is composited; dropped (no
   * {@code --alpha-over}), the kind does not matter and they encode.
   */
  @Test
  void aTiffSequenceOfBothAlphaKindsIsRefusedWhenComposited() throws IOException {
    Path frames = Files.createDirectories(dir.resolve("tiff-mix"));
    for (int i = 1; i <= 3; i++) {
      writeTiff(frames.resolve(String.format(Locale.ROOT, "t_%02d.tif", i)), 64, 64, 8, i == 1 ? 2 : 1,
          new float[] {128 / 255f, 64 / 255f, 32 / 255f, 128 / 255f});
    }
    Path out = dir.resolve("tiff-mix.mkv");
    String glob = frames.resolve("*.tif").toString();
    CliRun run = CliRun.of("encode", glob, "-o", out.toString(), "--alpha-over", "black");
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(List.of("framefork: " + frames.resolve("t_02.tif") + ": its alpha is associated (premultiplied), but "
        + "t_01.tif's is unassociated; every image of a sequence must have one kind"), run.errLines());
    assertFalse(Files.exists(out));

    CliRun dropped = encodes(glob, out, 3, "--preset", "ultrafast");
    assertTrue(dropped.out().contains("alpha channel was dropped"), dropped::toString);
  }

  /**
   * A render 1280 wide but under 720 high is HD by the one rule (BT.709): the --vf filters draw in
   * the matrix the RGB conversion used, so an overlaid red stays red when read by the output's tags.
   */
  @Test
  void filtersDrawInTheMatrixOfTheRgbConversionForAWideRender() throws IOException {
    Path frames = images("wide", "png", "rgb24", 1280, 544, 3);
    Path logo = dir.resolve("red.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=red:size=64x64", "-frames:v", "1", "-update", "1", "-pix_fmt", "rgb24",
        logo.toString());
    Path out = dir.resolve("wide.mp4");
    CliRun run = encodes(frames.resolve("frame_%04d.png").toString(), out, 3, "--vf", "overlay=" + logo + ":0:0", "--preset",
        "ultrafast", "--crf", "0");
    assertEquals("bt709", stream(out, "color_space"));
    assertTrue(run.out().contains("BT.709, limited range"), run::toString);
    // BT.601's red read as BT.709 has green 24.
    assertFirstFramePixel(out, 1280, 32, 32, new int[] {255, 0, 0}, 4, "overlaid red");
  }

  /**
   * A video's alpha (ProRes 4444, which decodes as yuva444p12le) is dropped with a warning that names
   * --alpha-over, which composites it instead (said in a note, no warning).
   */
  @Test
  void aVideosDroppedAlphaIsAWarning() {
    Path in = dir.resolve("p4444.mov");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=0.4,format=yuva444p10le", "-c:v",
        "prores_ks", "-profile:v", "4444", "-pix_fmt", "yuva444p10le", in.toString());
    CliRun run = encodes(in.toString(), dir.resolve("p4444.mp4"), 10, "--preset", "ultrafast");
    assertTrue(run.out().contains("the video's alpha channel (yuva444p12le) was dropped from its pictures (--alpha-over COLOUR "
        + "composites them over a colour instead)"),
        run::toString);
    CliRun over = encodes(in.toString(), dir.resolve("p4444-ao.mp4"), 10, "--alpha-over", "white", "--preset", "ultrafast");
    assertTrue(over.out().contains("the video's pictures were composited over #ffffff (--alpha-over), in YUV"), over::toString);
    assertFalse(over.out().contains("alpha channel"), over::toString);
  }

  /**
   * FFmpeg's GIF decoder puts out bgra for every GIF: the alpha warning comes only for a GIF whose
   * first picture is transparent somewhere, not for an opaque one.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"transparent, true", "opaque, false"})
  void aGifsAlphaIsSaidOnlyWhenItIsTransparent(String name, boolean warned) {
    Path in = dir.resolve(name + ".gif");
    String alpha = warned ? "if(lt(X,32),255,0)" : "255";
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=red:size=64x64:rate=10:duration=0.5,format=rgba,"
        + "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='" + alpha + "'", "-vf",
        "split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128", in.toString());
    CliRun run = encodes(in.toString(), dir.resolve(name + "-gif.mp4"), 5, "--preset", "ultrafast");
    assertEquals(warned, run.out().contains("the video's alpha channel (bgra) was dropped"), run::toString);
  }

  /** A WebM VP9 with alpha decodes as yuv420p: its alpha is in side data, which the stream's alpha_mode 1 says; dropped with a warning. */
  @Test
  void aWebmVideosAlphaModeIsSaidDropped() {
    Path in = dir.resolve("alpha.webm");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=0.4,format=yuva420p", "-c:v", "libvpx-vp9",
        "-pix_fmt", "yuva420p", "-deadline", "realtime", in.toString());
    CliRun run = encodes(in.toString(), dir.resolve("alpha-webm.mp4"), 10, "--preset", "ultrafast");
    assertTrue(run.out().contains("the video's alpha channel (vp9 alpha_mode 1) was dropped"), run::toString);
    Path plain = dir.resolve("plain.webm");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=0.4", "-c:v", "libvpx-vp9", "-deadline",
        "realtime", plain.toString());
    CliRun none = encodes(plain.toString(), dir.resolve("plain-webm.mp4"), 10, "--preset", "ultrafast");
    assertFalse(none.out().contains("alpha channel"), none::toString);
  }
}
