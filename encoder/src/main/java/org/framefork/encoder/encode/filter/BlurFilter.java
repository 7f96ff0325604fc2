package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.filter.GaussianKernel;

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
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    GaussianKernel luma = new GaussianKernel(radius);
    GaussianKernel chroma = new GaussianKernel((radius + 1) / 2);
    F scratch = k.allocate(in); // one plane of each size
    return frame -> {
      for (int i = 0; i < 3; i++) {
        P p = k.plane(frame, i);
        k.gaussianBlur(p, p, i == 0 ? luma : chroma, k.plane(scratch, Math.min(i, 1)));
      }
      return frame;
    };
  }
}
