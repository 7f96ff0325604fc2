package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * {@code crop=auto}'s search for black bars, as FFmpeg's {@code cropdetect} makes it: a row or a
 * column of a picture is black when its mean luma is at most {@link #LIMIT} (of 255, 8-bit
 * pictures; video black is 16), and the rectangle keeps every row and column that is not black in
 * some picture looked at. Its edges move inwards to even (4:2:0), so that no bar is kept. Not
 * thread-safe.
 */
public final class CropDetect {
  /** The brightest mean luma a black row or column has: cropdetect's default limit, 24 of 255. */
  public static final int LIMIT = 24;

  private final FrameSize size;
  /** The rows and columns, inclusive, that are not black in some picture; right < 0 before any. */
  private int left;
  private int right = -1;
  private int top;
  private int bottom = -1;
  private int pictures;
  private int blackPictures;

  /** A search in pictures of {@code size}. */
  public CropDetect(FrameSize size) {
    this.size = size;
    this.left = size.width();
    this.top = size.height();
  }

  /**
   * Looks for the bars in one more picture (8-bit, of the search's size); false, and the picture
   * left out, when it is black all over (a fade, the credits' black), which shows no bars.
   */
  public boolean add(YuvFrame picture) {
    Plane y = picture.y();
    int w = size.width();
    int h = size.height();
    if (y.width() != w || y.height() != h) {
      throw new IllegalArgumentException("the search is in " + size + " pictures, not " + y.width() + "x" + y.height());
    }
    long[] columns = new long[w];
    byte[] data = y.data();
    int firstRow = -1;
    int lastRow = -1;
    for (int row = 0; row < h; row++) {
      int start = y.offset() + row * y.stride();
      long sum = 0;
      for (int x = 0; x < w; x++) {
        int v = data[start + x] & 0xFF;
        sum += v;
        columns[x] += v;
      }
      if (sum > (long) LIMIT * w) {
        firstRow = firstRow < 0 ? row : firstRow;
        lastRow = row;
      }
    }
    int firstColumn = -1;
    int lastColumn = -1;
    for (int x = 0; x < w; x++) {
      if (columns[x] > (long) LIMIT * h) {
        firstColumn = firstColumn < 0 ? x : firstColumn;
        lastColumn = x;
      }
    }
    if (firstRow < 0 && firstColumn < 0) {
      blackPictures++;
      return false;
    }
    if (firstRow >= 0) {
      top = Math.min(top, firstRow);
      bottom = Math.max(bottom, lastRow);
    }
    if (firstColumn >= 0) {
      left = Math.min(left, firstColumn);
      right = Math.max(right, lastColumn);
    }
    pictures++;
    return true;
  }

  /** How many pictures were looked at, not counting those black all over. */
  public int pictures() {
    return pictures;
  }

  /** How many pictures were left out for being black all over. */
  public int blackPictures() {
    return blackPictures;
  }

  /**
   * The rectangle without the bars, or null when there is nothing to crop: no bars, no picture
   * but black ones (see {@link #pictures}), or less than {@link CropFilter#MIN_SIDE} a side left.
   */
  public CropFilter rectangle() {
    int x = (left + 1) & ~1;
    int y = (top + 1) & ~1;
    int w = (right + 1 - x) & ~1;
    int h = (bottom + 1 - y) & ~1;
    if (right < 0 || bottom < 0 || w < CropFilter.MIN_SIDE || h < CropFilter.MIN_SIDE
        || (w >= size.width() - 1 && h >= size.height() - 1)) {
      return null;
    }
    return new CropFilter(w, h, x, y);
  }
}
