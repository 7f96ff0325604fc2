package org.framefork.encoder.kernels.filter;

import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * {@link PlaneFilter}'s filters for 16-bit samples (9 to 16 bits; 10 for yuv420p10le), so that a
 * 10-bit picture is filtered at 10 bits: the same integer arithmetic and rounding on {@link
 * Plane16}s, clamped to the depth's peak {@code (1 << depth) - 1}. Each {@link PlaneFilter} gives
 * its twin ({@link PlaneFilter#sixteenBit()}).
 */
public interface PlaneFilter16 extends Watermark.RegionBlend<YuvFrame16> {

  /** {@code dst = curve(src)} with a curve made for the samples' depth; {@code dst} may be {@code src}. */
  void applyCurve(Plane16 src, Plane16 dst, ToneCurve curve);

  /** Sets every sample of {@code plane} to {@code value}. */
  void fill(Plane16 plane, int value);

  /** Grey picture: both chroma planes to the neutral value, 512 at 10 bits. */
  default void grayscale(YuvFrame16 frame) {
    int neutral = 1 << (frame.depth() - 1);
    fill(frame.u(), neutral);
    fill(frame.v(), neutral);
  }

  /** The separable Gaussian blur of {@link PlaneFilter#gaussianBlur}. */
  void gaussianBlur(Plane16 src, Plane16 dst, GaussianKernel kernel, Plane16 scratch);

  /** The unsharp mask of {@link PlaneFilter#unsharpMask}, clamped to 0..(1 << depth) - 1. */
  void unsharpMask(Plane16 src, Plane16 dst, GaussianKernel kernel, double amount, Plane16 scratch, int depth);

  /**
   * The temporal denoise of {@link PlaneFilter#temporalDenoise}; {@code threshold} is in the
   * samples' own units (an 8-bit threshold times 4 at 10 bits), up to 65536.
   */
  void temporalDenoise(Plane16 current, Plane16 previous, Plane16 dst, int threshold, int strength);

  /**
   * {@link PlaneFilter#overlay} onto a deeper frame: the watermark's 8-bit levels brought to the
   * frame's depth in its range (shifted in limited range, spread to the peak in full range; see
   * {@link Watermark#deepen}), its alpha as at 8 bits.
   */
  default void overlay(Watermark mark, YuvFrame16 frame, int x, int y) {
    mark.place(frame, frame.width(), frame.height(), x, y, this);
  }
}
