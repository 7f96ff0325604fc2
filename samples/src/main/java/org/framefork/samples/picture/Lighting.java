package org.framefork.samples.picture;

import org.framefork.samples.script.Gradient;

/**
 * A scene's light precomputed per pixel: luma gain (1.0 = 4096) and chroma cast (signed levels).
 * Smooth gradients like these are where an encoder shows banding, so they belong in test footage.
 */
final class Lighting {
  static final int UNITY = 1 << 12;

  final short[] gain;
  final byte[] tintU;
  final byte[] tintV;

  private Lighting(short[] gain, byte[] tintU, byte[] tintV) {
    this.gain = gain;
    this.tintU = tintU;
    this.tintV = tintV;
  }

  static Lighting of(Gradient g, int width, int height) {
    double angle = Math.toRadians(g.angleDegrees());
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double reach = 0.5 * (Math.abs(dx) + Math.abs(dy));
    short[] gain = new short[width * height];
    for (int y = 0; y < height; y++) {
      double ny = (y + 0.5) / height - 0.5;
      for (int x = 0; x < width; x++) {
        double nx = (x + 0.5) / width - 0.5;
        double along = 0.5 + 0.5 * (nx * dx + ny * dy) / reach;
        double corner = (nx * nx + ny * ny) * 2;
        double value = (g.lowGain() + (g.highGain() - g.lowGain()) * along) * (1 - g.vignette() * corner);
        gain[y * width + x] = (short) Math.round(value * UNITY);
      }
    }
    int cw = width / 2;
    int ch = height / 2;
    byte[] tu = new byte[cw * ch];
    byte[] tv = new byte[cw * ch];
    for (int y = 0; y < ch; y++) {
      double ny = (y + 0.5) / ch - 0.5;
      for (int x = 0; x < cw; x++) {
        double nx = (x + 0.5) / cw - 0.5;
        double side = (nx * dx + ny * dy) / reach; // -1 at the dark end, 1 at the bright end
        tu[y * cw + x] = (byte) Math.round(g.tintU() * side);
        tv[y * cw + x] = (byte) Math.round(g.tintV() * side);
      }
    }
    return new Lighting(gain, tu, tv);
  }
}
