package org.framefork.samples.script;

/**
 * Where the camera looks over the scene's backdrop: a steady pan of {@code vx, vy} pixels per frame
 * from {@code (x0, y0)}, plus a small hand-held shake. A fast pan is marked because a scene-cut
 * detector must not take one for a cut.
 */
public record CameraMove(
    double x0, double y0, double vx, double vy, double shake, double shakePeriodFrames, boolean fast) {

  public double speed() {
    return Math.hypot(vx, vy);
  }

  /** Backdrop coordinate at the top-left of the frame {@code local} frames into the scene. */
  public double x(int local) {
    double w = 2 * Math.PI * local / shakePeriodFrames;
    return x0 + vx * local + shake * (StrictMath.sin(w) + 0.4 * StrictMath.sin(2.7 * w + 1.3));
  }

  public double y(int local) {
    double w = 2 * Math.PI * local / shakePeriodFrames;
    return y0 + vy * local + shake * (StrictMath.cos(1.3 * w + 0.5) + 0.3 * StrictMath.sin(3.1 * w));
  }
}
