package org.framefork.encoder.quality;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.metric.PsnrScore;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.vmaf.VmafOfFrames;

/**
 * Scores a probe encode against the pictures it was made from, frame by frame, in the one metric
 * the target names, measured as {@code --verify-quality} measures the output: SSIM over all planes,
 * PSNR's plane average (identical frames count as {@value ChunkQuality#PSNR_CAP} dB), VMAF on
 * pictures scaled to 1920x1080.
 */
final class ProbeScorer {
  private ProbeScorer() {}

  static double[] frameScores(Path probe, ChunkPictures pictures, QualityMetric metric, BooleanSupplier stop) {
    int n = pictures.count();
    double[] scores = new double[n];
    Kernels kernels = Kernels.get();
    SsimScratch scratch = metric == QualityMetric.SSIM ? new SsimScratch(pictures.size().width()) : null;
    try (VideoDecoder encoded = new VideoDecoder(probe, DecoderOptions.defaults().withThreads(1));
        VmafOfFrames vmaf = metric == QualityMetric.VMAF ? new VmafOfFrames(pictures.size(), true) : null) {
      YuvFrame distorted = null;
      int i = 0;
      for (; i < n && encoded.next(); i++) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("probe scoring cancelled");
        }
        if (distorted == null) {
          distorted = FramePlanes.allocateLike(encoded.picture());
        }
        FramePlanes.copyIn(encoded.picture(), distorted);
        YuvFrame reference = pictures.get(i);
        switch (metric) {
          case SSIM -> scores[i] = SsimScore.of(kernels.metrics(), reference, distorted, scratch).all();
          case PSNR -> scores[i] = Math.min(PsnrScore.of(kernels.metrics(), reference, distorted).psnrAverage(),
              ChunkQuality.PSNR_CAP);
          // Motion from the chunk at its full rate: the probe's every-other-frame pairs would double it.
          case VMAF -> scores[i] = (pictures.scaledLuma(i) != null
              ? vmaf.score(i, pictures.scaledLuma(i), distorted, pictures.motion2(i))
              : vmaf.score(i, reference, distorted, pictures.motion2(i))).vmaf();
        }
      }
      if (i != n) {
        throw new MediaException("probe " + probe.getFileName() + " holds " + i + " frames, not " + n);
      }
      return scores;
    }
  }
}
