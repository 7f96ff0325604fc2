package org.framefork.encoder.encode.filter;

import java.nio.file.Path;
import java.util.Map;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.kernels.filter.Watermark;

/**
 * A chain ready for one job: the kernels it runs on and the overlay pictures, decoded and converted
 * once. Shared read-only by every chunk of the job; each chunk {@link #start}s its own run.
 */
public final class FilterSetup {
  private final FilterChain chain;
  private final Kernels kernels;
  private final Map<Path, Watermark> watermarks;
  private final ColourMatrix matrix;
  private final ColourRange range;

  FilterSetup(FilterChain chain, Kernels kernels, Map<Path, Watermark> watermarks, ColourMatrix matrix, ColourRange range) {
    this.chain = chain;
    this.matrix = matrix;
    this.range = range;
    this.kernels = kernels;
    this.watermarks = Map.copyOf(watermarks);
  }

  public FilterChain chain() {
    return chain;
  }

  /** The matrix of the source's colours, which the overlay pictures were converted with. */
  public ColourMatrix matrix() {
    return matrix;
  }

  /** The range of the source's pictures, which the overlay pictures were converted to. */
  public ColourRange range() {
    return range;
  }

  public Kernels kernels() {
    return kernels;
  }

  Watermark watermark(Path file) {
    Watermark w = watermarks.get(file);
    if (w == null) {
      throw new IllegalStateException("overlay picture " + file + " was not loaded");
    }
    return w;
  }

  /** The working state of the chain for one chunk whose pictures are {@code in}, at 8 bits. */
  public FilterRun start(FrameSize in) {
    return new FilterRun(this, in, 8);
  }

  /**
   * The working state of the chain for one chunk whose pictures are {@code in}, at {@code depth}
   * bits: 8, or 9 to 16 in 16-bit samples (10 for a 10-bit source).
   */
  public FilterRun start(FrameSize in, int depth) {
    return new FilterRun(this, in, depth);
  }
}
