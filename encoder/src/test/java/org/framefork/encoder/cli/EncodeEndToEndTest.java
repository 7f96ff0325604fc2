package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line driving the real engine on tiny inputs, checked by Debian's ffprobe. */
class EncodeEndToEndTest {
  @TempDir Path dir;

  @Test
  void encodesAndReportsTheFramesThatDebiansDecoderFinds() throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("out.mkv");
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--workers", "2", "--chunk-seconds", "0.5",
        "--preset", "ultrafast", "--report", report.toString());
    assertEquals(0, run.code(), run::toString);

    long sourceFrames = DebianFfmpeg.decodedFrames(in);
    assertEquals(sourceFrames, DebianFfmpeg.decodedFrames(out));
    assertEquals("matroska,webm", DebianFfmpeg.probe(out, null, "format=format_name", false));

    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals(1, doc.path("inputs").asInt());
    JsonNode result = doc.path("results").path(0);
    assertEquals("done", result.path("status").asText());
    assertEquals(sourceFrames, result.path("report").path("frames").asLong());
    // Two planned chunks, and one more for each split off while running (when one worker finishes first).
    assertEquals(2 + result.path("report").path("splitChunks").asInt(), result.path("report").path("chunks").asInt(),
        result.toString());
    JsonNode verification = result.path("report").path("verification");
    assertTrue(verification.path("passed").asBoolean());
    // What it checked of the pictures, as Debian's ffprobe reads them: 8-bit (yuv420p), SDR.
    assertEquals("yuv420p", DebianFfmpeg.probe(out, "v:0", "stream=pix_fmt", false));
    assertEquals(8, verification.path("outputPicture").path("bitDepth").asInt(), verification::toString);
    assertEquals("SDR", verification.path("outputPicture").path("dynamicRange").asText(), verification::toString);
    assertFalse(verification.path("outputPicture").path("hdr10Metadata").asBoolean(), verification::toString);
    // The report is as readable as the video beside it (the umask decides both), and no temporary file is left.
    assertEquals(Files.getPosixFilePermissions(out), Files.getPosixFilePermissions(report));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("out.mkv", "report.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }

    // The plain (non-terminal) progress and the printed report.
    assertTrue(run.out().contains("chunk 0 done on worker"), run.out());
    assertTrue(run.out().contains(in + " -> " + out), run.out());
    assertTrue(run.out().contains("verify    passed: " + sourceFrames + " of " + sourceFrames + " frames"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  verify") && l.endsWith("; 8-bit, SDR")), run.out());
    assertEquals("", run.err(), "a clean run prints nothing on stderr");
  }

  @Test
  void namesWithSpacesUnicodeAndALeadingDashWork() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("my clips ✓"));
    Path in = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), odd.resolve("-été à Zürich 視頻.mp4"));
    CliRun run = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    Path out = odd.resolve("-été à Zürich 視頻.framefork.mp4");
    assertTrue(Files.exists(out), run::toString);
    assertEquals(1, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  void aFailedInputDoesNotStopTheOthersAndExitsOne() throws IOException {
    Path good = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("good.mp4"));
    Path bad = Files.writeString(dir.resolve("bad.mp4"), "this is not a video");
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("encode", bad.toString(), good.toString(), "--preset", "ultrafast", "--report", report.toString());
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);

    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.errLines().get(0).startsWith("framefork: " + bad + ": not a video"), run::toString);
    assertFalse(Files.exists(dir.resolve("bad.framefork.mp4")));
    assertEquals(1, DebianFfmpeg.decodedFrames(dir.resolve("good.framefork.mp4")));
    assertTrue(run.out().lines().anyMatch(l -> l.matches(".*bad\\.mp4\\s+failed\\s+-.*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(".*good\\.mp4\\s+done\\s+1\\s.*")), run.out());

    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals("failed", doc.path("results").path(0).path("status").asText());
    assertTrue(doc.path("results").path(0).path("error").asText().contains("not a video"));
    assertEquals("done", doc.path("results").path(1).path("status").asText());
    assertEquals(1, doc.path("done").asInt());
  }

  @Test
  void ctrlCCancelsTheRunningJobSkipsTheRestAndResumeFinishesTheBatch() throws IOException {
    Path first = Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), dir.resolve("first.mp4"));
    Path second = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("second.mp4"));
    String[] args = {"encode", first.toString(), second.toString(), "--mode", "sequential", "--chunk-seconds", "0.5",
        "--preset", "ultrafast"};
    // Presses Ctrl-C when the first chunk is reported done: the job is then mid-way, deterministically.
    CliRun run = CliRun.interruptedWhen(s -> s.contains(" done on worker"), args);
    assertEquals(Main.EXIT_INTERRUPTED, run.code(), run::toString);
    assertTrue(run.err().contains(first + ": cancelled; nothing was written"), run::toString);
    assertTrue(run.err().contains("--resume"), "says how to continue:\n" + run);
    assertTrue(run.out().lines().anyMatch(l -> l.matches(".*second\\.mp4\\s+skipped.*")), run.out());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(".first.framefork.mp4.framefork-work", "first.mp4", "second.mp4"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no output and no partial output; only the work folder kept for --resume");
    }

    Path report = dir.resolve("report.json");
    String[] again = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--resume", "--report", report.toString())).toArray(String[]::new);
    CliRun resumed = CliRun.of(again);
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(resumed.out().contains("chunk 0 reused from the interrupted run"), resumed.out());
    assertTrue(resumed.out().contains(second + ": nothing to resume; encoding it whole"), resumed.out());
    assertEquals(DebianFfmpeg.decodedFrames(first), DebianFfmpeg.decodedFrames(dir.resolve("first.framefork.mp4")));
    assertEquals(1, DebianFfmpeg.decodedFrames(dir.resolve("second.framefork.mp4")));
    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals(1, doc.path("results").path(0).path("report").path("reusedChunks").asInt());
    assertFalse(Files.exists(dir.resolve(".first.framefork.mp4.framefork-work")), "a finished job removes its work folder");
  }

  @Test
  void aRunWithoutResumeSaysItEncodedAnInterruptedRunsChunksAgain() throws IOException {
    String[] args = interruptedAfterAChunk();
    int kept = JobWorkspace.finishedChunks(work());
    assertTrue(kept >= 1, "the interrupted run kept its finished chunks");

    CliRun again = CliRun.of(args);
    assertEquals(0, again.code(), again::toString);
    String note = "the work folder held " + kept + " finished chunk" + (kept == 1 ? "" : "s")
        + " of an earlier run; they were encoded again (--resume reuses such chunks when the command is the same)";
    assertTrue(again.out().contains(note), "the report says what was discarded:\n" + again.out());
    assertEquals(DebianFfmpeg.decodedFrames(in()), DebianFfmpeg.decodedFrames(dir.resolve("in.framefork.mp4")));
    CliRun third = CliRun.of(with(args, "--overwrite"));
    assertEquals(0, third.code(), third::toString);
    assertFalse(third.out().contains("of an earlier run"), "a clean folder discards nothing:\n" + third.out());
  }

  @Test
  void aResumeWithOtherSettingsIsRefusedBeforeAnyWork() throws IOException {
    String[] args = interruptedAfterAChunk();
    int kept = JobWorkspace.finishedChunks(work());
    CliRun other = CliRun.of(with(args, "--resume", "--crf", "30"));
    assertEquals(Main.EXIT_USAGE, other.code(), other::toString);
    assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " was encoded with other settings (crf "
        + "23, not 30); use those, or run without --resume to start over"), other.err().lines().toList());
    assertFalse(other.out().contains("probing"), "nothing was started:\n" + other.out());
    // Was "(h264 crf 23 ultrafast)": the settings that were the same, not the one that differs.
    CliRun threads = CliRun.of(with(args, "--resume", "--codec-threads", "2"));
    assertEquals(Main.EXIT_USAGE, threads.code(), threads::toString);
    assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " was encoded with other settings (codec "
        + "threads 1, not 2); use those, or run without --resume to start over"), threads.err().lines().toList());
    assertKeptAndResumes(args, kept);
  }

  /** Another split or chunk length given by hand is known from the saved plan: refused, the input named, before any work. */
  @Test
  void aResumeWithOtherChunksIsRefusedBeforeAnyWork() throws IOException {
    String[] args = interruptedAfterAChunk();
    int kept = JobWorkspace.finishedChunks(work());
    int chunks = new ObjectMapper().readTree(work().resolve("plan.json").toFile()).path("chunks").size();
    String[] longer = args.clone();
    longer[java.util.Arrays.asList(args).indexOf("0.5")] = "1";
    for (String[] other : List.of(with(longer, "--resume"), with(args, "--resume", "--split", "scene"))) {
      CliRun run = CliRun.of(other);
      assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
      assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " was cut into other chunks (--split "
          + "keyframes, " + chunks + " chunks); give the split and chunk length it had, or run without --resume to start over"),
          run.err().lines().toList());
      assertFalse(run.out().contains("probing"), "nothing was started:\n" + run.out());
    }
    assertKeptAndResumes(args, kept);
  }

  /**
   * A fixed split of one chunk (the video no longer than the chunk length): a shorter length, which
   * would cut more chunks, is refused before any work as a multi-chunk job's is; a length still at
   * least the video's cuts the same chunk, and resumes.
   */
  @Test
  void aResumeOfOneFixedChunkWithAShorterLengthIsRefusedBeforeAnyWork() throws IOException {
    Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), in());
    String[] args = {"encode", in().toString(), "--mode", "sequential", "--chunk-frames", "1000", "--preset", "ultrafast"};
    CliRun interrupted = CliRun.interruptedWhen(s -> s.contains(" in 1 chunk (fixed"), args);
    assertEquals(Main.EXIT_INTERRUPTED, interrupted.code(), interrupted::toString);
    int kept = JobWorkspace.finishedChunks(work());
    String[] shorter = args.clone();
    shorter[java.util.Arrays.asList(args).indexOf("1000")] = "20";
    CliRun run = CliRun.of(with(shorter, "--resume"));
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " was cut into other chunks (--split "
        + "fixed, 1 chunks); give the split and chunk length it had, or run without --resume to start over"),
        run.err().lines().toList());
    assertFalse(run.out().contains("probing"), "nothing was started:\n" + run.out());

    String[] longer = args.clone();
    longer[java.util.Arrays.asList(args).indexOf("1000")] = "2000";
    assertKeptAndResumes(longer, kept);
  }

  /**
   * A work folder of a version before the folder's format was saved (its chunks limited range where
   * this version keeps a full-range source's range) is refused, not mixed into one output.
   */
  @Test
  void aResumeOfAnotherVersionsWorkFolderIsRefusedBeforeAnyWork() throws IOException {
    String[] args = interruptedAfterAChunk();
    int kept = JobWorkspace.finishedChunks(work());
    Path settings = work().resolve("settings.json");
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(settings.toFile());
    assertTrue(saved.has("format"), saved::toString);
    saved.remove("format");
    json.writeValue(settings.toFile(), saved);
    CliRun old = CliRun.of(with(args, "--resume"));
    assertEquals(Main.EXIT_USAGE, old.code(), old::toString);
    assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " was started by another FrameFork "
        + "version; remove " + work() + " to start this input over, or run without --resume"), old.err().lines().toList());
    assertFalse(old.out().contains("probing"), "nothing was started:\n" + old.out());
    assertEquals(kept, JobWorkspace.finishedChunks(work()), "the interrupted job's chunks are kept");
    assertFalse(Files.exists(dir.resolve("in.framefork.mp4")));
  }

  /** The overlay picture's bytes are part of what a resume must match: a changed logo is refused before any work. */
  @Test
  void aResumeWithAChangedOverlayPictureIsRefusedBeforeAnyWork() throws IOException {
    Path logo = dir.resolve("logo.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=red:size=16x16", "-frames:v", "1", logo.toString());
    String[] args = interruptedAfterAChunk("--vf", "overlay=" + logo + ":8:8");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=blue:size=16x16", "-frames:v", "1", logo.toString());
    CliRun changed = CliRun.of(with(args, "--resume"));
    assertEquals(Main.EXIT_USAGE, changed.code(), changed::toString);
    assertEquals(List.of("framefork: " + in() + ": the interrupted job in " + work() + " used an overlay picture that has "
        + "changed since; put the old one back, or run without --resume to start over"), changed.err().lines().toList());
    assertFalse(changed.out().contains("probing"), "nothing was started:\n" + changed.out());
  }

  /**
   * Encodes a copy of the test clip, in.mp4, with {@code more} options, and presses Ctrl-C once a
   * chunk is done; the command's arguments.
   */
  private String[] interruptedAfterAChunk(String... more) throws IOException {
    Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), in());
    String[] args = with(new String[] {"encode", in().toString(), "--mode", "sequential", "--chunk-seconds", "0.5",
        "--preset", "ultrafast"}, more);
    CliRun run = CliRun.interruptedWhen(s -> s.contains(" done on worker"), args);
    assertEquals(Main.EXIT_INTERRUPTED, run.code(), run::toString);
    return args;
  }

  /**
   * After a refused resume: the interrupted job's {@code kept} finished chunks are still in its work
   * folder, and {@code args} with {@code --resume} finishes it, every frame there for Debian's decoder.
   */
  private void assertKeptAndResumes(String[] args, int kept) throws IOException {
    assertEquals(kept, JobWorkspace.finishedChunks(work()), "the interrupted job's chunks are kept");
    CliRun resumed = CliRun.of(with(args, "--resume"));
    assertEquals(0, resumed.code(), resumed::toString);
    assertEquals(DebianFfmpeg.decodedFrames(in()), DebianFfmpeg.decodedFrames(dir.resolve("in.framefork.mp4")));
  }

  private Path in() {
    return dir.resolve("in.mp4");
  }

  private Path work() {
    return dir.resolve(".in.framefork.mp4.framefork-work");
  }

  private static String[] with(String[] args, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
  }
}
