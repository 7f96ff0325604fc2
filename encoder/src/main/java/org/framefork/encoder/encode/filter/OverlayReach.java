package org.framefork.encoder.encode.filter;

import java.util.ArrayList;
import java.util.ListIterator;
import java.util.List;
import org.framefork.encoder.kernels.filter.Watermark;

/**
 * Where each overlay of a chain still shows as the filters after it crop and scale the pictures:
 * an overlay that a later crop cuts away entirely is as much a mistake as one placed outside the
 * frame ({@link OverlayFilter#offPicture}), and is refused as that is, before any chunk is encoded.
 * A filter that changes the size otherwise ends the tracking of the overlays before it (none does
 * today: the other filters keep the size).
 */
final class OverlayReach {
  /** One overlay's picture as the pictures at this point of the chain show it: left, top, right, bottom. */
  private record Placed(OverlayFilter overlay, String where, double left, double top, double right, double bottom) {}

  private final List<Placed> placed = new ArrayList<>();

  /** Follows {@code o}'s picture {@code mark}, blended onto pictures of size {@code in} (where some of it shows). */
  void add(OverlayFilter o, Watermark mark, FrameSize in) {
    int left = o.placedLeft(in, mark);
    int top = o.placedTop(in, mark);
    String where = "the " + mark.width() + "x" + mark.height() + " picture at (" + left + ", " + top + ") of the " + in.width()
        + "x" + in.height() + " frame";
    placed.add(new Placed(o, where, Math.max(0, left), Math.max(0, top), Math.min(in.width(), (double) left + mark.width()),
        Math.min(in.height(), (double) top + mark.height())));
  }

  /**
   * Moves every followed overlay through {@code f}, which turns pictures of size {@code in} into
   * {@code out}: why one of them no longer shows at all, or null.
   */
  String through(Filter f, FrameSize in, FrameSize out) {
    for (ListIterator<Placed> it = placed.listIterator(); it.hasNext();) {
      Placed p = it.next();
      Placed moved = switch (f) {
        case CropFilter c -> cropped(p, c.left(in), c.top(in), c.width(), c.height());
        case ScaleFilter s -> scaled(p, (double) out.width() / in.width(), (double) out.height() / in.height());
        default -> in.equals(out) ? p : null;
      };
      if (moved == null) {
        it.remove();
      } else if (moved.right() <= moved.left() || moved.bottom() <= moved.top()) {
        return "--vf " + p.overlay().text() + ": " + p.where() + " is cut away entirely by the " + f.text()
            + " after it, which keeps none of it; put the overlay after the crop, or give a position the crop keeps";
      } else {
        it.set(moved);
      }
    }
    return null;
  }

  private static Placed cropped(Placed p, int left, int top, int width, int height) {
    return new Placed(p.overlay(), p.where(), Math.max(p.left(), left) - left, Math.max(p.top(), top) - top,
        Math.min(p.right(), left + width) - left, Math.min(p.bottom(), top + height) - top);
  }

  private static Placed scaled(Placed p, double sx, double sy) {
    return new Placed(p.overlay(), p.where(), p.left() * sx, p.top() * sy, p.right() * sx, p.bottom() * sy);
  }
}
