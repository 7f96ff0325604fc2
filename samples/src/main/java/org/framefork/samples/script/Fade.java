package org.framefork.samples.script;

/**
 * A slow dip to near black and back inside one scene: the picture does not change its content, so
 * a scene-cut detector must not report a cut here. Frames are counted from the scene's start.
 */
public record Fade(int start, int length, double depth) {
  public int end() {
    return start + length;
  }

  /** Brightness factor (1 = untouched) at a fractional frame position inside the scene. */
  public double gain(double local) {
    if (local <= start || local >= end()) {
      return 1;
    }
    double u = (local - start) / length;
    return 1 - depth * 0.5 * (1 - StrictMath.cos(2 * Math.PI * u));
  }
}
