package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures a chunk's probes encode, for a 10-bit output: the source's own 10-bit samples, as
 * Debian's ffmpeg decodes them, whether they are held on the heap or spilled to a file.
 */
class ChunkPicturesTest {
  @TempDir Path tmp;

  @Test
  void tenBitProbePicturesAreTheSourcesSamplesHeldOrSpilled() throws IOException {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    MediaInfo media = Prober.probe(in);
    // Chunks of 20 frames against keyframes every 12: chunk 1 (frames 20-39) starts between keyframes.
    Chunk chunk = EncodeJob.plan(media, JobOptions.defaults(in, tmp.resolve("unused.mkv")).withSplit(SplitMode.FIXED, 0, 20))
        .chunks().get(1);
    assertEquals(20, chunk.firstFrame());
    RawFrames debian = debianFrames(in, chunk);
    EncodeSettings h265 = new EncodeSettings(VideoCodec.H265, 28, "ultrafast", 1);
    for (long memory : new long[] {Long.MAX_VALUE, 0}) {
      try (ChunkPictures p = ChunkPictures.decode(in, media.video().index(), chunk, h265, null, 2, memory,
          tmp.resolve("spill.yuv"), true, () -> false)) {
        assertEquals(memory == 0, p.spilled());
        assertEquals(10, p.depth(), "h265 keeps the source's 10 bits");
        // Every 2nd frame from the first, and the last: 0, 2, ..., 18, 19.
        assertEquals(11, p.count());
        for (int i = 0; i < p.count(); i++) {
          int frame = Math.min(2 * i, chunk.frameCount() - 1);
          assertSameSamples(debian, frame, p.get(i), "kept picture " + i + (memory == 0 ? " (spilled)" : " (held)"));
        }
      }
    }
    assertFalse(Files.exists(tmp.resolve("spill.yuv")), "the spill file goes with the pictures");
  }

  /** A chunk's frames as Debian's ffmpeg decodes them: yuv420p10le, one after the other. */
  private record RawFrames(short[] samples, int width, int height) {
    int frameSamples() {
      return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
    }
  }

  private RawFrames debianFrames(Path in, Chunk chunk) throws IOException {
    Path raw = tmp.resolve("debian.yuv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "select='between(n," + chunk.firstFrame() + ","
        + (chunk.firstFrame() + chunk.frameCount() - 1) + ")'", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt",
        "yuv420p10le", raw.toString());
    byte[] bytes = Files.readAllBytes(raw);
    short[] samples = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    RawFrames frames = new RawFrames(samples, 256, 144);
    assertEquals(chunk.frameCount() * frames.frameSamples(), samples.length, "Debian's decode of the chunk");
    return frames;
  }

  private static void assertSameSamples(RawFrames debian, int frame, Yuv420Frame<?> picture, String what) {
    assertTrue(picture instanceof YuvFrame16, what + " is a 16-bit-sample frame");
    YuvFrame16 p = (YuvFrame16) picture;
    assertEquals(10, p.depth());
    int at = frame * debian.frameSamples();
    for (int plane = 0; plane < 3; plane++) {
      Plane16 q = p.plane(plane);
      for (int y = 0; y < q.height(); y++) {
        for (int x = 0; x < q.width(); x++) {
          if (debian.samples()[at + y * q.width() + x] != q.get(x, y)) {
            throw new AssertionError(what + ": plane " + plane + " differs from Debian's decode at " + x + "," + y);
          }
        }
      }
      at += q.width() * q.height();
    }
  }
}
