package org.framefork.encoder.verify;

/**
 * Mean PSNR and SSIM of a sequence of frames against their references, summed up as FFmpeg's
 * {@code psnr} and {@code ssim} filters print them at the end of a run: PSNR per plane and
 * {@code average} from the mean MSE over all frames (not the mean of the frames' dB), {@code min}
 * and {@code max} the worst and best frame's average PSNR; SSIM per plane and {@code all} the mean
 * of the frames' scores. Infinite PSNR means identical pictures.
 *
 * @param seconds how long the measurement took
 */
public record QualityScore(
    long frames,
    double psnrY,
    double psnrU,
    double psnrV,
    double psnrAverage,
    double psnrMin,
    double psnrMax,
    double ssimY,
    double ssimU,
    double ssimV,
    double ssimAll,
    double seconds) {

  /** FFmpeg's dB form of the overall SSIM: {@code 10 * log10(1 / (1 - ssim))}. */
  public double ssimAllDecibels() {
    return org.framefork.encoder.kernels.metric.SsimScore.decibels(ssimAll);
  }

  public QualityScore withSeconds(double s) {
    return new QualityScore(frames, psnrY, psnrU, psnrV, psnrAverage, psnrMin, psnrMax, ssimY, ssimU, ssimV, ssimAll, s);
  }
}
