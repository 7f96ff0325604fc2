package org.framefork.encoder.encode.filter;

/** {@code gray}: no colour (both chroma planes at the neutral 128, 512 at 10 bits); luma as it is. */
public record GrayFilter() implements Filter {
  @Override
  public String text() {
    return "gray";
  }

  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    return frame -> {
      k.grayscale(frame);
      return frame;
    };
  }
}
