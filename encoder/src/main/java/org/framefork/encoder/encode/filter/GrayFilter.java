package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.filter.PlaneFilter;

/** {@code gray}: no colour (both chroma planes at the neutral 128); luma as it is. */
public record GrayFilter() implements Filter {
  @Override
  public String text() {
    return "gray";
  }

  @Override
  public FrameStep start(FrameSize in, FilterSetup setup) {
    PlaneFilter filter = setup.kernels().filter();
    return frame -> {
      filter.grayscale(frame);
      return frame;
    };
  }
}
