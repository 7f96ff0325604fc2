package org.framefork.encoder.kernels;

/**
 * A YUV 4:2:0 picture of {@code depth}-bit samples (9 to 16; 10 for yuv420p10le) as three {@link
 * Plane16}s, chroma at half size rounded up, as in {@link YuvFrame}.
 */
public record YuvFrame16(Plane16 y, Plane16 u, Plane16 v, int depth) implements Yuv420Frame<Plane16> {

  public YuvFrame16 {
    Yuv420Frame.requireChroma(y, u, v);
    if (depth < 9 || depth > 16) {
      throw new IllegalArgumentException("a 16-bit-sample frame holds 9 to 16 bits, not " + depth);
    }
  }

  /** A new frame with all three planes in one array. */
  public static YuvFrame16 allocate(int width, int height, int depth) {
    int cw = YuvFrame.chromaSize(width);
    int ch = YuvFrame.chromaSize(height);
    int lumaSize = Math.multiplyExact(width, height);
    short[] data = new short[lumaSize + 2 * cw * ch];
    return new YuvFrame16(new Plane16(data, 0, width, height, width), new Plane16(data, lumaSize, cw, ch, cw),
        new Plane16(data, lumaSize + cw * ch, cw, ch, cw), depth);
  }

  /** The largest sample value: 1023 for 10 bits, FFmpeg's peak for PSNR. */
  public int peak() {
    return (1 << depth) - 1;
  }
}
