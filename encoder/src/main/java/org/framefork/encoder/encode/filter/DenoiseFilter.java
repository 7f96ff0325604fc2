package org.framefork.encoder.encode.filter;

/**
 * {@code denoise=STRENGTH:THRESHOLD}: temporal denoise of every plane. Where a sample differs from
 * the previous output picture by less than THRESHOLD (1 to 255, default 10) it moves STRENGTH
 * sixteenths (1 to 16, default 4) of the way towards it; larger differences (motion, cuts) are
 * kept. Recursive, so still areas settle over several frames. THRESHOLD is in 8-bit levels at
 * every depth: at 10 bits it is four times as many 10-bit levels, the same step in brightness.
 *
 * <p>Each chunk starts fresh: its first picture has no previous one and passes unchanged, because
 * chunks are encoded independently and a chunk cannot wait for the one before it. A few frames
 * after each chunk boundary are therefore a little noisier than the rest.
 */
public record DenoiseFilter(int strength, int threshold) implements Filter {
  static final java.util.List<String> OPTIONS = java.util.List.of("strength", "threshold");

  static DenoiseFilter of(FilterArgs a) {
    return new DenoiseFilter(a.integer("strength", 4, 1, 16), a.integer("threshold", 10, 1, 255));
  }

  @Override
  public String text() {
    return "denoise=" + strength + ":" + threshold;
  }

  @Override
  public boolean temporal() {
    return true;
  }

  /** The threshold is in 8-bit levels at any depth: {@link DepthKernels} scales it. */
  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    F previous = k.allocate(in);
    return new FrameStep<>() {
      private boolean first = true;

      @Override
      public F apply(F frame) {
        for (int i = 0; i < 3; i++) {
          P p = k.plane(frame, i);
          if (!first) {
            k.temporalDenoise(p, k.plane(previous, i), p, threshold, strength);
          }
          k.copy(p, k.plane(previous, i));
        }
        first = false;
        return frame;
      }
    };
  }
}
