package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.media.Rational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees from {@code framefork samples}: help, one-line errors, exit codes. */
class SampleGeneratorCommandTest {
  @TempDir
  Path dir;

  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cl = SampleGenerator.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void helpListsTheOptionsAndExitsZero() {
    Outcome o = run("--help");
    assertEquals(0, o.exit());
    for (String option : new String[] {"--output", "--width", "--fps", "--duration", "--seed", "--scene-length",
        "--codec", "--crf", "--gop", "--no-audio", "--grain"}) {
      assertTrue(o.out().contains(option), "help does not mention " + option);
    }
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    Path out = dir.resolve("x.mp4");
    Outcome odd = run("-o", out.toString(), "--width", "321");
    assertEquals(2, odd.exit());
    assertTrue(odd.err().contains("even"), odd.err());
    assertEquals(1, odd.err().strip().lines().count(), odd.err());

    assertEquals(2, run("--width", "320").exit(), "missing --output");
    assertEquals(2, run("-o", out.toString(), "--fps", "fast").exit());
    assertEquals(2, run("-o", out.toString(), "--scene-length", "3-2").exit());
    assertEquals(2, run("-o", out.toString(), "--duration", "0").exit());
    assertFalse(Files.exists(out));

    Path missing = dir.resolve("no-such-folder");
    Outcome folder = run("-o", missing.resolve("z.mp4").toString(), "--width", "64", "--height", "64", "--duration", "0.2");
    assertEquals(2, folder.exit(), folder.err());
    assertTrue(folder.err().contains(missing + " does not exist; create it first"), folder.err());
    assertEquals(1, folder.err().strip().lines().count(), folder.err());
    assertFalse(Files.exists(missing), "the missing folder is not made");
  }

