package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.framefork.encoder.testing.Tmpfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command line that cannot run is refused before any work: exit 2, one line on stderr that names
 * the problem and says what to do, and nothing new on disk.
 */
class EncodeUsageErrorsTest extends RefusedCommandLineTest {
  Path other;

  @BeforeEach
  void secondInput() throws IOException {
    other = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("other.mp4"));
  }

  @Test
  void unknownCodecIsNamedWithTheChoices() {
    String line = refused("encode", clip.toString(), "--codec", "mpeg2");
    assertTrue(line.contains("unknown codec 'mpeg2'"), line);
    assertTrue(line.contains("h264, h265, vp9, av1"), line);
  }

  @Test
  void depthsTheBuildCannotWriteAreRefusedWithWhatToDo() {
    String vp9 = refused("encode", clip.toString(), "--codec", "vp9", "--container", "webm", "--depth", "10");
    assertTrue(vp9.contains("vp9 writes 8-bit pictures only") && vp9.contains("h265 or av1"), vp9);
    String twelve = refused("encode", clip.toString(), "--codec", "h265", "--depth", "12");
    assertTrue(twelve.contains("--depth 12: give 8 or 10"), twelve);
    String toneMapped = refused("encode", clip.toString(), "--tonemap", "hable", "--depth", "10");
    assertTrue(toneMapped.contains("--tonemap writes 8-bit SDR"), toneMapped);
    String curve = refused("encode", clip.toString(), "--tonemap", "reinhard");
    assertTrue(curve.contains("give bt2390 or hable"), curve);
  }

  @Test
  void missingInputIsNamed() {
    String line = refused("encode", dir.resolve("nope.mp4").toString());
    assertTrue(line.contains("nope.mp4: no such file"), line);
  }

  @Test
  void anEmptyFileNamedItselfIsRefusedWithWhatToDo() throws IOException {
    Path empty = Files.createFile(dir.resolve("zero.mp4"));
    assertEquals("framefork: " + empty + ": is empty (0 bytes); it holds no video; remove it, or put a complete video "
        + "file in its place", refused("encode", clip.toString(), empty.toString()));
  }

  @Test
  void anEmptyFileNamedAndBroughtByItsFolderIsRefusedInAnyOrderOrSpelling() throws IOException {
    Path batch = Files.createDirectories(dir.resolve("batch"));
    Path empty = Files.createFile(batch.resolve("zero.mp4"));
    Path outs = Files.createDirectories(dir.resolve("outs"));
    String other = batch.resolve("../batch/zero.mp4").toString();
    for (List<String> inputs : List.of(List.of(empty.toString(), batch.toString()), List.of(batch.toString(), empty.toString()),
        List.of(other, batch.toString()), List.of(batch.toString(), other))) {
      CliRun run = CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.concat(java.util.stream.Stream.of("encode"),
          inputs.stream()), java.util.stream.Stream.of("--output-dir", outs.toString())).toArray(String[]::new));
      assertEquals(Main.EXIT_USAGE, run.code(), inputs + ": " + run);
      assertTrue(run.err().contains(": is empty (0 bytes); it holds no video"), run::toString);
    }
  }

  @Test
  void aPipeOrADeviceIsNamedForWhatItIsNotAsEmpty() throws Exception {
    Path fifo = dir.resolve("pipe.mp4");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertEquals("framefork: " + fifo + ": is a named pipe (FIFO), not a file; give a video file",
        refused("encode", fifo.toString(), "--output-dir", dir.toString()));
    assertEquals("framefork: /dev/null: is a device, not a file; give a video file",
        refused("encode", "/dev/null", "--output-dir", dir.toString()));
  }

  @Test
  void anEmptyFileInAFolderFailsAtItsTurnAndTheOthersAreEncoded() throws IOException {
    Path batch = Files.createDirectories(dir.resolve("batch"));
    Path good = Files.copy(clip, batch.resolve("good.mp4"));
    Path empty = Files.createFile(batch.resolve("a-zero.mp4"));
    Path outs = Files.createDirectories(dir.resolve("outs"));
    CliRun run = CliRun.of("encode", batch.toString(), "--output-dir", outs.toString(), "--quiet");
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertTrue(run.err().contains(empty + ": is empty (0 bytes); it holds no video; remove it"), run::toString);
    assertEquals(DebianFfmpeg.decodedFrames(good), DebianFfmpeg.decodedFrames(outs.resolve("good.framefork.mp4")));
    assertEquals(List.of(outs.resolve("good.framefork.mp4")), List.of(Files.list(outs).toArray(Path[]::new)));
  }

  @Test
  void aReadOnlyMountIsCalledSo() throws IOException {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    String said = "framefork: --output-dir " + ro + ": not writable (read-only file system); choose a folder you can "
        + "write to";
    // Where this JVM cannot mount one (not root, or a container without CAP_SYS_ADMIN), the command runs in a
    // child of a user and mount namespace of its own, which sees the read-only tmpfs.
    List<String> unshared = Tmpfs.unsharedWhereNotMountable(ro, 64, true);
    if (!unshared.isEmpty()) {
      assertEquals(said, CliRun.refused(dir, unshared, "encode", clip.toString(), "--output-dir", ro.toString()));
      return;
    }
    try (Tmpfs disk = Tmpfs.mount(ro, 64)) {
      disk.readOnly();
      assertEquals(said, refused("encode", clip.toString(), "--output-dir", ro.toString()));
    }
  }

  @Test
  void anOutputAnotherJobIsWritingIsInTheWayBeforeAnyWork() throws IOException {
    Path out = dir.resolve("out.mp4");
    // What a running job holds: the lock of its output's lock file.
    try (FileChannel lockFile = FileChannel.open(dir.resolve(".out.mp4.framefork.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
      assertEquals("framefork: " + out + ": another FrameFork job is writing it now; wait for that one to finish, or "
          + "choose another -o", refused("encode", clip.toString(), "-o", out.toString()));
    }
  }

  @Test
  void missingInputAmongGoodOnesStopsTheWholeRunBeforeAnyWork() {
    String line = refused("encode", clip.toString(), dir.resolve("nope.mp4").toString());
    assertTrue(line.contains("nope.mp4"), line);
  }

  @Test
  void everyProblemOfABatchIsNamedInOneRunALineEach() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("other.framefork.mp4"), "in the way");
    List<Path> before = CliRun.tree(dir);
    CliRun run = CliRun.of("encode", clip.toString(), dir.resolve("nope.mp4").toString(), other.toString(),
        dir.resolve("gone.mkv").toString(), dir.resolve("*.avi").toString(), "--output-dir", out.toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    List<String> lines = run.errLines();
    assertEquals(4, lines.size(), run::toString);
    assertTrue(lines.stream().allMatch(l -> l.startsWith("framefork: ")), run::toString);
    // Arguments that name no file first (the pattern), then unreadable inputs, then outputs in the way.
    assertTrue(lines.get(0).contains("*.avi: no video file matches"), lines.get(0));
    assertTrue(lines.get(1).contains("nope.mp4: no such file"), lines.get(1));
    assertTrue(lines.get(2).contains("gone.mkv: no such file"), lines.get(2));
    assertTrue(lines.get(3).contains("other.framefork.mp4: already exists"), lines.get(3));
    assertEquals(before, CliRun.tree(dir), "a refused run must not create anything");
  }

  @Test
  void aBrokenPatternAnEmptyOutputDirAndAFolderAsOutputAreOneLineEach() throws IOException {
    String line = refused("encode", dir.resolve("[a").toString());
    assertTrue(line.contains("not a file, and not a pattern either"), line);
    line = refused("encode", clip.toString(), "--output-dir", "");
    assertTrue(line.contains("--output-dir is empty"), line);
    Path folder = Files.createDirectories(dir.resolve("out"));
    line = refused("encode", clip.toString(), "-o", folder + "/");
    assertTrue(line.contains("is a folder; use --output-dir"), line);
  }

  @Test
  void aMissingOutputDirIsNamedWithTheMissingInputs() {
    List<Path> before = CliRun.tree(dir);
    CliRun run = CliRun.of("encode", clip.toString(), dir.resolve("gone.mp4").toString(), "--output-dir",
        dir.resolve("no-such-dir").toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(2, run.errLines().size(), run::toString);
    assertTrue(run.errLines().get(0).contains("gone.mp4: no such file"), run::toString);
    assertTrue(run.errLines().get(1).contains("--output-dir " + dir.resolve("no-such-dir") + ": no such folder"), run::toString);
    assertEquals(before, CliRun.tree(dir));
  }

  @Test
  void anOutputThatIsALinkOrAPipeIsNotReplacedEvenWithOverwrite() throws Exception {
    Path target = Files.writeString(dir.resolve("target.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), target);
    String line = refused("encode", clip.toString(), "-o", link.toString(), "--overwrite");
    assertTrue(line.contains("is not a plain file"), line);
    assertTrue(Files.isSymbolicLink(link));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.mp4"), dir.resolve("nowhere/x.mp4"));
    line = refused("encode", clip.toString(), "-o", dangling.toString());
    assertTrue(line.contains("is not a plain file"), line);
    Path fifo = dir.resolve("fifo.mp4");
    org.framefork.encoder.testing.ChildProcess.run(List.of("mkfifo", fifo.toString()), java.time.Duration.ofSeconds(10))
        .requireSuccess();
    line = refused("encode", clip.toString(), "-o", fifo.toString(), "--overwrite");
    assertTrue(line.contains("is not a plain file"), line);
    assertEquals("keep me", Files.readString(target));
  }

  @Test
  void anInputNamedTwiceThroughALinkIsEncodedOnceAndSaidSo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), clip);
    Path out = Files.createDirectories(dir.resolve("out"));
    CliRun run = CliRun.of("encode", clip.toString(), link.toString(), "--output-dir", out.toString(), "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains(link + ": the same file as " + clip + "; encoded once"), run::toString);
    try (var written = Files.list(out)) {
      assertEquals(List.of("clip.framefork.mp4"), written.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void audioThatCannotBeCopiedIntoTheContainerIsRefusedBeforeAnyWork() throws IOException {
    Path withAac = Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), dir.resolve("with-aac.mp4"));
    String line = refused("encode", withAac.toString(), "-o", dir.resolve("x.webm").toString(), "--codec", "vp9",
        "--audio", "copy");
    assertTrue(line.contains("with-aac.mp4: its aac audio cannot be copied into webm; use --audio opus"), line);
  }

  @Test
  void moreWorkersThanTheLimitIsAUsageError() {
    String line = refused("encode", clip.toString(), "-j", "32768");
    assertTrue(line.contains("--workers 32768: give 1 to 1024"), line);
  }

  @Test
  void noCodecThreadsIsAUsageErrorNamingTheOption() {
    // It said "codec threads must be at least 1, not 0", not naming the option.
    assertEquals("framefork: --codec-threads 0: give 1 or more (1 is usually best: the workers are the parallelism)",
        refused("encode", clip.toString(), "--codec-threads", "0"));
  }

  @Test
  void aScaleBeyondWhatFrameForkWritesIsRefusedBeforeAnyEncoding() {
    String line = refused("encode", clip.toString(), "--vf", "scale=8194:2000");
    assertTrue(line.contains("8192"), line);
    // Within the side limit, but wider than it once the 4:3 clip is 8192 high: refused when the input's size is known.
    Path out = dir.resolve("huge.mp4");
    CliRun run = CliRun.of("encode", clip.toString(), "-o", out.toString(), "--vf", "scale=-1:8192");
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertTrue(run.err().contains("makes 10922x8192 pictures, larger than the 8192x4320"), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(!run.out().contains("chunk 0 done"), "refused before encoding: " + run.out());
    assertTrue(!Files.exists(out));
  }

  @Test
  void outputEqualToInputIsRefusedAndTheInputIsUntouched() throws IOException {
    byte[] original = Files.readAllBytes(clip);
    String line = refused("encode", clip.toString(), "-o", clip.toString(), "--overwrite");
    assertTrue(line.contains("is the input"), line);
    assertArrayEquals(original, Files.readAllBytes(clip));
  }

  @Test
  void outputEqualToInputIsFoundThroughAnotherSpellingOfThePath() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    String roundabout = dir.resolve("sub").resolve("..").resolve("clip.mp4").toString();
    String line = refused("encode", clip.toString(), "-o", roundabout, "--overwrite");
    assertTrue(line.contains("is the input"), line);
  }

  @Test
  void existingOutputNeedsOverwrite() throws IOException {
    Path out = Files.writeString(dir.resolve("out.mp4"), "precious");
    String line = refused("encode", clip.toString(), "-o", out.toString());
    assertTrue(line.contains("already exists") && line.contains("--overwrite"), line);
    assertTrue(line.contains("--resume to skip finished outputs"), line);
    assertEquals("precious", Files.readString(out));
  }

  @Test
  void existingDefaultOutputNeedsOverwrite() throws IOException {
    Path out = Files.writeString(dir.resolve("clip.framefork.mp4"), "precious");
    String line = refused("encode", clip.toString());
    assertTrue(line.contains("clip.framefork.mp4: already exists"), line);
    assertTrue(line.endsWith("or choose a name with -o"), "no --output-dir was given, so the hint is not to choose another: " + line);
    assertEquals("precious", Files.readString(out));
  }

  @Test
  void anOutputThatIsAHardLinkToTheInputIsTheInput() throws IOException {
    Path link = Files.createLink(dir.resolve("link.mp4"), clip);
    byte[] original = Files.readAllBytes(clip);
    String line = refused("encode", clip.toString(), "-o", link.toString(), "--overwrite");
    assertTrue(line.contains("is the input"), line);
    assertArrayEquals(original, Files.readAllBytes(clip));
  }

  @Test
  void oneOutputForTwoInputsPointsToOutputDir() {
    String line = refused("encode", clip.toString(), other.toString(), "-o", dir.resolve("out.mp4").toString());
    assertTrue(line.contains("--output-dir"), line);
    assertTrue(line.contains("2 inputs"), line);
  }

  @Test
  void missingOutputFolderIsNotCreated() {
    Path out = dir.resolve("no-such-folder").resolve("out.mp4");
    String line = refused("encode", clip.toString(), "-o", out.toString());
    assertTrue(line.contains("no such folder"), line);
    assertTrue(line.contains("no-such-folder"), line);
  }

  @Test
  void aFolderTheSystemWillNotCreateFilesInIsRefusedWithTheReason() throws IOException {
    // Permission bits refuse a user; root passes access(2) everywhere, but sysfs refuses it a new file.
    Path locked = Files.createDirectory(dir.resolve("locked"));
    assertTrue(locked.toFile().setWritable(false, false));
    Path folder = Files.isWritable(locked) ? Path.of("/sys") : locked;
    String line = refused("encode", clip.toString(), "-o", folder.resolve("out.mp4").toString());
    assertEquals("framefork: " + folder + " (the folder of out.mp4): not writable (permission denied); choose a folder "
        + "you can write to", line);
  }

  @Test
  void imageSequenceOptionsOnAVideoAreRefusedByName() {
    // --alpha-over is not among them: it composites a video's pictures too (VideoAlphaOverEncodeTest).
    for (List<String> option : List.of(List.of("--fps", "25"), List.of("--start-number", "5"), List.of("--allow-gaps"))) {
      List<String> args = new java.util.ArrayList<>(List.of("encode", clip.toString()));
      args.addAll(option);
      assertEquals("framefork: " + clip + ": " + option.getFirst() + " is for image sequences, not videos; drop it",
          refused(args.toArray(String[]::new)));
    }
  }

  @Test
  void audioWhoseOnlyPictureIsACoverIsRefusedBeforeTheFirstJobAndByProbe() {
    Path song = dir.resolve("song.m4a");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=d=1", "-f", "lavfi", "-i", "testsrc2=size=64x64:d=0.04", "-map", "0:a",
        "-map", "1:v", "-c:a", "aac", "-c:v", "mjpeg", "-disposition:v:0", "attached_pic", song.toString());
    var streams = DebianFfmpeg.probeJson(song, "-show_streams").path("streams");
    assertEquals("audio video", streams.get(0).path("codec_type").asText() + " " + streams.get(1).path("codec_type").asText());
    assertEquals(1, streams.get(1).path("disposition").path("attached_pic").asInt(), "the fixture's video is its cover");
    String cover = "framefork: " + song + ": no video stream: audio whose only picture is a cover (attached picture), not a "
        + "video; give a file with video";
    // The clip comes first: without the check before the first job, its output would be written.
    assertEquals(cover, refused("encode", clip.toString(), song.toString()));
    CliRun probe = CliRun.of("probe", song.toString());
    assertEquals(Main.EXIT_FAILED, probe.code(), probe::toString);
    assertEquals(List.of(cover), probe.errLines());
  }

  @Test
  void missingOutputDirIsNotCreated() {
    String line = refused("encode", clip.toString(), "--output-dir", dir.resolve("outs").toString());
    assertTrue(line.contains("outs") && line.contains("no such folder"), line);
  }

  @Test
  void webmCannotHoldH264() {
    String line = refused("encode", clip.toString(), "-o", dir.resolve("out.webm").toString());
    assertTrue(line.contains("webm cannot hold h264"), line);
    assertTrue(line.contains("--codec vp9 or av1"), line);
  }

  @Test
  void extensionAndContainerMustAgree() {
    String line = refused("encode", clip.toString(), "-o", dir.resolve("out.mp4").toString(), "--container", "mkv");
    assertTrue(line.contains("mp4") && line.contains("mkv"), line);
  }

  @Test
  void unknownOutputExtensionWithoutContainerIsRefused() {
    String line = refused("encode", clip.toString(), "-o", dir.resolve("out.avi").toString());
    assertTrue(line.contains("end it in .mp4, .mkv, .webm (or .mov, .m4v: MP4), or add --container"), line);
  }

  @Test
  void unknownPresetAndModeAndAudioAreNamed() {
    assertTrue(refused("encode", clip.toString(), "--preset", "warp").contains("unknown preset 'warp'"));
    assertTrue(refused("encode", clip.toString(), "--mode", "fast").contains("unknown mode 'fast'"));
    assertTrue(refused("encode", clip.toString(), "--audio", "mp3").contains("unknown audio mode 'mp3'"));
    assertTrue(refused("encode", clip.toString(), "--container", "avi").contains("unknown container 'avi'"));
  }

  @Test
  void outOfRangeNumbersAreRefused() {
    assertTrue(refused("encode", clip.toString(), "--crf", "99").contains("CRF 99 is out of range"));
    assertTrue(refused("encode", clip.toString(), "--workers", "0").contains("--workers 0"));
    assertTrue(refused("encode", clip.toString(), "--chunk-seconds", "-1").contains("--chunk-seconds"));
  }

  @Test
  void aFractionalCrfIsRefusedForCodecsThatTakeWholeOnes() {
    for (String[] codecAndCrf : new String[][] {{"vp9", "23.5"}, {"av1", "35.25"}}) {
      String line = refused("encode", clip.toString(), "--codec", codecAndCrf[0], "--container", "webm", "--crf", codecAndCrf[1]);
      assertTrue(line.contains("CRF " + codecAndCrf[1] + ": " + codecAndCrf[0] + " takes a whole CRF; a fraction is for h264 "
          + "and h265 only"), line);
    }
    assertTrue(refused("encode", clip.toString(), "--crf", "NaN").contains("CRF NaN is out of range"));
  }

  @Test
  void chunkFramesNeedsFixedSplit() {
    String line = refused("encode", clip.toString(), "--split", "keyframes", "--chunk-frames", "10");
    assertTrue(line.contains("--split fixed"), line);
  }

  @Test
  void twoInputsWritingOneFileAreRefused() throws IOException {
    Path mkv = Files.copy(clip, dir.resolve("clip.mkv"));
    String line = refused("encode", clip.toString(), mkv.toString());
    assertTrue(line.contains("clip.framefork.mp4"), line);
  }

  @Test
  void badFiltersAreNamedBeforeAnyWork() {
    assertEquals("framefork: --vf: unknown filter 'sepia' in 'sepia'; the filters are scale, crop, eq, gray, blur, sharpen, "
        + "denoise, overlay", refused("encode", clip.toString(), "--vf", "scale=160:120,sepia"));
    assertEquals("framefork: --vf: filter 'blur=abc': radius must be a whole number, not 'abc'",
        refused("encode", clip.toString(), "--vf", "blur=abc"));
    Path logo = dir.resolve("logo.png");
    assertEquals("framefork: --vf: " + logo + ": no such picture (for overlay); check the path",
        refused("encode", clip.toString(), "--vf", "overlay=" + logo + ":8:8"));
  }

  @Test
  void aCropIsRefusedInOneLineBeforeAnyWork() {
    assertEquals("framefork: --vf: filter 'crop=8:8': w must be in [16, 8192], not 8",
        refused("encode", clip.toString(), "--vf", "crop=8:8"));
    // Past the picture: found as the job reads the clip's size, before any chunk; nothing is written.
    List<Path> before = CliRun.tree(dir);
    CliRun run = CliRun.of("encode", clip.toString(), "--vf", "crop=1920:800");
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertEquals(List.of("framefork: --vf crop=1920:800: the 1920x800 rectangle at (-800, -280) reaches past the 320x240 "
        + "picture; give a rectangle inside it (X + W at most 320, Y + H at most 240)"), run.errLines(), run::toString);
    assertEquals(before, CliRun.tree(dir), "nothing written");
  }

  @Test
  void chunkSecondsGoesWithKeyframeOrSceneSplits() {
    String line = refused("encode", clip.toString(), "--split", "fixed", "--chunk-seconds", "2");
    assertTrue(line.contains("--split keyframes or scene"), line);
  }

  @Test
  void everyHelpTextFormatsCleanly() {
    // picocli passes descriptions through String.format: a bare % makes it print a warning (once,
    // to the stderr it saw first) and the raw text. Every line, as written in the annotations, must
    // format.
    int lines = 0;
    for (Class<?> command : List.of(Main.class, EncodeCommand.class, ProbeCommand.class, CompareCommand.class)) {
      List<String> texts = new java.util.ArrayList<>();
      picocli.CommandLine.Command c = command.getAnnotation(picocli.CommandLine.Command.class);
      texts.addAll(List.of(c.description()));
      texts.addAll(List.of(c.footer()));
      for (java.lang.reflect.Field f : command.getDeclaredFields()) {
        picocli.CommandLine.Option o = f.getAnnotation(picocli.CommandLine.Option.class);
        if (o != null) {
          texts.addAll(List.of(o.description()));
        }
        picocli.CommandLine.Parameters p = f.getAnnotation(picocli.CommandLine.Parameters.class);
        if (p != null) {
          texts.addAll(List.of(p.description()));
        }
      }
      for (String text : texts) {
        lines++;
        String shown = text.replaceAll("\\$\\{[A-Z-]+\\}", "x");
        try {
          String.format(java.util.Locale.ROOT, shown);
        } catch (java.util.IllegalFormatException e) {
          throw new AssertionError(command.getSimpleName() + ": does not format (" + e + "): " + text, e);
        }
      }
    }
    assertTrue(lines > 30, "read the help of every command: " + lines);
  }

  @Test
  void eachCommandsHelpListsItsOwnExitCodes() {
    CliRun probe = CliRun.of("probe", "--help");
    CliRun compare = CliRun.of("compare", "--help");
    assertTrue(probe.out().contains("the input is not a video FrameFork can read"), probe::toString);
    assertTrue(compare.out().contains("pictures of different sizes"), compare::toString);
    assertTrue(compare.out().contains("1    a video cannot be read (an empty file included)"), compare::toString);
    CliRun encode = CliRun.of("encode", "--help");
    assertTrue(encode.out().replaceAll("\\s+", " ").contains("folder records it unchanged; any other is refused: add --overwrite"),
        encode::toString);
    assertTrue(compare.out().contains("an image sequence,") && compare.out().contains("more than 1% apart"), compare::toString);
    assertTrue(!probe.out().contains("output in the way") && !compare.out().contains("output in the way"),
        "probe and compare write no outputs: encode's exit codes are not theirs");
  }

  @Test
  void noInputIsAUsageError() {
    String line = refused("encode");
    assertTrue(line.contains("INPUT"), line);
  }

  @Test
  void folderWithoutVideosIsRefused() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    String line = refused("encode", empty.toString());
    assertTrue(line.contains("holds no video files"), line);
  }
}
