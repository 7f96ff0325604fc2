package org.framefork.encoder.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChunkEncoderTest {
  private static final Path SOURCE = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
  private static final FrameIndex FRAMES = Prober.probe(SOURCE).frames();

  @TempDir
  Path dir;

  /** Frames {@code first} to {@code end - 1} of the source as chunk 0. */
  private static Chunk chunk(int first, int end) {
    long start = FRAMES.pts(first);
    return new Chunk(0, first, end - first, start, FRAMES.pts(end), FRAMES.keyframeAtOrBefore(start));
  }

  private ChunkEncoder encoder(Chunk c, ReadFrom readFrom) {
    return new ChunkEncoder(SOURCE, -1, c, EncodeSettings.defaults(), dir.resolve("segment.mkv"), readFrom, null);
  }

  private static void runToTheEnd(ChunkEncoder enc) {
    while (!enc.finished()) {
      enc.step(5, () -> false);
    }
  }

  private static long[] sourcePts(int first, int end) {
    return IntStream.range(first, end).mapToLong(FRAMES::pts).toArray();
  }

  @ParameterizedTest
  @EnumSource(ReadFrom.class)
  void aChunkEncodesExactlyItsFrames(ReadFrom readFrom) {
    try (ChunkEncoder enc = encoder(chunk(10, 40), readFrom)) {
      enc.open();
      runToTheEnd(enc);
      enc.checkFrameCount(false);
      assertArrayEquals(sourcePts(10, 40), enc.encodedPts());
      assertEquals(30, enc.framesWritten(), "one packet per frame, the encoder drained");
      assertTrue(enc.bytes() > 0);
      assertNull(enc.truncate(30, FRAMES.pts(30), () -> {}), "a finished chunk cannot be split");
    }
  }

  @Test
  void aSplitMovesTheEndOfARunningChunkButNotBeforeWhatItHasTaken() {
    try (ChunkEncoder enc = encoder(chunk(10, 40), ReadFrom.KEYFRAME)) {
      enc.open();
      assertEquals(5, enc.step(5, () -> false));
      assertNull(enc.truncate(12, FRAMES.pts(12), () -> {}), "frame 12 is already encoded");
      boolean[] saved = {false};
      Chunk shortened = enc.truncate(30, FRAMES.pts(30), () -> saved[0] = true);
      assertNotNull(shortened);
      assertTrue(saved[0], "the split is saved before it applies");
      assertEquals(20, shortened.frameCount());
      runToTheEnd(enc);
      enc.checkFrameCount(false);
      assertArrayEquals(sourcePts(10, 30), enc.encodedPts());
      assertEquals(shortened, enc.chunk());
    }
  }

  @Test
  void aStopRequestEndsAStepBeforeItsNextFrame() {
    try (ChunkEncoder enc = encoder(chunk(0, 20), ReadFrom.KEYFRAME)) {
      enc.open();
      assertEquals(0, enc.step(5, () -> true));
      assertEquals(0, enc.framesEncoded());
    }
  }
}
