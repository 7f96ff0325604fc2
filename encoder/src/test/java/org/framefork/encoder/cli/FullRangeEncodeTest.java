package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Full-range sources keep their range: a JPEG-style yuvj420p H.264 or HEVC stream (what cameras and
 * phones write), a 4:2:2 motion JPEG and a 10-bit full-range one come out tagged full range, with their samples as they
 * were (black at 0, white at 255), checked by Debian's ffprobe and ffmpeg.
 */
class FullRangeEncodeTest {
  @TempDir Path dir;

  /** A test pattern with a white and a black square, so that the levels show both ends of the range. */
  private static final String PICTURE = "testsrc2=size=320x240:rate=25:duration=2,"
      + "drawbox=x=16:y=16:w=64:h=64:color=white:t=fill,drawbox=x=96:y=16:w=64:h=64:color=black:t=fill";

  private Path source(String name, String pixFmt, String codec) {
    Path in = dir.resolve(name);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PICTURE, "-vf", "scale=out_range=pc:out_color_matrix=bt709,format=" + pixFmt,
        "-c:v", codec, codec.equals("mjpeg") ? "-q:v" : "-crf", codec.equals("mjpeg") ? "2" : "10", "-color_range", "pc", "-colorspace", "bt709", "-color_primaries",
        "bt709", "-color_trc", "bt709", in.toString());
    assertEquals("pc", stream(in, "color_range"));
    return in;
  }

  private static String stream(Path file, String entry) {
    return DebianFfmpeg.probe(file, "v:0", "stream=" + entry, false);
  }

  /** The darkest and the brightest luma sample of the first picture, as Debian's ffmpeg decodes it. */
  private static int[] lumaLevels(Path file) {
    String out = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-frames:v", "1", "-vf",
        "signalstats,metadata=print:file=-", "-f", "null", "-")).out();
    return new int[] {level(out, "YMIN"), level(out, "YMAX")};
  }

  private static int level(String stats, String key) {
    return stats.lines().filter(l -> l.startsWith("lavfi.signalstats." + key + "=")).findFirst()
        .map(l -> (int) Double.parseDouble(l.substring(l.indexOf('=') + 1))).orElseThrow(() -> new AssertionError(stats));
  }

  private CliRun encode(Path in, Path out, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("encode", in.toString(), "-o", out.toString(), "-j", "2", "--preset",
        "ultrafast", "--report", dir.resolve(out.getFileName() + ".json").toString()));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.code(), run::toString);
    return run;
  }

  private JsonNode report(Path out) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(out.getFileName() + ".json").toFile()).path("results").path(0).path("report");
  }

  @ParameterizedTest(name = "{0} {1} into {2}")
  @CsvSource({"libx264, yuvj420p, h264", "libx264, yuvj420p, h265", "libx265, yuvj420p, vp9", "libx265, yuvj420p, av1",
      "mjpeg, yuvj422p, h264"})
  void aYuvjSourceIsEncodedInFullRangeAsItIs(String sourceCodec, String pixFmt, String codec) throws IOException {
    Path in = source("j-" + sourceCodec + ".mkv", pixFmt, sourceCodec);
    Path out = dir.resolve("j-" + sourceCodec + "-" + codec + ".mkv");
    boolean measured = sourceCodec.equals("libx264") && codec.equals("h264");
    List<String> options = new java.util.ArrayList<>(List.of("--codec", codec, "--crf",
        codec.equals("vp9") || codec.equals("av1") ? "20" : "12"));
    if (measured) {
      options.add("--verify-quality");
    }
    encode(in, out, options.toArray(String[]::new));

    assertEquals("pc", stream(out, "color_range"), "full range carried");
    assertEquals("bt709", stream(out, "color_space"));
    int[] levels = lumaLevels(out);
    assertTrue(levels[0] <= 3 && levels[1] >= 252, "black and white at the ends of the full range: " + levels[0] + ", " + levels[1]);
    // 4:2:2 made 4:2:0 by Debian's libswscale, from one full-range format to another: its levels stay.
    double psnr = DebianFfmpeg.samplePsnr(List.of("-i", out.toString()), List.of("-i", in.toString(), "-vf", "format=yuvj420p"), 320,
        240, dir);
    assertTrue(psnr > 38, "PSNR of the decodes against the source's: " + psnr);
    JsonNode report = report(out);
    assertTrue(report.path("verification").path("passed").asBoolean(), report::toString);
    if (measured) {
      // --verify-quality reads the source and the output alike, both in full range: as Debian's PSNR of the samples.
      assertEquals(psnr, report.path("quality").path("psnrAverage").asDouble(), 0.1, report.path("quality")::toString);
    }
    assertEquals(pixFmt.equals("yuvj420p"), report.path("notes").toString().indexOf("yuvj") < 0,
        "a note for 4:2:2 made 4:2:0, none for yuvj420p: " + report.path("notes"));
  }

  /** The mean of luma, Cb and Cr over the {@code w x h} block at (x, y) of the first picture, as Debian's ffmpeg decodes it. */
  private static double[] blockMeans(Path file, int x, int y, int w, int h) {
    String out = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-frames:v", "1", "-vf",
        "crop=" + w + ":" + h + ":" + x + ":" + y + ",signalstats,metadata=print:file=-", "-f", "null", "-")).out();
    return new double[] {mean(out, "YAVG"), mean(out, "UAVG"), mean(out, "VAVG")};
  }

  private static double mean(String stats, String key) {
    return stats.lines().filter(l -> l.startsWith("lavfi.signalstats." + key + "=")).findFirst()
        .map(l -> Double.parseDouble(l.substring(l.indexOf('=') + 1))).orElseThrow(() -> new AssertionError(stats));
  }

  @Test
  void aWhiteOverlayOnAFullRangePictureIsFullRangeWhite() throws IOException {
    Path logo = dir.resolve("white.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=white:size=64x64,format=rgba", "-frames:v", "1", logo.toString());
    Path in = source("j-overlay.mkv", "yuvj420p", "libx264");
    for (String codec : new String[] {"h264", "vp9"}) {
      Path out = dir.resolve("overlay-" + codec + ".mkv");
      encode(in, out, "--codec", codec, "--crf", "10", "--vf", "overlay=" + logo + ":160:128");
      assertEquals("pc", stream(out, "color_range"), codec);
      // Inside the logo, away from its edges (which the encoder blurs into the picture around them).
      double[] yuv = blockMeans(out, 168, 136, 48, 48);
      assertTrue(yuv[0] > 252, codec + ": the logo's white decodes to luma " + yuv[0] + ", not full range's 255");
      assertEquals(128, yuv[1], 2, codec + ": neutral Cb");
      assertEquals(128, yuv[2], 2, codec + ": neutral Cr");
    }
  }

  @Test
  void aTenBitFullRangeSourceStaysFullRangeAtTenBitsAndAtEight() throws IOException {
    Path in = source("full10.mkv", "yuv420p10le", "libx265");
    for (String codec : new String[] {"h265", "h264"}) {
      Path out = dir.resolve("full10-" + codec + ".mkv");
      encode(in, out, "--codec", codec, "--crf", "12");
      assertEquals("pc", stream(out, "color_range"), codec);
      assertEquals(codec.equals("h265") ? "yuv420p10le" : "yuvj420p", stream(out, "pix_fmt"), codec);
      int[] levels = lumaLevels(out);
      assertTrue(levels[0] <= 12 && levels[1] >= (codec.equals("h265") ? 1010 : 252), codec + ": " + levels[0] + ", " + levels[1]);
      assertTrue(report(out).path("verification").path("passed").asBoolean(), codec);
    }
  }

  /**
   * A white logo on a 10-bit picture, decoded by Debian's ffmpeg to raw yuv420p10le: full range's
   * white is its peak, 1023 (255 * 1023 / 255, not 255 << 2 = 1020), limited range's 940 (235 << 2),
   * and chroma neutral, 512, in both.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"pc, 1023", "tv, 940"})
  void aWhiteOverlayOnATenBitPictureIsItsRangesWhite(String range, int white) throws IOException {
    Path logo = dir.resolve("white.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=white:size=64x64,format=rgba", "-frames:v", "1", logo.toString());
    Path in = dir.resolve("ten-" + range + ".mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PICTURE, "-vf", "scale=out_range=" + range + ":out_color_matrix=bt709,format=yuv420p10le",
        "-c:v", "libx265", "-crf", "10", "-color_range", range, "-colorspace", "bt709", in.toString());
    Path out = dir.resolve("ten-" + range + "-overlay.mkv");
    encode(in, out, "--codec", "h265", "--crf", "4", "--vf", "overlay=" + logo + ":160:128");
    assertEquals(range, stream(out, "color_range"));
    assertEquals("yuv420p10le", stream(out, "pix_fmt"));
    Path raw = dir.resolve("ten-" + range + ".yuv");
    DebianFfmpeg.ffmpeg("-i", out.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p10le", raw.toString());
    java.nio.ShortBuffer samples = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    // Inside the logo, away from its edges; chroma planes follow luma's 320 x 240 samples.
    int[] y = {samples.get(150 * 320 + 190), samples.get(136 * 320 + 168), samples.get(180 * 320 + 210)};
    int cb = samples.get(320 * 240 + 75 * 160 + 95);
    int cr = samples.get(320 * 240 + 160 * 120 + 75 * 160 + 95);
    for (int level : y) {
      assertEquals(white, level, 1, range + ": the logo's white decodes to " + java.util.Arrays.toString(y));
    }
    assertEquals(512, cb, 2, range + ": neutral Cb");
    assertEquals(512, cr, 2, range + ": neutral Cr");
  }
}
