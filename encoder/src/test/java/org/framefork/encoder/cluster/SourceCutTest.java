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

  /**
   * A WebM VP9's alpha (side data that alpha_mode 1 announces) reaches the node: the cut keeps the
   * stream's alpha_mode, so the chunk composited from the cut is the one composited from the source.
   */
  @org.junit.jupiter.api.Test
  void aWebmCutKeepsItsAlphaMode() throws Exception {
    Path source = tmp.resolve("a.webm");
    DebianFfmpeg.Result made = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        "color=red@0.5:s=64x48:r=25:d=2,format=yuva420p", "-c:v", "libvpx-vp9", "-g", "10", "-crf", "40", "-b:v", "0",
        source.toString()));
    assertEquals(0, made.exitCode(), made.err());
    MediaInfo media = Prober.probe(source);
    assertEquals(true, media.video().alphaMode());
    ChunkPlan plan = Planners.keyframes(0.3).plan(media.frames());
    assertEquals(true, plan.size() > 1, plan.toString());
    EncodeSettings settings = new EncodeSettings(VideoCodec.H264, 10, "ultrafast", 1).withPicture(new org.framefork.encoder.encode
        .PictureFormat(8, new org.framefork.encoder.media.HdrMetadata(null, null), true, null,
            org.framefork.encoder.media.Background.parse("#00ff00")));
    Chunk c = plan.chunks().get(1);
    Path cutFile = tmp.resolve("cut");
    SourceCut.Cut cut = SourceCut.cut(source, media.video().index(), c, cutFile);
    assertNotNull(cut, SourceCut.WHY.get());
    DebianFfmpeg.Result tag = DebianFfmpeg.run(java.util.List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream_tags=alpha_mode", "-of", "csv=p=0", cutFile.toString()));
    assertEquals("1", tag.out().strip(), tag.err());
    Path fromSource = tmp.resolve("a.mkv");
    Path fromCut = tmp.resolve("b.mkv");
    assertArrayEquals(encode(source, media.video().index(), c, settings, fromSource), encode(cutFile, 0, c, settings, fromCut));
    // Half red over green (about 128, 127, 0), not the red of the pictures without their alpha.
    int[] fromItsCut = firstPixel(fromCut, tmp.resolve("b.rgb"));
    assertArrayEquals(firstPixel(fromSource, tmp.resolve("a.rgb")), fromItsCut);
    assertEquals(true, Math.abs(fromItsCut[0] - 128) < 16 && Math.abs(fromItsCut[1] - 127) < 16 && fromItsCut[2] < 16,
        java.util.Arrays.toString(fromItsCut));
    assertEquals(packetsMd5(fromSource), packetsMd5(fromCut));
  }

  /**
   * A MOV/MP4 with a timecode track (FFmpeg tags its video stream {@code timecode}) still cuts: the
   * cut has its one video stream, no tmcd track of the MP4 muxer's own.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tc.mp4", "tc.mov"})
  void aTimecodedSourceCutsIntoOneStream(String name) throws Exception {
    Path source = tmp.resolve(name);
    DebianFfmpeg.Result made = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        "testsrc2=s=160x120:r=25:d=4", "-c:v", "libx264", "-g", "25", "-bf", "2", "-timecode", "01:00:00:00",
        source.toString()));
    assertEquals(0, made.exitCode(), made.err());
    MediaInfo media = Prober.probe(source);
    ChunkPlan plan = Planners.keyframes(0.5).plan(media.frames());
    assertEquals(true, plan.size() > 1, plan.toString());
    Chunk c = plan.chunks().get(1);
    Path cutFile = tmp.resolve("cut");
    SourceCut.Cut cut = SourceCut.cut(source, media.video().index(), c, cutFile);
    assertNotNull(cut, SourceCut.WHY.get());
    DebianFfmpeg.Result streams = DebianFfmpeg.run(java.util.List.of("ffprobe", "-v", "error", "-show_entries",
        "stream=codec_type", "-of", "csv=p=0", cutFile.toString()));
    assertEquals("video", streams.out().strip(), streams.err());
  }

  /** The middle pixel of {@code segment}'s first picture as RGB (Debian FFmpeg), by way of {@code raw}. */
  private static int[] firstPixel(Path segment, Path raw) throws java.io.IOException {
    DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-i", segment.toString(),
        "-frames:v", "1", "-vf", "format=rgb24,crop=1:1:32:24", "-pix_fmt", "rgb24", "-f", "rawvideo", raw.toString()));
    assertEquals(0, r.exitCode(), r.err());
    byte[] b = Files.readAllBytes(raw);
    return new int[] {b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF};
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
