package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job does when its input changes under it, or another job writes the same output. */
class InputAndOutputGuardsTest {
  @TempDir Path tmp;

  private static JobOptions options(Path in, Path out) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1))
        .withSplit(SplitMode.FIXED, 0, 10)
        .withMode(ExecutionMode.SEQUENTIAL, 1);
  }

  @Test
  void anInputReplacedWhileItIsEncodedFailsTheJobAndWritesNothing() throws Exception {
    Path in = Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), tmp.resolve("in.mp4"));
    Path other = tmp.resolve("other.mp4");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "negate", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy",
        other.toString());
    Path out = tmp.resolve("out.mp4");
    AtomicBoolean replaced = new AtomicBoolean();
    EncodeJob job = new EncodeJob(options(in, out), e -> {
      // After the first chunk, as a download or a copy finishing late would.
      if (e instanceof JobEvent.ChunkFinished && replaced.compareAndSet(false, true)) {
        try {
          Path next = Files.copy(other, tmp.resolve("in.mp4.new"));
          Files.move(next, in, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException x) {
          throw new java.io.UncheckedIOException(x);
        }
      }
    });
    InputException e = assertThrows(InputException.class, job::run);
    assertTrue(replaced.get());
    assertTrue(e.getMessage().contains("changed while it was being encoded"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void anInputMovedAwayWhileItIsEncodedKeepsTheFinishedChunksForAResumeOnceItIsBack() throws Exception {
    Path in = Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), tmp.resolve("in.mp4"));
    Path away = tmp.resolve("away.mp4");
    Path out = tmp.resolve("out.mp4");
    JobOptions o = options(in, out).withMode(ExecutionMode.PARALLEL, 1).withWorkKept(WorkKept.FOR_RESUME);
    EncodeJob job = movingTheInputAway(o, away, () -> {});
    WorkKeptException e = assertThrows(WorkKeptException.class, job::run);
    assertTrue(moved.get());
    int kept = JobWorkspace.finishedChunks(o.workFolder());
    assertTrue(kept > 0, "the finished chunks are kept");
    assertEquals(kept, e.finishedChunks());
    assertEquals(in + ": was deleted or moved while it was being encoded; nothing was written; put it back, then run the "
        + "same command with --resume (" + kept + " finished chunk" + (kept == 1 ? "" : "s") + " kept in " + o.workFolder()
        + ")", e.getMessage());
    // Its parts, as the app says them ("...; put it back, then press Retry"), without "encode it again".
    assertEquals(in + ": was deleted or moved while it was being encoded; nothing was written", e.failure());
    assertEquals("put it back", e.remedy());
    assertEquals(1, failed.size(), failed::toString);
    assertFalse(failed.get(0).willRetry(), "a source that stays gone is not tried again");
    assertFalse(Files.exists(out), "nothing written");

    // Put back: the resume reuses the kept chunks and makes the whole output.
    move(away, in);
    JobReport r = new EncodeJob(o.withResume(true), null).run();
    assertEquals(kept, r.chunks().reused(), "the kept chunks are reused");
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
  }

  @Test
  void anInputGoneForAMomentIsWaitedForAndItsChunkTriedAgain() throws Exception {
    Path in = Files.copy(TestMedia.get(TestMedia.H264_BFRAMES_AAC), tmp.resolve("in.mp4"));
    Path away = tmp.resolve("away.mp4");
    Path out = tmp.resolve("out.mp4");
    // A share that drops out for a moment: back well within ChunkScheduler.SOURCE_BACK_MILLIS.
    EncodeJob job = movingTheInputAway(options(in, out).withMode(ExecutionMode.PARALLEL, 1), away,
        () -> Thread.ofPlatform().start(() -> {
          sleep(300);
          move(away, in);
        }));
    JobReport r = job.run();
    assertTrue(moved.get());
    assertEquals(1, failed.size(), failed::toString);
    assertTrue(failed.get(0).willRetry(), "the chunk is tried again once the source is back");
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
    assertEquals(DebianFfmpeg.decodedFrames(in), r.output().frames());
  }

  /** Whether {@link #movingTheInputAway}'s job moved its input, and its chunks' failures. */
  private final AtomicBoolean moved = new AtomicBoolean();
  private final List<JobEvent.ChunkFailed> failed = new CopyOnWriteArrayList<>();

  /**
   * A job with {@code o} whose input is moved to {@code away} (and {@link #moved} set) once its first
   * chunk is done, {@code then} run after; its failed chunks are added to {@link #failed}.
   */
  private EncodeJob movingTheInputAway(JobOptions o, Path away, Runnable then) {
    return new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkFinished && moved.compareAndSet(false, true)) {
        move(o.input(), away);
        then.run();
      } else if (e instanceof JobEvent.ChunkFailed f) {
        failed.add(f);
      }
    });
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aSecondJobForTheSameOutputIsRefusedAndLeavesTheFirstJobsFolderAlone() throws Exception {
    Path in = TestMedia.get(TestMedia.SINGLE_FRAME);
    Path out = tmp.resolve("out.mp4");
    JobOptions o = options(in, out);
    Path lockFile = JobLock.fileFor(out);
    // Another spelling of the same output (through a linked folder) finds the same lock.
    Path linked = Files.createSymbolicLink(tmp.resolve("linked"), tmp);
    assertEquals(lockFile, JobLock.fileFor(linked.resolve("out.mp4")));
    try (JobLock first = JobLock.take(out)) {
      Files.createDirectories(o.workFolder());
      Path marker = Files.writeString(o.workFolder().resolve("the-first-job's"), "segments");
      InputException e = assertThrows(InputException.class, () -> new EncodeJob(o, null).run());
      assertTrue(e.getMessage().contains("another FrameFork job is writing it now"), e.getMessage());
      assertTrue(Files.exists(marker), "the first job's work folder is untouched");
      assertFalse(Files.exists(out));
    }
    assertFalse(Files.exists(lockFile), "the lock file goes with the lock");
    JobReport r = new EncodeJob(o, null).run();
    assertEquals(1, r.output().frames());
    assertTrue(Files.exists(out));
    assertFalse(Files.exists(lockFile), "and a finished job leaves none");
    assertEquals(1, DebianFfmpeg.decodedFrames(out));
  }
}
