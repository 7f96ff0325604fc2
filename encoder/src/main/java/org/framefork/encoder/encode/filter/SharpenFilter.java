package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;

/**
 * {@code sharpen=AMOUNT:RADIUS}: unsharp mask on the luma plane, {@code y + AMOUNT * (y -
 * blur(y))} with AMOUNT in [0, 3.96] (default 0.6, in steps of 1/32) and a Gaussian of RADIUS
 * pixels (1 to 32, default 2). Chroma is left alone: sharpening it only brings out colour noise.
 */
public record SharpenFilter(double amount, int radius) implements Filter {
  static final java.util.List<String> OPTIONS = java.util.List.of("amount", "radius");

  static SharpenFilter of(FilterArgs a) {
    return new SharpenFilter(a.decimal("amount", 0.6, 0, 127.0 / (1 << PlaneFilter.UNSHARP_BITS)),
        a.integer("radius", 2, 1, GaussianKernel.MAX_RADIUS));
  }

  @Override
  public String text() {
    return "sharpen=" + FilterChain.number(amount) + ":" + radius;
  }

  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    GaussianKernel kernel = new GaussianKernel(radius);
    P scratch = k.plane(k.allocate(in), 0);
    P sharpened = k.plane(k.allocate(in), 0);
    // The result takes the sharpened luma and the input's chroma; the frame record is made again
    // only when the input frame changes (it does not, from one picture to the next of a chunk).
    return new FrameStep<>() {
      private F lastIn;
      private F lastOut;

      @Override
      public F apply(F frame) {
        k.unsharpMask(k.plane(frame, 0), sharpened, kernel, amount, scratch);
        if (frame != lastIn) {
          lastIn = frame;
          lastOut = k.frame(sharpened, k.plane(frame, 1), k.plane(frame, 2));
        }
        return lastOut;
      }
    };
  }
}
