package org.framefork.encoder.kernels;

import java.util.Random;
import java.util.stream.IntStream;
import org.framefork.encoder.kernels.colour.RgbToYuv420;

/**
 * Test pictures with the awkward shapes that break vector code: every width from 1 to three
 * vector lengths plus one, odd heights, and strides wider than the rows with junk in between.
 */
public final class RandomPictures {
  /** Bytes in the widest vector this JVM uses; 32 with AVX2. Widths up to 3 * this + 1 are tested. */
  public static final int VECTOR_BYTES = vectorBytes();
  public static final int[] ODD_HEIGHTS = {1, 3, 5};

  private RandomPictures() {}

  private static int vectorBytes() {
    return Kernels.vector().map(k -> k.vectorBits() / 8).orElse(32);
  }

  public static IntStream widths() {
    return IntStream.rangeClosed(1, 3 * VECTOR_BYTES + 1);
  }

  /**
   * The Vector API kernels, which every test JVM has (surefire adds {@code --add-modules
   * jdk.incubator.vector}; every x86-64 CPU has 128-bit vectors): a JVM without them fails the
   * test that asks, saying why, rather than skipping it.
   */
  public static Kernels vectorKernels() {
    return Kernels.vector().orElseThrow(() -> new AssertionError("Vector API kernels unavailable in this test JVM"
        + " (run it with --add-modules jdk.incubator.vector, as surefire's argLine does): " + Kernels.choice()));
  }

  /** A plane of random samples; stride exceeds width by 1..7 bytes, offset by 0..3. */
  public static Plane plane(Random random, int width, int height) {
    int stride = width + 1 + random.nextInt(7);
    int offset = random.nextInt(4);
    byte[] data = new byte[offset + stride * height + random.nextInt(3)];
    random.nextBytes(data);
    return new Plane(data, offset, width, height, stride);
  }

  /** A plane of random 10-bit samples (0..1023); stride and offset vary as in {@link #plane}. */
  public static Plane16 plane16(Random random, int width, int height) {
    int stride = width + 1 + random.nextInt(7);
    int offset = random.nextInt(4);
    short[] data = new short[offset + stride * height + random.nextInt(3)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (short) random.nextInt(1024);
    }
    return new Plane16(data, offset, width, height, stride);
  }

  /**
   * A 10-bit 4:2:0 frame for the tone map: noise over every code (the tables' clamps at both ends
   * included), each plane with its own padded stride.
   */
  public static YuvFrame16 hdrFrame(Random random, int width, int height) {
    int cw = YuvFrame.chromaSize(width);
    int ch = YuvFrame.chromaSize(height);
    return new YuvFrame16(plane16(random, width, height), plane16(random, cw, ch), plane16(random, cw, ch), 10);
  }

  /** A 10-bit plane near {@code base}: each sample moved by up to +-spread, kept in 0..1023. */
  public static Plane16 near16(Random random, Plane16 base, int spread) {
    Plane16 p = plane16(random, base.width(), base.height());
    for (int y = 0; y < base.height(); y++) {
      for (int x = 0; x < base.width(); x++) {
        p.set(x, y, Math.max(0, Math.min(1023, base.get(x, y) + random.nextInt(2 * spread + 1) - spread)));
      }
    }
    return p;
  }

  /** A copy sharing nothing, so that two implementations can write into equal starting states. */
  public static Plane copy(Plane p) {
    return new Plane(p.data().clone(), p.offset(), p.width(), p.height(), p.stride());
  }

  /** A plane near {@code base}: each sample moved by up to +-spread, so metrics see real errors. */
  public static Plane near(Random random, Plane base, int spread) {
    Plane p = plane(random, base.width(), base.height());
    for (int y = 0; y < base.height(); y++) {
      for (int x = 0; x < base.width(); x++) {
        int v = base.get(x, y) + random.nextInt(2 * spread + 1) - spread;
        p.set(x, y, Math.max(0, Math.min(255, v)));
      }
    }
    return p;
  }

  public static PackedImage image(Random random, int width, int height, PixelLayout layout) {
    int stride = width * layout.bytesPerPixel() + random.nextInt(9);
    int offset = random.nextInt(4);
    byte[] data = new byte[offset + stride * height];
    random.nextBytes(data);
    return new PackedImage(data, offset, width, height, stride, layout);
  }

