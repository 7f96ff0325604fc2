package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter16;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.framefork.encoder.kernels.scale.PlaneScaler;

/**
 * Pictures of {@code depth} bits in 16-bit samples ({@link YuvFrame16}; 10 for yuv420p10le) and the
 * kernels' 16-bit filters, with the 8-bit settings scaled to the depth.
 */
record SixteenBitKernels(PlaneFilter16 filter, PlaneScaler scaler, int depth)
    implements DepthKernels<YuvFrame16, Plane16> {
  SixteenBitKernels {
    if (depth < 9 || depth > 16) {
      throw new IllegalArgumentException("16-bit samples hold 9 to 16 bits, not " + depth);
    }
  }

  SixteenBitKernels(Kernels kernels, int depth) {
    this(kernels.filter().sixteenBit(), kernels.scaler(), depth);
  }

  @Override
  public YuvFrame16 allocate(FrameSize size) {
    return YuvFrame16.allocate(size.width(), size.height(), depth);
  }

  @Override
  public Plane16 plane(YuvFrame16 frame, int index) {
    return frame.plane(index);
  }

  /** The formula evaluated for each of the depth's levels (1024 at 10 bits), not the 8-bit table's 256. */
  @Override
  public ToneCurve curve(double brightness, double contrast, double gamma) {
    return new ToneCurve(brightness, contrast, gamma, depth);
  }

  @Override
  public void bilinear(Plane16 src, Plane16 dst, BilinearPlan plan) {
    scaler.bilinear(src, dst, plan);
  }

  @Override
  public void copy(Plane16 src, Plane16 dst) {
    src.copyTo(dst);
  }

  @Override
  public Plane16 window(Plane16 plane, int x, int y, Plane16 like) {
    return new Plane16(plane.data(), plane.offset() + y * plane.stride() + x, like.width(), like.height(), plane.stride());
  }

  @Override
  public void overlay(Watermark mark, YuvFrame16 frame, int x, int y) {
    filter.overlay(mark, frame, x, y);
  }

  @Override
  public void unsharpMask(Plane16 src, Plane16 dst, GaussianKernel kernel, double amount, Plane16 scratch) {
    filter.unsharpMask(src, dst, kernel, amount, scratch, depth);
  }

  @Override
  public void applyCurve(Plane16 src, Plane16 dst, ToneCurve curve) {
    filter.applyCurve(src, dst, curve);
  }

  @Override
  public YuvFrame16 frame(Plane16 y, Plane16 u, Plane16 v) {
    return new YuvFrame16(y, u, v, depth);
  }

  @Override
  public void grayscale(YuvFrame16 frame) {
    filter.grayscale(frame);
  }

  /**
   * The threshold times 2^(depth - 8): a difference of 10 levels at 8 bits is one of 40 at 10,
   * the same step in brightness, so {@code denoise=4:10} settles the same noise at either depth.
   */
  @Override
  public void temporalDenoise(Plane16 current, Plane16 previous, Plane16 dst, int threshold, int strength) {
    filter.temporalDenoise(current, previous, dst, threshold << (depth - 8), strength);
  }

  @Override
  public void gaussianBlur(Plane16 src, Plane16 dst, GaussianKernel kernel, Plane16 scratch) {
    filter.gaussianBlur(src, dst, kernel, scratch);
  }
}
