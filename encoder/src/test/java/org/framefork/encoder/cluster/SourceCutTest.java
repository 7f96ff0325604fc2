package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chunk encoded from its cut (the packets a node receives) is the chunk encoded from the whole
 * source, byte for byte: in MP4 with B-frames (an edit list), Matroska and MPEG-TS, for chunks at
 * keyframes and chunks that start between them.
 */
class SourceCutTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"h264-bframes-aac.mp4", "hevc-mp3.mkv", "h264-aac.ts"})
  void aChunkFromItsCutIsTheChunkFromTheSource(String name) throws Exception {
    TestMedia.Input input = TestMedia.CORPUS.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    Path source = TestMedia.get(input);
    MediaInfo media = Prober.probe(source);
    EncodeSettings settings = new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1);
    // Keyframe chunks, and fixed ones that start between keyframes (decoding from the one before).
    for (ChunkPlan plan : new ChunkPlan[] {Planners.keyframes(0.5).plan(media.frames()), Planners.fixedFrames(13).plan(media.frames())}) {
      for (Chunk c : plan.chunks()) {
        Path cutFile = tmp.resolve("cut-" + c.index());
        SourceCut.Cut cut = SourceCut.cut(source, media.video().index(), c, cutFile);
        assertNotNull(cut, name + " chunk " + c + ": " + SourceCut.WHY.get());
        Path fromSource = tmp.resolve("a-" + c.index() + ".mkv");
        Path fromCut = tmp.resolve("b-" + c.index() + ".mkv");
        long[] ptsA = encode(source, media.video().index(), c, settings, fromSource);
        long[] ptsB = encode(cutFile, 0, c, settings, fromCut);
        assertEquals(c.frameCount(), ptsB.length, name + " chunk " + c);
        assertArrayEquals(ptsA, ptsB, name + " chunk " + c);
        // The segments' packets are the same bytes (their Matroska headers differ by a random segment UID).
        assertEquals(packetsMd5(fromSource), packetsMd5(fromCut), name + " chunk " + c);
        assertEquals(true, Files.size(cutFile) <= Files.size(source), name + " chunk " + c);
      }
    }
  }

  private static String packetsMd5(Path segment) {
    DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-i", segment.toString(),
        "-map", "0:v", "-c", "copy", "-f", "md5", "-"));
    assertEquals(0, r.exitCode(), r.err());
    return r.out().strip();
  }

  private static long[] encode(Path file, int video, Chunk c, EncodeSettings s, Path segment) {
    try (ChunkEncoder enc = new ChunkEncoder(file, video, c, s, segment, ReadFrom.KEYFRAME, null)) {
      enc.open();
      while (!enc.finished()) {
        enc.step(64, () -> false);
      }
      enc.checkFrameCount(false);
      return enc.encodedPts();
    }
  }
}
