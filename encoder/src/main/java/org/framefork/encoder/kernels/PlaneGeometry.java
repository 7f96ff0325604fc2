package org.framefork.encoder.kernels;

/**
 * What a plane is whatever the size of its samples: {@code height} rows of {@code width} samples,
 * row {@code y} starting at {@code offset + y * stride} in its array. {@link Plane} holds 8-bit
 * samples, {@link Plane16} 9- to 16-bit ones; what reads or writes samples stays with each, as
 * the arrays differ.
 */
public sealed interface PlaneGeometry permits Plane, Plane16 {
  int offset();

  int width();

  int height();

  int stride();

  /** Index in the plane's array of the first sample of row {@code y}. */
  default int rowStart(int y) {
    return offset() + y * stride();
  }

  default boolean sameSizeAs(PlaneGeometry other) {
    return width() == other.width() && height() == other.height();
  }

  /** Throws unless {@code other} has this plane's width and height; {@code what} names the pair. */
  default void requireSameSize(PlaneGeometry other, String what) {
    if (!sameSizeAs(other)) {
      throw new IllegalArgumentException(
          what + ": planes differ in size (" + width() + "x" + height() + " vs " + other.width() + "x"
              + other.height() + ")");
    }
  }
}
