package org.framefork.bench.kernels;

import java.util.Random;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/** The picture sizes every kernel benchmark uses: 1080p in, 720p as the scaling target. */
final class Hd {
  static final int WIDTH = 1920;
  static final int HEIGHT = 1080;
  static final int LUMA = WIDTH * HEIGHT;
  static final int FRAME_420 = LUMA * 3 / 2;
  static final int SMALL_WIDTH = 1280;
  static final int SMALL_HEIGHT = 720;
  static final int SMALL_FRAME_420 = SMALL_WIDTH * SMALL_HEIGHT * 3 / 2;

  private Hd() {}

  /** {@code "plain"} or {@code "vector"}; refuses to measure plain Java under the vector label. */
  static Kernels kernels(String impl) {
    return switch (impl) {
      case "plain" -> Kernels.plain();
      case "vector" -> Kernels.vector().orElseThrow(() -> new IllegalStateException(
          "Vector API kernels unavailable: " + Kernels.choice()));
      default -> throw new IllegalArgumentException("impl must be plain or vector, not " + impl);
    };
  }

  /**
   * A smooth picture with noise, not uniform noise: real frames have structure, and a kernel
   * whose speed depends on data (none here should) would show it.
   */
  static Plane plane(long seed, int width, int height) {
    Random random = new Random(seed);
    Plane p = Plane.allocate(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = 128 + (int) (80 * Math.sin(x / 37.0 + seed) * Math.cos(y / 23.0)) + random.nextInt(9) - 4;
        p.set(x, y, Math.max(0, Math.min(255, v)));
      }
    }
    return p;
  }

  static YuvFrame frame(long seed, int width, int height) {
    YuvFrame f = YuvFrame.allocate(width, height);
    for (int i = 0; i < 3; i++) {
      Plane src = plane(seed + i, f.plane(i).width(), f.plane(i).height());
      System.arraycopy(src.data(), 0, f.plane(i).data(), f.plane(i).offset(), src.data().length);
    }
    return f;
  }

  /**
   * {@code f}'s picture at 10 bits (yuv420p10le's samples), the two new low bits varying as a real
   * 10-bit picture's do.
   */
  static YuvFrame16 tenBit(YuvFrame f) {
    YuvFrame16 out = YuvFrame16.allocate(f.width(), f.height(), 10);
    for (int i = 0; i < 3; i++) {
      Plane p = f.plane(i);
      for (int y = 0; y < p.height(); y++) {
        for (int x = 0; x < p.width(); x++) {
          out.plane(i).set(x, y, p.get(x, y) << 2 | (x * 7 + y * 3) & 3);
        }
      }
    }
    return out;
  }

  static PackedImage bgr(long seed) {
    PackedImage image = PackedImage.allocate(WIDTH, HEIGHT, PixelLayout.BGR24);
    for (int c = 0; c < 3; c++) {
      Plane channel = plane(seed + c, WIDTH, HEIGHT);
      for (int i = 0; i < LUMA; i++) {
        image.data()[3 * i + c] = channel.data()[i];
      }
    }
    return image;
  }
}
