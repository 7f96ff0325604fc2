package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.Buffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video's own audio, encoded again, is encoded whole: nothing is cut where nothing is to be cut
 * (an infinite length), for every channel count. The cut to the sample for an image sequence's
 * audio file once overflowed there, count times channels, and failed every stereo video's join.
 */
class AudioTranscoderTest {
  @TempDir
  Path dir;

  @Test
  void aVideosStereoAudioIsEncodedWhole() {
    Path source = dir.resolve("stereo.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=1", "-f", "lavfi", "-i",
        "sine=f=440:d=1,aformat=channel_layouts=stereo", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libopus",
        "-shortest", source.toString());
    Path target = dir.resolve("audio.mka");
    AudioTranscoder.transcode(source, 1, AV_CODEC_ID_AAC, target, Double.POSITIVE_INFINITY, () -> false);
    assertEquals("aac\n2", DebianFfmpeg.probe(target, "a:0", "stream=codec_name,channels", false));
    // Where its last packet ends (the intermediate file's header duration is not what the join reads).
    String[] ends = DebianFfmpeg.probe(target, "a:0", "packet=pts_time,duration_time", false).split("\n");
    double end = Double.parseDouble(ends[ends.length - 2]) + Double.parseDouble(ends[ends.length - 1]);
    assertEquals(1.0, end, 0.03, "the whole second");
  }

  @Test
  void nothingToCutKeepsEveryChannelCountsBuffers() {
    for (int channels : new int[] {1, 2, 3, 6, 8}) {
      Buffer[] samples = {ShortBuffer.allocate(1024 * channels)};
      assertSame(samples, AudioTranscoder.first(samples, channels, Long.MAX_VALUE), channels + " channels");
    }
    Buffer[] samples = {ShortBuffer.allocate(1024 * 2)};
    Buffer[] cut = AudioTranscoder.first(samples, 2, 100);
    assertArrayEquals(new int[] {200}, new int[] {cut[0].remaining()}, "100 stereo samples: 200 values");
  }
}
