package org.framefork.samples.script;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.media.Rational;

/**
 * The plan of a sample clip: which scene plays at each frame and what it looks and sounds like.
 * It is plain data drawn from the seed; the picture and the sound are rendered from it, and the
 * sidecar's ground truth (cuts, fades, fast pans, keyframes) is read from it.
 *
 * <p>Scenes are derived one after another from the seed alone, never from the clip's length, so a
 * longer clip with the same seed begins with the same scenes as a shorter one.
 */
public final class SceneScript {
  /** Every third scene, from the second, dips to black; every third, from the third, pans fast. */
  private static final int FADE_CADENCE_PHASE = 1;
  private static final int FAST_PAN_CADENCE_PHASE = 2;
  private static final int CADENCE = 3;

  private static final double[][] CHORDS = {
      {0, 4, 7, 12}, // major
      {0, 3, 7, 12}, // minor
      {0, 5, 7, 12}, // sus4
      {0, 4, 7, 14}, // add9
  };

  private final int width;
  private final int height;
  private final Rational fps;
  private final int frameCount;
  private final long seed;
  private final List<Scene> scenes;

  private SceneScript(int width, int height, Rational fps, int frameCount, long seed, List<Scene> scenes) {
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.frameCount = frameCount;
    this.seed = seed;
    this.scenes = List.copyOf(scenes);
  }

  public static SceneScript plan(
      int width, int height, Rational fps, int frameCount, long seed, SceneLength length) {
    if (frameCount < 1) {
      throw new IllegalArgumentException("a clip needs at least one frame");
    }
    double rate = fps.toDouble();
    Dice lengths = Dice.of(seed, Dice.SCENE_LENGTHS);
    int minFrames = Math.max(2, (int) Math.round(length.minSeconds() * rate));
    List<Scene> scenes = new ArrayList<>();
    Dice opening = Dice.of(seed, Dice.LOOK);
    double hue = opening.between(0, 360);
    Texture[] backdrops = shuffled(Texture.values(), opening);
    int root = 52;
    int start = 0;
    for (int k = 0; start < frameCount; k++) {
      double seconds = length.fixed() ? length.minSeconds() : lengths.between(length.minSeconds(), length.maxSeconds());
      int frames = Math.max(2, (int) Math.round(seconds * rate));
      int rest = frameCount - start - frames;
      // A last scene shorter than half the shortest one would be a stub: the previous one takes it.
      if (rest < Math.max(1, minFrames / 2)) {
        frames = frameCount - start;
      }
      Dice look = Dice.of(seed, Dice.LOOK, k);
      // Neighbouring scenes sit far apart on the colour wheel and alternate dark and bright, so
      // that every hard cut is a real change of picture, not a lookalike that a detector may skip.
      hue = (hue + look.between(100, 260)) % 360;
      boolean lowKey = ((k + seed) & 1) == 0;
      boolean fastPan = k % CADENCE == FAST_PAN_CADENCE_PHASE;
      Fade fade = null;
      if (k % CADENCE == FADE_CADENCE_PHASE && frames >= 6) {
        int fadeLength = (int) Math.min(Math.round(2.0 * rate), Math.round(frames * 0.7));
        fade = new Fade((frames - fadeLength) / 2, fadeLength, 0.85);
      }
      Dice sound = Dice.of(seed, Dice.SOUND, k);
      root = nextRoot(root, sound);
      scenes.add(new Scene(k, start, frames,
          look(look, Dice.of(seed, Dice.OBJECTS, k), backdrops[k % backdrops.length], hue, lowKey, fastPan,
              width, height, rate),
          camera(look, fastPan, width, rate), fade, chord(sound, root)));
      start += frames;
    }
    return new SceneScript(width, height, fps, frameCount, seed, scenes);
  }

