package org.framefork.encoder.kernels.scale;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

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
      int vl = BilinearPlan.mix(in[topRow + l] & 0xFF, in[bottomRow + l] & 0xFF, wy);
      int vr = BilinearPlan.mix(in[topRow + r] & 0xFF, in[bottomRow + r] & 0xFF, wy);
      out[outRow + x] = (byte) BilinearPlan.sample(vl, vr, plan.xWeight[x]);
    }
  }

  /**
   * 16-bit samples: the same integers as {@link #bilinearRow}, row after row (no Vector API twin
   * needs this for its tails: its horizontal pass has its own scalar loop).
   */
  @Override
  public void bilinear(Plane16 src, Plane16 dst, BilinearPlan plan) {
    plan.requireFits(src, dst);
    short[] in = src.data();
    short[] out = dst.data();
    for (int y = 0; y < dst.height(); y++) {
      int top = src.rowStart(plan.top[y]);
      int bottom = src.rowStart(plan.bottom[y]);
      int outRow = dst.rowStart(y);
      for (int x = 0; x < dst.width(); x++) {
        int l = plan.left[x];
        int r = plan.right[x];
        out[outRow + x] = (short) BilinearPlan.sample(
            BilinearPlan.mix(in[top + l] & 0xFFFF, in[bottom + l] & 0xFFFF, plan.yWeight[y]),
            BilinearPlan.mix(in[top + r] & 0xFFFF, in[bottom + r] & 0xFFFF, plan.yWeight[y]), plan.xWeight[x]);
      }
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

  @Override
  public void halve(Plane16 src, Plane16 dst) {
    PlaneScaler.requireHalfSize(src, dst);
    halveRows(src, dst, 0, dst.height(), 0);
  }

  /**
   * Rows {@code [y0, y1)} of {@code dst} from column {@code x0} on, as the 8-bit rows: the right
   * column of an odd width and the lower row of an odd height repeat. The vector twin's tails.
   */
  static void halveRows(Plane16 src, Plane16 dst, int y0, int y1, int x0) {
    short[] in = src.data();
    for (int y = y0; y < y1; y++) {
      int top = src.rowStart(2 * y);
      int down = src.rowStart(Math.min(2 * y + 1, src.height() - 1)) - top; // 0 on an odd last row
      for (int x = x0; x < dst.width(); x++) {
        int left = top + 2 * x;
        int right = 2 * x + 1 < src.width() ? left + 1 : left;
        int sum = (in[left] & 0xFFFF) + (in[right] & 0xFFFF) + (in[left + down] & 0xFFFF) + (in[right + down] & 0xFFFF);
        dst.data()[dst.rowStart(y) + x] = (short) ((sum + 2) >> 2);
      }
    }
  }
}
