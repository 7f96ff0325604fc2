package org.framefork.encoder.encode.filter;

import java.util.List;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * A filter chain at work in one chunk: every filter's plans, scratch planes and memory (the
 * denoise's previous picture) made once, then reused frame after frame. Belongs to one chunk and
 * one thread at a time; nothing in it is shared with another chunk.
 */
public final class FilterRun {
  private final FrameStep[] steps;
  private final FrameSize input;
  private final FrameSize output;

  FilterRun(FilterSetup setup, FrameSize input) {
    List<Filter> filters = setup.chain().filters();
    steps = new FrameStep[filters.size()];
    FrameSize size = input;
    for (int i = 0; i < steps.length; i++) {
      steps[i] = filters.get(i).start(size, setup);
      size = filters.get(i).outputSize(size);
    }
    this.input = input;
    this.output = size;
  }

  /** Runs the chain on {@code frame} (of the input size); the result is valid until the next call. */
  public YuvFrame apply(YuvFrame frame) {
    if (frame.width() != input.width() || frame.height() != input.height()) {
      throw new IllegalArgumentException("this filter run takes " + input + " pictures, not " + frame.width() + "x"
          + frame.height());
    }
    YuvFrame f = frame;
    for (FrameStep step : steps) {
      f = step.apply(f);
    }
    return f;
  }

  public FrameSize inputSize() {
    return input;
  }

  public FrameSize outputSize() {
    return output;
  }

  /** Copies {@code src} into {@code dst} of the same size, row by row where the strides differ. */
  static void copy(Plane src, Plane dst) {
    src.requireSameSize(dst, "copy");
    if (src.stride() == src.width() && dst.stride() == dst.width()) {
      System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), src.width() * src.height());
      return;
    }
    for (int y = 0; y < src.height(); y++) {
      System.arraycopy(src.data(), src.rowStart(y), dst.data(), dst.rowStart(y), src.width());
    }
  }
}
