package org.framefork.samples.picture;

/**
 * One frame in 8-bit YUV 4:2:0 (BT.709, limited range), planes packed without padding: what the
 * encoder takes, so nothing is converted between the renderer and x264.
 */
public record YuvPicture(int width, int height, byte[] y, byte[] u, byte[] v) {
  public YuvPicture {
    if (width <= 0 || height <= 0 || (width & 1) != 0 || (height & 1) != 0) {
      throw new IllegalArgumentException("4:2:0 needs an even, positive size, not " + width + "x" + height);
    }
    if (y.length != width * height || u.length != width * height / 4 || v.length != u.length) {
      throw new IllegalArgumentException("plane sizes do not match " + width + "x" + height);
    }
  }

  public static YuvPicture blank(int width, int height) {
    return new YuvPicture(width, height, new byte[width * height], new byte[width * height / 4], new byte[width * height / 4]);
  }

  public int chromaWidth() {
    return width / 2;
  }

  public int chromaHeight() {
    return height / 2;
  }
}
