package org.framefork.encoder.verify.vmaf;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.PlaneGeometry;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * A luma plane as VMAF reads it: 8-bit samples in a {@link Plane}, or deeper ones (9 to 16 bits;
 * 10 for yuv420p10le) in a {@link Plane16}, with the bits that libvmaf's fixed point shifts by.
 * Exactly one of {@code eight} and {@code deep} is set. A view, like the plane it wraps.
 */
public record LumaPicture(Plane eight, Plane16 deep, int bits) {

  public LumaPicture {
    if ((eight == null) == (deep == null)) {
      throw new IllegalArgumentException("a luma picture is either 8-bit or deeper");
    }
    if (eight != null ? bits != 8 : bits < 9 || bits > 16) {
      throw new IllegalArgumentException("a " + (eight != null ? "byte" : "16-bit") + " plane of " + bits + "-bit samples");
    }
  }

  static LumaPicture of(Plane p) {
    return new LumaPicture(p, null, 8);
  }

  static LumaPicture of(Plane16 p, int bits) {
    return new LumaPicture(null, p, bits);
  }

  /** The luma of {@code f}, at its depth. */
  public static LumaPicture of(Yuv420Frame<?> f) {
    return switch (f) {
      case YuvFrame e -> of(e.y());
      case YuvFrame16 d -> of(d.y(), d.depth());
    };
  }

  /** A new zero-filled picture of this size and depth. */
  static LumaPicture allocate(int width, int height, int bits) {
    return bits == 8 ? of(Plane.allocate(width, height)) : of(Plane16.allocate(width, height), bits);
  }

  /** The 8-bit samples, or null. */
  byte[] bytes() {
    return eight == null ? null : eight.data();
  }

  /** The deeper samples, or null. */
  short[] shorts() {
    return deep == null ? null : deep.data();
  }

  /** The plane's layout, whichever its samples. */
  PlaneGeometry plane() {
    return eight != null ? eight : deep;
  }

  int width() {
    return plane().width();
  }

  int height() {
    return plane().height();
  }

  int offset() {
    return plane().offset();
  }

  int stride() {
    return plane().stride();
  }

  /** Whether {@code other} can be scored against this one: the same size and depth. */
  boolean matches(LumaPicture other) {
    return plane().sameSizeAs(other.plane()) && bits == other.bits;
  }

  /** A copy of these samples in a new picture of their own. */
  public LumaPicture copy() {
    LumaPicture to = allocate(width(), height(), bits);
    copyTo(to);
    return to;
  }

  /** Copies the samples into {@code to}, of this size and depth (the strides may differ). */
  void copyTo(LumaPicture to) {
    if (!matches(to)) {
      throw new IllegalArgumentException("cannot copy a " + describe() + " picture into a " + to.describe() + " one");
    }
    if (eight != null) {
      eight.copyTo(to.eight);
    } else {
      deep.copyTo(to.deep);
    }
  }

  String describe() {
    return width() + "x" + height() + " " + bits + "-bit";
  }
}
