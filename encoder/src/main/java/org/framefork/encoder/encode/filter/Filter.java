package org.framefork.encoder.encode.filter;

/**
 * One filter of a chain, its parameters checked. A filter is plain data (it is part of a job's
 * identity); {@link #start} makes the working state for one chunk, at the depth of its pictures.
 */
public sealed interface Filter
    permits ScaleFilter, CropFilter, AutoCropFilter, ToneFilter, GrayFilter, BlurFilter, SharpenFilter, DenoiseFilter, OverlayFilter {

  /** The filter as {@code --vf} text, normalised: parsing it gives an equal filter. */
  String text();

  /** The size of the pictures this filter makes from pictures of size {@code in}. */
  default FrameSize outputSize(FrameSize in) {
    return in;
  }

  /**
   * Whether a picture's result depends on the pictures before it: the chunk's own run then gives
   * a picture past the chunk's end otherwise than the next chunk's fresh run gives it.
   */
  default boolean temporal() {
    return false;
  }

  /**
   * The filter's state for one chunk whose pictures reach it at size {@code in}, as frames of type
   * {@code F} that {@code kernels} work on (8-bit or deeper).
   */
  <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> kernels);
}
