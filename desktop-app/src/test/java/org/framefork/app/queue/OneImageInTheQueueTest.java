package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One image file added to the queue is what {@code framefork encode still.png} takes: an image
 * sequence of that one image, read at the window's <i>Sequence fps</i>, named after the image.
 */
class OneImageInTheQueueTest {
  @TempDir
  Path dir;

  @Test
  void anImageFileIsASequenceOfOneImageAtTheSequenceRate() {
    Path still = dir.resolve("still.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120", "-frames:v", "1", "-update", "1", still.toString());
    List<String> problems = new ArrayList<>();
    assertEquals(List.of(still), QueueInputs.of(List.of(still.toString()), problems));
    assertEquals(List.of(), problems);
    JobSettings settings = new JobSettings(VideoCodec.H264, "ultrafast", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, dir,
        AudioMode.AUTO, "", "", null, 0, null, "30");
    Path out = OutputNames.forInput(still, dir, VideoCodec.H264, Container.MP4, Set.of());
    assertEquals(dir.resolve("still-h264.mp4"), out);
    JobOptions options = settings.toOptions(still, out);
    assertEquals(new Rational(30, 1), options.sequence().rate(), "Sequence fps, as --fps");

    JobReport report = new EncodeJob(options, null).run();

    assertTrue(report.verification().passed(), report.verification().problems().toString());
    assertEquals(1, DebianFfmpeg.decodedFrames(out));
    assertEquals("30/1", DebianFfmpeg.probe(out, "v:0", "stream=r_frame_rate", false));
    assertEquals("bt709", DebianFfmpeg.probe(out, "v:0", "stream=color_primaries", false));
  }
}
