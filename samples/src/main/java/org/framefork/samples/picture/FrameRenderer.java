package org.framefork.samples.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framefork.samples.script.Dice;
import org.framefork.samples.script.MovingObject;
import org.framefork.samples.script.Scene;
import org.framefork.samples.script.SceneScript;

/**
 * Paints the frames of a {@link SceneScript}. A frame is a pure function of the script and its
 * index (no state carries from one frame to the next but a cache of the current scene's
 * textures), so any frame can be rendered on its own and the same index always gives the same
 * bytes.
 *
 * <p>Layers, back to front: the backdrop seen through the panning camera, the moving objects with
 * their shadows, the scene's light and fade, the grain, and the ticker on top.
 */
public final class FrameRenderer {
  private final SceneScript script;
  private final double grainSigma;
  private final GrainField grain;
  private final TextTicker ticker;
  private final short[] grainRow;
  private SceneSet current;

  /** Textures and light of one scene, built when the scene starts. */
  private record SceneSet(Scene scene, PatternTile backdrop, Lighting lighting, List<Sprite> sprites) {}

  /**
   * @param grainSigma standard deviation of the luma grain in 8-bit levels, before each scene's own
   *     scale; chroma gets half of it
   */
  public FrameRenderer(SceneScript script, double grainSigma) {
    this.script = script;
    this.grainSigma = grainSigma;
    this.grain = new GrainField(Dice.derive(script.seed(), Dice.GRAIN));
    this.ticker = new TextTicker(script.width(), script.height(), script.fps().toDouble());
    this.grainRow = new short[script.width()];
  }

  public YuvPicture blankPicture() {
    return YuvPicture.blank(script.width(), script.height());
  }

  public void render(int frame, YuvPicture out) {
    if (frame < 0 || frame >= script.frameCount()) {
      throw new IndexOutOfBoundsException("frame " + frame + " of " + script.frameCount());
    }
    SceneSet set = sceneSet(script.sceneAt(frame));
    Scene scene = set.scene();
    int local = frame - scene.start();
    backdrop(out, set.backdrop(), scene.camera().x(local), scene.camera().y(local));
    for (Sprite sprite : set.sprites()) {
      sprite.draw(out, local);
    }
    int fade = scene.fade() == null ? 256 : (int) Math.round(scene.fade().gain(local) * 256);
    double sigma = grainSigma * scene.look().grainScale();
    finish(out, frame, set.lighting(), fade, GrainField.strength(sigma), GrainField.strength(sigma / 2));
    ticker.draw(out, frame, tickerText(frame, scene));
  }