  public static PackedImage copy(PackedImage p) {
    return new PackedImage(p.data().clone(), p.offset(), p.width(), p.height(), p.stride(), p.layout());
  }

  /** A 4:2:0 frame whose three planes have their own padded strides, filled with noise. */
  public static YuvFrame frame(Random random, int width, int height) {
    int cw = YuvFrame.chromaSize(width);
    int ch = YuvFrame.chromaSize(height);
    return new YuvFrame(plane(random, width, height), plane(random, cw, ch), plane(random, cw, ch));
  }

  public static YuvFrame copy(YuvFrame f) {
    return new YuvFrame(copy(f.y()), copy(f.u()), copy(f.v()));
  }

  /**
   * A deterministic picture with structure (waves) and a little noise, stride = width: what
   * {@code MetricKernelTest} fed to {@code ffmpeg -lavfi ssim/psnr} to record FFmpeg's numbers.
   */
  public static YuvFrame structured(long seed, int width, int height) {
    Random random = new Random(seed);
    YuvFrame frame = YuvFrame.allocate(width, height);
    for (int i = 0; i < 3; i++) {
      Plane p = frame.plane(i);
      for (int y = 0; y < p.height(); y++) {
        for (int x = 0; x < p.width(); x++) {
          double wave = Math.sin(x / (7.0 + i)) * Math.cos(y / 5.0) * 90;
          p.set(x, y, Math.max(0, Math.min(255, 128 + (int) wave + random.nextInt(11) - 5)));
        }
      }
    }
    return frame;
  }

  /** {@code a} with every sample moved by up to +-spread, deterministically. */
  public static YuvFrame distorted(YuvFrame a, long seed, int spread) {
    Random random = new Random(seed);
    YuvFrame b = YuvFrame.allocate(a.width(), a.height());
    for (int i = 0; i < 3; i++) {
      for (int y = 0; y < a.plane(i).height(); y++) {
        for (int x = 0; x < a.plane(i).width(); x++) {
          int v = a.plane(i).get(x, y) + random.nextInt(2 * spread + 1) - spread;
          b.plane(i).set(x, y, Math.max(0, Math.min(255, v)));
        }
      }
    }
    return b;
  }

  /** Red, green and blue planes of {@code w x h} random samples for {@link RgbToYuv420}, the extremes included. */
  public static int[][] rgbSamples(Random random, int w, int h) {
    return rgbSamples(random, w, h, RgbToYuv420.SAMPLE_MAX);
  }

  /** As {@link #rgbSamples(Random, int, int)}, samples of full intensity {@code max} (that of the converter's depth). */
  public static int[][] rgbSamples(Random random, int w, int h, int max) {
    int[][] rgb = new int[3][w * h];
    for (int[] channel : rgb) {
      for (int i = 0; i < channel.length; i++) {
        int pick = random.nextInt(10);
        channel[i] = pick == 0 ? 0 : pick == 1 ? max : random.nextInt(max + 1);
      }
    }
    return rgb;
  }

  /** A 10-bit 4:2:0 frame of noise, each plane with its own padded stride (see {@link #plane16}). */
  public static YuvFrame16 frame16(Random random, int width, int height) {
    return hdrFrame(random, width, height);
  }

  public static YuvFrame16 copy(YuvFrame16 f) {
    return new YuvFrame16(copy(f.y()), copy(f.u()), copy(f.v()), f.depth());
  }

  public static Plane16 copy(Plane16 p) {
    return new Plane16(p.data().clone(), p.offset(), p.width(), p.height(), p.stride());
  }

  /** {@code rgb}'s rows, {@code w} samples each, as {@link RgbToYuv420} reads them. */
  public static RgbToYuv420.RowSource rows(int[][] rgb, int w) {
    return (y, r, g, b) -> {
      System.arraycopy(rgb[0], y * w, r, 0, w);
      System.arraycopy(rgb[1], y * w, g, 0, w);
      System.arraycopy(rgb[2], y * w, b, 0, w);
    };
  }
}
