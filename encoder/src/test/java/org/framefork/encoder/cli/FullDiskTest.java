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
 * and run the same command with {@code --resume}, which then encodes none of them again. A batch goes
 * on with its next input. {@code --no-keep} still removes the work folder. Outputs are checked by
 * Debian's ffmpeg.
 */
class FullDiskTest {
  /** A 4 s clip in 4 chunks of about 90 KiB each, a 400 KiB output; room for the tiny clip's 6 KiB output. */
  private static final int SMALL_KIB = 128;
  private static final int ROOMY_KIB = 8192;

  @TempDir Path dir;

  @Test
  void aFullOutputDiskKeepsTheChunksTheBatchGoesOnAndResumeReusesThem() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path tiny = clip("tiny", "64x48", 1);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path work = Files.createDirectories(dir.resolve("work"));
    String[] args = {"encode", big.toString(), tiny.toString(), "--output-dir", out.toString(), "--work-dir", work.toString(),
        "--preset", "ultrafast", "--mode", "sequential", "--chunk-frames", "24"};
    try (Tmpfs disk = Tmpfs.mount(out, SMALL_KIB)) {
      CliRun failed = CliRun.of(args);
      assertEquals(Main.EXIT_FAILED, failed.code(), failed::toString);
      Path kept = onlyWorkFolder(work);
      assertEquals(4, JobWorkspace.finishedChunks(kept), failed::toString);
      assertEquals(1, failed.errLines().size(), failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.startsWith("framefork: " + big + ": cannot write the output ("), line);
      assertTrue(line.endsWith("No space left on device); free space, then run the same command with --resume "
          + "(4 finished chunks kept in " + kept + ")"), line);
      // The batch went on: the tiny clip's output fits and is whole; no partial output of the big one is left.
      Path tinyOut = out.resolve("tiny.framefork.mp4");
      assertEquals(List.of(tinyOut), list(out));
      assertEquals(DebianFfmpeg.decodedFrames(tiny), DebianFfmpeg.decodedFrames(tinyOut));

      disk.resize(ROOMY_KIB);
      CliRun resumed = CliRun.of(withResume(args));
      assertEquals(0, resumed.code(), resumed::toString);
      assertEquals("", resumed.err(), resumed::toString);
      assertEquals(4, resumed.out().lines().filter(l -> l.contains("reused from the interrupted run: ")).count(),
          resumed::toString);
      assertTrue(resumed.out().contains("all of them encoded by the interrupted run"), resumed::toString);
      assertTrue(resumed.out().contains(tiny + ": already encoded to " + tinyOut), resumed::toString);
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
    String[] args = {"encode", big.toString(), "-o", output.toString(), "--work-dir", work.toString(),
        "--preset", "ultrafast", "--mode", "sequential", "--chunk-frames", "24"};
    // Room for the plan and about two of the four chunks.
    try (Tmpfs disk = Tmpfs.mount(work, 220)) {
      CliRun failed = CliRun.of(args);
      assertEquals(Main.EXIT_FAILED, failed.code(), failed::toString);
      Path kept = onlyWorkFolder(work);
      int finished = JobWorkspace.finishedChunks(kept);
      assertTrue(finished >= 1 && finished < 4, failed::toString);
      assertEquals(1, failed.errLines().size(), failed::toString);
      String line = failed.errLines().get(0);
      assertTrue(line.matches("framefork: " + java.util.regex.Pattern.quote(big.toString())
          + ": chunk \\d failed after 1 attempt: .*No space left on device.*"), line);
      assertTrue(line.endsWith("; free space, then run the same command with --resume ("
          + finished + " finished chunk" + (finished == 1 ? "" : "s") + " kept in " + kept + ")"), line);
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

  @Test
  void noKeepRemovesTheWorkFolderAfterAFullDisk() throws IOException {
    Path big = clip("big", "320x240", 4);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path work = Files.createDirectories(dir.resolve("work"));
    try (Tmpfs disk = Tmpfs.mount(out, SMALL_KIB)) {
      CliRun failed = CliRun.of("encode", big.toString(), "--output-dir", out.toString(), "--work-dir", work.toString(),
          "--preset", "ultrafast", "--mode", "sequential", "--chunk-frames", "24", "--no-keep");
      assertEquals(Main.EXIT_FAILED, failed.code(), failed::toString);
      assertEquals(1, failed.errLines().size(), failed::toString);
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
