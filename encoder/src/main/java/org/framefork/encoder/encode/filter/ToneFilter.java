package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.filter.ToneCurve;

/**
 * {@code eq=BRIGHTNESS:CONTRAST:GAMMA} (or {@code eq=contrast=1.2} and so on): one tone curve on
 * the luma plane, colour left as it is. Brightness is an offset in [-1, 1] of the full range (0
 * leaves it), contrast a factor in [0, 4] around mid-grey (1), gamma in [0.1, 10] (1; above 1
 * brightens the mid-tones).
 */
public record ToneFilter(double brightness, double contrast, double gamma) implements Filter {
  static final java.util.List<String> OPTIONS = java.util.List.of("brightness", "contrast", "gamma");

  static ToneFilter of(FilterArgs a) {
    return new ToneFilter(a.decimal("brightness", 0, -1, 1), a.decimal("contrast", 1, 0, 4),
        a.decimal("gamma", 1, 0.1, 10));
  }

  @Override
  public String text() {
    return "eq=" + FilterChain.number(brightness) + ":" + FilterChain.number(contrast) + ":" + FilterChain.number(gamma);
  }

  /** The curve is made for the pictures' depth: 1024 levels at 10 bits. */
  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    ToneCurve curve = k.curve(brightness, contrast, gamma);
    return frame -> {
      P luma = k.plane(frame, 0);
      k.applyCurve(luma, luma, curve);
      return frame;
    };
  }
}
