package org.framefork.encoder.verify;

import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.metric.PsnrScore;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.kernels.metric.SsimScratch;

/**
 * Measures frames against their references with the metric kernels and keeps the running sums
 * FFmpeg's filters keep (per-plane MSE, sample-weighted MSE and its extremes, SSIM per plane and
 * overall). One per thread: it holds the SSIM scratch. Tallies of pieces of one video {@link
 * #add} up to the tally of the whole.
 */
public final class QualityTally {
  private final Kernels kernels;
  private SsimScratch scratch;
  private int scratchWidth;
  private long frames;
  private double mseY;
  private double mseU;
  private double mseV;
  private double mseAverage;
  private double minMse = Double.POSITIVE_INFINITY;
  private double maxMse = Double.NEGATIVE_INFINITY;
  private double ssimY;
  private double ssimU;
  private double ssimV;
  private double ssimAll;
  /** The samples' peak, for the dB of the means: 255, or 1023 once 10-bit frames are measured. */
  private int peak = PsnrScore.PEAK;

  public QualityTally(Kernels kernels) {
    this.kernels = kernels;
  }

  public QualityTally() {
    this(Kernels.get());
  }

  /** Measures {@code distorted} against {@code reference} (same size), counts it, and returns the frame's figures. */
  public FrameQuality measure(YuvFrame reference, YuvFrame distorted) {
    if (reference.width() != distorted.width() || reference.height() != distorted.height()) {
      throw new IllegalArgumentException("frames of " + reference.width() + "x" + reference.height() + " and "
          + distorted.width() + "x" + distorted.height() + " cannot be compared");
    }
    PsnrScore p = PsnrScore.of(kernels.metrics(), reference, distorted);
    SsimScore s = SsimScore.of(kernels.metrics(), reference, distorted, scratchFor(reference.width()));
    return count(p, s);
  }

  /** The same for frames of 16-bit samples (10-bit video), against the depth's peak. */
  public FrameQuality measure(YuvFrame16 reference, YuvFrame16 distorted) {
    if (reference.width() != distorted.width() || reference.height() != distorted.height() || reference.depth() != distorted.depth()) {
      throw new IllegalArgumentException("frames of " + reference.width() + "x" + reference.height() + " and "
          + distorted.width() + "x" + distorted.height() + " (or of other depths) cannot be compared");
    }
    PsnrScore p = PsnrScore.of(kernels.metrics(), reference, distorted);
    SsimScore s = SsimScore.of(kernels.metrics(), reference, distorted, scratchFor(reference.width()));
    return count(p, s);
  }

  private SsimScratch scratchFor(int width) {
    if (scratch == null || width > scratchWidth) {
      scratch = new SsimScratch(width);
      scratchWidth = width;
    }
    return scratch;
  }

  private FrameQuality count(PsnrScore p, SsimScore s) {
    peak = p.peak();
    long index = frames++;
    mseY += p.mseY();
    mseU += p.mseU();
    mseV += p.mseV();
    mseAverage += p.mseAverage();
    minMse = Math.min(minMse, p.mseAverage());
    maxMse = Math.max(maxMse, p.mseAverage());
    ssimY += s.y();
    ssimU += s.u();
    ssimV += s.v();
    ssimAll += s.all();
    return new FrameQuality(index, p.psnrY(), p.psnrU(), p.psnrV(), p.psnrAverage(), s.y(), s.u(), s.v(), s.all());
  }

  /** Adds {@code other}'s frames to this tally. */
  public void add(QualityTally other) {
    frames += other.frames;
    peak = other.frames > 0 ? other.peak : peak;
    mseY += other.mseY;
    mseU += other.mseU;
    mseV += other.mseV;
    mseAverage += other.mseAverage;
    minMse = Math.min(minMse, other.minMse);
    maxMse = Math.max(maxMse, other.maxMse);
    ssimY += other.ssimY;
    ssimU += other.ssimU;
    ssimV += other.ssimV;
    ssimAll += other.ssimAll;
  }

  public long frames() {
    return frames;
  }

  /** The means so far, as FFmpeg's filters print them at the end; NaN everywhere before the first frame. */
  public QualityScore score(double seconds) {
    if (frames == 0) {
      double nan = Double.NaN;
      return new QualityScore(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, seconds);
    }
    double n = frames;
    return new QualityScore(frames,
        PsnrScore.psnr(mseY / n, peak), PsnrScore.psnr(mseU / n, peak), PsnrScore.psnr(mseV / n, peak),
        PsnrScore.psnr(mseAverage / n, peak), PsnrScore.psnr(maxMse, peak), PsnrScore.psnr(minMse, peak),
        ssimY / n, ssimU / n, ssimV / n, ssimAll / n, seconds);
  }
}
