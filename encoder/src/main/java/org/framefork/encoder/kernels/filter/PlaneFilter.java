package org.framefork.encoder.kernels.filter;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * Per-plane picture filters. Sizes of the planes handed in together must match; where a filter
 * needs working memory the caller passes it, so that no filter allocates per frame.
 *
 * <p>Each filter has a 16-bit twin for deeper pictures, in {@link #sixteenBit()}.
 */
public interface PlaneFilter {

  /** {@code dst = curve(src)}; {@code dst} may be {@code src}. */
  void applyCurve(Plane src, Plane dst, ToneCurve curve);

  /** Sets every sample of {@code plane} to {@code value}. */
  void fill(Plane plane, int value);

  /** Grey picture: both chroma planes to 128, the neutral value. */
  default void grayscale(YuvFrame frame) {
    fill(frame.u(), 128);
    fill(frame.v(), 128);
  }

  /**
   * Separable Gaussian blur, edges repeated: a vertical pass into {@code scratch} and a horizontal
   * pass into {@code dst}, each rounded to 8 bits. {@code dst} may be {@code src}; {@code scratch}
   * is a third plane of the same size.
   */
  void gaussianBlur(Plane src, Plane dst, GaussianKernel kernel, Plane scratch);

  /**
   * Unsharp mask: {@code dst = src + amount * (src - blur(src))}, clamped, with {@code amount} in
   * 1/32 steps up to 3.96. {@code dst} must not be {@code src} (it holds the blur for a while).
   */
  void unsharpMask(Plane src, Plane dst, GaussianKernel kernel, double amount, Plane scratch);

  /**
   * Temporal denoise: where {@code |current - previous| < threshold}, moves the sample towards the
   * previous frame's by {@code strength}/16; elsewhere (motion, cuts) keeps it. {@code dst} may
   * be {@code current}.
   */
  void temporalDenoise(Plane current, Plane previous, Plane dst, int threshold, int strength);

  /**
   * Alpha-blends {@code mark} onto {@code frame} with its top-left corner at (x, y), both rounded
   * down to even; parts outside the frame are clipped.
   */
  void overlay(Watermark mark, YuvFrame frame, int x, int y);

  /**
   * This implementation's twin for 16-bit samples (plain Java or Vector API, as this one), which
   * filters deeper pictures the same way.
   */
  PlaneFilter16 sixteenBit();

  /** Unsharp amounts are Q5 so that {@code 255 * amount} fits a signed 16-bit lane. */
  int UNSHARP_BITS = 5;

  static int unsharpAmount(double amount) {
    if (!(amount >= 0 && amount <= 127.0 / (1 << UNSHARP_BITS))) {
      throw new IllegalArgumentException("unsharp amount must be in [0, 3.96], not " + amount);
    }
    return (int) Math.round(amount * (1 << UNSHARP_BITS));
  }

  static void requireDenoiseSettings(int threshold, int strength) {
    requireDenoiseSettings(threshold, strength, 256);
  }

  /** The thresholds of deeper samples go up to 65536 (every difference at 16 bits). */
  static void requireDenoiseSettings(int threshold, int strength, int maxThreshold) {
    if (threshold < 0 || threshold > maxThreshold) {
      throw new IllegalArgumentException("denoise threshold must be in [0, " + maxThreshold + "], not " + threshold);
    }
    if (strength < 0 || strength > 16) {
      throw new IllegalArgumentException("denoise strength must be in [0, 16], not " + strength);
    }
  }
}
