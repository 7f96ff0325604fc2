package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.stream.Stream;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} after a batch was interrupted mid-way: the inputs it had finished are kept as
 * they are, the interrupted one resumes, the rest are encoded; checked by Debian's ffprobe.
 */
class ResumeFinishedOutputsTest {
  @TempDir Path dir;

  @Test
  void resumeKeepsTheFinishedOutputsResumesTheInterruptedInputAndEncodesTheRest() throws IOException {
    Path[] inputs = {clip("c1", 1), clip("c2", 2), clip("c3", 1)};
    Path outs = Files.createDirectories(dir.resolve("out"));
    Path finished = outs.resolve("c1.framefork.mp4");
    String[] args = {"encode", inputs[0].toString(), inputs[1].toString(), inputs[2].toString(), "--output-dir",
        outs.toString(), "--mode", "sequential", "--chunk-seconds", "0.5", "--preset", "ultrafast"};
    // Ctrl-C once a chunk of the second input is done: the first is then published.
    CliRun interrupted = CliRun.interruptedWhen(s -> s.contains(" done on worker") && Files.exists(finished), args);
    assertEquals(Main.EXIT_INTERRUPTED, interrupted.code(), interrupted::toString);
    assertTrue(interrupted.err().contains("run the same command with --resume to continue"), interrupted::toString);
    byte[] firstBytes = Files.readAllBytes(finished);
    FileTime firstTime = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(finished, firstTime);

    Path report = dir.resolve("report.json");
    CliRun resumed = CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--resume", "--report", report.toString()))
        .toArray(String[]::new));
    assertEquals(0, resumed.code(), resumed::toString);
    assertEquals("", resumed.err(), resumed::toString);
    assertTrue(resumed.out().contains(inputs[0] + ": already encoded to " + finished), resumed.out());
    assertTrue(resumed.out().contains("reused from the interrupted run"), resumed.out());
    assertTrue(resumed.out().contains(inputs[2] + ": nothing to resume; encoding it whole"), resumed.out());
    assertArrayEquals(firstBytes, Files.readAllBytes(finished), "the finished output is not encoded again");
    assertEquals(firstTime, Files.getLastModifiedTime(finished));
    for (Path in : inputs) {
      String name = in.getFileName().toString().replace(".mp4", ".framefork.mp4");
      assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(outs.resolve(name)), name);
    }
    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals("skipped", doc.path("results").path(0).path("status").asText());
    assertEquals("done", doc.path("results").path(1).path("status").asText());
    JsonNode resumedJob = doc.path("results").path(1).path("report");
    assertTrue(resumedJob.path("reusedChunks").asInt() > 0, doc.toString());
    // frames: the whole output; encodedFrames: this run's, which fps counts over the job's wall time.
    assertEquals(DebianFfmpeg.decodedFrames(outs.resolve("c2.framefork.mp4")), resumedJob.path("frames").asLong());
    long thisRun = resumedJob.path("encodedFrames").asLong();
    assertTrue(thisRun > 0 && thisRun < resumedJob.path("frames").asLong(), resumedJob.toString());
    long timed = 0;
    long all = 0;
    int reused = 0;
    for (JsonNode chunk : resumedJob.path("chunkTimes")) {
      all += chunk.path("frames").asLong();
      if (chunk.path("reused").asBoolean()) {
        reused++;
        assertFalse(chunk.has("worker"), chunk.toString());
      } else {
        timed += chunk.path("frames").asLong();
      }
    }
    assertEquals(timed, thisRun, "the frames of the chunks this run encoded");
    // Every chunk of the output is listed, the reused ones as such.
    assertEquals(resumedJob.path("chunks").asInt(), resumedJob.path("chunkTimes").size(), resumedJob.toString());
    assertEquals(resumedJob.path("reusedChunks").asInt(), reused);
    assertEquals(resumedJob.path("frames").asLong(), all);
    assertTrue(resumed.out().contains(" reused "), "the chunk table lists the reused chunks: " + resumed.out());
    // "skipped" counted by kind: the finished output kept.
    assertEquals(1, doc.path("skipped").asInt(), doc.toString());
    assertEquals(1, doc.path("skippedBy").path("alreadyEncoded").asInt(), doc.toString());
    assertEquals(0, doc.path("skippedBy").path("interrupted").asInt(), doc.toString());
    assertEquals("alreadyEncoded", doc.path("results").path(0).path("skip").asText(), doc.toString());
    assertTrue(resumed.out().contains("skipped: 1 already encoded (--resume kept the output)"), resumed.out());
    assertEquals(thisRun / resumedJob.path("wallSeconds").asDouble(), resumedJob.path("fps").asDouble(), 0.01);
    assertEquals("done", doc.path("results").path(2).path("status").asText());
    JsonNode whole = doc.path("results").path(2).path("report");
    assertEquals(whole.path("frames").asLong(), whole.path("encodedFrames").asLong(), whole.toString());
    assertFalse(doc.path("interrupted").asBoolean());
  }

  @Test
  void resumeOfOneFinishedInputSaysSoAndLeavesItAlone() throws IOException {
    Path in = clip("one", 1);
    Path out = dir.resolve("one.framefork.mp4");
    assertEquals(0, CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--quiet").code());
    byte[] bytes = Files.readAllBytes(out);
    String skipped = in + ": already encoded to " + out + "; skipping it (its settings are not checked against this "
        + "command's: --overwrite without --resume encodes it again)";

    // Other settings: a finished output's are not known, and the line says they are not checked.
    CliRun again = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--crf", "35", "--resume");
    assertEquals(0, again.code(), again::toString);
    assertEquals(skipped, again.out().strip(), again::toString);
    assertArrayEquals(bytes, Files.readAllBytes(out));

    // On a cluster, with nothing to encode, the cluster is not joined: nothing listens on loopback's port 1,
    // and a join would fail there ("no FrameFork node answers", exit 1). It joined first (4.5 s on a real one).
    Path creds = dir.resolve("creds");
    org.framefork.encoder.cluster.Credentials.init(creds);
    CliRun onCluster = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--resume", "--cluster", "127.0.0.1:1",
        "--credentials", creds.toString());
    assertEquals(0, onCluster.code(), onCluster::toString);
    assertEquals("", onCluster.err(), onCluster::toString);
    assertEquals(skipped, onCluster.out().strip(), onCluster::toString);
    assertArrayEquals(bytes, Files.readAllBytes(out));
  }

  @Test
  void resumeKeepsAnOutputWhoseKeptWorkFolderSaysItWasPublished() throws IOException {
    Path in = clip("kept", 1);
    Path out = dir.resolve("kept.framefork.mp4");
    assertEquals(0, CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--keep-work", "--quiet").code());
    assertTrue(Files.isDirectory(JobWorkspace.defaultFor(out)));
    byte[] bytes = Files.readAllBytes(out);

    CliRun again = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--keep-work", "--resume");
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().startsWith(in + ": already encoded to " + out), again::toString);
    assertArrayEquals(bytes, Files.readAllBytes(out), "the finished output is not made again");
    assertTrue(Files.isDirectory(JobWorkspace.defaultFor(out)), "--keep-work keeps the folder");

    // Without --keep-work now: the folder that run kept on purpose stays; it is no kill's leftover.
    CliRun plain = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--resume");
    assertEquals(0, plain.code(), plain::toString);
    assertTrue(plain.out().startsWith(in + ": already encoded to " + out), plain::toString);
    assertFalse(plain.out().contains(": removed "), plain::toString);
    assertTrue(JobWorkspace.hasPlan(JobWorkspace.defaultFor(out)), "the folder --keep-work kept stays");
  }

  @Test
  void resumeOfABatchLeavesTheFolderOfAnInputItKeptWithKeepWork() throws IOException {
    Path a = clip("a", 1);
    Path b = clip("b", 2);
    Path outs = Files.createDirectories(dir.resolve("batch"));
    Path aOut = outs.resolve("a.framefork.mp4");
    String[] args = {"encode", a.toString(), b.toString(), "--output-dir", outs.toString(), "--mode", "sequential",
        "--chunk-seconds", "0.5", "--preset", "ultrafast"};
    // Ctrl-C during b, a's output and its kept folder in place.
    CliRun interrupted = CliRun.interruptedWhen(s -> s.contains(" done on worker") && Files.exists(aOut),
        Stream.concat(Arrays.stream(args), Stream.of("--keep-work")).toArray(String[]::new));
    assertEquals(Main.EXIT_INTERRUPTED, interrupted.code(), interrupted::toString);
    Path aWork = JobWorkspace.defaultFor(aOut);
    int aChunks = JobWorkspace.finishedChunks(aWork);
    assertTrue(aChunks > 0, interrupted::toString);

    CliRun resumed = CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--resume")).toArray(String[]::new));
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(resumed.out().contains(a + ": already encoded to " + aOut), resumed::toString);
    assertFalse(resumed.out().contains(": removed "), resumed::toString);
    assertEquals(aChunks, JobWorkspace.finishedChunks(aWork), "a's kept folder is left as it was");
    assertEquals(DebianFfmpeg.decodedFrames(b), DebianFfmpeg.decodedFrames(outs.resolve("b.framefork.mp4")));
  }

  @Test
  void resumeRefusesAnOutputItsWorkFolderDoesNotRecordAndTouchesNothing() throws IOException {
    Path edited = clip("edited", 1);
    Path foreign = clip("foreign", 1);
    Path sameSize = clip("same", 1);
    Path outs = Files.createDirectories(dir.resolve("outs"));
    String[] args = {"encode", edited.toString(), foreign.toString(), sameSize.toString(), "--output-dir", outs.toString(),
        "--chunk-seconds", "0.5", "--preset", "ultrafast", "--keep-work"};
    assertEquals(0, CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--quiet")).toArray(String[]::new)).code());
    // One output the user remuxed with a title; one made by plain ffmpeg beside a work folder that
    // holds no record (as a Ctrl-C'd job leaves it); one of the output's size but other bytes.
    Path editedOut = outs.resolve("edited.framefork.mp4");
    Path remuxed = dir.resolve("remuxed.mp4");
    DebianFfmpeg.ffmpeg("-i", editedOut.toString(), "-c", "copy", "-metadata", "title=mine", remuxed.toString());
    Files.move(remuxed, editedOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path foreignOut = outs.resolve("foreign.framefork.mp4");
    Files.delete(JobWorkspace.defaultFor(foreignOut).resolve("published.json"));
    DebianFfmpeg.ffmpeg("-y", "-i", foreign.toString(), "-c:v", "libx264", "-preset", "ultrafast", foreignOut.toString());
    Path sameSizeOut = outs.resolve("same.framefork.mp4");
    byte[] other = Files.readAllBytes(sameSizeOut);
    other[other.length - 1] ^= 1;
    Files.write(sameSizeOut, other);
    Path[] outputs = {editedOut, foreignOut, sameSizeOut};
    String[] before = Arrays.stream(outputs).map(ResumeFinishedOutputsTest::md5).toArray(String[]::new);

    CliRun resumed = CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--resume")).toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, resumed.code(), resumed::toString);
    for (Path out : outputs) {
      assertTrue(resumed.err().contains(out + ": already exists, but is not the output its job's work folder records"
          + " (changed since, or made by another program); add --overwrite to replace it"), resumed::toString);
    }
    assertArrayEquals(before, Arrays.stream(outputs).map(ResumeFinishedOutputsTest::md5).toArray(String[]::new),
        "no output is touched");

    // --overwrite with --resume remakes them from the folders' chunks.
    CliRun remade = CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--resume", "--overwrite")).toArray(String[]::new));
    assertEquals(0, remade.code(), remade::toString);
    assertEquals(DebianFfmpeg.decodedFrames(edited), DebianFfmpeg.decodedFrames(editedOut));
    assertTrue(JobWorkspace.published(JobWorkspace.defaultFor(foreignOut), foreignOut));
  }

  @Test
  void resumeKeepsAnOutputAKillLeftBesideItsWorkFolderAndRecord() throws IOException {
    Path in = clip("killed", 1);
    Path out = dir.resolve("killed.framefork.mp4");
    assertEquals(0, CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--chunk-seconds", "0.5", "--quiet").code());
    assertFalse(Files.exists(JobWorkspace.defaultFor(out)), "the folder is removed, and its record with it");
    // As a kill -9 between the rename and the folder's removal leaves it: the plan, the chunks and
    // the record, written before the rename. A kept folder is the same state.
    CliRun kept = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--chunk-seconds", "0.5", "--quiet",
        "--overwrite", "--keep-work");
    assertEquals(0, kept.code(), kept::toString);
    Path work = JobWorkspace.defaultFor(out);
    assertTrue(JobWorkspace.hasPlan(work) && JobWorkspace.finishedChunks(work) > 0);
    // A killed job's record says it did not keep the folder on purpose.
    Path record = work.resolve("published.json");
    String recorded = Files.readString(record);
    assertTrue(recorded.matches("(?s).*\"kept\"\\s*:\\s*true.*"), recorded);
    Files.writeString(record, recorded.replaceAll("\"kept\"\\s*:\\s*true", "\"kept\" : false"));
    String md5 = md5(out);
    Path lock = org.framefork.encoder.job.JobLock.fileFor(out);
    Files.createFile(lock); // the kill's lock file, held by no one now

    CliRun again = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--chunk-seconds", "0.5", "--resume");
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().startsWith(in + ": already encoded to " + out), again::toString);
    assertTrue(again.out().contains(in + ": removed " + work + ", the work folder its finished job left"), again::toString);
    assertFalse(Files.exists(work), "the folder the kill left is removed");
    assertFalse(Files.exists(lock), "and the lock file");
    assertEquals(md5, md5(out));
  }

  @Test
  void resumeTakesAWorkFolderWithNoPlanForNone() throws IOException {
    Path in = clip("stray", 1);
    Path out = dir.resolve("stray.framefork.mp4");
    assertEquals(0, CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--quiet").code());
    String md5 = md5(out);
    // A file another program holds open keeps the folder after its job removed its own files.
    Path work = JobWorkspace.defaultFor(out);
    Files.createDirectories(work.resolve("chunks"));
    Files.writeString(work.resolve("chunks/.nfs000123"), "x");

    CliRun again = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--resume");
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().startsWith(in + ": already encoded to " + out), again::toString);
    assertEquals(md5, md5(out));

    // An input with no output beside such a folder is encoded afresh, as one never started.
    Files.delete(out);
    CliRun fresh = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--resume");
    assertEquals(0, fresh.code(), fresh::toString);
    assertTrue(fresh.out().contains("nothing to resume; encoding it whole"), fresh::toString);
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
  }

  @Test
  void anOverwriteRunForgetsTheOutputAnEarlierRunRecorded() throws IOException {
    Path in = clip("again", 2);
    Path out = dir.resolve("again.framefork.mp4");
    String[] args = {"encode", in.toString(), "--preset", "ultrafast", "--chunk-seconds", "0.5", "--keep-work",
        "--mode", "sequential"};
    assertEquals(0, CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--quiet")).toArray(String[]::new)).code());
    Path record = JobWorkspace.defaultFor(out).resolve("published.json");
    assertTrue(Files.isRegularFile(record));
    String md5 = md5(out);
    // Ctrl-C once a chunk of the new run is done: its old record must not keep the old output.
    CliRun interrupted = CliRun.interruptedWhen(s -> s.contains(" done on worker"),
        Stream.concat(Arrays.stream(args), Stream.of("--overwrite", "--crf", "35")).toArray(String[]::new));
    assertEquals(Main.EXIT_INTERRUPTED, interrupted.code(), interrupted::toString);
    assertFalse(Files.exists(record), interrupted::toString);
    assertEquals(md5, md5(out));
  }

  private static String md5(Path file) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A Ctrl-C once the last input's output is in place stops nothing, though --resume skipped an
   * earlier input it found finished: exit 0, and the report says the run was not interrupted.
   */
  @Test
  void ctrlCAfterTheLastOutputWithAResumedSkipExitsZero() throws IOException {
    Path[] inputs = {clip("r1", 1), clip("r2", 1)};
    Path outs = Files.createDirectories(dir.resolve("out"));
    Path last = outs.resolve("r2.framefork.mp4");
    assertEquals(0, CliRun.of("encode", inputs[0].toString(), "--output-dir", outs.toString(), "--preset", "ultrafast",
        "--quiet").code());
    Path report = dir.resolve("report.json");
    // The guard's line goes to System.err, the command's to run.err().
    java.io.ByteArrayOutputStream guardSaid = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(guardSaid, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun run;
    try {
      run = CliRun.interruptedWhen(s -> Files.exists(last), "encode", inputs[0].toString(), inputs[1].toString(),
          "--output-dir", outs.toString(), "--preset", "ultrafast", "--resume", "--report", report.toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(Main.EXIT_OK, run.code(), run::toString);
    assertTrue(guardSaid.toString(java.nio.charset.StandardCharsets.UTF_8)
        .contains("framefork: interrupted; r2.mp4 finished before it could stop (its output is in place)"), guardSaid::toString);
    assertEquals(DebianFfmpeg.decodedFrames(inputs[1]), DebianFfmpeg.decodedFrames(last));
    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals("alreadyEncoded", doc.path("results").path(0).path("skip").asText(), doc.toString());
    assertEquals("done", doc.path("results").path(1).path("status").asText(), doc.toString());
    assertFalse(doc.path("interrupted").asBoolean(), doc.toString());
  }

  /** A 320x240 H.264 clip of {@code seconds} with a keyframe every 0.5 s, so that it splits in chunks. */
  private Path clip(String name, int seconds) {
    Path p = dir.resolve(name + ".mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24:duration=" + seconds, "-c:v", "libx264",
        "-preset", "ultrafast", "-g", "12", "-pix_fmt", "yuv420p", p.toString());
    return p;
  }
}
