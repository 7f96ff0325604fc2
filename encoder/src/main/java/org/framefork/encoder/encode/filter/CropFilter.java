package org.framefork.encoder.encode.filter;

/**
 * {@code crop=W:H:X:Y}: keeps the W x H rectangle whose top-left corner is (X, Y), as FFmpeg's
 * {@code crop} does: {@code crop=1920:800} takes the letterbox bars off a 1920x1080 film. X and Y
 * left out centre the rectangle. All four are rounded down to even (4:2:0 colour halves them, as
 * the overlay's position is); a rectangle that does not fit in the picture is refused before the
 * job starts ({@link #outside}). {@code crop=auto} finds the rectangle in the source: see {@link
 * CropDetect}.
 *
 * @param x the left edge, or {@link #CENTRE} to centre the rectangle across the picture
 * @param y the top edge, or {@link #CENTRE} to centre it down the picture
 */
public record CropFilter(int width, int height, int x, int y) implements Filter {
  /** X or Y left out: the rectangle is centred that way. */
  public static final int CENTRE = -1;
  /**
   * The smallest side a crop keeps: below it the encoders' pictures are mostly padding (x264 and
   * x265 code 16x16 blocks).
   */
  public static final int MIN_SIDE = 16;
  static final java.util.List<String> OPTIONS = java.util.List.of("w", "h", "x", "y");

  public CropFilter {
    if (width < MIN_SIDE || height < MIN_SIDE || width % 2 != 0 || height % 2 != 0 || x < CENTRE || y < CENTRE
        || (x != CENTRE && x % 2 != 0) || (y != CENTRE && y % 2 != 0)) {
      throw new IllegalArgumentException("a crop is even sizes of at least " + MIN_SIDE + " at an even position, not "
          + width + "x" + height + " at (" + x + ", " + y + ")");
    }
  }

  /** The crop {@code a} gives, or {@code crop=auto}'s {@link AutoCropFilter}. */
  static Filter of(FilterArgs a) {
    if (a.has("w") && a.text("w").equals("auto")) {
      if (a.has("h") || a.has("x") || a.has("y")) {
        throw a.fail("auto finds the whole rectangle; give it alone (crop=auto) or give W:H:X:Y");
      }
      return new AutoCropFilter();
    }
    if (!a.has("w") || !a.has("h")) {
      throw a.fail("needs a width and a height (crop=W:H:X:Y; X and Y left out centre the rectangle)");
    }
    int w = a.integer("w", 0, MIN_SIDE, ScaleFilter.MAX_SIDE) & ~1;
    int h = a.integer("h", 0, MIN_SIDE, ScaleFilter.MAX_SIDE) & ~1;
    int x = a.has("x") ? a.integer("x", 0, 0, ScaleFilter.MAX_SIDE) & ~1 : CENTRE;
    int y = a.has("y") ? a.integer("y", 0, 0, ScaleFilter.MAX_SIDE) & ~1 : CENTRE;
    return new CropFilter(w, h, x, y);
  }

  @Override
  public String text() {
    String at = x == CENTRE ? (y == CENTRE ? "" : ":y=" + y) : ":" + x + (y == CENTRE ? "" : ":" + y);
    return "crop=" + width + ":" + height + at;
  }

  @Override
  public FrameSize outputSize(FrameSize in) {
    return new FrameSize(width, height);
  }

  /** The left edge in pictures of size {@code in}: X, or the centre rounded down to even. */
  int left(FrameSize in) {
    return x == CENTRE ? ((in.width() - width) / 2) & ~1 : x;
  }

  /** The top edge in pictures of size {@code in}: Y, or the centre rounded down to even. */
  int top(FrameSize in) {
    return y == CENTRE ? ((in.height() - height) / 2) & ~1 : y;
  }

  /**
   * Why this crop cannot be taken from pictures of size {@code in}, or null when it can: a
   * rectangle that reaches past the picture is a mistake (a size for another source, or a scale
   * before it) that the job refuses before it starts. {@code stored} follows the picture's size:
   * for a source that players turn or mirror, that the rectangle is in the stored picture, not the
   * one shown (FFmpeg's CLI turns it before its filters); empty for none.
   */
  String outside(FrameSize in, String stored) {
    boolean fits = width <= in.width() && height <= in.height() && (long) left(in) + width <= in.width()
        && (long) top(in) + height <= in.height();
    return fits ? null : "--vf " + text() + ": the " + width + "x" + height + " rectangle at (" + left(in)
        + ", " + top(in) + ") reaches past the " + in + " picture" + stored + "; give a rectangle inside it (X + W at most "
        + in.width() + ", Y + H at most " + in.height() + ")";
  }

  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    String off = outside(in, "");
    if (off != null) {
      throw new IllegalArgumentException(off);
    }
    if (width == in.width() && height == in.height()) {
      return frame -> frame;
    }
    F cropped = k.allocate(outputSize(in));
    int left = left(in);
    int top = top(in);
    return frame -> {
      for (int i = 0; i < 3; i++) {
        // The chroma planes are half the size: the rectangle's even edges halve exactly.
        int shift = i == 0 ? 0 : 1;
        P to = k.plane(cropped, i);
        k.copy(k.window(k.plane(frame, i), left >> shift, top >> shift, to), to);
      }
      return cropped;
    };
  }
}
