package org.framefork.samples.picture;

import org.framefork.samples.script.MovingObject;
import org.framefork.samples.script.Shape;

/**
 * A moving object ready to draw: its soft-edged outline (coverage 0..256), its shading and its
 * textured surface. Drawn with a soft drop shadow, which keeps edges from being a plain cut-out.
 */
final class Sprite {
  private final MovingObject object;
  private final int w;
  private final int h;
  private final short[] alpha;
  private final short[] chromaAlpha;
  private final short[] shade;
  private final PatternTile surface;
  private final int shadowOffset;

  private Sprite(MovingObject object, short[] alpha, short[] chromaAlpha, short[] shade, PatternTile surface) {
    this.object = object;
    this.w = object.width();
    this.h = object.height();
    this.alpha = alpha;
    this.chromaAlpha = chromaAlpha;
    this.shade = shade;
    this.surface = surface;
    this.shadowOffset = Math.max(1, object.height() / 14);
  }

  static Sprite of(MovingObject o, long seed) {
    int w = o.width();
    int h = o.height();
    double a = w / 2.0;
    double b = h / 2.0;
    short[] alpha = new short[w * h];
    short[] shade = new short[w * h];
    for (int y = 0; y < h; y++) {
      double py = y + 0.5 - b;
      for (int x = 0; x < w; x++) {
        double px = x + 0.5 - a;
        double distance = switch (o.shape()) {
          case DISC, ELLIPSE -> (Math.sqrt((px / a) * (px / a) + (py / b) * (py / b)) - 1) * Math.min(a, b);
          case ROUNDED_BOX -> roundedBox(px, py, a, b, Math.min(a, b) * 0.3);
          case DIAMOND -> (Math.abs(px) / a + Math.abs(py) / b - 1) * Math.min(a, b) * 0.7071;
        };
        int i = y * w + x;
        alpha[i] = (short) Math.round(Math.max(0, Math.min(1, 0.5 - distance)) * 256);
        double light;
        if (o.shape() == Shape.DISC || o.shape() == Shape.ELLIPSE) {
          // A ball lit from the upper left: Lambert shading over the sphere's normal.
          double nx = px / a;
          double ny = py / b;
          double nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
          light = 0.45 + 0.7 * Math.max(0, -0.45 * nx - 0.5 * ny + 0.74 * nz);
        } else {
          light = 0.95 - 0.2 * (px / a + py / b) * 0.5;
        }
        shade[i] = (short) Math.round(light * 256);
      }
    }
    int cw = w / 2;
    int ch = h / 2;
    short[] chromaAlpha = new short[cw * ch];
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        int i = 2 * y * w + 2 * x;
        chromaAlpha[y * cw + x] = (short) ((alpha[i] + alpha[i + 1] + alpha[i + w] + alpha[i + w + 1] + 2) >> 2);
      }
    }
    int side = PatternTile.powerOfTwoAtLeast(Math.max(w, h));
    return new Sprite(o, alpha, chromaAlpha, shade, PatternTile.paint(o.texture(), o.palette(), side, side, seed));
  }

  private static double roundedBox(double px, double py, double a, double b, double r) {
    double qx = Math.abs(px) - (a - r);
    double qy = Math.abs(py) - (b - r);
    double outside = StrictMath.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - r;
  }

  /** Draws the object as it is {@code local} frames into its scene. */
  void draw(YuvPicture pic, int local) {
    int x = object.x(local, pic.width());
    int y = object.y(local, pic.height());
    int sx = (int) Math.round(object.textureVx() * local);
    int sy = (int) Math.round(object.textureVy() * local);
    shadow(pic, x + shadowOffset, y + shadowOffset);
    luma(pic, x, y, sx, sy);
    chroma(pic, Math.floorDiv(x, 2), Math.floorDiv(y, 2), sx >> 1, sy >> 1);
  }

  /** Darkens what lies under the object to about 60 %, as a soft shadow on the backdrop. */
  private void shadow(YuvPicture pic, int x0, int y0) {
    int pw = pic.width();
    byte[] py = pic.y();
    for (int r = Math.max(0, -y0); r < h && y0 + r < pic.height(); r++) {
      int row = (y0 + r) * pw;
      for (int c = Math.max(0, -x0); c < w && x0 + c < pw; c++) {
        int a = alpha[r * w + c];
        if (a != 0) {
          int p = row + x0 + c;
          int dst = py[p] & 255;
          py[p] = (byte) (dst - ((Math.max(0, dst - 16) * a * 100) >> 16));
        }
      }
    }
  }

  private void luma(YuvPicture pic, int x0, int y0, int sx, int sy) {
    int pw = pic.width();
    byte[] py = pic.y();
    int tw = surface.width;
    int mw = tw - 1;
    int mh = surface.height - 1;
    for (int r = Math.max(0, -y0); r < h && y0 + r < pic.height(); r++) {
      int row = (y0 + r) * pw;
      int tex = ((sy + r) & mh) * tw;
      for (int c = Math.max(0, -x0); c < w && x0 + c < pw; c++) {
        int i = r * w + c;
        int a = alpha[i];
        if (a != 0) {
          int val = ((surface.y[tex + ((sx + c) & mw)] & 255) * shade[i]) >> 8;
          val = Math.min(val, 235);
          int p = row + x0 + c;
          int dst = py[p] & 255;
          py[p] = (byte) (dst + (((val - dst) * a) >> 8));
        }
      }
    }
  }

  private void chroma(YuvPicture pic, int x0, int y0, int sx, int sy) {
    int cw = w / 2;
    int ch = h / 2;
    int pw = pic.chromaWidth();
    byte[] pu = pic.u();
    byte[] pv = pic.v();
    int tw = surface.width / 2;
    int mw = tw - 1;
    int mh = surface.height / 2 - 1;
    for (int r = Math.max(0, -y0); r < ch && y0 + r < pic.chromaHeight(); r++) {
      int row = (y0 + r) * pw;
      int tex = ((sy + r) & mh) * tw;
      for (int c = Math.max(0, -x0); c < cw && x0 + c < pw; c++) {
        int a = chromaAlpha[r * cw + c];
        if (a != 0) {
          int t = tex + ((sx + c) & mw);
          int p = row + x0 + c;
          int du = pu[p] & 255;
          int dv = pv[p] & 255;
          pu[p] = (byte) (du + ((((surface.u[t] & 255) - du) * a) >> 8));
          pv[p] = (byte) (dv + ((((surface.v[t] & 255) - dv) * a) >> 8));
        }
      }
    }
  }
}
