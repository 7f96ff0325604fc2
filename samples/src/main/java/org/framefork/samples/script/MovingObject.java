package org.framefork.samples.script;

/**
 * A textured object that moves across the screen, bouncing off its edges, while its surface
 * slides under its outline ({@code textureVx, textureVy}) so that it is more than a translated
 * sprite to a motion search.
 */
public record MovingObject(
    Shape shape,
    int width,
    int height,
    Texture texture,
    Palette palette,
    double x0,
    double y0,
    double vx,
    double vy,
    double textureVx,
    double textureVy) {

  /** Left edge {@code local} frames into the scene, bouncing inside {@code [0, screenWidth - width]}. */
  public int x(int local, int screenWidth) {
    return bounce(x0 + vx * local, screenWidth - width);
  }

  public int y(int local, int screenHeight) {
    return bounce(y0 + vy * local, screenHeight - height);
  }

  /** Closed form of a bounce between 0 and {@code range}: a triangle wave, so no state per frame. */
  static int bounce(double p, int range) {
    if (range <= 0) {
      return 0;
    }
    double period = 2.0 * range;
    double m = p % period;
    if (m < 0) {
      m += period;
    }
    return (int) Math.round(m <= range ? m : period - m);
  }
}
