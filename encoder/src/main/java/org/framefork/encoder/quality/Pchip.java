package org.framefork.encoder.quality;

/**
 * Piecewise cubic Hermite interpolation with Fritsch-Carlson slopes (PCHIP): through the points it
 * is monotone wherever the data are, so it never invents a dip between two probes the way a
 * spline can. Outside the points it goes on along the end intervals' secants.
 */
final class Pchip {
  private final double[] x;
  private final double[] y;
  private final double[] slope;

  /** @param x strictly increasing; at least 2 points */
  Pchip(double[] x, double[] y) {
    if (x.length < 2 || x.length != y.length) {
      throw new IllegalArgumentException("PCHIP needs 2 or more points, x and y alike");
    }
    this.x = x.clone();
    this.y = y.clone();
    int n = x.length;
    double[] h = new double[n - 1];
    double[] delta = new double[n - 1];
    for (int i = 0; i < n - 1; i++) {
      h[i] = x[i + 1] - x[i];
      if (!(h[i] > 0)) {
        throw new IllegalArgumentException("PCHIP needs strictly increasing x");
      }
      delta[i] = (y[i + 1] - y[i]) / h[i];
    }
    slope = new double[n];
    for (int i = 1; i < n - 1; i++) {
      // Weighted harmonic mean of the neighbouring secants; 0 at a local extreme keeps it monotone.
      if (delta[i - 1] * delta[i] > 0) {
        double w1 = 2 * h[i] + h[i - 1];
        double w2 = h[i] + 2 * h[i - 1];
        slope[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
      }
    }
    slope[0] = endSlope(h[0], n > 2 ? h[1] : h[0], delta[0], n > 2 ? delta[1] : delta[0]);
    slope[n - 1] = endSlope(h[n - 2], n > 2 ? h[n - 3] : h[n - 2], delta[n - 2], n > 2 ? delta[n - 3] : delta[n - 2]);
  }

  /** The one-sided three-point slope at an end, limited as SciPy's PCHIP does to stay monotone. */
  private static double endSlope(double h0, double h1, double d0, double d1) {
    double d = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (Math.signum(d) != Math.signum(d0)) {
      return 0;
    }
    if (Math.signum(d0) != Math.signum(d1) && Math.abs(d) > Math.abs(3 * d0)) {
      return 3 * d0;
    }
    return d;
  }

  double at(double t) {
    int n = x.length;
    if (t <= x[0]) {
      return y[0] + (t - x[0]) * (y[1] - y[0]) / (x[1] - x[0]);
    }
    if (t >= x[n - 1]) {
      return y[n - 1] + (t - x[n - 1]) * (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
    }
    int i = 0;
    while (t > x[i + 1]) {
      i++;
    }
    double h = x[i + 1] - x[i];
    double s = (t - x[i]) / h;
    double s2 = s * s;
    double s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y[i] + (s3 - 2 * s2 + s) * h * slope[i] + (-2 * s3 + 3 * s2) * y[i + 1]
        + (s3 - s2) * h * slope[i + 1];
  }
}
