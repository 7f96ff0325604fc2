package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * One image plane of 9- to 16-bit samples, one {@code short} each (what FFmpeg's yuv420p10le holds,
 * little-endian in native memory): {@code height} rows of {@code width} samples, row {@code y}
 * starting at {@code offset + y * stride} in {@code data}. Samples are unsigned (read them with
 * {@code & 0xFFFF}); a kernel says which depths it takes. A view, like {@link Plane}.
 */
public record Plane16(short[] data, int offset, int width, int height, int stride) implements PlaneGeometry {

  public Plane16 {
    Objects.requireNonNull(data, "data");
    Plane.checkLayout(data.length, offset, width, height, stride, "samples");
  }

  /** A new zero-filled plane whose stride is its width. */
  public static Plane16 allocate(int width, int height) {
    return new Plane16(new short[Math.multiplyExact(width, height)], 0, width, height, width);
  }

  /** The sample at (x, y), unsigned. For tests and setup code; kernels index {@code data} directly. */
  public int get(int x, int y) {
    return data[rowStart(y) + x] & 0xFFFF;
  }

  public void set(int x, int y, int value) {
    data[rowStart(y) + x] = (short) value;
  }

  /** Copies every sample into {@code to}, a plane of the same size, as {@link Plane#copyTo} does. */
  public void copyTo(Plane16 to) {
    requireSameSize(to, "copy");
    for (int y = 0; y < height; y++) {
      System.arraycopy(data, rowStart(y), to.data, to.rowStart(y), width);
    }
  }
}
