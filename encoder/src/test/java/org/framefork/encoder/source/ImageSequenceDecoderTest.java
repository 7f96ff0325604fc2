package org.framefork.encoder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequenceDecoderTest {
  @TempDir
  Path dir;

  @Test
  void eachFrameIsItsOwnImageFromAnyStartingFrame() throws IOException {
    int w = 160;
    int h = 120;
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h + ":rate=24", "-frames:v", "10",
        dir.resolve("f_%03d.png").toString());
    Path raw = dir.resolve("luma.gray");
    DebianFfmpeg.ffmpeg("-i", dir.resolve("f_%03d.png").toString(), "-vf",
        "scale=out_color_matrix=bt470bg:out_range=tv:flags=accurate_rnd,format=gray", "-f", "rawvideo", raw.toString());
    byte[] debian = Files.readAllBytes(raw);
    ImageSequence s = ImageSequences.scan(dir.resolve("f_%03d.png"), SequenceOptions.defaults());
    assertEquals(10, s.frameCount());

    try (ImageSequenceDecoder d = new ImageSequenceDecoder(s, DecoderOptions.defaults(), null)) {
      d.startAt(new FrameStart(3, 3, 3), ReadFrom.KEYFRAME);
      for (int i = 3; i < 10; i++) {
        assertTrue(d.next(), "frame " + i);
        assertEquals(i, d.pts());
        byte[] luma = luma(d.picture(), w, h);
        byte[] expected = Arrays.copyOfRange(debian, i * w * h, (i + 1) * w * h);
        int worst = 0;
        for (int p = 0; p < luma.length; p++) {
          worst = Math.max(worst, Math.abs((luma[p] & 0xFF) - (expected[p] & 0xFF)));
        }
        assertTrue(worst <= 1, "frame " + i + " is its image: luma off by up to " + worst);
      }
      assertFalse(d.next());
    }
  }

  private static byte[] luma(AVFrame f, int w, int h) {
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      f.data(0).position((long) y * f.linesize(0)).get(out, y * w, w);
    }
    return out;
  }
}
