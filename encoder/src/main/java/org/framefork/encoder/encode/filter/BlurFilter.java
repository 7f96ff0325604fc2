package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;

/**
 * {@code blur=RADIUS}: Gaussian blur of every plane, RADIUS luma pixels (1 to 32, default 2; sigma
 * is half of it). Chroma has half the resolution, so it is blurred with half the radius (rounded
 * up) to cover the same area of the picture.
 */
public record BlurFilter(int radius) implements Filter {
  static final java.util.List<String> OPTIONS = java.util.List.of("radius");

  static BlurFilter of(FilterArgs a) {
    return new BlurFilter(a.integer("radius", 2, 1, GaussianKernel.MAX_RADIUS));
  }

  @Override
  public String text() {
    return "blur=" + radius;
  }

  @Override
  public FrameStep start(FrameSize in, FilterSetup setup) {
    PlaneFilter filter = setup.kernels().filter();
    GaussianKernel luma = new GaussianKernel(radius);
    GaussianKernel chroma = new GaussianKernel((radius + 1) / 2);
    Plane lumaScratch = Plane.allocate(in.width(), in.height());
    Plane chromaScratch = Plane.allocate(YuvFrame.chromaSize(in.width()), YuvFrame.chromaSize(in.height()));
    return frame -> {
      filter.gaussianBlur(frame.y(), frame.y(), luma, lumaScratch);
      filter.gaussianBlur(frame.u(), frame.u(), chroma, chromaScratch);
      filter.gaussianBlur(frame.v(), frame.v(), chroma, chromaScratch);
      return frame;
    };
  }
}
