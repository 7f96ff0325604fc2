package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.picture.FrameRenderer;
import org.framefork.samples.picture.YuvPicture;
import org.framefork.samples.script.Scene;
import org.framefork.samples.script.SceneLength;
import org.framefork.samples.script.SceneScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's cuts are only useful as ground truth if they are real: every listed cut must
 * change the picture far more than any frame-to-frame change inside a scene, fades and fast pans
 * included. Measured on the rendered frames with a plain colour-histogram distance.
 */
class SceneCutGroundTruthTest {
  private static final Rational FPS = new Rational(30, 1);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyCutChangesThePictureMoreThanTwiceAsMuchAsAnyFadePanOrGrain(long seed) {
    SceneScript script = SceneScript.plan(256, 144, FPS, 300, seed, SceneLength.parse("2-3"));
    assertTrue(script.scenes().stream().anyMatch(s -> s.fade() != null), "no fade to test against");
    assertTrue(script.scenes().stream().anyMatch(s -> s.camera().fast()), "no fast pan to test against");
    FrameRenderer renderer = new FrameRenderer(script, 2.0);
    YuvPicture pic = renderer.blankPicture();
    double weakestCut = Double.MAX_VALUE;
    double strongestOther = 0;
    int strongestAt = -1;
    double[] previous = null;
    for (int f = 0; f < script.frameCount(); f++) {
      renderer.render(f, pic);
      double[] h = histogram(pic);
      if (previous != null) {
        double d = distance(previous, h);
        if (script.cuts().contains(f)) {
          weakestCut = Math.min(weakestCut, d);
        } else if (d > strongestOther) {
          strongestOther = d;
          strongestAt = f;
        }
      }
      previous = h;
    }
    assertTrue(weakestCut > 2 * strongestOther, String.format(
        "weakest cut %.3f is not twice the strongest change inside a scene, %.3f at frame %d",
        weakestCut, strongestOther, strongestAt));
  }

  @Test
  void longerClipBeginsWithTheScenesOfAShorterOne() {
    SceneScript shorter = SceneScript.plan(320, 180, FPS, 300, 9, SceneLength.parse("2-3"));
    SceneScript longer = SceneScript.plan(320, 180, FPS, 900, 9, SceneLength.parse("2-3"));
    List<Scene> a = shorter.scenes();
    List<Scene> b = longer.scenes();
    // All but the last scene of the shorter clip, which may have taken in a stub.
    for (int i = 0; i < a.size() - 1; i++) {
      assertEquals(a.get(i).start(), b.get(i).start());
      assertEquals(a.get(i).frames(), b.get(i).frames());
      assertEquals(a.get(i).look(), b.get(i).look());
    }
  }

  @Test
  void sceneLengthsStayInTheirRangeAndNoStubIsLeftAtTheEnd() {
    SceneScript script = SceneScript.plan(320, 180, FPS, 1000, 4, SceneLength.parse("2-3"));
    List<Integer> lengths = new ArrayList<>();
    script.scenes().forEach(s -> lengths.add(s.frames()));
    for (int i = 0; i < lengths.size() - 1; i++) {
      assertTrue(lengths.get(i) >= 60 && lengths.get(i) <= 90, "scene " + i + " has " + lengths.get(i) + " frames");
    }
    assertTrue(lengths.get(lengths.size() - 1) >= 30, "last scene is a stub: " + lengths);
    assertEquals(1000, lengths.stream().mapToInt(Integer::intValue).sum());
    assertFalse(lengths.stream().distinct().count() == 1, "scene lengths should vary with the seed");
  }

  /** 16 luma bins and 8x8 chroma bins, each half of the total weight. */
  private static double[] histogram(YuvPicture p) {
    double[] h = new double[16 + 64];
    double wy = 0.5 / p.y().length;
    for (byte b : p.y()) {
      h[(b & 255) >> 4] += wy;
    }
    double wc = 0.5 / p.u().length;
    for (int i = 0; i < p.u().length; i++) {
      h[16 + (((p.u()[i] & 255) >> 5) << 3) + ((p.v()[i] & 255) >> 5)] += wc;
    }
    return h;
  }

  private static double distance(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Math.abs(a[i] - b[i]);
    }
    return d / 2;
  }
}