  private static SceneLook look(Dice d, Dice objectDice, Texture backdrop, double hue, boolean lowKey,
      boolean fastPan, int width, int height, double rate) {
    double saturation = d.between(0.35, 0.8);
    Palette palette = lowKey
        ? Palette.around(hue, saturation, d.between(0.05, 0.12), d.between(0.45, 0.6), d.between(10, 40))
        : Palette.around(hue, saturation, d.between(0.3, 0.4), d.between(0.85, 0.95), d.between(10, 40));
    Gradient gradient = new Gradient(d.between(0, 360), d.between(0.6, 0.8), d.between(1.0, 1.12),
        d.between(0.1, 0.35), (int) Math.round(d.sign() * d.between(4, 14)), (int) Math.round(d.sign() * d.between(4, 14)));
    // Dim scenes are shot at a higher gain, so they carry more grain, as real footage does.
    double grainScale = d.between(0.8, 1.1) * (lowKey ? 1.2 : 1.0);
    int count = fastPan ? objectDice.between(1, 3) : objectDice.between(1, 6);
    List<MovingObject> objects = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      objects.add(movingObject(objectDice, hue, width, height, rate));
    }
    return new SceneLook(backdrop, palette, gradient, objects, grainScale);
  }

  /** The backdrops in an order of the seed's choosing, so that neighbouring scenes never share one. */
  private static Texture[] shuffled(Texture[] values, Dice d) {
    Texture[] t = values.clone();
    for (int i = t.length - 1; i > 0; i--) {
      int j = d.nextInt(i + 1);
      Texture swap = t[i];
      t[i] = t[j];
      t[j] = swap;
    }
    return t;
  }

  private static MovingObject movingObject(Dice d, double sceneHue, int width, int height, double rate) {
    Shape shape = d.pick(Shape.values());
    int h = even(Math.max(4, height * d.between(0.1, 0.3)));
    double aspect = switch (shape) {
      case ELLIPSE -> d.between(1.3, 1.8);
      case ROUNDED_BOX -> d.between(0.8, 1.6);
      case DISC, DIAMOND -> 1.0;
    };
    int w = even(Math.min(width - 2, Math.max(4, h * aspect)));
    double scale = width / 1280.0;
    double speed = d.between(40, 320) * scale / rate; // from pixels per second at 1280 wide
    double angle = d.between(0, 2 * Math.PI);
    Palette palette = Palette.around(sceneHue + 180 + d.between(-60, 60), d.between(0.5, 0.9),
        d.between(0.15, 0.3), d.between(0.7, 0.95), d.between(15, 45));
    return new MovingObject(shape, w, h, d.pick(Texture.values()), palette,
        d.between(0, Math.max(1, width - w)), d.between(0, Math.max(1, height - h)),
        speed * StrictMath.cos(angle), speed * StrictMath.sin(angle),
        d.between(-60, 60) * scale / rate, d.between(-60, 60) * scale / rate);
  }

  private static CameraMove camera(Dice d, boolean fast, int width, double rate) {
    double scale = width / 1280.0;
    double pxPerSecond;
    double angle;
    if (fast) {
      // Crosses most of the frame in a second: fast enough to smear a naive frame difference.
      pxPerSecond = width * d.between(0.7, 0.95);
      angle = Math.toRadians(d.between(-20, 20)) + (d.chance(0.5) ? 0 : Math.PI);
    } else {
      pxPerSecond = d.between(8, 60) * scale;
      angle = d.between(0, 2 * Math.PI);
    }
    double perFrame = pxPerSecond / rate;
    return new CameraMove(d.between(0, 4096), d.between(0, 4096),
        perFrame * StrictMath.cos(angle), perFrame * StrictMath.sin(angle),
        d.between(0.3, 1.5) * scale, d.between(1.5, 3.0) * rate, fast);
  }

  private static int nextRoot(int previous, Dice d) {
    int next = previous + (int) d.sign() * d.between(2, 7);
    // Keep the chords in a pleasant register (A2..E4) by reflecting off its ends.
    if (next < 45) {
      next = 45 + (45 - next);
    } else if (next > 64) {
      next = 64 - (next - 64);
    }
    return next;
  }

  private static Chord chord(Dice d, int root) {
    double[] intervals = CHORDS[d.nextInt(CHORDS.length)];
    double[] level = {0.16, 0.11, 0.10, 0.05};
    double[] hz = new double[intervals.length + 1];
    double[] amp = new double[intervals.length + 1];
    for (int i = 0; i < intervals.length; i++) {
      hz[i] = midiHz(root + intervals[i]);
      amp[i] = level[i];
    }
    hz[intervals.length] = midiHz(root - 12); // a bass note an octave down
    amp[intervals.length] = 0.08;
    return new Chord(hz, amp, d.between(-0.6, 0.6), d.between(2, 6), d.between(0.004, 0.015));
  }

  private static double midiHz(double note) {
    return 440.0 * StrictMath.pow(2, (note - 69) / 12.0);
  }

  private static int even(double v) {
    return 2 * (int) Math.round(v / 2);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public Rational fps() {
    return fps;
  }

  public int frameCount() {
    return frameCount;
  }

  public long seed() {
    return seed;
  }

  public List<Scene> scenes() {
    return scenes;
  }

  public Scene sceneAt(int frame) {
    int lo = 0;
    int hi = scenes.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (scenes.get(mid).start() <= frame) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return scenes.get(lo);
  }

  /** First frame of every scene but the first: the hard cuts. */
  public List<Integer> cuts() {
    return scenes.stream().skip(1).map(Scene::start).toList();
  }

  /**
   * Frames that are encoded as keyframes: the first, every cut, and one {@code gop} frames after
   * the previous keyframe. A cut restarts the count, as it does in x264.
   */
  public List<Integer> keyframes(int gop) {
    List<Integer> keys = new ArrayList<>();
    int last = 0;
    for (int f = 0; f < frameCount; f++) {
      boolean cut = f > 0 && sceneAt(f).start() == f;
      if (f == 0 || cut || f - last >= gop) {
        keys.add(f);
        last = f;
      }
    }
    return keys;
  }
}
