package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeJobSmokeTest {
  @TempDir Path tmp;

  @Test
  void encodesH264WithAudio() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("out.mp4");
    var report = new EncodeJob(JobOptions.defaults(in, out).withSplit(org.framefork.encoder.plan.SplitMode.KEYFRAMES, 0.5, 0), e -> System.out.println(e)).run();
    System.out.println(report);
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
  }
}
