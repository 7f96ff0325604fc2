package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobCancelledException;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobLock;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.testing.CommandJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while {@code --verify-quality} scores the output: the cancel does not wait for a frame's
 * VMAF (seconds while the Vector API runs cold), and a process that halts anyway leaves no partial
 * output and no lock.
 */
class InterruptedScoringTest {
  @TempDir Path tmp;

  private Path input() {
    return InterruptedProcessTest.testsrc(tmp.resolve("a.mp4"), "320x240", 4, 30);
  }

  @Test
  void sigintWhileScoringStopsWithinTwoSecondsAndLeavesNoPartialOutputOrLock() throws Exception {
    Path in = input();
    Path out = tmp.resolve("x.mp4");
    Path log = tmp.resolve("child.log");
    // C1 only: the Vector API kernels never compile, so each frame's VMAF (scaled to 1080p) takes
    // seconds, as the first frames do on a loaded machine.
    Process p = CommandJvm.start(log, List.of(), List.of("encode", in.toString(), "-o", out.toString(), "--preset",
        "ultrafast", "--verify-quality", "--split", "none"));
    try {
      CommandJvm.awaitLine(log, "scoring its quality", p, 120);
      Thread.sleep(1500); // inside a frame's VMAF
      assertTrue(p.isAlive(), "still scoring when interrupted: " + Files.readString(log));
      long t0 = System.nanoTime();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ended");
      double seconds = (System.nanoTime() - t0) / 1e9;
      String text = Files.readString(log);
      assertEquals(130, p.exitValue(), text);
      assertTrue(seconds < 2.0, "stopped in " + seconds + " s: " + text);
      assertFalse(text.contains("did not stop"), text);
      assertFalse(Files.exists(out));
      assertFalse(Files.exists(tmp.resolve(".x.mp4.part")), "partial output removed");
      assertFalse(Files.exists(JobLock.fileFor(out)), "lock removed");
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void abandonRemovesThePartialOutputAndTheLockOfAJobThatDoesNotStop() throws Exception {
    Path in = input();
    Path out = tmp.resolve("y.mp4");
    CountDownLatch verifying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EncodeJob job = new EncodeJob(JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1))
        .withSplit(SplitMode.NONE, 0, 0).withVerifyQuality(true), e -> {
          if (e instanceof JobEvent.StageStarted s && s.stage() == JobEvent.Stage.VERIFY) {
            verifying.countDown();
            try {
              release.await(60, TimeUnit.SECONDS); // a job stuck in its check, as one in a cold frame
            } catch (InterruptedException x) {
              Thread.currentThread().interrupt();
            }
          }
        });
    Thread t = Thread.ofPlatform().start(() -> assertThrows(JobCancelledException.class, job::run));
    try {
      assertTrue(verifying.await(120, TimeUnit.SECONDS), "the job reached its check");
      assertTrue(Files.exists(tmp.resolve(".y.mp4.part")), "joined into the partial output");
      assertTrue(Files.exists(JobLock.fileFor(out)), "the job holds its lock");
      job.cancel();
      job.abandon(); // what the watchdog does before it halts the process
      assertFalse(Files.exists(tmp.resolve(".y.mp4.part")), "partial output removed");
      assertFalse(Files.exists(JobLock.fileFor(out)), "lock removed");
    } finally {
      release.countDown();
      t.join(60_000);
    }
    assertFalse(Files.exists(out));
  }
}
