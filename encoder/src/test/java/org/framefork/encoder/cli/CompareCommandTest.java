package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path dir;

  @Test
  void jsonHasTheMeansAndOneEntryPerFrame() throws IOException {
    Path ref = TestMedia.get(TestMedia.SINGLE_FRAME);
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "35", dist.toString());
    CliRun run = CliRun.of("compare", ref.toString(), dist.toString(), "--json");
    assertEquals(0, run.code(), run::toString);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(320, doc.path("width").asInt());
    assertEquals(1, doc.path("frames").size());
    double mean = doc.path("mean").path("psnrAverage").asDouble();
    assertTrue(mean > 20 && mean < 50, run.out());
    assertEquals(mean, doc.path("frames").path(0).path("psnrAverage").asDouble(), 1e-9, "one frame: its PSNR is the mean");
    assertEquals("", run.err());

    CliRun text = CliRun.of("compare", ref.toString(), dist.toString(), "--frames");
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("n:1 psnr y:"), text.out());
    assertTrue(text.out().contains("  PSNR    y:"), text.out());
    assertTrue(text.out().contains("All:"), text.out());
  }

  /** Identical pictures are SSIM 1 (they came to 0.9999999999999999) and PSNR infinite, as FFmpeg's filters say. */
  @Test
  void identicalVideosScoreSsimOneExactly() throws IOException {
    Path clip = dir.resolve("clip.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-frames:v", "3", "-c:v", "libx264",
        clip.toString());
    CliRun run = CliRun.of("compare", clip.toString(), clip.toString(), "--json", "--no-vmaf");
    assertEquals(0, run.code(), run::toString);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(1.0, doc.path("mean").path("ssimAll").asDouble(), 0.0, run::out);
    for (JsonNode frame : doc.path("frames")) {
      assertEquals(1.0, frame.path("ssimAll").asDouble(), 0.0, run::out);
    }
    // Identical planes have no PSNR: null in JSON, not the string "Infinity"; the other figures stay numbers.
    for (JsonNode figures : List.of(doc.path("mean"), doc.path("frames").path(0))) {
      for (String field : List.of("psnrY", "psnrU", "psnrV", "psnrAverage")) {
        assertTrue(figures.has(field) && figures.path(field).isNull(), field + ": " + figures);
      }
      assertTrue(figures.path("ssimAll").isNumber(), figures::toString);
    }
    assertTrue(doc.path("mean").path("psnrMin").isNull(), doc::toString);
    CliRun text = CliRun.of("compare", clip.toString(), clip.toString(), "--no-vmaf");
    assertTrue(text.out().contains("y:inf u:inf v:inf average:inf"), text::out);
    DebianFfmpeg.Result debian = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-i", clip.toString(), "-i",
        clip.toString(), "-lavfi", "ssim", "-f", "null", "-"));
    assertTrue(debian.err().contains("All:1.000000 (inf)"), "Debian's ssim filter agrees: " + debian.err());
  }

  /** encode takes an image sequence's pattern; compare says it takes videos, and how to score one. */
  @Test
  void anImageSequenceIsRefusedInOneLineThatSaysHowToScoreIt() throws IOException {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24", "-frames:v", "3",
        dir.resolve("f_%04d.png").toString());
    Path pattern = dir.resolve("f_%04d.png");
    Path video = dir.resolve("v.mp4");
    DebianFfmpeg.ffmpeg("-framerate", "24", "-i", pattern.toString(), "-c:v", "libx264", "-pix_fmt", "yuv420p", video.toString());
    // One image named as no pattern can be, and one in a folder whose names a shell splits or quotes.
    Path percent = java.nio.file.Files.copy(dir.resolve("f_0001.png"), dir.resolve("100%done.png"));
    Path spaced = java.nio.file.Files.createDirectories(dir.resolve("my shots"));
    Path quote = java.nio.file.Files.copy(dir.resolve("f_0001.png"), spaced.resolve("it's 1.png"));
    java.util.Map<Path, Long> frames = java.util.Map.of(pattern, 3L, dir.resolve("*.png"), 4L, dir.resolve("f_0001.png"), 1L,
        percent, 1L, quote, 1L);
    for (Path sequence : frames.keySet()) {
      CliRun run = CliRun.of("compare", sequence.toString(), video.toString(), "--no-vmaf");
      assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
      assertEquals(java.util.List.of("framefork: " + CompareCommand.sequenceRefusal(sequence)), run.errLines());
      assertEquals("", run.out());
      // The line's command, run by a shell as it stands, makes the lossless video of the images.
      String line = run.errLines().getFirst();
      String command = line.substring(line.indexOf("): ffmpeg ") + 3);
      Path in = java.nio.file.Files.createTempDirectory(dir, "run");
      DebianFfmpeg.Result ran = DebianFfmpeg.run(List.of("bash", "-c", "cd \"$0\" && "
          + command.replaceFirst("^ffmpeg ", "ffmpeg -nostdin "), in.toString()));
      assertEquals(0, ran.exitCode(), command + ": " + ran.err());
      assertEquals(frames.get(sequence), DebianFfmpeg.decodedFrames(in.resolve("images.mkv")), command);
    }
    assertTrue(CompareCommand.sequenceRefusal(pattern).startsWith(pattern + ": is an image sequence; compare takes two "
        + "video files: encode the images with --verify-quality"), CompareCommand.sequenceRefusal(pattern));
    assertTrue(CompareCommand.sequenceRefusal(percent).endsWith("at the rate encode reads them (24 fps, or the --fps you "
        + "encode them with): ffmpeg -framerate 24 -f image2pipe -i " + percent + " -c:v ffv1 images.mkv"),
        "one image: read as a file, by its contents, at encode's rate");
    assertTrue(CompareCommand.sequenceRefusal(quote).contains("-i '" + quote.toString().replace("'", "'\\''") + "' -c:v"),
        "quoted as a shell needs");
    // The advice works: Debian's ffmpeg makes the lossless video from the line's own command.
    Path lossless = dir.resolve("images.mkv");
    DebianFfmpeg.ffmpeg("-framerate", "24", "-i", pattern.toString(), "-c:v", "ffv1", lossless.toString());
    assertEquals(0, CliRun.of("compare", lossless.toString(), video.toString(), "--no-vmaf").code());
  }

  @Test
  void missingFilesAndOtherSizesExitTwoWithOneLine() {
    Path ref = TestMedia.get(TestMedia.SINGLE_FRAME);
    CliRun missing = CliRun.of("compare", ref.toString(), dir.resolve("nope.mp4").toString());
    assertEquals(Main.EXIT_USAGE, missing.code(), missing::toString);
    assertEquals(1, missing.errLines().size(), missing::toString);
    assertTrue(missing.err().startsWith("framefork: " + dir.resolve("nope.mp4") + ": no such file"), missing::toString);

    Path odd = TestMedia.get(TestMedia.MJPEG_ODD_MOV);
    CliRun sizes = CliRun.of("compare", ref.toString(), odd.toString());
    assertEquals(Main.EXIT_USAGE, sizes.code(), sizes::toString);
    assertEquals(List.of("framefork: " + ref + " is 320x240 and " + odd + " is 318x238; compare needs two videos of one "
        + "picture size: scale one to the other's first (e.g. ffmpeg -i B -vf scale=320:240 -c:v ffv1 B.mkv), or score an "
        + "encode made with --vf by encode --verify-quality, which measures through the same --vf"), sizes.errLines());
  }

  @Test
  void videosOfTwoFrameRatesExitTwoWithOneLine() {
    Path at25 = dir.resolve("at25.mp4");
    Path at24 = dir.resolve("at24.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "1", "-c:v", "libx264", at25.toString());
    DebianFfmpeg.ffmpeg("-i", at25.toString(), "-r", "24", "-c:v", "libx264", at24.toString());
    assertEquals("24/1", DebianFfmpeg.probe(at24, "v:0", "stream=avg_frame_rate", false), "Debian's ffprobe reads the second at 24 fps");
    CliRun rates = CliRun.of("compare", at25.toString(), at24.toString());
    assertEquals(Main.EXIT_USAGE, rates.code(), rates::toString);
    assertEquals(1, rates.errLines().size(), rates::toString);
    assertEquals("framefork: " + at25 + " is 25 fps and " + at24 + " is 24 fps; compare pairs frames one to one, so it "
        + "needs two videos of one frame rate or of the same frame times (convert one first, e.g. ffmpeg -i at24.mp4 -r 25/1 "
        + "..., which drops or repeats frames to that rate)", rates.errLines().get(0));
    assertEquals("", rates.out(), "no figures for a pair that does not match");

    CliRun same = CliRun.of("compare", at25.toString(), at25.toString(), "--no-vmaf");
    assertEquals(0, same.code(), same::toString);
  }

  /**
   * FrameFork's own output of a variable-rate source, and of one cut short inside a group of
   * B-frames, keeps every frame's time, yet states another average rate (MP4's frames over their
   * span against Matroska's nominal rate; a span with the cut's gaps): the frames' times pair them,
   * as they pair them for FFmpeg's psnr filter, which gives the same figure.
   */
  @Test
  void anEncodeWithTheSameFrameTimesIsComparedWhateverItsAverageRate() throws IOException {
    Path vfr = variableRateMkv(dir.resolve("vfr.mkv"));
    Path cut = cutInsideABFrame(dir.resolve("whole.mp4"), dir.resolve("cut.mp4"));
    for (Path source : List.of(vfr, cut)) {
      Path out = dir.resolve(source.getFileName() + ".out.mp4");
      CliRun encode = CliRun.of("encode", source.toString(), "-o", out.toString(), "--codec", "h264", "--preset",
          "ultrafast", "-j", "2");
      assertEquals(0, encode.code(), encode::toString);
      assertEquals(DebianFfmpeg.frameTimes(source), DebianFfmpeg.frameTimes(out), "the encode keeps the frames' times");
      double[] avg = {rate(source), rate(out)};
      assertTrue(Math.abs(avg[0] / avg[1] - 1) > 0.01, source + ": the average rates differ, " + avg[0] + " and " + avg[1]);

      CliRun run = CliRun.of("compare", source.toString(), out.toString(), "--no-vmaf", "--json");
      assertEquals(0, run.code(), run::toString);
      JsonNode doc = new ObjectMapper().readTree(run.out());
      assertEquals(DebianFfmpeg.decodedFrames(out), doc.path("frames").size(), "every frame paired");
      assertEquals(DebianFfmpeg.ssimPsnr(out, source)[1], doc.path("mean").path("psnrAverage").asDouble(), 0.01,
          "FFmpeg's psnr filter pairs them alike");
    }
  }

  /** 60 frames: 30 fps for a second, then 15 fps for two, as a phone's recording slows in the dark. */
  private static Path variableRateMkv(Path mkv) {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30", "-frames:v", "60", "-vf",
        "setpts='if(lt(N,30),N,N*2)/30/TB'", "-fps_mode", "passthrough", "-c:v", "libx264", mkv.toString());
    return mkv;
  }

  /**
   * 24 fps with B-frames, cut inside packet 21, a B-frame after the P-frame it follows: 20 frames
   * decode, the P-frame's two B-frames do not, and the last frame is shown 22 frames after the first.
   */
  private static Path cutInsideABFrame(Path whole, Path cut) throws IOException {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24:duration=2", "-c:v", "libx264", "-bf", "3",
        "-g", "48", "-movflags", "+faststart", whole.toString());
    return DebianFfmpeg.cutInsidePacket(whole, 21, cut);
  }

  /** Debian's ffprobe's average frame rate of {@code file}'s video. */
  private static double rate(Path file) {
    String[] r = DebianFfmpeg.probe(file, "v:0", "stream=avg_frame_rate", false).trim().split("/");
    return Double.parseDouble(r[0]) / Double.parseDouble(r[1]);
  }

  @Test
  void aFileThatIsNotAVideoFailsLikeProbe() throws Exception {
    Path ref = TestMedia.get(TestMedia.SINGLE_FRAME);
    Path text = java.nio.file.Files.writeString(dir.resolve("notes.mp4"), "not a video\n");
    CliRun compare = CliRun.of("compare", ref.toString(), text.toString());
    CliRun probe = CliRun.of("probe", text.toString());
    assertEquals(Main.EXIT_FAILED, compare.code(), compare::toString);
    assertEquals(probe.code(), compare.code(), "compare and probe agree on a file that is not a video");
    assertEquals(1, compare.errLines().size(), compare::toString);
    assertTrue(compare.err().startsWith("framefork: " + text + ": not a video"), compare::toString);
    assertTrue(compare.err().strip().endsWith("; check that it is a complete video file"), compare::toString);

    // An empty file: one line saying what to do, and the exit code probe gives it.
    Path empty = java.nio.file.Files.createFile(dir.resolve("empty.mp4"));
    CliRun emptyCompare = CliRun.of("compare", ref.toString(), empty.toString());
    assertEquals(CliRun.of("probe", empty.toString()).code(), emptyCompare.code(), emptyCompare::toString);
    assertEquals(List.of("framefork: " + empty + ": is empty (0 bytes); it holds no video; remove it, or put a complete "
        + "video file in its place"), emptyCompare.errLines());

    Path sound = dir.resolve("sound.m4a");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=duration=0.5", "-c:a", "aac", sound.toString());
    CliRun audioOnly = CliRun.of("compare", ref.toString(), sound.toString());
    assertEquals(Main.EXIT_FAILED, audioOnly.code(), audioOnly::toString);
    assertEquals(1, audioOnly.errLines().size(), audioOnly::toString);
    String line = audioOnly.errLines().get(0);
    assertEquals(line.indexOf(sound.toString()), line.lastIndexOf(sound.toString()), "the file is named once: " + line);
  }
}
