package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Plane;

/**
 * Differences between two planes of the same size. SAD and SSE are exact integers; SSIM follows
 * FFmpeg's {@code ssim} filter (libavfilter/vf_ssim.c) so that FrameFork's numbers and {@code
 * ffmpeg -lavfi ssim} agree.
 */
public interface PlaneMetrics {

  /** Sum of absolute differences. */
  long sad(Plane a, Plane b);

  /** Sum of squared errors; {@link PsnrScore} turns it into MSE and PSNR as FFmpeg's psnr does. */
  long sse(Plane a, Plane b);

  /**
   * SSIM as FFmpeg computes it for 8-bit planes: sums over 4x4 blocks, combined into 8x8 windows
   * that overlap by 4 (so the window grid is {@code (width/4 - 1) x (height/4 - 1)}), with
   * {@code c1 = round(.01^2 * 255^2 * 64)} and {@code c2 = round(.03^2 * 255^2 * 64 * 63)}; each
   * window's score is evaluated in float and the scores are summed in double, row by row. Columns
   * and rows past the last whole 4x4 block are ignored, as FFmpeg ignores them. Planes smaller
   * than 8x8 have no window: the result is NaN (FFmpeg prints nan).
   *
   * @param scratch reusable working memory for planes up to its width
   */
  double ssim(Plane a, Plane b, SsimScratch scratch);
}
