package org.framefork.encoder.kernels;

/** A YUV 4:2:0 picture of 8-bit samples as three {@link Plane}s (see {@link Yuv420Frame}). */
public record YuvFrame(Plane y, Plane u, Plane v) implements Yuv420Frame<Plane> {

  public YuvFrame {
    Yuv420Frame.requireChroma(y, u, v);
  }

  /** A new frame with all three planes in one array, the way a decoder lays out yuv420p. */
  public static YuvFrame allocate(int width, int height) {
    int cw = chromaSize(width);
    int ch = chromaSize(height);
    int lumaSize = Math.multiplyExact(width, height);
    byte[] data = new byte[lumaSize + 2 * cw * ch];
    return new YuvFrame(
        new Plane(data, 0, width, height, width),
        new Plane(data, lumaSize, cw, ch, cw),
        new Plane(data, lumaSize + cw * ch, cw, ch, cw));
  }

  @Override
  public int depth() {
    return 8;
  }

  /** Size of a 4:2:0 chroma dimension for a luma dimension: half, rounded up. */
  public static int chromaSize(int lumaSize) {
    return (lumaSize + 1) >> 1;
  }
}
