package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.framefork.encoder.kernels.scale.PlaneScaler;

/** 8-bit pictures ({@link YuvFrame}) and the kernels' 8-bit filters. */
record EightBitKernels(PlaneFilter filter, PlaneScaler scaler) implements DepthKernels<YuvFrame, Plane> {
  EightBitKernels(Kernels kernels) {
    this(kernels.filter(), kernels.scaler());
  }

  @Override
  public int depth() {
    return 8;
  }

  @Override
  public YuvFrame allocate(FrameSize size) {
    return YuvFrame.allocate(size.width(), size.height());
  }

  @Override
  public ToneCurve curve(double brightness, double contrast, double gamma) {
    return new ToneCurve(brightness, contrast, gamma);
  }

  @Override
  public void copy(Plane src, Plane dst) {
    src.copyTo(dst);
  }

  @Override
  public Plane window(Plane plane, int x, int y, Plane like) {
    return new Plane(plane.data(), plane.offset() + y * plane.stride() + x, like.width(), like.height(), plane.stride());
  }

  @Override
  public void unsharpMask(Plane src, Plane dst, GaussianKernel kernel, double amount, Plane scratch) {
    filter.unsharpMask(src, dst, kernel, amount, scratch);
  }

  @Override
  public Plane plane(YuvFrame frame, int index) {
    return frame.plane(index);
  }

  @Override
  public void bilinear(Plane src, Plane dst, BilinearPlan plan) {
    scaler.bilinear(src, dst, plan);
  }

  @Override
  public void overlay(Watermark mark, YuvFrame frame, int x, int y) {
    filter.overlay(mark, frame, x, y);
  }

  @Override
  public YuvFrame frame(Plane y, Plane u, Plane v) {
    return new YuvFrame(y, u, v);
  }

  @Override
  public void grayscale(YuvFrame frame) {
    filter.grayscale(frame);
  }

  @Override
  public void applyCurve(Plane src, Plane dst, ToneCurve curve) {
    filter.applyCurve(src, dst, curve);
  }

  @Override
  public void temporalDenoise(Plane current, Plane previous, Plane dst, int threshold, int strength) {
    filter.temporalDenoise(current, previous, dst, threshold, strength);
  }

  @Override
  public void gaussianBlur(Plane src, Plane dst, GaussianKernel kernel, Plane scratch) {
    filter.gaussianBlur(src, dst, kernel, scratch);
  }
}
