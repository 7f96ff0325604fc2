package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --alpha-over} on videos with alpha, made by Debian's ffmpeg (QuickTime Animation argb,
 * PNG-in-MOV rgba and rgba64, ProRes 4444, FFV1 yuva420p in NUT): every chunk composites its pictures, and
 * the output is checked by Debian's ffprobe (frame count) and against Debian ffmpeg's own composite
 * of the same video over the same colour ({@code overlay}) by PSNR.
 */
class VideoAlphaOverEncodeTest {
  /** Left half opaque, right half a quarter opaque, over testsrc2's colours; 2 s at 24 fps. */
  private static final String HALF_CLEAR = "testsrc2=s=320x240:r=24:d=2,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)'"
      + ":a='if(lt(X,160),255,64)'";
  private static final int FRAMES = 48;

  @TempDir
  Path dir;

  /**
   * Encodes {@code in} over {@code colour} in several chunks ({@code -j 2}, cut at keyframes every
   * half second, at scenes, or every 12 frames) and compares it with Debian ffmpeg's overlay of it on a colour source
   * ({@code blend}: the overlay's format, {@code rgb} for RGB sources, as FrameFork composites them,
   * or the YUV layout of a YUVA one), as {@code depth}-bit 4:2:0.
   */
  private double encodedAgainstDebian(Path in, String colour, String blend, int depth, String split) throws IOException {
    return encodedAgainstDebian(in, colour, blend, depth, split, 24, FRAMES, List.of());
  }

