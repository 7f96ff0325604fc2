package org.framefork.encoder.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.PlaneGeometry;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * Copies between a yuv420p {@link AVFrame} in native memory and a {@link YuvFrame} on the Java heap,
 * the two sides of the kernels, and likewise between yuv420p10le and {@link YuvFrame16}. A frame made by {@link #allocateLike} has the native frame's row
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
      copyPlane(p, src.linesize(i), (at, heapAt, samples) -> data.position(at).get(p.data(), heapAt, samples));
    }
  }

  /**
   * Copies {@code src}, an NV12 picture (the luma plane, then one plane of Cb and Cr interleaved)
   * of {@code dst}'s size, into {@code dst}'s three planes: the same samples as yuv420p.
   */
  public static void copyInNv12(AVFrame src, YuvFrame dst) {
    requireSameSize(src, dst);
    if (src.format() != avutil.AV_PIX_FMT_NV12) {
      throw new IllegalArgumentException("not an NV12 picture: format " + src.format());
    }
    Plane y = dst.y();
    BytePointer luma = src.data(0);
    copyPlane(y, src.linesize(0), (at, heapAt, samples) -> luma.position(at).get(y.data(), heapAt, samples));
    Plane u = dst.u();
    Plane v = dst.v();
    BytePointer chroma = src.data(1);
    byte[] row = new byte[2 * u.width()];
    for (int r = 0; r < u.height(); r++) {
      chroma.position((long) r * src.linesize(1)).get(row, 0, row.length);
      int ui = u.rowStart(r);
      int vi = v.rowStart(r);
      for (int x = 0; x < u.width(); x++) {
        u.data()[ui + x] = row[2 * x];
        v.data()[vi + x] = row[2 * x + 1];
      }
    }
  }

  /** Copies {@code src} into the three planes of {@code dst} (yuv420p, same size, writable). */
  public static void copyOut(YuvFrame src, AVFrame dst) {
    requireSameSize(dst, src);
    for (int i = 0; i < 3; i++) {
      Plane p = src.plane(i);
      BytePointer data = dst.data(i);
      copyPlane(p, dst.linesize(i), (at, heapAt, samples) -> data.position(at).put(p.data(), heapAt, samples));
    }
  }

  /** A new yuv420p frame of {@code width x height} in native memory, for the encoder; free it with av_frame_free. */
  public static AVFrame newPicture(int width, int height) {
    return newPicture(width, height, 8);
  }

  /**
   * A new frame of {@code width x height} in native memory, yuv420p for {@code depth} 8 or
   * yuv420p10le for 10, for the encoder; free it with av_frame_free.
   */
  public static AVFrame newPicture(int width, int height, int depth) {
    if (depth != 8 && depth != 10) {
      throw new IllegalArgumentException("pictures for the encoder are 8 or 10 bits, not " + depth);
    }
    AVFrame f = avutil.av_frame_alloc();
    f.format(depth == 8 ? avutil.AV_PIX_FMT_YUV420P : avutil.AV_PIX_FMT_YUV420P10LE);
    f.width(width);
    f.height(height);
    int err = avutil.av_frame_get_buffer(f, 0);
    if (err < 0) {
      Ffmpeg.free(f, avutil::av_frame_free);
    }
    Ffmpeg.check(err, "frame buffer");
    return f;
  }

  /**
   * Copies {@code src} into {@code dst} (a frame of {@link #newPicture}), which is first made
   * writable: the encoder may still hold a reference to the last picture, which then keeps it.
   */
  public static void copyOutWritable(YuvFrame src, AVFrame dst) {
    Ffmpeg.check(avutil.av_frame_make_writable(dst), "frame buffer");
    copyOut(src, dst);
  }

  /** A heap frame of 16-bit samples of {@code f}'s size (a yuv420p10le picture), rows as long as {@code f}'s. */
  public static YuvFrame16 allocateLike16(AVFrame f) {
    int w = f.width();
    int h = f.height();
    int cw = YuvFrame.chromaSize(w);
    int ch = YuvFrame.chromaSize(h);
    // Line sizes are in bytes, two per sample.
    int s0 = Math.max(w, f.linesize(0) / 2);
    int s1 = Math.max(cw, f.linesize(1) / 2);
    int s2 = Math.max(cw, f.linesize(2) / 2);
    int size0 = Math.multiplyExact(s0, h);
    int size1 = Math.multiplyExact(s1, ch);
    short[] data = new short[Math.addExact(size0, Math.addExact(size1, Math.multiplyExact(s2, ch)))];
    return new YuvFrame16(new Plane16(data, 0, w, h, s0), new Plane16(data, size0, cw, ch, s1),
        new Plane16(data, size0 + size1, cw, ch, s2), Ffmpeg.bitDepth(f.format()));
  }

  /** Copies the three planes of {@code src} (yuv420p10le, same size) into {@code dst}. */
  public static void copyIn16(AVFrame src, YuvFrame16 dst) {
    requireSameSize(src, dst);
    for (int i = 0; i < 3; i++) {
      Plane16 p = dst.plane(i);
      ShortPointer data = new ShortPointer(src.data(i));
      // Line sizes are in bytes, two per sample.
      copyPlane(p, src.linesize(i) / 2, (at, heapAt, samples) -> data.position(at).get(p.data(), heapAt, samples));
    }
  }

  /** Copies {@code src} into the three planes of {@code dst} (yuv420p10le, same size), made writable first. */
  public static void copyOutWritable(YuvFrame16 src, AVFrame dst) {
    Ffmpeg.check(avutil.av_frame_make_writable(dst), "frame buffer");
    requireSameSize(dst, src);
    for (int i = 0; i < 3; i++) {
      Plane16 p = src.plane(i);
      ShortPointer data = new ShortPointer(dst.data(i));
      copyPlane(p, dst.linesize(i) / 2, (at, heapAt, samples) -> data.position(at).put(p.data(), heapAt, samples));
    }
  }

  /**
   * A heap frame of {@code f}'s size and depth: a {@link YuvFrame} of a yuv420p picture, a {@link
   * YuvFrame16} of a deeper one (see {@link #allocateLike}, {@link #allocateLike16}).
   */
  public static Yuv420Frame<?> allocateAtDepth(AVFrame f) {
    return Ffmpeg.bitDepth(f.format()) > 8 ? allocateLike16(f) : allocateLike(f);
  }

  /** Copies {@code src} into {@code dst}, a frame of its size and depth (see {@link #allocateAtDepth}). */
  public static void copyIn(AVFrame src, Yuv420Frame<?> dst) {
    switch (dst) {
      case YuvFrame e -> copyIn(src, e);
      case YuvFrame16 d -> copyIn16(src, d);
    }
  }

  /** Copies {@code src} into {@code dst} (a frame of {@link #newPicture} of its size and depth), made writable first. */
  public static void copyOutWritable(Yuv420Frame<?> src, AVFrame dst) {
    switch (src) {
      case YuvFrame e -> copyOutWritable(e, dst);
      case YuvFrame16 d -> copyOutWritable(d, dst);
    }
  }

  /** Moves {@code samples} between native index {@code at} of a plane and heap index {@code heapAt}. */
  private interface Samples {
    void move(long at, int heapAt, int samples);
  }

  /**
   * Moves plane {@code p} between the heap and native rows {@code lines} samples apart: in one copy
   * when the heap plane has the native stride (the padding between rows goes along), else row by row.
   */
  private static void copyPlane(PlaneGeometry p, int lines, Samples samples) {
    if (lines == p.stride()) {
      samples.move(0, p.offset(), (p.height() - 1) * lines + p.width());
    } else {
      for (int y = 0; y < p.height(); y++) {
        samples.move((long) y * lines, p.rowStart(y), p.width());
      }
    }
  }

  private static void requireSameSize(AVFrame f, Yuv420Frame<?> y) {
    if (f.width() != y.width() || f.height() != y.height()) {
      throw new IllegalArgumentException("a " + f.width() + "x" + f.height() + " picture and a " + y.width() + "x"
          + y.height() + " frame cannot be copied into each other");
    }
  }
}
