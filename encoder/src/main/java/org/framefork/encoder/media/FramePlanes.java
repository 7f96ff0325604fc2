package org.framefork.encoder.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * Copies between a yuv420p {@link AVFrame} in native memory and a {@link YuvFrame} on the Java heap,
 * the two sides of the kernels. A frame made by {@link #allocateLike} has the native frame's row
 * strides, so that each plane moves in one copy instead of one per row.
 */
public final class FramePlanes {
  private FramePlanes() {}

  /** A heap frame of {@code f}'s size whose planes have {@code f}'s line sizes (one array for all three). */
  public static YuvFrame allocateLike(AVFrame f) {
    int w = f.width();
    int h = f.height();
    int cw = YuvFrame.chromaSize(w);
    int ch = YuvFrame.chromaSize(h);
    int s0 = Math.max(w, f.linesize(0));
    int s1 = Math.max(cw, f.linesize(1));
    int s2 = Math.max(cw, f.linesize(2));
    int size0 = Math.multiplyExact(s0, h);
    int size1 = Math.multiplyExact(s1, ch);
    byte[] data = new byte[Math.addExact(size0, Math.addExact(size1, Math.multiplyExact(s2, ch)))];
    return new YuvFrame(
        new Plane(data, 0, w, h, s0),
        new Plane(data, size0, cw, ch, s1),
        new Plane(data, size0 + size1, cw, ch, s2));
  }

  /** Copies the three planes of {@code src} (yuv420p, same size) into {@code dst}. */
  public static void copyIn(AVFrame src, YuvFrame dst) {
    requireSameSize(src, dst);
    for (int i = 0; i < 3; i++) {
      Plane p = dst.plane(i);
      BytePointer data = src.data(i);
      int lines = src.linesize(i);
      if (lines == p.stride()) {
        data.position(0).get(p.data(), p.offset(), (p.height() - 1) * lines + p.width());
      } else {
        for (int y = 0; y < p.height(); y++) {
          data.position((long) y * lines).get(p.data(), p.rowStart(y), p.width());
        }
      }
    }
  }

  /** Copies {@code src} into the three planes of {@code dst} (yuv420p, same size, writable). */
  public static void copyOut(YuvFrame src, AVFrame dst) {
    requireSameSize(dst, src);
    for (int i = 0; i < 3; i++) {
      Plane p = src.plane(i);
      BytePointer data = dst.data(i);
      int lines = dst.linesize(i);
      if (lines == p.stride()) {
        data.position(0).put(p.data(), p.offset(), (p.height() - 1) * lines + p.width());
      } else {
        for (int y = 0; y < p.height(); y++) {
          data.position((long) y * lines).put(p.data(), p.rowStart(y), p.width());
        }
      }
    }
  }

  private static void requireSameSize(AVFrame f, YuvFrame y) {
    if (f.width() != y.width() || f.height() != y.height()) {
      throw new IllegalArgumentException("a " + f.width() + "x" + f.height() + " picture and a " + y.width() + "x"
          + y.height() + " frame cannot be copied into each other");
    }
  }
}
