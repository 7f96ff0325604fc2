package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoDecoderTest {
  /** A test file with the probe's frame index and Debian's frame times for it. */
  private record Source(Path file, FrameIndex frames, List<Double> debian) {
    static Source of(String kind) {
      Path file = TestMedia.get(kind.equals("ts") ? TestMedia.H264_MPEGTS : TestMedia.H264_BFRAMES_AAC);
      Source s = new Source(file, Prober.probe(file).frames(), DebianFfmpeg.frameTimes(file));
      assertEquals(s.frames.frameCount(), s.debian.size());
      return s;
    }

    VideoDecoder decoder() {
      return new VideoDecoder(file, DecoderOptions.defaults().withThreads(1));
    }

    /** Reads {@code count} pictures from where {@code d} stands and checks them against Debian's frame times. */
    void assertFramesFrom(VideoDecoder d, int first, int count) {
      double tb = frames.timeBase().toDouble();
      double offset = debian.getFirst() - frames.pts(0) * tb; // MPEG-TS starts its clock at 1.4 s
      for (int i = first; i < first + count; i++) {
        assertTrue(d.next(), "picture " + i);
        assertEquals(frames.pts(i), d.pts(), "picture " + i + " is the frame wanted");
        assertEquals(debian.get(i), d.pts() * tb + offset, 1e-3, "picture " + i + " against Debian's ffprobe");
        assertEquals(320, d.picture().width());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "mp4"})
  void aSeekThatLandsLateStepsBackAndStillStartsAtTheWantedFrame(String kind) {
    Source src = Source.of(kind);
    // Seeking to the keyframe at 1 s for a frame before it lands late, as an estimated seek can.
    long keyframe = src.frames().keyframePts(1);
    int wanted = src.frames().frameAt(keyframe) - 5;
    try (VideoDecoder d = src.decoder()) {
      d.startAt(keyframe, src.frames().pts(wanted));
      src.assertFramesFrom(d, wanted, 10);
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
    Source src = Source.of(kind);
    long second = Math.round(1 / src.frames().timeBase().toDouble());
    try (VideoDecoder d = src.decoder()) {
      // Far past the end: 1, 2 and 4 s back are still past it (or refused), so it reads from the start.
      d.startAt(src.frames().endPts() + 60 * second, src.frames().pts(3));
      src.assertFramesFrom(d, 3, 10);
      assertEquals(4, d.retreats());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "mp4"})
  void anyFrameOfTheSourceDecodesExactly(String kind) {
    Source src = Source.of(kind);
    // The first frame (no seek), one just before a keyframe, a keyframe, one after it, the last.
    int keyframe = src.frames().frameAt(src.frames().keyframePts(1));
    for (int n : new int[] {0, keyframe - 1, keyframe, keyframe + 1, src.frames().frameCount() - 1}) {
      byte[] sought = pictureOf(src, n, ReadFrom.KEYFRAME);
      byte[] readThrough = pictureOf(src, n, ReadFrom.FILE_START);
      assertArrayEquals(readThrough, sought, "frame " + n + " after a seek is the frame read from the start");
    }
  }

  /** Frame {@code n} of {@code src}, read from {@code readFrom}, as its yuv420p bytes. */
  private static byte[] pictureOf(Source src, int n, ReadFrom readFrom) {
    try (VideoDecoder d = src.decoder()) {
      d.startAt(src.frames().startOf(n), readFrom);
      src.assertFramesFrom(d, n, 1);
      YuvFrame planes = YuvFrame.allocate(d.width(), d.height());
      FramePlanes.copyIn(d.picture(), planes);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < 3; i++) {
        Plane p = planes.plane(i);
        for (int y = 0; y < p.height(); y++) {
          bytes.write(p.data(), p.rowStart(y), p.width());
        }
      }
      return bytes.toByteArray();
    }
  }
}
