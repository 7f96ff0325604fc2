package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * {@code crop=auto}'s search for black bars, as FFmpeg's {@code cropdetect} makes it: a row or a
 * column of a picture is black when its mean luma is at most {@link #LIMIT} (of 255, 8-bit
 * pictures; video black is 16), and the rectangle keeps every row and column that is not black in
 * some picture looked at, but for pictures almost black all over (titles on black, a picture too
 * dark to tell), which do not vote. Its edges move inwards to even (4:2:0), so that no bar is kept. Not thread-safe.
 */
public final class CropDetect {
  /** The brightest mean luma a black row or column has: cropdetect's default limit, 24 of 255. */
  public static final int LIMIT = 24;
  /** A picture is almost black, and left out, when less than 1 / this of its samples are lit: see {@link #add}. */
  static final int ALMOST_BLACK = 5;

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
   * left out, when it is black or almost black all over: fewer than 1/{@link #ALMOST_BLACK} of its
   * samples over {@link #LIMIT} (a fade, the credits' black, a title on black, which lights a few
   * percent), which shows no bars, or shows text where the film has them. Samples, not rows and
   * columns: a row's mean takes in the bars, so that a 9:16 video in 16:9 (31.6% of the picture)
   * with dark rows would count as almost black by its rows; a film letterboxed to 2.76:1 in 16:9
   * lights 64%, a dark one (mean luma about 30) may light under a fifth and is left out.
   */
  public boolean add(YuvFrame picture) {
    Plane y = picture.y();
    int w = size.width();
    int h = size.height();
    if (y.width() != w || y.height() != h) {
      throw new IllegalArgumentException("the search is in " + size + " pictures, not " + y.width() + "x" + y.height());
    }
    long[] rowSums = new long[h];
    long[] columnSums = new long[w];
    byte[] data = y.data();
    long lit = 0;
    for (int row = 0; row < h; row++) {
      int start = y.offset() + row * y.stride();
      for (int x = 0; x < w; x++) {
        int v = data[start + x] & 0xFF;
        rowSums[row] += v;
        columnSums[x] += v;
        lit += v > LIMIT ? 1 : 0;
      }
    }
    Lit rows = Lit.of(rowSums, (long) LIMIT * w);
    Lit columns = Lit.of(columnSums, (long) LIMIT * h);
    if (lit * ALMOST_BLACK < (long) w * h || rows.count() == 0 || columns.count() == 0) {
      blackPictures++;
      return false;
    }
    top = Math.min(top, rows.first());
    bottom = Math.max(bottom, rows.last());
    left = Math.min(left, columns.first());
    right = Math.max(right, columns.last());
    pictures++;
    return true;
  }

  /** The rows or columns whose sum is over the limit: the first and last ({@code -1} for none), and how many. */
  private record Lit(int first, int last, int count) {
    static Lit of(long[] sums, long limit) {
      int first = -1;
      int last = -1;
      int count = 0;
      for (int i = 0; i < sums.length; i++) {
        if (sums[i] > limit) {
          first = first < 0 ? i : first;
          last = i;
          count++;
        }
      }
      return new Lit(first, last, count);
    }
  }

  /** How many pictures were looked at, not counting those black or almost black all over. */
  public int pictures() {
    return pictures;
  }

  /** How many pictures were left out for being black or almost black all over. */
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
