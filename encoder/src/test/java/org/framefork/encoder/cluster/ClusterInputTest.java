package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which jobs --cluster refuses: an image sequence (a folder of pictures, a printf pattern), which
 * the nodes cannot read, and a target quality, whose search runs on the coordinator's workers only;
 * a video runs. The refusal comes before the job is made, so nothing runs.
 */
class ClusterInputTest {
  static final String REFUSED = "an image sequence does not run on a cluster yet; encode it without --cluster";

  @TempDir Path tmp;

  @Test
  void anImageSequenceIsRefusedBeforeItsJobIsMade() throws Exception {
    Path pictures = Files.createDirectories(tmp.resolve("pictures"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=0.3", pictures.resolve("f%03d.png").toString());
    for (Path sequence : new Path[] {pictures, pictures.resolve("f%03d.png")}) {
      assertEquals(REFUSED, ClusterOptions.refusal(sequence), sequence.toString());
      // Not joined: a job for a video would need the session; the sequence is refused first.
      JobOptions options = JobOptions.defaults(sequence, tmp.resolve("out.mp4"));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new ClusterOptions().job(options, 1, JobListener.NONE));
      assertEquals(REFUSED, e.getMessage());
    }
    assertEquals(3, Files.list(pictures).count(), "the pictures are all there is");
    // One image file is a sequence of that image: refused too, in its own words.
    assertEquals("an image file (a sequence of one image) does not run on a cluster yet; encode it without --cluster",
        ClusterOptions.refusal(pictures.resolve("f001.png")));
    assertNull(ClusterOptions.refusal(TestMedia.get(TestMedia.H264_BFRAMES_AAC)));
  }

  @Test
  void aTargetQualityIsRefusedBeforeItsJobIsMade() {
    Path video = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("out.mp4");
    JobOptions options = JobOptions.defaults(video, out).withTargetQuality(TargetQuality.parse("vmaf=93"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ClusterOptions().job(options, 1, JobListener.NONE));
    assertEquals(ClusterOptions.TARGET_QUALITY_REFUSAL, e.getMessage());
    assertFalse(Files.exists(out), "nothing was written");
  }
}
