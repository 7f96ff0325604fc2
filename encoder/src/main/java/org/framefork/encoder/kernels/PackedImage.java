package org.framefork.encoder.kernels;

import java.util.Objects;

/**
 * An 8-bit packed picture (all channels of a pixel next to each other): row {@code y} starts at
 * {@code offset + y * stride} and holds {@code width * layout.bytesPerPixel()} bytes.
 */
public record PackedImage(
    byte[] data, int offset, int width, int height, int stride, PixelLayout layout) {

  public PackedImage {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(layout, "layout");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image must be at least 1x1, not " + width + "x" + height);
    }
    long rowBytes = (long) width * layout.bytesPerPixel();
    if (stride < rowBytes) {
      throw new IllegalArgumentException(
          "stride " + stride + " is less than a row of " + width + " " + layout + " pixels");
    }
    if (offset < 0 || offset + (long) (height - 1) * stride + rowBytes > data.length) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " " + layout + " image with stride " + stride
              + " at offset " + offset + " does not fit in " + data.length + " bytes");
    }
  }

  /** A new zero-filled image whose stride is one row of pixels. */
  public static PackedImage allocate(int width, int height, PixelLayout layout) {
    int stride = Math.multiplyExact(width, layout.bytesPerPixel());
    return new PackedImage(new byte[Math.multiplyExact(stride, height)], 0, width, height, stride, layout);
  }

  public int rowStart(int y) {
    return offset + y * stride;
  }

  /** Index in {@link #data()} of the first byte of pixel (x, y). */
  public int pixelStart(int x, int y) {
    return rowStart(y) + x * layout.bytesPerPixel();
  }
}
