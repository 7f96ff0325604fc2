package org.framefork.samples.picture;

import org.framefork.samples.script.Dice;
import org.framefork.samples.script.Palette;
import org.framefork.samples.script.Texture;

/**
 * A procedurally painted texture in YUV 4:2:0 that wraps at its edges: the backdrop a camera pans
 * over, or the surface of a moving object. Width and height are powers of two, so a lookup wraps
 * with a mask.
 */
final class PatternTile {
  private static final int SINE_STEPS = 4096;
  private static final float[] SINE = new float[SINE_STEPS];

  static {
    for (int i = 0; i < SINE_STEPS; i++) {
      SINE[i] = (float) StrictMath.sin(2 * Math.PI * i / SINE_STEPS);
    }
  }

  final int width;
  final int height;
  final byte[] y;
  final byte[] u;
  final byte[] v;

  private PatternTile(int width, int height, byte[] y, byte[] u, byte[] v) {
    this.width = width;
    this.height = height;
    this.y = y;
    this.u = u;
    this.v = v;
  }

  static int powerOfTwoAtLeast(int n) {
    return Math.max(16, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
  }

  static PatternTile paint(Texture texture, Palette palette, int width, int height, long seed) {
    if (Integer.bitCount(width) != 1 || Integer.bitCount(height) != 1) {
      throw new IllegalArgumentException("tile sides must be powers of two: " + width + "x" + height);
    }
    float[] t = switch (texture) {
      case CLOUDS -> clouds(width, height, seed);
      case MARBLE -> marble(width, height, seed);
      case WOOD -> wood(width, height, seed);
      case BRICKS -> bricks(width, height, seed);
      case GRAVEL -> gravel(width, height, seed);
      case WEAVE -> weave(width, height, seed);
    };
    int[] lutY = new int[256];
    int[] lutU = new int[256];
    int[] lutV = new int[256];
    for (int i = 0; i < 256; i++) {
      int[] yuv = bt709(palette.rgbAt(i / 255.0));
      lutY[i] = yuv[0];
      lutU[i] = yuv[1];
      lutV[i] = yuv[2];
    }
    byte[] ty = new byte[width * height];
    int[] index = new int[width * height];
    for (int i = 0; i < t.length; i++) {
      int k = (int) (t[i] * 255 + 0.5f);
      k = k < 0 ? 0 : Math.min(k, 255);
      index[i] = k;
      ty[i] = (byte) lutY[k];
    }
    int cw = width / 2;
    int ch = height / 2;
    byte[] tu = new byte[cw * ch];
    byte[] tv = new byte[cw * ch];
    for (int cy = 0; cy < ch; cy++) {
      for (int cx = 0; cx < cw; cx++) {
        int i0 = 2 * cy * width + 2 * cx;
        int i1 = i0 + width;
        int a = index[i0];
        int b = index[i0 + 1];
        int c = index[i1];
        int d = index[i1 + 1];
        tu[cy * cw + cx] = (byte) ((lutU[a] + lutU[b] + lutU[c] + lutU[d] + 2) >> 2);
        tv[cy * cw + cx] = (byte) ((lutV[a] + lutV[b] + lutV[c] + lutV[d] + 2) >> 2);
      }
    }
    return new PatternTile(width, height, ty, tu, tv);
  }

  /** 0xRRGGBB to limited-range BT.709 {Y, Cb, Cr}. */
  static int[] bt709(int rgb) {
    double r = ((rgb >> 16) & 255) / 255.0;
    double g = ((rgb >> 8) & 255) / 255.0;
    double b = (rgb & 255) / 255.0;
    double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    int y = (int) Math.round(16 + 219 * luma);
    int cb = (int) Math.round(128 + 224 * (b - luma) / 1.8556);
    int cr = (int) Math.round(128 + 224 * (r - luma) / 1.5748);
    return new int[] {clamp(y, 16, 235), clamp(cb, 16, 240), clamp(cr, 16, 240)};
  }

  private static int clamp(int v, int lo, int hi) {
    return v < lo ? lo : Math.min(v, hi);
  }

  private static float sin(double turns) {
    int i = (int) Math.floor(turns * SINE_STEPS) & (SINE_STEPS - 1);
    return SINE[i];
  }

  private static float saturate(float f) {
    return f < 0 ? 0 : Math.min(f, 1);
  }

  private static float[] clouds(int w, int h, long seed) {
    float[] n = ValueNoise.fractal(w, h, w / 4, w / 4, 0.58, false, seed);
    for (int i = 0; i < n.length; i++) {
      n[i] = saturate(0.5f + 1.3f * n[i]);
    }
    return n;
  }

  /** Veins: a sine across the tile bent by noise; whole periods across the tile keep it seamless. */
  private static float[] marble(int w, int h, long seed) {
    float[] n = ValueNoise.fractal(w, h, w / 4, w / 4, 0.55, false, seed);
    int kx = 2 + (int) (Dice.mix(seed) & 1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double turns = kx * (double) x / w + (double) y / h + 1.4 * n[i];
        float s = sin(turns);
        n[i] = saturate(0.5f + 0.42f * s * Math.abs(s) + 0.35f * n[i]);
      }
    }
    return n;
  }