  @Test
  void anUnknownEncoderOrContainerIsAUsageErrorAndWritesNothing() throws Exception {
    Path out = dir.resolve("y.mp4");
    Outcome o = run("-o", out.toString(), "--width", "64", "--height", "64", "--duration", "0.2", "--codec", "nosuchcodec");
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains("--codec nosuchcodec"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    Outcome audio = run("-o", out.toString(), "--codec", "aac");
    assertEquals(2, audio.exit(), "an audio encoder is not a video encoder: " + audio.err());
    for (String name : new String[] {"y.avi", "y.webm", "y.foo", "y"}) {
      Outcome c = run("-o", dir.resolve(name).toString(), "--width", "64", "--height", "64", "--duration", "0.2");
      assertEquals(2, c.exit(), name + ": " + c.err());
      assertTrue(c.err().contains("end the name in .mp4, .mkv or .mov"), c.err());
      assertEquals(1, c.err().strip().lines().count(), c.err());
    }
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(SampleSpec.sidecarFor(out)));
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "a temporary file was left behind");
    }
  }

  @Test
  void aContainerThatCannotHoldTheCodecAnUnknownPresetOrACrfOutOfTheCodecsRangeIsAUsageError() throws Exception {
    String[] small = {"--width", "64", "--height", "64", "--duration", "0.2"};
    Path mov = dir.resolve("x.mov");
    Outcome vp9 = run(with(small, "-o", mov.toString(), "--codec", "vp9"));
    assertEquals(2, vp9.exit(), vp9.err());
    assertTrue(vp9.err().contains("a .mov file cannot hold libvpx-vp9 video with AAC audio; use .mp4 or .mkv"), vp9.err());
    assertEquals(1, vp9.err().strip().lines().count(), vp9.err());
    Path mp4 = dir.resolve("x.mp4");
    Outcome placebo2 = run(with(small, "-o", mp4.toString(), "--preset", "placebo2"));
    assertEquals(2, placebo2.exit(), placebo2.err());
    assertTrue(placebo2.err().startsWith("framefork samples: --preset placebo2: libx264 takes ultrafast, "), placebo2.err());
    assertEquals(1, placebo2.err().strip().lines().count(), placebo2.err());
    Outcome crf60 = run(with(small, "-o", mp4.toString(), "--crf", "60"));
    assertEquals(2, crf60.exit(), crf60.err());
    assertTrue(crf60.err().contains("--crf must be from 0 to 51 for libx264, not 60"), crf60.err());
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "nothing written");
    }
  }

  /** The CRF ceiling of the engine's codecs is the engine's; other encoders (libaom) take 63. */
  @Test
  void theCrfCeilingOfTheEnginesCodecsIsTheEngines() {
    assertEquals(51, SampleSpec.maxCrf("libx264"));
    assertEquals(51, SampleSpec.maxCrf("libx265"));
    assertEquals(63, SampleSpec.maxCrf("libvpx-vp9"));
    assertEquals(63, SampleSpec.maxCrf("libsvtav1"));
    assertEquals(63, SampleSpec.maxCrf("libaom-av1"));
  }

  /** H.265 in .mp4 and .mov is tagged hvc1, as Apple's players need (FFmpeg's default is hev1); Debian's ffprobe reads it. */
  @Test
  void h265InMp4AndMovIsTaggedHvc1() throws Exception {
    IndependentDecoder.requireInstalled();
    for (String name : new String[] {"h265.mp4", "h265.mov"}) {
      Path out = dir.resolve(name);
      Outcome o = run("-o", out.toString(), "--width", "64", "--height", "64", "--duration", "0.2", "--codec", "h265",
          "--no-audio");
      assertEquals(0, o.exit(), o.err());
      assertEquals("hvc1", IndependentDecoder.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
          "stream=codec_tag_string", "-of", "csv=p=0", out.toString()).strip(), name);
      assertEquals(6, IndependentDecoder.decodedFrameCount(out), name);
    }
  }

  @Test
  void aPresetIsIgnoredByAnEncoderWithoutPresetsAsTheHelpSays() throws Exception {
    Path out = dir.resolve("vp9.mkv");
    Outcome o = run("-o", out.toString(), "--width", "64", "--height", "64", "--duration", "0.2", "--codec", "vp9",
        "--preset", "slow", "--no-audio");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("libvpx-vp9 has no presets of x264's kind; --preset slow is ignored"), o.err());
    assertTrue(Files.size(out) > 0);
    assertFalse(Files.readString(SampleSpec.sidecarFor(out)).contains("--preset"), "the sidecar records no preset");
  }

  private static String[] with(String[] base, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void aFolderAsOutputIsRefusedBeforeAnyRendering() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("dir.mp4"));
    Outcome o = run("-o", folder.toString(), "--width", "64", "--height", "64", "--duration", "0.2");
    assertEquals(2, o.exit(), o.err());
    assertEquals("framefork samples: -o " + folder + ": is a folder; give a file name such as "
        + folder.resolve("sample.mp4") + " (see --help)", o.err().strip());
    try (var left = Files.list(dir)) {
      assertEquals(java.util.List.of(folder), left.toList(), "no .part file or sidecar beside the folder");
    }
    try (var inside = Files.list(folder)) {
      assertEquals(0, inside.count());
    }
  }

  @Test
  void ctrlCWhileRenderingExits130AndLeavesNothing() throws Exception {
    Path out = dir.resolve("long.mp4");
    Path part = dir.resolve(".long.mp4.part");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), SampleGenerator.class.getName(),
        "-o", out.toString(), "--width", "320", "--height", "240", "--duration", "120")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(part) && Files.size(part) > 0) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive() && Files.size(part) > 0, "still rendering into " + part + " when interrupted");
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the process ended");
    assertEquals(130, p.exitValue(), Files.readString(dir.resolve("child.log")));
    assertFalse(Files.exists(part), "the half-written clip is removed");
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(SampleSpec.sidecarFor(out)));
  }

  @Test
  void frameRatesParseToExactFractions() {
    assertEquals(new Rational(30, 1), SampleSpec.parseFrameRate("30"));
    assertEquals(new Rational(30, 1), SampleSpec.parseFrameRate("30.0"));
    assertEquals(new Rational(25, 2), SampleSpec.parseFrameRate("12.5"));
    assertEquals(new Rational(30000, 1001), SampleSpec.parseFrameRate("30000/1001"));
    assertEquals(new Rational(30000, 1001), SampleSpec.parseFrameRate("29.97"));
    assertEquals(new Rational(24000, 1001), SampleSpec.parseFrameRate("23.976"));
    assertEquals(new Rational(60000, 1001), SampleSpec.parseFrameRate("59.94"));
    assertEquals(new Rational(25, 1), SampleSpec.parseFrameRate("50/2"));
    assertThrows(IllegalArgumentException.class, () -> SampleSpec.parseFrameRate("0"));
    assertThrows(IllegalArgumentException.class, () -> SampleSpec.parseFrameRate("thirty"));
  }
}
