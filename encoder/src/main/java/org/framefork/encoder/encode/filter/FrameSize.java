package org.framefork.encoder.encode.filter;

/** A picture's width and height in pixels. */
public record FrameSize(int width, int height) {
  public FrameSize {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a picture must be at least 1x1, not " + width + "x" + height);
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
