package org.framefork.encoder.quality;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.ProbeEncoder;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Yuv420Frame;
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
 * pictures scaled to 1920x1080; at the output's depth (a 10-bit output's PSNR against 1023, its
 * SSIM and VMAF on 10-bit samples), as {@code --verify-quality} scores it.
 */
final class ProbeScorer {
  private ProbeScorer() {}

  /**
   * A probe's frame scores as the chunk's {@code frames}: a probe that encodes every {@code
   * rate}-th frame lets each of its frames stand for {@code rate} of the chunk's, except the chunk's
   * first and last (see {@link ChunkPictures#kept}), which stand for themselves alone. The first is
   * no sample: VMAF gives a chunk's first frame no motion, so it scores apart from the rest, in the
   * final encode as in the probe; counted twice it pulled a probe's 5th percentile of a 30-frame
   * chunk 3.7 points below the final encode's (the fast pan of the 1080p sample, 2026-12-06).
   */
  static double[] asChunkFrames(double[] probeScores, int rate, int frames) {
    int n = probeScores.length;
    if (rate == 1 || n < 2) {
      return probeScores;
    }
    boolean lastAlone = (frames - 1) % rate != 0;
    double[] out = new double[1 + (n - 2) * rate + (lastAlone ? 1 : rate)];
    out[0] = probeScores[0];
    for (int i = 1; i < n; i++) {
      int from = 1 + (i - 1) * rate;
      java.util.Arrays.fill(out, from, i == n - 1 ? out.length : from + rate, probeScores[i]);
    }
    return out;
  }

  /**
   * With VMAF, a probe that samples the chunk's frames scores every {@value #SPARSE}-nd of its own
   * (and its last): when VMAF cost 85-110 ms a 1080p frame, more than x264's {@code medium}, scoring
   * every probe frame made the first probe of a chunk cost more than its final encode. At 35 ms
   * (2026-12-06, 17:39) scoring them all still cost more (probes 3.35x and 2.65x the final encodes
   * against 2.18x and 1.76x on the bundled clips) and brought no chunk nearer the target. A frame
   * left out stands for the one after it (see {@link #heldBack}).
   */
  static final int SPARSE = 2;

  /**
   * Which of a probe's {@code n} frames it scores when no earlier probe has said which decide
   * ({@link Pooling#deciding}): with VMAF and a probe rate above 1, every {@value #SPARSE}-nd and the
   * last; else all (null).
   */
  static boolean[] sparse(int n, QualityMetric metric, int probeRate) {
    if (metric != QualityMetric.VMAF || probeRate == 1) {
      return null;
    }
    boolean[] pick = new boolean[n];
    for (int i = 0; i < n; i++) {
      pick[i] = i % SPARSE == 0 || i == n - 1;
    }
    return pick;
  }

  /**
   * Fills the frames that {@link #sparse} leaves out with the score of the next frame it keeps (a
   * score, or NaN where a later probe did not score that one either), so that each scored frame
   * stands for itself and the frames before it. Not the frame before: that is, for the first gap,
   * the chunk's first frame, which VMAF scores apart (no motion). Changes {@code scores} in place.
   */
  static double[] heldBack(double[] scores, boolean[] sparse) {
    if (sparse != null) {
      for (int i = scores.length - 2; i >= 0; i--) {
        if (!sparse[i]) {
          scores[i] = scores[i + 1];
        }
      }
    }
    return scores;
  }

  /** A probe encode's size and its frame scores (NaN where not scored). */
  record Scored(long bytes, double[] frames) {}

  /**
   * Encodes the chunk's {@code pictures} with {@code settings} into {@code probe} and scores the
   * encode as {@link #frameScores} does: where the encoder {@link ProbeEncoder#reconstructs hands
   * back} its pictures, those (the decoder's pictures, bit for bit) as they come, without decoding
   * the file; else the file, decoded.
   */
  static Scored encodeAndScore(Path probe, int chunk, EncodeSettings settings, ChunkPictures pictures,
      QualityMetric metric, boolean[] scored, BooleanSupplier stop) {
    boolean reconstructs = ProbeEncoder.reconstructs(settings);
    try (Frames frames = reconstructs ? new Frames(pictures, metric, scored) : null) {
      long bytes = ProbeEncoder.encode(probe, chunk, settings, pictures.stream(), pictures.sampleAspectRatio(), pictures.size(),
          pictures.count(), pictures::get, pictures.pts(), !reconstructs ? null : (picture, at) -> {
            int k = pictures.indexOf(at);
            if (k < 0) {
              throw new MediaException(probe.getFileName() + " has a picture at " + at + ", none of the chunk's probe pictures'");
            }
            frames.take(k, picture);
          }, stop);
      return new Scored(bytes, reconstructs ? frames.scores(probe) : frameScores(probe, pictures, metric, scored, stop));
    }
  }

