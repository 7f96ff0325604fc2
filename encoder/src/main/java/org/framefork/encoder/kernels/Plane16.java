package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * One image plane of 9- to 16-bit samples, one {@code short} each (what FFmpeg's yuv420p10le holds,
 * little-endian in native memory): {@code height} rows of {@code width} samples, row {@code y}
 * starting at {@code offset + y * stride} in {@code data}. Samples are unsigned (read them with
 * {@code & 0xFFFF}); a kernel says which depths it takes. A view, like {@link Plane}.
 */
public record Plane16(short[] data, int offset, int width, int height, int stride) {

  public Plane16 {
    Objects.requireNonNull(data, "data");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("plane must be at least 1x1, not " + width + "x" + height);
    }
    if (stride < width) {
      throw new IllegalArgumentException("stride " + stride + " is less than width " + width);
    }
    if (offset < 0 || offset + (long) (height - 1) * stride + width > data.length) {
      throw new IllegalArgumentException("a " + width + "x" + height + " plane with stride " + stride + " at offset " + offset
          + " does not fit in " + data.length + " samples");
    }
  }

  /** A new zero-filled plane whose stride is its width. */
  public static Plane16 allocate(int width, int height) {
    return new Plane16(new short[Math.multiplyExact(width, height)], 0, width, height, width);
  }

  public int rowStart(int y) {
    return offset + y * stride;
  }

  /** The sample at (x, y), unsigned. For tests and setup code; kernels index {@code data} directly. */
  public int get(int x, int y) {
    return data[rowStart(y) + x] & 0xFFFF;
  }

  public void set(int x, int y, int value) {
    data[rowStart(y) + x] = (short) value;
  }

  /** Throws unless {@code other} has this plane's width and height; {@code what} names the pair. */
  public void requireSameSize(Plane16 other, String what) {
    if (width != other.width || height != other.height) {
      throw new IllegalArgumentException(what + ": planes differ in size (" + width + "x" + height + " vs " + other.width + "x"
          + other.height + ")");
    }
  }
}
