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
  private static final DecoderOptions ONE_THREAD = DecoderOptions.defaults().withThreads(1);

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
    try (VideoDecoder d = new VideoDecoder(file, ONE_THREAD)) {
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
    try (VideoDecoder d = new VideoDecoder(file, ONE_THREAD)) {
      // Far past the end: 1, 2 and 4 s back are still past it (or refused), so it reads from the start.
      d.startAt(frames.endPts() + 60 * second, frames.pts(3));
      assertFramesFrom(d, frames, 3, 10, debian);
      assertEquals(4, d.retreats());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "mp4"})
  void anyFrameOfTheSourceDecodesExactly(String kind) {
    Path file = input(kind);
    FrameIndex frames = Prober.probe(file).frames();
    List<Double> debian = DebianFfmpeg.frameTimes(file);
    // The first frame (no seek), one just before a keyframe, a keyframe, one after it, the last.
    int keyframe = frames.frameAt(frames.keyframePts(1));
    for (int n : new int[] {0, keyframe - 1, keyframe, keyframe + 1, frames.frameCount() - 1}) {
      byte[] sought = pictureOf(file, frames, n, ReadFrom.KEYFRAME, debian);
      byte[] readThrough = pictureOf(file, frames, n, ReadFrom.FILE_START, debian);
      assertArrayEquals(readThrough, sought, "frame " + n + " after a seek is the frame read from the start");
    }
  }

  /** Frame {@code n} of {@code file}, read from {@code readFrom}, as its yuv420p bytes. */
  private static byte[] pictureOf(Path file, FrameIndex frames, int n, ReadFrom readFrom, List<Double> debian) {
    try (VideoDecoder d = new VideoDecoder(file, ONE_THREAD)) {
      d.startAt(frames.startOf(n), readFrom);
      assertFramesFrom(d, frames, n, 1, debian);
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
