package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoDecoderTest {
  private static Path input(String name) {
    return TestMedia.get(name.equals("ts") ? TestMedia.H264_MPEGTS : TestMedia.H264_BFRAMES_AAC);
  }

  /** Reads {@code count} pictures from where the decoder stands and checks them against Debian's frame times. */
  private static void assertFramesFrom(VideoDecoder d, FrameIndex frames, int first, int count, List<Double> debian) {
    double tb = frames.timeBase().toDouble();
    double offset = debian.getFirst() - frames.pts(0) * tb; // MPEG-TS starts its clock at 1.4 s
    for (int i = first; i < first + count; i++) {
      assertTrue(d.next(), "picture " + i);
      assertEquals(frames.pts(i), d.pts(), "picture " + i + " is the frame wanted");
      assertEquals(debian.get(i), d.pts() * tb + offset, 1e-3, "picture " + i + " against Debian's ffprobe");
      assertEquals(320, d.picture().width());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "mp4"})
  void aSeekThatLandsLateStepsBackAndStillStartsAtTheWantedFrame(String kind) {
    Path file = input(kind);
    FrameIndex frames = Prober.probe(file).frames();
    List<Double> debian = DebianFfmpeg.frameTimes(file);
    assertEquals(frames.frameCount(), debian.size());
    // Seeking to the keyframe at 1 s for a frame before it lands late, as an estimated seek can.
    long keyframe = frames.keyframePts(1);
    int wanted = frames.frameAt(keyframe) - 5;
    try (VideoDecoder d = new VideoDecoder(file, -1, 1, 0, 0, false)) {
      d.startAt(keyframe, frames.pts(wanted));
      assertFramesFrom(d, frames, wanted, 10, debian);
      // MP4 seeks by its index: 1 s back lands on the keyframe at 0. MPEG-TS seeks by estimate and
      // may land late again; either way a step back, not a read from the start, reaches the frame.
      if (kind.equals("mp4")) {
        assertEquals(1, d.retreats());
      }
      assertTrue(d.retreats() >= 1 && d.retreats() <= 3, "stepped back " + d.retreats() + " times");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "mp4"})
  void aSeekThatCannotLandEarlyEnoughReadsFromTheStart(String kind) {
    Path file = input(kind);
    FrameIndex frames = Prober.probe(file).frames();
    List<Double> debian = DebianFfmpeg.frameTimes(file);
    long second = Math.round(1 / frames.timeBase().toDouble());
    try (VideoDecoder d = new VideoDecoder(file, -1, 1, 0, 0, false)) {
      // Far past the end: 1, 2 and 4 s back are still past it (or refused), so it reads from the start.
      d.startAt(frames.endPts() + 60 * second, frames.pts(3));
      assertFramesFrom(d, frames, 3, 10, debian);
      assertEquals(4, d.retreats());
    }
  }
}
