package org.framefork.encoder.kernels;

/** How the channels of one packed pixel lie in memory, byte by byte. */
public enum PixelLayout {
  /** FFmpeg's {@code bgr24}: blue, green, red; what OpenCV and JavaCV's converters hand out. */
  BGR24(3, 2, 1, 0, -1),
  /** FFmpeg's {@code rgba}: red, green, blue, alpha; what a decoded PNG gives. */
  RGBA(4, 0, 1, 2, 3);

  private final int bytesPerPixel;
  private final int red;
  private final int green;
  private final int blue;
  private final int alpha;

  PixelLayout(int bytesPerPixel, int red, int green, int blue, int alpha) {
    this.bytesPerPixel = bytesPerPixel;
    this.red = red;
    this.green = green;
    this.blue = blue;
    this.alpha = alpha;
  }

  public int bytesPerPixel() {
    return bytesPerPixel;
  }

  /** Byte offset of red within a pixel. */
  public int red() {
    return red;
  }

  public int green() {
    return green;
  }

  public int blue() {
    return blue;
  }

  /** Byte offset of alpha within a pixel, or -1 when the layout has none. */
  public int alpha() {
    return alpha;
  }

  public boolean hasAlpha() {
    return alpha >= 0;
  }
}