  /** As above, at {@code rate} for {@code frames} frames, Debian's ffmpeg reading {@code in} with {@code decoder} (its options before -i). */
  private double encodedAgainstDebian(Path in, String colour, String blend, int depth, String split, int rate, int frames,
      List<String> decoder) throws IOException {
    Path out = dir.resolve(in.getFileName() + "-" + depth + ".mp4");
    Path report = dir.resolve(in.getFileName() + ".json");
    List<String> args = new ArrayList<>(List.of("encode", in.toString(), "-o", out.toString(), "--alpha-over", colour,
        "-j", "2", "--split", split, split.equals("fixed") ? "--chunk-frames" : "--chunk-seconds", split.equals("fixed") ? "12" : "0.5", "--preset", "ultrafast", "--crf", "4", "--depth",
        Integer.toString(depth), "--report", report.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.code(), run::toString);
    assertEquals(frames, DebianFfmpeg.decodedFrames(out));
    assertTrue(run.out().contains("the video's pictures were composited over "), run::toString);
    assertFalse(run.out().contains("alpha channel"), "no alpha dropped: " + run);
    JsonNode result = new ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report");
    assertTrue(result.path("chunks").asInt() >= 2, "chunked: " + result);
    String pixFmt = depth == 10 ? "yuv420p10le" : "yuv420p";
    assertEquals(pixFmt, DebianFfmpeg.probe(out, "v:0", "stream=pix_fmt", false));
    Path reference = dir.resolve(in.getFileName() + "-reference.nut");
    String convert = blend.equals("rgb") ? "scale=out_color_matrix=bt470bg:out_range=tv," : "";
    List<String> ffmpeg = new ArrayList<>(List.of("-f", "lavfi", "-i", "color=c=" + colour + ":s=320x240:r=" + rate));
    ffmpeg.addAll(decoder);
    ffmpeg.addAll(List.of("-i", in.toString(), "-filter_complex", "[0:v]format=" + (blend.equals("rgb") ? "rgba" : blend + "p")
        + "[bg];[bg][1:v]overlay=format=" + blend + ":shortest=1," + convert + "format=" + pixFmt, "-c:v",
        depth == 10 ? "ffv1" : "rawvideo", reference.toString()));
    DebianFfmpeg.ffmpeg(ffmpeg.toArray(String[]::new));
    return DebianFfmpeg.ssimPsnr(out, reference)[1];
  }

  private Path made(String name, String... codecArgs) {
    Path in = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", HALF_CLEAR));
    args.addAll(List.of(codecArgs));
    args.add(in.toString());
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    return in;
  }

  @ParameterizedTest(name = "{0} {2} over {3}, {4}-bit, --split {5}")
  @CsvSource({
      "qtrle, mov, argb, black, 8, keyframes",
      "qtrle, mov, argb, white, 10, scene",
      "png, mov, rgba, #3366cc, 8, scene",
      "png, mov, rgba64be, white, 10, keyframes"})
  void anRgbVideoIsCompositedAsDebiansOverlayDoesIt(String codec, String container, String pixFmt, String colour, int depth,
      String split) throws IOException {
    Path in = made(codec + "-" + pixFmt + "." + container, "-c:v", codec, "-pix_fmt", pixFmt, "-g", "6");
    double psnr = encodedAgainstDebian(in, colour, "rgb", depth, split);
    System.out.printf("PSNR %s %s over %s %d-bit: %.2f dB%n", codec, pixFmt, colour, depth, psnr);
    assertTrue(psnr > 40, codec + " " + pixFmt + " over " + colour + ": PSNR against Debian's overlay " + psnr);
  }

  /**
   * ProRes 4444 (which FFmpeg 8 decodes as yuva444p12le) and FFV1 yuva420p are composited in YUV:
   * the colour made YUV in the pictures' matrix (untagged 320x240: BT.601, as Debian's color source
   * makes it), chroma with the mean alpha of the pixels it covers.
   */
  @ParameterizedTest(name = "{0} {1} over {2}, {3}-bit")
  @CsvSource({
      "prores_ks, yuva444p10le, black, 8, yuv444",
      "prores_ks, yuva444p10le, white, 10, yuv444",
      "ffv1, yuva420p, #3366cc, 8, yuv420"})
  void aYuvaVideoIsCompositedInYuv(String codec, String pixFmt, String colour, int depth, String blend) throws IOException {
    String[] args = codec.equals("prores_ks")
        ? new String[] {"-c:v", codec, "-profile:v", "4444", "-pix_fmt", pixFmt}
        : new String[] {"-c:v", codec, "-pix_fmt", pixFmt, "-g", "6"};
    // FFV1 in NUT, whose times are exact frames: the psnr filter pairs pictures by time, and
    // Matroska's millisecond ones would pair some of them with their neighbours.
    Path in = made(codec + "-" + pixFmt + (codec.equals("ffv1") ? ".nut" : ".mov"), args);
    double psnr = encodedAgainstDebian(in, colour, blend, depth, "keyframes");
    System.out.printf("PSNR %s %s over %s %d-bit: %.2f dB%n", codec, pixFmt, colour, depth, psnr);
    assertTrue(psnr > 40, codec + " " + pixFmt + " over " + colour + ": PSNR against Debian's overlay " + psnr);
  }

  /**
   * A GIF with a transparent colour (FFmpeg decodes every GIF as bgra), at 25 fps, which GIF's
   * hundredths of a second time exactly.
   */
  @Test
  void aGifWithTransparencyIsComposited() throws IOException {
    Path in = dir.resolve("clear.gif");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)'"
        + ":a='if(lt(X,160),255,0)'", "-vf", "split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128",
        in.toString());
    double psnr = encodedAgainstDebian(in, "#3366cc", "rgb", 8, "fixed", 25, 50, List.of());
    System.out.printf("PSNR gif bgra over #3366cc 8-bit: %.2f dB%n", psnr);
    assertTrue(psnr > 40, "gif over #3366cc: PSNR against Debian's overlay " + psnr);
  }

  /**
   * A palette video with transparent entries (PNG-in-MOV with tRNS, pal8) is composited, and its
   * note says so as for the others; without --alpha-over the note says its alpha was dropped.
   */
  @Test
  void aPaletteVideoWithTransparencyIsCompositedAndSaidSo() throws IOException {
    Path in = dir.resolve("palette.mov");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", HALF_CLEAR.replace(":a='if(lt(X,160),255,64)'", ":a='if(lt(X,160),255,0)'"), "-vf",
        "split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128", "-c:v", "png", in.toString());
    assertEquals("pal8", DebianFfmpeg.probe(in, "v:0", "stream=pix_fmt", false));
    double psnr = encodedAgainstDebian(in, "#3366cc", "rgb", 8, "fixed");
    assertTrue(psnr > 40, "pal8 over #3366cc: PSNR against Debian's overlay " + psnr);
    CliRun run = CliRun.of("encode", in.toString(), "-o", dir.resolve("dropped.mp4").toString(), "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("the video's alpha channel (pal8) was dropped from its pictures"), run::toString);
  }

  /** A big-endian planar YUVA video (rawvideo yuva444p16be) keeps its alpha dropped, and the note says which YUV is composited. */
  @Test
  void aBigEndianYuvaVideoIsSaidNotComposited() {
    Path in = dir.resolve("be.nut");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", HALF_CLEAR.replace("d=2", "d=0.5"), "-c:v", "rawvideo", "-pix_fmt", "yuva444p16be",
        in.toString());
    Path out = dir.resolve("be.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--alpha-over", "white", "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    assertEquals(12, DebianFfmpeg.decodedFrames(out));
    assertTrue(run.out().contains("the video's alpha channel (yuva444p16be) was dropped: --alpha-over composites RGB, palette, "
        + "grey and little-endian planar YUV pictures only"), run::toString);
  }

  /**
   * A video's --alpha-over colour is in its job's settings: a --resume with another colour, or
   * without one, is refused before any work (exit 2), naming both (its chunks would mix two
   * colours); the same colour resumes, reusing the chunks.
   */
  @Test
  void aResumeWithAnotherColourIsRefused() {
    Path in = made("resume.mov", "-t", "1", "-c:v", "qtrle", "-pix_fmt", "argb");
    Path out = dir.resolve("resume.mp4");
    List<String> args = List.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--split", "fixed",
        "--chunk-frames", "6", "--mode", "sequential");
    CliRun first = CliRun.interruptedWhen(s -> s.contains(" done on worker"), with(args, "--alpha-over", "white"));
    assertEquals(Main.EXIT_INTERRUPTED, first.code(), first::toString);
    String work = org.framefork.encoder.job.JobWorkspace.defaultFor(out).toString();
    String refused = "framefork: " + in + ": the interrupted job in " + work + " was encoded with other settings (--alpha-over "
        + "#ffffff, not ";
    CliRun black = CliRun.of(with(args, "--resume", "--alpha-over", "black"));
    assertEquals(Main.EXIT_USAGE, black.code(), black::toString);
    assertEquals(List.of(refused + "#000000); use those, or run without --resume to start over"), black.err().lines().toList());
    assertFalse(black.out().contains("probing"), black::toString);
    CliRun none = CliRun.of(with(args, "--resume"));
    assertEquals(Main.EXIT_USAGE, none.code(), none::toString);
    assertEquals(List.of(refused + "none); use those, or run without --resume to start over"), none.err().lines().toList());
    CliRun same = CliRun.of(with(args, "--resume", "--alpha-over", "#FFFFFF"));
    assertEquals(0, same.code(), same::toString);
    assertTrue(same.out().contains("reused from the interrupted run"), same::toString);
    assertEquals(24, DebianFfmpeg.decodedFrames(out));
  }

  private static String[] with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** A video without alpha given --alpha-over encodes as without it, and no note speaks of alpha (as for an image sequence). */
  @Test
  void aVideoWithoutAlphaIsEncodedAsItIs() {
    Path in = dir.resolve("opaque.mov");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=24:d=0.5", "-c:v", "qtrle", "-pix_fmt", "rgb24", in.toString());
    Path out = dir.resolve("opaque.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--alpha-over", "white", "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    assertEquals(12, DebianFfmpeg.decodedFrames(out));
    assertFalse(run.out().contains("alpha"), run::toString);
  }

  /**
   * A WebM VP8's or VP9's alpha is side data FFmpeg's native decoders ignore: with --alpha-over the
   * chunks decode it with libvpx's decoder (yuva420p), as Debian's ffmpeg does when told to use it
   * ({@code -c:v libvpx-vp9}); 25 fps, which WebM's milliseconds time exactly.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"libvpx-vp9, 0", "libvpx, 4M"}) // VP8 alpha wants auto-alt-ref off
  void aWebmVideosAlphaIsDecodedByLibvpxAndComposited(String codec, String bitrate) throws IOException {
    Path in = dir.resolve(codec + "-alpha.webm");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", HALF_CLEAR.replace("r=24", "r=25"), "-c:v", codec, "-pix_fmt", "yuva420p",
        "-deadline", "realtime", "-g", "6", "-crf", "10", "-b:v", bitrate, "-auto-alt-ref", "0", in.toString());
    double psnr = encodedAgainstDebian(in, "white", "yuv420", 8, "keyframes", 25, 50, List.of("-c:v", codec));
    System.out.printf("PSNR %s yuva420p over white 8-bit: %.2f dB%n", codec, psnr);
    assertTrue(psnr > 40, codec + " alpha over white: PSNR against Debian's overlay " + psnr);
  }
}
