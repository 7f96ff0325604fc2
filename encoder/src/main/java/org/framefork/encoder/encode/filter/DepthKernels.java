package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.scale.BilinearPlan;

/**
 * The pictures of one sample depth and the kernels that work on them, so that each filter is
 * written once: {@code F} is the frame type ({@code YuvFrame} at 8 bits, {@code YuvFrame16}
 * deeper), {@code P} its plane type. Settings are given as at 8 bits and scaled to the depth here
 * (the denoise threshold, the tone curve's levels, the watermark's levels), so that a filter means
 * the same to the eye at 8 and at 10 bits.
 */
interface DepthKernels<F, P> {
  /** Bits per sample: 8, or 9 to 16 in 16-bit samples. */
  int depth();

  /** A new frame of {@code size} at this depth. */
  F allocate(FrameSize size);

  /** Plane {@code index} (0 Y, 1 U, 2 V) of {@code frame}. */
  P plane(F frame, int index);

  /** A frame of three planes of this depth (4:2:0 sizes). */
  F frame(P y, P u, P v);

  void copy(P src, P dst);

  /** The part of {@code plane} the size of {@code like} whose top-left sample is (x, y): a view, no copy. */
  P window(P plane, int x, int y, P like);

  void bilinear(P src, P dst, BilinearPlan plan);

  /** The tone curve of the 8-bit settings for this depth's levels. */
  ToneCurve curve(double brightness, double contrast, double gamma);

  void applyCurve(P src, P dst, ToneCurve curve);

  void grayscale(F frame);

  void gaussianBlur(P src, P dst, GaussianKernel kernel, P scratch);

  void unsharpMask(P src, P dst, GaussianKernel kernel, double amount, P scratch);

  /** The temporal denoise with an 8-bit {@code threshold}, scaled to this depth. */
  void temporalDenoise(P current, P previous, P dst, int threshold, int strength);

  void overlay(Watermark mark, F frame, int x, int y);
}
