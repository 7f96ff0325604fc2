package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.framefork.bench.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSIM the bench reports without a system ffmpeg (the engine's kernels over the decoded frames)
 * against the one it reports with it (FFmpeg's ssim filter).
 */
class SsimMeterTest {
  @Test
  void kernelSsimAgreesWithTheSystemFfmpegsFilter(@TempDir Path dir) throws Exception {
    DebianFfmpeg system = DebianFfmpeg.find().orElseThrow(() -> new AssertionError("needs Debian's ffmpeg (apt install ffmpeg)"));
    Path clip = QuickClip.cut(BenchMain.checkoutRoot().resolve("samples/media/sample-360p29.97-6s.mp4"), 1.0,
        dir.resolve("clip.mp4"));
    Path distorted = dir.resolve("crf40.mp4");
    org.framefork.encoder.testing.DebianFfmpeg.ffmpeg("-i", clip.toString(), "-c:v", "libx264", "-preset", "ultrafast",
        "-crf", "40", "-an", distorted.toString());

    double byFilter = system.ssim(distorted, clip);
    double byKernels = SsimMeter.kernelSsim(distorted, clip);
    assertTrue(byFilter > 0.5 && byFilter < 0.99, "a visibly distorted copy: " + byFilter);
    // FFmpeg prints six decimals.
    assertEquals(byFilter, byKernels, 2e-6);
    assertEquals(1.0, SsimMeter.kernelSsim(clip, clip), 1e-12);
  }
}
