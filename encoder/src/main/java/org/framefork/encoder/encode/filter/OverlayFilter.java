package org.framefork.encoder.encode.filter;

import java.nio.file.Path;
import org.framefork.encoder.kernels.filter.Watermark;

/**
 * {@code overlay=FILE:X:Y}: blends a picture (PNG, with its alpha) onto every frame with its
 * top-left corner at (X, Y), default (0, 0). A negative X or Y measures from the right or bottom
 * edge instead: {@code overlay=logo.png:-16:-16} puts the logo 16 pixels from the bottom-right
 * corner ({@code -0} touches it). Positions are rounded down to even (4:2:0 colour); what falls
 * outside the frame is clipped, and a picture entirely outside it is refused. The picture is decoded once per job and shared by every chunk.
 */
public record OverlayFilter(Path file, int x, int y, boolean fromRight, boolean fromBottom) implements Filter {
  static final java.util.List<String> OPTIONS = java.util.List.of("file", "x", "y");

  static OverlayFilter of(FilterArgs a) {
    Path file = Path.of(a.text("file"));
    boolean fromRight = a.has("x") && a.text("x").startsWith("-");
    boolean fromBottom = a.has("y") && a.text("y").startsWith("-");
    int x = Math.abs(a.integer("x", 0, -ScaleFilter.MAX_SIDE, ScaleFilter.MAX_SIDE));
    int y = Math.abs(a.integer("y", 0, -ScaleFilter.MAX_SIDE, ScaleFilter.MAX_SIDE));
    return new OverlayFilter(file, x, y, fromRight, fromBottom);
  }

  @Override
  public String text() {
    return "overlay=" + FilterSyntax.quoteIfNeeded(file.toString()) + ":" + (fromRight ? "-" : "") + x + ":"
        + (fromBottom ? "-" : "") + y;
  }

  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    Watermark mark = setup.watermark(file);
    int left = left(in, mark);
    int top = top(in, mark);
    return frame -> {
      k.overlay(mark, frame, left, top);
      return frame;
    };
  }

  private int left(FrameSize in, Watermark mark) {
    return fromRight ? in.width() - mark.width() - x : x;
  }

  private int top(FrameSize in, Watermark mark) {
    return fromBottom ? in.height() - mark.height() - y : y;
  }

  /** The picture's left edge in pictures of size {@code in}, rounded as the blend rounds it. */
  int placedLeft(FrameSize in, Watermark mark) {
    return left(in, mark) & ~1;
  }

  /** The picture's top edge in pictures of size {@code in}, rounded as the blend rounds it. */
  int placedTop(FrameSize in, Watermark mark) {
    return top(in, mark) & ~1;
  }

  /**
   * Why this overlay would leave pictures of size {@code in} untouched, or null when some of it
   * shows: placed entirely outside them, it is a mistake (a position for a larger picture, or a
   * scale before it) that would otherwise be found only in the output. Positions rounded as the
   * blend rounds them.
   */
  String offPicture(FrameSize in, Watermark mark) {
    int left = placedLeft(in, mark);
    int top = placedTop(in, mark);
    boolean shows = left < in.width() && top < in.height() && (long) left + mark.width() > 0
        && (long) top + mark.height() > 0;
    return shows ? null : "--vf " + text() + ": the " + mark.width() + "x" + mark.height() + " picture at (" + left + ", "
        + top + ") lies entirely outside the " + in.width() + "x" + in.height() + " frame; give a position inside it "
        + "(a negative X or Y counts from the right or bottom edge)";
  }
}
