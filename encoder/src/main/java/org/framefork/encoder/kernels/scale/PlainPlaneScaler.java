package org.framefork.encoder.kernels.scale;

import org.framefork.encoder.kernels.Plane;

/** The reference scaler: four taps per output sample, integer arithmetic only. */
public final class PlainPlaneScaler implements PlaneScaler {

  @Override
  public void bilinear(Plane src, Plane dst, BilinearPlan plan) {
    plan.requireFits(src, dst);
    for (int y = 0; y < dst.height(); y++) {
      bilinearRow(src, dst, plan, y, 0);
    }
  }

  /**
   * Output row {@code y} from column {@code x0} on. The input rows are blended first (exactly, in
   * Q8) and then the columns, which gives the same integers as the Vector API's two passes.
   */
  static void bilinearRow(Plane src, Plane dst, BilinearPlan plan, int y, int x0) {
    byte[] in = src.data();
    int topRow = src.rowStart(plan.top[y]);
    int bottomRow = src.rowStart(plan.bottom[y]);
    int wy = plan.yWeight[y];
    byte[] out = dst.data();
    int outRow = dst.rowStart(y);
    for (int x = x0; x < dst.width(); x++) {
      int l = plan.left[x];
      int r = plan.right[x];
      int tl = in[topRow + l] & 0xFF;
      int tr = in[topRow + r] & 0xFF;
      int vl = (tl << 8) + ((in[bottomRow + l] & 0xFF) - tl) * wy;
      int vr = (tr << 8) + ((in[bottomRow + r] & 0xFF) - tr) * wy;
      out[outRow + x] = (byte) (((vl << 8) + (vr - vl) * plan.xWeight[x] + (1 << 15)) >> 16);
    }
  }

  @Override
  public void halve(Plane src, Plane dst) {
    PlaneScaler.requireHalfSize(src, dst);
    for (int y = 0; y < dst.height(); y++) {
      halveRow(src, dst, y, 0);
    }
  }

  static void halveRow(Plane src, Plane dst, int y, int x0) {
    byte[] in = src.data();
    byte[] out = dst.data();
    int top = src.rowStart(2 * y);
    int bottom = src.rowStart(Math.min(2 * y + 1, src.height() - 1));
    int outRow = dst.rowStart(y);
    int lastColumn = src.width() - 1;
    for (int x = x0; x < dst.width(); x++) {
      int l = 2 * x;
      int r = Math.min(l + 1, lastColumn);
      int sum = (in[top + l] & 0xFF) + (in[top + r] & 0xFF)
          + (in[bottom + l] & 0xFF) + (in[bottom + r] & 0xFF);
      out[outRow + x] = (byte) ((sum + 2) >> 2);
    }
  }
}
