package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image sequence's job resumes as a video's does, and verification counts its frames against its images. */
class ImageSequenceResumeTest {
  @TempDir Path tmp;

  private JobOptions options(Path in, Path out) {
    return ResumeTest.sequentialChunks(in, out, 8);
  }

  private Path sequence() {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "32",
        tmp.resolve("f_%03d.png").toString());
    return tmp.resolve("f_%03d.png");
  }

  @Test
  void aResumedSequenceEncodesOnlyTheUnfinishedChunks() {
    Path in = sequence();
    Path out = tmp.resolve("resumed.mp4");
    ResumeTest.interrupt(options(in, out), 2);
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
    ResumeTest.interrupt(options(in, out), 1);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "1", "-vf", "negate",
        tmp.resolve("f_003.png").toString());

    InputException e = assertThrows(InputException.class, () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertTrue(e.getMessage().contains("has changed"), e.getMessage());
  }
}