  /**
   * The probe's frame scores; with {@code scored}, only the frames it marks are scored (the others
   * are decoded and left NaN, see {@link Pooling#apply}); null scores all.
   */
  static double[] frameScores(Path probe, ChunkPictures pictures, QualityMetric metric, boolean[] scored,
      BooleanSupplier stop) {
    int n = pictures.count();
    try (VideoDecoder encoded = new VideoDecoder(probe, DecoderOptions.defaults().withThreads(1).withDepth(pictures.depth()));
        Frames frames = new Frames(pictures, metric, scored)) {
      int i = 0;
      while (i < n && encoded.next()) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("probe scoring cancelled");
        }
        frames.take(i++, encoded.picture());
      }
      return frames.scores(probe);
    }
  }

  /**
   * Scores a probe's pictures against the chunk's, each as it comes, in any order: those that
   * {@code scored} marks (all, when null), the others left NaN. One probe's; not thread-safe.
   */
  static final class Frames implements AutoCloseable {
    private final ChunkPictures pictures;
    private final QualityMetric metric;
    private final boolean[] scored;
    private final double[] scores;
    private final boolean[] taken;
    private final Kernels kernels = Kernels.get();
    private final SsimScratch scratch;
    private final VmafOfFrames vmaf;
    private Yuv420Frame<?> distorted;
    private int count;

    Frames(ChunkPictures pictures, QualityMetric metric, boolean[] scored) {
      this.pictures = pictures;
      this.metric = metric;
      this.scored = scored;
      this.scores = new double[pictures.count()];
      this.taken = new boolean[pictures.count()];
      this.scratch = metric == QualityMetric.SSIM ? new SsimScratch(pictures.size().width()) : null;
      this.vmaf = metric == QualityMetric.VMAF ? new VmafOfFrames(pictures.size(), true, pictures.depth()) : null;
    }

    /** Takes the probe's {@code k}-th picture (yuv420p at the pictures' depth, or 8-bit NV12), valid during the call. */
    void take(int k, AVFrame picture) {
      if (taken[k]) {
        throw new MediaException("the probe has picture " + k + " twice");
      }
      taken[k] = true;
      count++;
      if (scored != null && !scored[k]) {
        scores[k] = Double.NaN;
        return;
      }
      boolean nv12 = picture.format() == avutil.AV_PIX_FMT_NV12;
      if (distorted == null) {
        distorted = nv12 ? YuvFrame.allocate(picture.width(), picture.height()) : FramePlanes.allocateAtDepth(picture);
      }
      if (nv12) {
        FramePlanes.copyInNv12(picture, (YuvFrame) distorted);
      } else {
        FramePlanes.copyIn(picture, distorted);
      }
      scores[k] = score(k);
    }

    private double score(int k) {
      Yuv420Frame<?> reference = pictures.get(k);
      return switch (metric) {
        case SSIM -> SsimScore.of(kernels.metrics(), reference, distorted, scratch).all();
        case PSNR -> Math.min(PsnrScore.of(kernels.metrics(), reference, distorted).psnrAverage(), ChunkQuality.PSNR_CAP);
        // Motion from the chunk at its full rate: the probe's every-other-frame pairs would double it.
        case VMAF -> (pictures.scaledLuma(k) != null
            ? vmaf.score(k, pictures.scaledLuma(k), distorted, pictures.motion2(k))
            : vmaf.score(k, reference, distorted, pictures.motion2(k))).vmaf();
      };
    }

    /** The scores, once every picture of {@code probe} is taken. */
    double[] scores(Path probe) {
      if (count != scores.length) {
        throw new MediaException(probe.getFileName() + " holds " + count + " of the chunk's " + scores.length
            + " probe pictures");
      }
      return scores;
    }

    @Override
    public void close() {
      if (vmaf != null) {
        vmaf.close();
      }
    }
  }
}
