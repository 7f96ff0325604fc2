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

  /**
   * The colour --alpha-over composited the interrupted job's images over is in its settings: a resume
   * with another colour, or without one, is refused before any image is read (chunks of two colours
   * would be mixed), naming both; the same colour resumes.
   */
  @Test
  void aResumeWithAnotherAlphaOverColourIsRefused() {
    Path in = sequence();
    Path out = tmp.resolve("over.mp4");
    ResumeTest.interrupt(over(options(in, out), "#ff0000"), 1);
    Path work = JobWorkspace.defaultFor(out);
    String refused = "the interrupted job in " + work + " was encoded with other settings (--alpha-over #ff0000, not ";
    assertEquals(refused + "#0000ff); use those, or run without --resume to start over",
        EncodeJob.settingsRefusal(work, over(options(in, out), "#0000ff").recordedVideo(), ""));
    InputException e = assertThrows(InputException.class,
        () -> new EncodeJob(options(in, out).withResume(true), null).run());
    assertEquals(refused + "none); use those, or run without --resume to start over", e.getMessage());
    assertFalse(Files.exists(out));
    JobReport r = new EncodeJob(over(options(in, out), "#ff0000").withResume(true), null).run();
    assertEquals(1, r.chunks().reused());
    assertEquals(32, DebianFfmpeg.decodedFrames(out));
  }

  private static JobOptions over(JobOptions o, String colour) {
    return o.withSequence(new org.framefork.encoder.source.SequenceOptions(null, null, false,
        org.framefork.encoder.media.Background.parse(colour), null));
  }
}
