package org.framefork.encoder.encode.filter;

/**
 * {@code crop=auto}: the black bars looked for in the source ({@link CropDetect}) and cropped off.
 * It stands for a {@link CropFilter} that only the source's pictures can give: the job finds the
 * rectangle as it probes the source ({@link FilterChain#withAutoCrop}) and runs that; this filter
 * itself never runs. It comes first in a chain, where the pictures are the source's.
 */
public record AutoCropFilter() implements Filter {
  /** Never: the job runs the rectangle it found instead ({@link FilterChain#withAutoCrop}). */
  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    throw new IllegalStateException("crop=auto runs as the rectangle the job found in the source, not as itself");
  }

  @Override
  public String text() {
    return "crop=auto";
  }
}
