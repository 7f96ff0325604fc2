package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.filter.PlaneFilter;

/**
 * {@code denoise=STRENGTH:THRESHOLD}: temporal denoise of every plane. Where a sample differs from
 * the previous output picture by less than THRESHOLD (1 to 255, default 10) it moves STRENGTH
 * sixteenths (1 to 16, default 4) of the way towards it; larger differences (motion, cuts) are
 * kept. Recursive, so still areas settle over several frames.
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
  public FrameStep start(FrameSize in, FilterSetup setup) {
    PlaneFilter filter = setup.kernels().filter();
    YuvFrame previous = YuvFrame.allocate(in.width(), in.height());
    return new FrameStep() {
      private boolean first = true;

      @Override
      public YuvFrame apply(YuvFrame frame) {
        for (int i = 0; i < 3; i++) {
          Plane p = frame.plane(i);
          if (!first) {
            filter.temporalDenoise(p, previous.plane(i), p, threshold, strength);
          }
          FilterRun.copy(p, previous.plane(i));
        }
        first = false;
        return frame;
      }
    };
  }
}
