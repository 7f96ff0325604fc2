package org.framefork.encoder.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;

class ProberTest {
  @Test
  void frameCountsAgreeWithDebianFfprobeForTheWholeCorpus() {
    for (TestMedia.Input in : TestMedia.CORPUS) {
      Path f = TestMedia.get(in);
      MediaInfo m = Prober.probe(f);
      assertEquals(DebianFfmpeg.decodedFrames(f), m.video().frameCount(), in.name());
      assertEquals(in.width(), m.video().width(), in.name());
      assertEquals(in.audio(), m.hasAudio(), in.name());
    }
  }

  @Test
  void keyframesAndTimesMatchThePacketsFfprobeSees() {
    Path f = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    MediaInfo m = Prober.probe(f);
    String[] flags = DebianFfmpeg.probe(f, "v:0", "frame=key_frame", false).split("\\R");
    int keys = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i].trim().equals("1")) {
        keys++;
        assertTrue(m.frames().isKeyframe(i), "frame " + i);
      }
    }
    assertEquals(keys, m.video().keyframeCount());
    List<Double> times = DebianFfmpeg.frameTimes(f);
    for (int i = 0; i < times.size(); i++) {
      assertEquals(times.get(i), m.frames().timeBase().seconds(m.frames().pts(i)), 1e-9);
    }
    assertEquals(2.0, m.video().durationSeconds(), 1e-9);
    assertFalse(m.video().variableFrameRate());
  }

  @Test
  void variableFrameRateIsDetected() {
    MediaInfo m = Prober.probe(TestMedia.get(TestMedia.VFR_H264_MP4));
    assertTrue(m.video().variableFrameRate());
  }
}
