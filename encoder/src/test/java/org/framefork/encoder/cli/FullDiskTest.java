package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills during an encode, made real with a small tmpfs: the job fails (exit 1, one line,
 * no partial output) but keeps its finished chunks and plan, as Ctrl-C does, and says to free space
 * and run the same command with {@code --resume}, which then encodes none of them again. A batch then
 * skips the inputs bound for that disk, saying which were not started ({@code --resume} encodes them).
 * A job that had finished no chunk and saved no target-quality probe keeps nothing, and its batch goes
 * on. {@code --no-keep} still removes the work folder.
 * Outputs are checked by Debian's ffmpeg.
 */
class FullDiskTest {
  /** A 4 s clip in 4 chunks of about 90 KiB each, a 400 KiB output; room for the tiny clip's 6 KiB output. */
  private static final int SMALL_KIB = 128;
  private static final int ROOMY_KIB = 8192;

  @TempDir Path dir;

  @Test
  void aFullOutputDiskKeepsTheChunksStopsTheBatchAndResumeReusesThem() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path tiny = clip("tiny", "64x48", 1);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path work = Files.createDirectories(dir.resolve("work"));
    String[] args = encodeArgs(big.toString(), tiny.toString(), "--output-dir", out.toString(), "--work-dir", work.toString());
    try (Tmpfs disk = Tmpfs.mount(out, SMALL_KIB)) {
      CliRun failed = CliRun.of(args);
      assertFailed(failed, 2);
      Path kept = onlyWorkFolder(work);
      assertEquals(4, JobWorkspace.finishedChunks(kept), failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.startsWith("framefork: " + big + ": cannot write the output ("), line);
      assertTrue(line.endsWith("No space left on device); free space, then run the same command with --resume "
          + "(4 finished chunks kept in " + kept + ")"), line);
      assertEquals(notStarted(tiny), failed.errLines().get(1));
      // The batch stopped: no output of the tiny clip, and no partial output of the big one.
      Path tinyOut = out.resolve("tiny.framefork.mp4");
      assertEquals(List.of(), list(out));

      disk.resize(ROOMY_KIB);
      CliRun resumed = CliRun.of(withResume(args));
      assertEquals(0, resumed.code(), resumed::toString);
      assertEquals("", resumed.err(), resumed::toString);
      assertEquals(4, resumed.out().lines().filter(l -> l.contains("reused from the interrupted run: ")).count(),
          resumed::toString);
      assertTrue(resumed.out().contains("all of them encoded by the interrupted run"), resumed::toString);
      assertEquals(DebianFfmpeg.decodedFrames(tiny), DebianFfmpeg.decodedFrames(tinyOut));
      assertEquals(DebianFfmpeg.decodedFrames(big), DebianFfmpeg.decodedFrames(out.resolve("big.framefork.mp4")));
      assertEquals("", DebianFfmpeg.decodeErrors(out.resolve("big.framefork.mp4")));
      assertEquals(List.of(), list(work), "the resumed job's work folder is removed once it is done");
    }
  }

  @Test
  void aFullWorkDiskFailsTheChunkWithTheSameHintAndResumeReusesTheFinishedOnes() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path work = Files.createDirectories(dir.resolve("work"));
    Path output = dir.resolve("big.out.mp4");
    String[] args = encodeArgs(big.toString(), "-o", output.toString(), "--work-dir", work.toString());
    // Room for the plan and about two of the four chunks.
    try (Tmpfs disk = Tmpfs.mount(work, 220)) {
      CliRun failed = CliRun.of(args);
      assertFailed(failed, 1);
      Path kept = onlyWorkFolder(work);
      int finished = JobWorkspace.finishedChunks(kept);
      assertTrue(finished >= 1 && finished < 4, failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.matches("framefork: " + java.util.regex.Pattern.quote(big.toString())
          + ": chunk \\d failed after 1 attempt: .*No space left on device.*"), line);
      assertTrue(line.endsWith("; free space, then run the same command with --resume ("
          + finished + " finished chunk" + (finished == 1 ? "" : "s") + " kept in " + kept + ")"), line);
      assertEquals(List.of(), list(kept.resolve("chunks")).stream().map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".mkv") && !Files.exists(kept.resolve("chunks").resolve(n.replace(".mkv", ".json")))).toList(),
          "only finished chunks' segments are kept");
      assertEquals(List.of(), list(dir).stream().filter(p -> p.getFileName().toString().contains("big.out")).toList(),
          "no output and no partial output");

      disk.resize(ROOMY_KIB);
      CliRun resumed = CliRun.of(withResume(args));
      assertEquals(0, resumed.code(), resumed::toString);
      assertEquals(finished, resumed.out().lines().filter(l -> l.contains("reused from the interrupted run: ")).count(),
          resumed::toString);
      assertEquals(DebianFfmpeg.decodedFrames(big), DebianFfmpeg.decodedFrames(output));
      assertEquals("", DebianFfmpeg.decodeErrors(output));
    }
  }

  /**
   * The default work folder sits beside the output, on the disk that filled: the job that kept its
   * chunks there stops the batch (the next input would only fill it again, and keep its own), and the
   * run says which inputs were not started; {@code --resume} then finishes both.
   */
  @Test
  void aFullDiskHoldingTheKeptChunksStopsTheBatchAndSaysWhatWasNotStarted() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path med = clip("med", "160x120", 2);
    Path out = Files.createDirectories(dir.resolve("out"));
    String[] args = encodeArgs(big.toString(), med.toString(), "--output-dir", out.toString());
    try (Tmpfs disk = Tmpfs.mount(out, 700)) {
      CliRun failed = CliRun.of(args);
      assertFailed(failed, 2);
      Path bigOut = out.resolve("big.framefork.mp4");
      Path kept = JobWorkspace.defaultFor(bigOut);
      int finished = JobWorkspace.finishedChunks(kept);
      assertTrue(finished >= 1, failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.startsWith("framefork: " + big + ": "), line);
      assertTrue(line.endsWith("free space, then run the same command with --resume (" + finished + " finished chunk"
          + (finished == 1 ? "" : "s") + " kept in " + kept + ")"), line);
      assertEquals(notStarted(med), failed.errLines().get(1));
      assertEquals(List.of(kept), list(out), "one work folder, no output nor partial output");

      disk.resize(ROOMY_KIB);
      CliRun resumed = CliRun.of(withResume(args));
      assertEquals(0, resumed.code(), resumed::toString);
      assertEquals(DebianFfmpeg.decodedFrames(big), DebianFfmpeg.decodedFrames(bigOut));
      Path medOut = out.resolve("med.framefork.mp4");
      assertEquals(DebianFfmpeg.decodedFrames(med), DebianFfmpeg.decodedFrames(medOut));
      assertEquals("", DebianFfmpeg.decodeErrors(bigOut));
      assertEquals(List.of(bigOut, medOut), list(out));
    }
  }

  /**
   * Without {@code --output-dir} each output sits beside its input, maybe on another disk: after a job
   * kept its chunks on a disk that filled, only the later inputs bound for that disk are not started;
   * one whose output is on another disk is encoded.
   */
  @Test
  void aFullDiskSkipsOnlyTheLaterInputsBoundForIt() throws IOException {
    Path full = Files.createDirectories(dir.resolve("full"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Path bigClip = clip("big", "320x240", 4);
    Path tinyClip = clip("tiny", "64x48", 1);
    Path medClip = clip("med", "160x120", 2);
    try (Tmpfs fullDisk = Tmpfs.mount(full, roomFor(bigClip, tinyClip)); Tmpfs otherDisk = Tmpfs.mount(other, ROOMY_KIB)) {
      Path big = Files.copy(bigClip, full.resolve("big.mp4"));
      Path med = Files.copy(medClip, other.resolve("med.mp4"));
      Path tiny = Files.copy(tinyClip, full.resolve("tiny.mp4"));
      CliRun failed = encodeInTurn(big, med, tiny);
      assertFailed(failed, 2);
      Path kept = JobWorkspace.defaultFor(full.resolve("big.framefork.mp4"));
      assertTrue(JobWorkspace.finishedChunks(kept) >= 1, failed::toString);
      assertTrue(failed.errLines().get(0).contains("free space, then run the same command with --resume"), failed::toString);
      assertEquals(notStarted(tiny), failed.errLines().get(1));
      Path medOut = other.resolve("med.framefork.mp4");
      assertEquals(List.of(medOut, med), list(other), "the input bound for the other disk is done");
      assertEquals(DebianFfmpeg.decodedFrames(med), DebianFfmpeg.decodedFrames(medOut));
      assertEquals("", DebianFfmpeg.decodeErrors(medOut));
      assertEquals(Stream.of(big, kept, tiny).sorted().toList(), list(full), "no output on the full disk");
    }
  }

  /** KiB for {@code clips} copied onto a disk, with room for a job's plan and chunks but not for its output. */
  private static int roomFor(Path... clips) throws IOException {
    long bytes = 0;
    for (Path c : clips) {
      bytes += Files.size(c);
    }
    return (int) (bytes / 1024) + 1 + 500;
  }

  /** {@code encode} of {@code inputs}, each beside itself, one job after another, one chunk at a time. */
  private static CliRun encodeInTurn(Path... inputs) {
    return CliRun.of(encodeArgs(Stream.of(inputs).map(Path::toString).toArray(String[]::new)));
  }

  /** {@code encode} of {@code inputsAndOptions}, one chunk at a time, in chunks of 24 frames (1 s), at preset ultrafast. */
  private static String[] encodeArgs(String... inputsAndOptions) {
    return Stream.of(Stream.of("encode"), Stream.of(inputsAndOptions),
        Stream.of("--preset", "ultrafast", "--mode", "sequential", "--chunk-frames", "24")).flatMap(a -> a).toArray(String[]::new);
  }

  /** The run failed (exit 1) with {@code errLines} lines on stderr. */
  private static void assertFailed(CliRun run, int errLines) {
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertEquals(errLines, run.errLines().size(), run::toString);
  }

  /** The line that says {@code input} was left because its disk filled. */
  private static String notStarted(Path input) {
    return "framefork: the disk filled, so " + input + " was not started; free space, then run the same command with --resume";
  }

  /** Two disks that fill, one after the other: an input bound for the first is still left out. */
  @Test
  void everyDiskThatFilledIsRemembered() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Path bigClip = clip("big", "320x240", 4);
    Path tinyClip = clip("tiny", "64x48", 1);
    try (Tmpfs diskA = Tmpfs.mount(a, roomFor(bigClip, tinyClip)); Tmpfs diskB = Tmpfs.mount(b, roomFor(bigClip))) {
      Path bigA = Files.copy(bigClip, a.resolve("big.mp4"));
      Path bigB = Files.copy(bigClip, b.resolve("big.mp4"));
      Path tinyA = Files.copy(tinyClip, a.resolve("tiny.mp4"));
      CliRun failed = encodeInTurn(bigA, bigB, tinyA);
      assertFailed(failed, 3);
      assertEquals(notStarted(tinyA), failed.errLines().get(2), failed::toString);
      assertFalse(Files.exists(JobWorkspace.defaultFor(a.resolve("tiny.framefork.mp4"))), "tiny was started on the full disk");
    }
  }

  /**
   * A job that filled the disk before any chunk finished keeps nothing (a plan alone is cheap to
   * make again, and the disk would stay full): it says to free space, and the batch goes on.
   */
  @Test
  void aFullDiskBeforeAnyChunkFinishedKeepsNoFolderAndTheBatchGoesOn() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path tiny = clip("tiny", "64x48", 1);
    Path out = Files.createDirectories(dir.resolve("out"));
    try (Tmpfs disk = Tmpfs.mount(out, 48)) {
      CliRun failed = CliRun.of(encodeArgs(big.toString(), tiny.toString(), "--output-dir", out.toString()));
      assertFailed(failed, 1);
      String line = failed.errLines().get(0);
      assertTrue(line.startsWith("framefork: " + big + ": "), line);
      assertTrue(line.endsWith("No space left on device; free space on its disk (-v shows the details)"), line);
      Path tinyOut = out.resolve("tiny.framefork.mp4");
      assertEquals(List.of(tinyOut), list(out), "no work folder of the big one, and the tiny one is done");
      assertEquals(DebianFfmpeg.decodedFrames(tiny), DebianFfmpeg.decodedFrames(tinyOut));
    }
  }

  /**
   * A {@code --target-quality} job whose disk filled after its search but before any chunk finished
   * keeps its folder all the same: the saved probes are what {@code --resume} reuses rather than
   * probing again (the folder was deleted, as a plan alone would be).
   */
  @Test
  void aFullWorkDiskAfterTheSearchKeepsTheProbesForResume() throws IOException {
    Path output = dir.resolve("big.out.mp4");
    Path work = Files.createDirectories(dir.resolve("work"));
    // A target of SSIM 0.98 in 2 probes a chunk; a tmpfs with room for the plan and the first chunk's
    // search records, not for its final encode of some 90 KiB.
    String[] args = encodeArgs(clip("big", "320x240", 4).toString(), "-o", output.toString(), "--work-dir", work.toString(),
        "--target-quality", "ssim=0.98", "--probes", "2");
    try (Tmpfs disk = Tmpfs.mount(work, 64)) {
      CliRun failed = CliRun.of(args);
      assertFailed(failed, 1);
      assertEquals(1, list(work).size(), failed::toString);
      Path kept = onlyWorkFolder(work);
      assertEquals(0, JobWorkspace.finishedChunks(kept), failed::toString);
      assertEquals(1, JobWorkspace.probedUnfinishedChunks(kept), failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.endsWith("; free space, then run the same command with --resume (no chunk had finished: its plan "
          + "and 1 chunk's probes are kept in " + kept + ")"), line);

      disk.resize(ROOMY_KIB);
      CliRun resumed = CliRun.of(withResume(args));
      assertEquals(0, resumed.code(), resumed::toString);
      assertEquals(DebianFfmpeg.decodedFrames(dir.resolve("big.mp4")), DebianFfmpeg.decodedFrames(output));
      assertEquals("", DebianFfmpeg.decodeErrors(output));
    }
  }

  /** {@code --keep-work} keeps the folder after every ending: one the disk filled before its plan was written too. */
  @Test
  void keepWorkKeepsTheFolderOfAJobWhoseDiskFilledBeforeItsPlan() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path out = Files.createDirectories(dir.resolve("out"));
    try (Tmpfs disk = Tmpfs.mount(out, 8)) {
      // 96 chunks of one frame: a plan of some 15 KiB, more than the disk holds.
      CliRun failed = CliRun.of("encode", big.toString(), "--output-dir", out.toString(), "--preset", "ultrafast",
          "--mode", "sequential", "--chunk-frames", "1", "--keep-work");
      assertFailed(failed, 1);
      Path work = JobWorkspace.defaultFor(out.resolve("big.framefork.mp4"));
      String line = failed.errLines().get(0);
      assertTrue(line.contains(": cannot write " + work.resolve("plan.json") + "; free space on its disk"), line);
      assertTrue(Files.isDirectory(work), "--keep-work keeps the folder: " + list(out));
      assertFalse(JobWorkspace.hasPlan(work), "the disk filled before the plan was written");
    }
  }

  @Test
  void noKeepRemovesTheWorkFolderAfterAFullDisk() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path work = Files.createDirectories(dir.resolve("work"));
    try (Tmpfs disk = Tmpfs.mount(out, SMALL_KIB)) {
      CliRun failed = CliRun.of(encodeArgs(big.toString(), "--output-dir", out.toString(), "--work-dir", work.toString(),
          "--no-keep"));
      assertFailed(failed, 1);
      String line = failed.errLines().get(0);
      assertTrue(line.contains("No space left on device); free space on its disk"), line);
      assertFalse(line.contains("--resume"), line);
      assertEquals(List.of(), list(work), "--no-keep keeps nothing");
      assertEquals(List.of(), list(out), "no partial output");
    }
  }

  private Path clip(String name, String size, int seconds) {
    Path p = dir.resolve(name + ".mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=24:duration=" + seconds, "-c:v", "libx264",
        "-preset", "ultrafast", "-g", "12", "-pix_fmt", "yuv420p", p.toString());
    return p;
  }

  private static String[] withResume(String[] args) {
    return Stream.concat(Stream.of(args), Stream.of("--resume")).toArray(String[]::new);
  }

  /** What {@code folder} holds, hidden files included. */
  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  private static Path onlyWorkFolder(Path work) throws IOException {
    List<Path> folders = list(work);
    assertEquals(1, folders.size(), folders::toString);
    return folders.get(0);
  }
}
