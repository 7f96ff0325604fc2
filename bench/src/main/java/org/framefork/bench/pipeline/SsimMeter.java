package org.framefork.bench.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.metric.PlaneMetrics;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.kernels.metric.SsimScratch;

/**
 * SSIM of an output against the source, averaged over the frames: by the system ffmpeg's ssim filter
 * when there is one (an independent implementation), else by the engine's SSIM kernels, which follow
 * the same filter's arithmetic (pinned by a golden test to FFmpeg 8.1.2's numbers).
 */
public final class SsimMeter {
  private final Optional<DebianFfmpeg> system;

  public SsimMeter(Optional<DebianFfmpeg> system) {
    this.system = system;
  }

  public String method() {
    return system.map(f -> "the ssim filter of the system ffmpeg (" + f.version() + ")")
        .orElse("FrameFork's SSIM kernels (" + Kernels.get().name() + "), the arithmetic of FFmpeg's ssim filter");
  }

  public double ssim(Path distorted, Path reference) throws Exception {
    if (system.isPresent()) {
      return system.get().ssim(distorted, reference);
    }
    return kernelSsim(distorted, reference);
  }

  static double kernelSsim(Path distorted, Path reference) {
    PlaneMetrics metrics = Kernels.get().metrics();
    try (YuvFileReader a = new YuvFileReader(distorted); YuvFileReader b = new YuvFileReader(reference)) {
      if (a.width() != b.width() || a.height() != b.height()) {
        throw new IllegalArgumentException(distorted + " is " + a.width() + "x" + a.height() + " and " + reference + " is "
            + b.width() + "x" + b.height() + "; SSIM compares pictures of one size");
      }
      YuvFrame fa = YuvFrame.allocate(a.width(), a.height());
      YuvFrame fb = YuvFrame.allocate(b.width(), b.height());
      SsimScratch scratch = new SsimScratch(a.width());
      double sum = 0;
      long n = 0;
      while (a.next(fa) && b.next(fb)) {
        sum += SsimScore.of(metrics, fa, fb, scratch).all();
        n++;
      }
      return n == 0 ? Double.NaN : sum / n;
    }
  }
}
