package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
  @TempDir Path tmp;

  private JobOptions options(Path in, Path out) {
    return sequentialChunks(in, out, 10);
  }

  /** A job of fixed chunks of {@code chunkFrames}, one after another, so that a cancel falls between two chunks. */
  static JobOptions sequentialChunks(Path in, Path out, int chunkFrames) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1))
        .withSplit(SplitMode.FIXED, 0, chunkFrames)
        .withMode(ExecutionMode.SEQUENTIAL, 1);
  }

  /** Runs the job and cancels it once {@code finishedBeforeCancel} chunks are done. */
  static void interrupt(JobOptions o, int finishedBeforeCancel) {
    AtomicInteger finished = new AtomicInteger();
    EncodeJob[] job = new EncodeJob[1];
    job[0] = new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkFinished && finished.incrementAndGet() == finishedBeforeCancel) {
        job[0].cancel();
      }
    });
    assertThrows(JobCancelledException.class, job[0]::run);
  }

  @Test
  void resumedJobEncodesOnlyTheUnfinishedChunks() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("resumed.mp4");
    interrupt(options(in, out), 2);
    assertFalse(Files.exists(out), "nothing at the destination after a cancel");
    assertTrue(Files.isDirectory(JobWorkspace.defaultFor(out)), "work folder kept for --resume");

    Set<Integer> encoded = ConcurrentHashMap.newKeySet();
    Set<Integer> reused = ConcurrentHashMap.newKeySet();
    JobReport r = new EncodeJob(options(in, out).withResume(true), e -> {
      if (e instanceof JobEvent.ChunkStarted s) {
        encoded.add(s.chunk());
      } else if (e instanceof JobEvent.ChunkReused u) {
        reused.add(u.chunk());
      }
    }).run();
    assertEquals(2, r.chunks().reused());
    assertEquals(2, reused.size());
    assertEquals(3, encoded.size());
    // The speed is this run's: 30 of the 50 frames (3 chunks of 10) were encoded here.
    assertEquals(30 / r.stages().wallSeconds(), r.stages().fps(), 1e-6);
    assertTrue(java.util.Collections.disjoint(encoded, reused));
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    assertTrue(r.verification().passed());
    assertFalse(Files.exists(JobWorkspace.defaultFor(out)), "work folder removed after success");
  }

  @Test
  void damagedSegmentIsEncodedAgain() throws Exception {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("damaged.mp4");
    interrupt(options(in, out), 3);
    Path work = JobWorkspace.defaultFor(out);
    List<Path> segments;
    try (var s = Files.list(work.resolve("chunks"))) {
      segments = s.filter(p -> p.toString().endsWith(".mkv")).sorted().toList();
    }
    byte[] bytes = Files.readAllBytes(segments.get(0));
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(segments.get(0), bytes);

    JobReport r = new EncodeJob(options(in, out).withResume(true), null).run();
    assertEquals(2, r.chunks().reused(), "the damaged one of three was encoded again");
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  void resumeWithOtherSettingsOrNothingToResumeIsRefused() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("refused.mp4");
    InputException none = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertTrue(none.getMessage().contains("no interrupted job"), none.getMessage());

    interrupt(options(in, out), 1);
    JobOptions other = options(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 30, "veryfast", 1)).withResume(true);
    InputException e = assertThrows(InputException.class, () -> new EncodeJob(other, null).run());
    assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    JobOptions otherSplit = options(in, out).withSplit(SplitMode.FIXED, 0, 7).withResume(true);
    assertThrows(InputException.class, () -> new EncodeJob(otherSplit, null).run());
    assertFalse(Files.exists(out));
    assertTrue(Files.isDirectory(JobWorkspace.defaultFor(out)), "a refused resume keeps the interrupted job's chunks");
    assertEquals(1, new EncodeJob(options(in, out).withResume(true), null).run().chunks().reused());
  }

  /** The job itself (the app's and a cluster's path, which skip the command line's check) refuses an older folder. */
  @Test
  void resumeOfAWorkFolderWithoutItsFormatIsRefused() throws Exception {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("older.mp4");
    interrupt(options(in, out), 1);
    Path settings = JobWorkspace.defaultFor(out).resolve("settings.json");
    String saved = Files.readString(settings);
    assertTrue(saved.contains("\"format\" : " + JobWorkspace.FORMAT), saved);
    Files.writeString(settings, saved.replaceAll(",\\s*\"format\" : \\d+", ""));
    InputException e = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    String expected = "the interrupted job in " + JobWorkspace.defaultFor(out) + " was started by another FrameFork version; "
        + "remove " + JobWorkspace.defaultFor(out) + " to start this input over, or run without --resume";
    assertEquals(expected, e.getMessage());
    // The previous format (2, before --alpha-over was saved) too, at the job's check and the command line's.
    Files.writeString(settings, saved.replace("\"format\" : " + JobWorkspace.FORMAT, "\"format\" : " + (JobWorkspace.FORMAT - 1)));
    e = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertEquals(expected, e.getMessage());
    assertEquals(expected, EncodeJob.settingsRefusal(JobWorkspace.defaultFor(out), options(in, out).video(), ""));
    assertFalse(Files.exists(out));
    assertTrue(Files.isDirectory(JobWorkspace.defaultFor(out)), "a refused resume keeps the folder");
  }

  @Test
  void aResumeWithOtherWorkersKeepsTheInterruptedJobsChunks() {
    // The chunk length left to FrameFork depends on the workers: a resume with another -j (or after
    // a cluster's node has gone) plans another length, and must still take the interrupted chunks.
    Path in = tmp.resolve("keyframes.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=8", "-c:v", "libx264", "-preset",
        "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", in.toString());
    Path out = tmp.resolve("workers.mp4");
    JobOptions one = JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1))
        .withSplit(SplitMode.KEYFRAMES, 0, 0).withMode(ExecutionMode.SEQUENTIAL, 1);
    assertNotEquals(EncodeJob.plan(Prober.probe(in), one), EncodeJob.plan(Prober.probe(in), one.withMode(ExecutionMode.PARALLEL, 4)),
        "the plans differ with the workers");
    interrupt(one, 1);
    assertNull(EncodeJob.splitRefusal(one.withMode(ExecutionMode.PARALLEL, 4)), "the command line's check lets it through");
    JobReport r = new EncodeJob(one.withMode(ExecutionMode.PARALLEL, 4).withResume(true), null).run();
    assertEquals(1, r.chunks().reused());
    assertEquals(200, DebianFfmpeg.decodedFrames(out));
    assertTrue(r.verification().passed());

    // A chunk length given by hand that differs is still refused: the user asked for other chunks.
    Path out2 = tmp.resolve("length.mp4");
    Path small = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    JobOptions given = ResumeTest.sequentialChunks(small, out2, 10);
    interrupt(given, 1);
    InputException e = assertThrows(InputException.class,
        () -> new EncodeJob(ResumeTest.sequentialChunks(small, out2, 20).withResume(true), null).run());
    assertTrue(e.getMessage().contains("was cut into other chunks (--split fixed, 5 chunks)"), e.getMessage());
    // The command line's check, from the saved plan alone, says the same before any input starts.
    assertEquals(e.getMessage(), EncodeJob.splitRefusal(ResumeTest.sequentialChunks(small, out2, 20)));
    assertEquals(e.getMessage(), EncodeJob.splitRefusal(given.withSplit(SplitMode.KEYFRAMES, 0, 0)));
    assertNull(EncodeJob.splitRefusal(given));
  }

  @Test
  void resumeIsRefusedWhenTheInputWasReplacedByAnotherOfTheSamePlan() throws Exception {
    // Same length, frame rate and keyframes (so the same plan), other pictures.
    Path in = tmp.resolve("in.mp4");
    Path out = tmp.resolve("changed.mp4");
    String[] encode = {"-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2", "-pix_fmt", "yuv420p"};
    DebianFfmpeg.ffmpeg(concat(new String[] {"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2"}, encode, in.toString()));
    interrupt(options(in, out), 2);
    Path copy = tmp.resolve("copy.mp4");
    Files.copy(in, copy);
    DebianFfmpeg.ffmpeg(concat(new String[] {"-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=25", "-t", "2"}, encode, in.toString()));

    InputException e = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertTrue(e.getMessage().contains("has changed since"), e.getMessage());
    assertFalse(Files.exists(out));

    // The same bytes again (a copy, with a new modification time) are the same input: resumed.
    Files.copy(copy, in, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JobReport r = new EncodeJob(options(in, out).withResume(true), null).run();
    assertEquals(2, r.chunks().reused());
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
  }

  private static String[] concat(String[] head, String[] middle, String last) {
    String[] all = java.util.Arrays.copyOf(head, head.length + middle.length + 1);
    System.arraycopy(middle, 0, all, head.length, middle.length);
    all[all.length - 1] = last;
    return all;
  }
}