  /** Growth rings bent by coarse noise, streaked with long fibres along x. */
  private static float[] wood(int w, int h, long seed) {
    float[] rings = ValueNoise.fractal(w, h, w / 2, h / 4, 0.5, false, seed);
    float[] fibre = ValueNoise.fractal(w, h, Math.max(2, w / 16), 2, 0.7, false, seed + 1);
    int ringsAcross = Math.max(4, h / 64);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double r = ringsAcross * (double) y / h + 3.0 * rings[i];
        float ring = (float) (r - Math.floor(r));
        rings[i] = saturate(0.2f + 0.6f * ring * ring + 0.35f * fibre[i]);
      }
    }
    return rings;
  }

  /** Courses of bricks offset by half a brick, each its own shade, dark mortar between. */
  private static float[] bricks(int w, int h, long seed) {
    float[] detail = ValueNoise.fractal(w, h, Math.max(2, w / 32), Math.max(2, w / 32), 0.65, false, seed);
    int brickH = Math.max(4, h / 16);
    int brickW = 2 * brickH;
    int mortar = Math.max(1, brickH / 10);
    for (int y = 0; y < h; y++) {
      int course = y / brickH;
      int shift = (course & 1) == 0 ? 0 : brickW / 2;
      int inY = y % brickH;
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int xs = (x + shift) % w;
        int brick = xs / brickW;
        int inX = xs % brickW;
        if (inY < mortar || inX < mortar) {
          detail[i] = saturate(0.1f + 0.15f * detail[i]);
        } else {
          double shade = 0.35 + 0.45 * ((Dice.mix(seed ^ ((long) course << 32) ^ brick) >>> 11) * 0x1.0p-53);
          detail[i] = saturate((float) shade + 0.25f * detail[i]);
        }
      }
    }
    return detail;
  }

  /** Turbulent, busy noise down to single pixels: the costliest backdrop, like foliage or gravel. */
  private static float[] gravel(int w, int h, long seed) {
    float[] n = ValueNoise.fractal(w, h, Math.max(2, w / 64), Math.max(2, w / 64), 0.8, true, seed);
    for (int i = 0; i < n.length; i++) {
      n[i] = saturate(-0.1f + 2.4f * n[i]);
    }
    return n;
  }

  /** Over-under threads of cloth: fine periodic structure that can shimmer (moire) as it moves. */
  private static float[] weave(int w, int h, long seed) {
    float[] tone = ValueNoise.fractal(w, h, w / 4, w / 4, 0.6, false, seed);
    int period = Math.max(4, w / 256);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        boolean overX = (((x / period) + (y / period)) & 1) == 0;
        double across = overX ? (double) (y % period) / period : (double) (x % period) / period;
        float thread = sin(across * 0.5); // half a sine: bright in the thread's middle, dark at its sides
        tone[i] = saturate(0.2f + 0.55f * thread + 0.5f * tone[i]);
      }
    }
    return tone;
  }
}