  private String tickerText(int frame, Scene scene) {
    long millis = frame * 1000L * script.fps().den() / script.fps().num();
    return String.format(Locale.ROOT, "FRAMEFORK SAMPLE  SEED %d  SCENE %02d/%02d  FRAME %06d/%06d  TC %02d:%02d:%02d.%03d     ",
        script.seed(), scene.index() + 1, script.scenes().size(), frame, script.frameCount(),
        millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
  }

  private SceneSet sceneSet(Scene scene) {
    if (current == null || current.scene() != scene) {
      long seed = script.seed();
      PatternTile backdrop = PatternTile.paint(scene.look().backdrop(), scene.look().palette(),
          PatternTile.powerOfTwoAtLeast(script.width()), PatternTile.powerOfTwoAtLeast(script.height()),
          Dice.derive(seed, Dice.TEXTURE, scene.index()));
      List<Sprite> sprites = new ArrayList<>();
      List<MovingObject> objects = scene.look().objects();
      for (int i = 0; i < objects.size(); i++) {
        sprites.add(Sprite.of(objects.get(i), Dice.derive(seed, Dice.TEXTURE, scene.index(), i + 1)));
      }
      current = new SceneSet(scene, backdrop, Lighting.of(scene.look().gradient(), script.width(), script.height()), sprites);
    }
    return current;
  }

  /**
   * The camera's view of the backdrop at a sub-pixel position: bilinear sampling with weights
   * that are the same for every pixel (a pan is a pure translation), in 8-bit fixed point.
   */
  private static void backdrop(YuvPicture out, PatternTile tile, double camX, double camY) {
    long qx = Math.round(camX * 256);
    long qy = Math.round(camY * 256);
    sample(tile.y, tile.width, tile.height, qx, qy, out.y(), out.width(), out.height());
    sample(tile.u, tile.width / 2, tile.height / 2, qx >> 1, qy >> 1, out.u(), out.chromaWidth(), out.chromaHeight());
    sample(tile.v, tile.width / 2, tile.height / 2, qx >> 1, qy >> 1, out.v(), out.chromaWidth(), out.chromaHeight());
  }

  private static void sample(byte[] tile, int tw, int th, long qx, long qy, byte[] dst, int w, int h) {
    int mw = tw - 1;
    int mh = th - 1;
    int ix = (int) (qx >> 8);
    int iy = (int) (qy >> 8);
    int fx = (int) (qx & 255);
    int fy = (int) (qy & 255);
    for (int r = 0; r < h; r++) {
      int row0 = ((iy + r) & mh) * tw;
      int row1 = ((iy + r + 1) & mh) * tw;
      int c = 0;
      while (c < w) {
        int x0 = (ix + c) & mw;
        // Runs that do not cross the tile's right edge need no wrapping per pixel, which leaves
        // a loop simple enough for C2 to unroll; the one column at the edge wraps by hand.
        int run = Math.min(w - c, mw - x0);
        if (run == 0) {
          dst[r * w + c] = (byte) bilinear(tile[row0 + mw], tile[row0], tile[row1 + mw], tile[row1], fx, fy);
          c++;
          continue;
        }
        int out = r * w + c;
        int a0 = row0 + x0;
        int b0 = row1 + x0;
        for (int k = 0; k < run; k++) {
          dst[out + k] = (byte) bilinear(tile[a0 + k], tile[a0 + k + 1], tile[b0 + k], tile[b0 + k + 1], fx, fy);
        }
        c += run;
      }
    }
  }

  private static int bilinear(byte topLeft, byte topRight, byte bottomLeft, byte bottomRight, int fx, int fy) {
    int a = topLeft & 255;
    int b = topRight & 255;
    int c = bottomLeft & 255;
    int d = bottomRight & 255;
    int top = (a << 8) + (b - a) * fx;
    int bottom = (c << 8) + (d - c) * fx;
    return ((top << 8) + (bottom - top) * fy + 32768) >> 16;
  }

  /** Light, fade and grain in one pass over each plane: they all touch every pixel once. */
  private void finish(YuvPicture out, int frame, Lighting light, int fade, int lumaGrain, int chromaGrain) {
    int w = out.width();
    byte[] y = out.y();
    short[] gain = light.gain;
    short[] g = grainRow;
    for (int r = 0; r < out.height(); r++) {
      grain.row(frame, 0, r, lumaGrain, g, w);
      int base = r * w;
      for (int c = 0; c < w; c++) {
        int i = base + c;
        int v = 16 + (int) (((long) ((y[i] & 255) - 16) * gain[i] * fade) >> 20) + g[c];
        y[i] = (byte) (v < 1 ? 1 : Math.min(v, 254));
      }
    }
    int cw = out.chromaWidth();
    chroma(out.u(), light.tintU, frame, 1, fade, chromaGrain, cw, out.chromaHeight());
    chroma(out.v(), light.tintV, frame, 2, fade, chromaGrain, cw, out.chromaHeight());
  }

  private void chroma(byte[] plane, byte[] tint, int frame, int index, int fade, int grainStrength, int cw, int ch) {
    short[] g = grainRow;
    for (int r = 0; r < ch; r++) {
      grain.row(frame, index, r, grainStrength, g, cw);
      int base = r * cw;
      for (int c = 0; c < cw; c++) {
        int i = base + c;
        int v = 128 + ((((plane[i] & 255) - 128 + tint[i]) * fade) >> 8) + g[c];
        plane[i] = (byte) (v < 1 ? 1 : Math.min(v, 254));
      }
    }
  }
}
