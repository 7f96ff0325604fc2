package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * A YUV 4:2:0 picture as three planes: luma at full size, each chroma plane at half the width and
 * half the height, rounded up (a 1919x1079 picture has 960x540 chroma, as in FFmpeg).
 */
public record YuvFrame(Plane y, Plane u, Plane v) {

  public YuvFrame {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(u, "u");
    Objects.requireNonNull(v, "v");
    int cw = chromaSize(y.width());
    int ch = chromaSize(y.height());
    if (u.width() != cw || u.height() != ch || v.width() != cw || v.height() != ch) {
      throw new IllegalArgumentException(
          "4:2:0 chroma of a " + y.width() + "x" + y.height() + " picture must be " + cw + "x" + ch
              + ", not " + u.width() + "x" + u.height() + " and " + v.width() + "x" + v.height());
    }
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

  /** Size of a 4:2:0 chroma dimension for a luma dimension: half, rounded up. */
  public static int chromaSize(int lumaSize) {
    return (lumaSize + 1) >> 1;
  }

  public int width() {
    return y.width();
  }

  public int height() {
    return y.height();
  }

  /** Plane {@code index}: 0 is Y, 1 is U, 2 is V. */
  public Plane plane(int index) {
    return switch (index) {
      case 0 -> y;
      case 1 -> u;
      case 2 -> v;
      default -> throw new IndexOutOfBoundsException("plane " + index + " of a YUV frame");
    };
  }
}
