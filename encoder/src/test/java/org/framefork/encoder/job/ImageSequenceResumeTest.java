package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image sequence's job resumes as a video's does, and verification counts its frames against its images. */
class ImageSequenceResumeTest {
  @TempDir Path tmp;

  private JobOptions options(Path in, Path out) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1))
        .withSplit(SplitMode.FIXED, 0, 8)
        .withMode(ExecutionMode.SEQUENTIAL, 1);
  }

  private Path sequence() {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "32",
        tmp.resolve("f_%03d.png").toString());
    return tmp.resolve("f_%03d.png");
  }

  private void interruptAfter(JobOptions o, int chunks) {
    AtomicInteger finished = new AtomicInteger();
    EncodeJob[] job = new EncodeJob[1];
    job[0] = new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkFinished && finished.incrementAndGet() == chunks) {
        job[0].cancel();
      }
    });
    assertThrows(JobCancelledException.class, job[0]::run);
  }

  @Test
  void aResumedSequenceEncodesOnlyTheUnfinishedChunks() {
    Path in = sequence();
    Path out = tmp.resolve("resumed.mp4");
    interruptAfter(options(in, out), 2);
    assertFalse(Files.exists(out));

    JobReport r = new EncodeJob(options(in, out).withResume(true), null).run();

    assertEquals(2, r.chunks().reused());
    assertEquals(32, r.verification().sourceFrames(), "verification counts the images");
    assertTrue(r.verification().passed());
    assertEquals(32, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  void aChangedImageRefusesTheResume() throws IOException {
    Path in = sequence();
    Path out = tmp.resolve("changed.mp4");
    interruptAfter(options(in, out), 1);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "1", "-vf", "negate",
        tmp.resolve("f_003.png").toString());

    InputException e = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertTrue(e.getMessage().contains("has changed"), e.getMessage());
  }
}
