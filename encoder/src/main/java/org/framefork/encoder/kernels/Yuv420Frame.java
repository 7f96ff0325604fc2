package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * A YUV 4:2:0 picture as three planes: luma at full size, each chroma plane at half the width and
 * half the height, rounded up (a 1919x1079 picture has 960x540 chroma, as in FFmpeg). {@link
 * YuvFrame} holds 8-bit samples, {@link YuvFrame16} 9- to 16-bit ones.
 */
public sealed interface Yuv420Frame<P extends PlaneGeometry> permits YuvFrame, YuvFrame16 {
  P y();

  P u();

  P v();

  default int width() {
    return y().width();
  }

  default int height() {
    return y().height();
  }

  /** A new frame of {@code depth}-bit samples: a {@link YuvFrame} for 8 bits, a {@link YuvFrame16} for more. */
  static Yuv420Frame<?> allocate(int width, int height, int depth) {
    return depth == 8 ? YuvFrame.allocate(width, height) : YuvFrame16.allocate(width, height, depth);
  }

  /** Bits per sample: 8 for a {@link YuvFrame}. */
  int depth();

  /** Plane {@code index}: 0 is Y, 1 is U, 2 is V. */
  default P plane(int index) {
    return switch (index) {
      case 0 -> y();
      case 1 -> u();
      case 2 -> v();
      default -> throw new IndexOutOfBoundsException("plane " + index + " of a YUV frame");
    };
  }

  /** Throws unless {@code u} and {@code v} are the 4:2:0 chroma planes of a picture of luma {@code y}. */
  static void requireChroma(PlaneGeometry y, PlaneGeometry u, PlaneGeometry v) {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(u, "u");
    Objects.requireNonNull(v, "v");
    int cw = YuvFrame.chromaSize(y.width());
    int ch = YuvFrame.chromaSize(y.height());
    if (u.width() != cw || u.height() != ch || v.width() != cw || v.height() != ch) {
      throw new IllegalArgumentException(
          "4:2:0 chroma of a " + y.width() + "x" + y.height() + " picture must be " + cw + "x" + ch
              + ", not " + u.width() + "x" + u.height() + " and " + v.width() + "x" + v.height());
    }
  }
}
