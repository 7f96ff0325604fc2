package org.framefork.encoder.kernels.metric;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

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

  /** The most bits a sample of the 16-bit kernels may have: their int sums hold 10-bit samples exactly. */
  int MAX_DEPTH_16 = 10;

  /** Sum of absolute differences of two planes of samples of at most {@link #MAX_DEPTH_16} bits. */
  long sad(Plane16 a, Plane16 b);

  /** Sum of squared errors of two planes of samples of at most {@link #MAX_DEPTH_16} bits. */
  long sse(Plane16 a, Plane16 b);

  /**
   * SSIM as FFmpeg's {@code ssim} filter computes it for planes deeper than 8 bits: the same 4x4
   * blocks and overlapping 8x8 windows as {@link #ssim(Plane, Plane, SsimScratch)}, with the
   * constants of the depth's peak ({@code c1 = round(.01^2 * peak^2 * 64)}, {@code c2 =
   * round(.03^2 * peak^2 * 64 * 63)}) and each window's products in 64-bit integers, its score in
   * float. Samples of 9 to {@link #MAX_DEPTH_16} bits.
   */
  double ssim(Plane16 a, Plane16 b, int depth, SsimScratch scratch);

  /** Throws unless the 16-bit kernels take samples of {@code depth} bits. */
  static void requireDepth16(int depth) {
    if (depth < 9 || depth > MAX_DEPTH_16) {
      throw new IllegalArgumentException("the 16-bit metric kernels take 9- to " + MAX_DEPTH_16 + "-bit samples, not " + depth);
    }
  }
}
