package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.scale.BilinearPlan;

/**
 * {@code scale=W:H}: bilinear resize. One of W and H may be -1: it then follows the picture's
 * aspect ratio, rounded to an even number (4:2:0 needs even sizes, so given sizes must be even);
 * -2, which FFmpeg users write for that even size, is taken as -1.
 * With {@code up=no} a picture that already fits in W:H is left as it is, never enlarged (as
 * HandBrake's presets limit a size rather than set it).
 *
 * @param enlarge whether a smaller picture is scaled up to the size ({@code up=yes}, the default)
 */
public record ScaleFilter(int width, int height, boolean enlarge) implements Filter {
  /**
   * The largest side FrameFork scales to: the largest it takes and writes (x264 and x265 go no
   * further); a picture must also stay within 8192x4320 pixels, which the job checks against the
   * input's size.
   */
  public static final int MAX_SIDE = org.framefork.encoder.probe.Prober.MAX_SIDE;
  static final java.util.List<String> OPTIONS = java.util.List.of("width", "height", "up");

  public ScaleFilter(int width, int height) {
    this(width, height, true);
  }

  static ScaleFilter of(FilterArgs a) {
    int w = side(a, "width");
    int h = side(a, "height");
    if (!a.has("width") || !a.has("height")) {
      throw a.fail("needs a width and a height (scale=W:H; -1 for one of them keeps the aspect ratio)");
    }
    if (w == 0 || h == 0 || (w == -1 && h == -1)) {
      throw a.fail("give sizes of at least 2, or -1 for one of them to keep the aspect ratio");
    }
    if ((w > 0 && w % 2 != 0) || (h > 0 && h % 2 != 0)) {
      throw a.fail("sizes must be even (4:2:0 video halves them for colour), not " + w + "x" + h);
    }
    String up = a.has("up") ? a.text("up") : "yes";
    if (!up.equals("yes") && !up.equals("no")) {
      throw a.fail("up must be yes (enlarge a smaller picture, the default) or no (leave it as it is), not '" + up + "'");
    }
    return new ScaleFilter(w, h, up.equals("yes"));
  }

  /**
   * A side as given, 0 when not; -2 (FFmpeg's "follow the aspect ratio, even") is -1, which here is
   * always even. Outside [-2, MAX_SIDE] it is refused saying what -1 does.
   */
  private static int side(FilterArgs a, String name) {
    int n = a.integer(name, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (n < -2 || n > MAX_SIDE) {
      throw a.fail(name + " must be in [-2, " + MAX_SIDE + "] (-1 or -2 keeps the aspect ratio), not " + n);
    }
    return n == -2 ? -1 : n;
  }

  @Override
  public String text() {
    return "scale=" + width + ":" + height + (enlarge ? "" : ":up=no");
  }

  @Override
  public FrameSize outputSize(FrameSize in) {
    if (!enlarge && (width == -1 || in.width() <= width) && (height == -1 || in.height() <= height)) {
      return in;
    }
    int w = width;
    int h = height;
    if (w == -1) {
      w = even((double) in.width() * h / in.height());
    } else if (h == -1) {
      h = even((double) in.height() * w / in.width());
    }
    return new FrameSize(w, h);
  }

  private static int even(double size) {
    // Not clamped: a side past the limit is refused by the job, not squeezed out of shape.
    return (int) Math.max(2, Math.min(Integer.MAX_VALUE - 1, 2 * Math.round(size / 2)));
  }

  @Override
  public <F, P> FrameStep<F> start(FrameSize in, FilterSetup setup, DepthKernels<F, P> k) {
    FrameSize out = outputSize(in);
    if (out.equals(in)) {
      return frame -> frame;
    }
    F scaled = k.allocate(out);
    BilinearPlan luma = BilinearPlan.of(in.width(), in.height(), out.width(), out.height());
    // One plan serves both chroma planes: they are scaled one after the other.
    BilinearPlan chroma = BilinearPlan.of(YuvFrame.chromaSize(in.width()), YuvFrame.chromaSize(in.height()),
        YuvFrame.chromaSize(out.width()), YuvFrame.chromaSize(out.height()));
    return frame -> {
      for (int i = 0; i < 3; i++) {
        k.bilinear(k.plane(frame, i), k.plane(scaled, i), i == 0 ? luma : chroma);
      }
      return scaled;
    };
  }
}
