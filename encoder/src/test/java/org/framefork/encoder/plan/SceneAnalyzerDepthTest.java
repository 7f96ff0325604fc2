package org.framefork.encoder.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10-bit source is analysed at 10 bits (16-bit samples), with thresholds that mean what they
 * mean at 8: it finds the cuts its 8-bit conversion finds, the ones the clip was made with.
 */
class SceneAnalyzerDepthTest {
  @TempDir Path tmp;

  @Test
  void aTenBitVideoAndItsEightBitConversionGiveTheSameCuts() {
    Path tenBit = TestMedia.get(TestMedia.SCENE_CUTS_10);
    assertEquals("yuv420p10le", DebianFfmpeg.probe(tenBit, "v:0", "stream=pix_fmt", false));
    Path eightBit = tmp.resolve("scenes-8bit.mp4");
    DebianFfmpeg.ffmpeg("-i", tenBit.toString(), "-c:v", "libx264", "-preset", "veryfast", "-g", "50",
        "-x264-params", "scenecut=0", "-pix_fmt", "yuv420p", eightBit.toString());
    assertEquals("yuv420p", DebianFfmpeg.probe(eightBit, "v:0", "stream=pix_fmt", false));

    FrameDifferences deep = analyse(tenBit, Kernels.plain());
    FrameDifferences shallow = analyse(eightBit, Kernels.plain());
    assertEquals(10, deep.depth());
    assertEquals(8, shallow.depth());
    int minScene = ScenePlanner.minSceneFrames(Prober.probe(tenBit).frames());
    assertArrayEquals(TestMedia.SCENE_CUTS_AT, SceneCuts.detect(deep, minScene));
    assertArrayEquals(TestMedia.SCENE_CUTS_AT, SceneCuts.detect(shallow, minScene));

    // Frame by frame the two measure the same change, up to what the 8-bit encode's rounding and
    // noise add: measured 1.0 level of luma difference (at a cut of 106) and 0.069 of histogram
    // distance (in the grainy shot), where a cut needs a distance of 0.3 and three times the median.
    double lumaGap = 0;
    double histogramGap = 0;
    for (int i = 1; i < deep.frameCount(); i++) {
      lumaGap = Math.max(lumaGap, Math.abs(deep.luma()[i] - shallow.luma()[i]));
      histogramGap = Math.max(histogramGap, Math.abs(deep.histogram()[i] - shallow.histogram()[i]));
    }
    assertTrue(lumaGap < 2.0, "luma differences of the 10-bit and the 8-bit video differ by up to " + lumaGap + " levels");
    assertTrue(histogramGap < 0.1, "histogram distances differ by up to " + histogramGap);
  }

  /** The Vector API kernels measure the 10-bit video exactly as the plain ones do. */
  @Test
  void theKernelTwinsGiveTheSameTenBitDifferences() {
    Path tenBit = TestMedia.get(TestMedia.SCENE_CUTS_10);
    Kernels vector = org.framefork.encoder.kernels.RandomPictures.vectorKernels();
    FrameDifferences plain = analyse(tenBit, Kernels.plain());
    FrameDifferences simd = analyse(tenBit, vector);
    assertArrayEquals(plain.luma(), simd.luma());
    assertArrayEquals(plain.histogram(), simd.histogram());
  }

  private static FrameDifferences analyse(Path video, Kernels kernels) {
    MediaInfo media = Prober.probe(video);
    return new SceneAnalyzer(video, media.video().index(), 2, kernels, new AtomicBoolean()).analyse(media.frames());
  }
}
