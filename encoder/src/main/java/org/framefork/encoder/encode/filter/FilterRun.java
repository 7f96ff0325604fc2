package org.framefork.encoder.encode.filter;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * A filter chain at work in one chunk: every filter's plans, scratch planes and memory (the
 * denoise's previous picture) made once, then reused frame after frame. It works at one depth:
 * 8-bit pictures ({@link YuvFrame}) or deeper ones in 16-bit samples ({@link YuvFrame16}, 10 bits
 * for a 10-bit source). Belongs to one chunk and one thread at a time; nothing in it is shared with
 * another chunk.
 */
public final class FilterRun {
  /** The steps at 8 bits, or null. */
  private final List<FrameStep<YuvFrame>> steps;
  /** The steps at {@link #depth} bits in 16-bit samples, or null. */
  private final List<FrameStep<YuvFrame16>> steps16;
  private final int depth;
  private final FrameSize input;
  private final FrameSize output;

  FilterRun(FilterSetup setup, FrameSize input, int depth) {
    Kernels kernels = setup.kernels();
    this.depth = depth;
    this.steps = depth == 8 ? start(setup, input, new EightBitKernels(kernels)) : null;
    this.steps16 = depth == 8 ? null : start(setup, input, new SixteenBitKernels(kernels, depth));
    this.input = input;
    this.output = setup.chain().outputSize(input);
  }

  private static <F, P> List<FrameStep<F>> start(FilterSetup setup, FrameSize input, DepthKernels<F, P> kernels) {
    List<FrameStep<F>> out = new ArrayList<>();
    FrameSize size = input;
    for (Filter f : setup.chain().filters()) {
      out.add(f.start(size, setup, kernels));
      size = f.outputSize(size);
    }
    return out;
  }

  /** Runs the chain on {@code frame} (of the input size); the result is valid until the next call. */
  public YuvFrame apply(YuvFrame frame) {
    if (steps == null) {
      throw new IllegalStateException("this filter run takes " + depth + "-bit pictures, not 8-bit ones");
    }
    return run(steps, frame, frame.width(), frame.height());
  }

  /** Runs the chain on {@code frame} (of the input size and depth); the result is valid until the next call. */
  public YuvFrame16 apply(YuvFrame16 frame) {
    if (steps16 == null || frame.depth() != depth) {
      throw new IllegalStateException("this filter run takes " + depth + "-bit pictures, not " + frame.depth() + "-bit ones");
    }
    return run(steps16, frame, frame.width(), frame.height());
  }

  private <F> F run(List<FrameStep<F>> chain, F frame, int width, int height) {
    if (width != input.width() || height != input.height()) {
      throw new IllegalArgumentException("this filter run takes " + input + " pictures, not " + width + "x" + height);
    }
    F f = frame;
    for (int i = 0; i < chain.size(); i++) { // indexed: no iterator per frame
      f = chain.get(i).apply(f);
    }
    return f;
  }

  public FrameSize inputSize() {
    return input;
  }

  public FrameSize outputSize() {
    return output;
  }

  /** Bits per sample of the pictures this run takes and gives: 8, or 10 for a 10-bit source. */
  public int depth() {
    return depth;
  }
}
