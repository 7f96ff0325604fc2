package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * One 8-bit image plane: {@code height} rows of {@code width} samples, row {@code y} starting at
 * {@code offset + y * stride} in {@code data}. Samples are unsigned (read them with {@code & 0xFF}).
 *
 * <p>A plane is a view: several planes can share one array (the three planes of a decoded frame),
 * and the bytes between {@code width} and {@code stride} belong to nobody, so kernels neither read
 * nor write them. Callers create their planes once and reuse them for every frame.
 */
public record Plane(byte[] data, int offset, int width, int height, int stride) implements PlaneGeometry {

  public Plane {
    Objects.requireNonNull(data, "data");
    checkLayout(data.length, offset, width, height, stride, "bytes");
  }

  /** Throws unless a plane of this layout fits in {@code length} samples (counted in {@code unit}). */
  static void checkLayout(int length, int offset, int width, int height, int stride, String unit) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("plane must be at least 1x1, not " + width + "x" + height);
    }
    if (stride < width) {
      throw new IllegalArgumentException("stride " + stride + " is less than width " + width);
    }
    if (offset < 0 || offset + (long) (height - 1) * stride + width > length) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " plane with stride " + stride + " at offset " + offset
              + " does not fit in " + length + " " + unit);
    }
  }

  /** A new zero-filled plane whose stride is its width. */
  public static Plane allocate(int width, int height) {
    return new Plane(new byte[Math.multiplyExact(width, height)], 0, width, height, width);
  }

  /** The sample at (x, y), unsigned. For tests and setup code; kernels index {@code data} directly. */
  public int get(int x, int y) {
    return data[rowStart(y) + x] & 0xFF;
  }

  public void set(int x, int y, int value) {
    data[rowStart(y) + x] = (byte) value;
  }

  /** Copies this plane's samples into {@code to}, which has its size (row by row: the strides may differ). */
  public void copyTo(Plane to) {
    requireSameSize(to, "copy");
    for (int y = 0; y < height; y++) {
      System.arraycopy(data, rowStart(y), to.data, to.rowStart(y), width);
    }
  }

}
