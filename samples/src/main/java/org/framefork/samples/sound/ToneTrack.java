package org.framefork.samples.sound;

import java.util.List;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.script.Chord;
import org.framefork.samples.script.Dice;
import org.framefork.samples.script.Scene;
import org.framefork.samples.script.SceneScript;

/**
 * The clip's sound, 48 kHz stereo: each scene's chord over a little room noise. The chord changes
 * on the sample that matches the cut's frame, so sound and picture cut together; a 5 ms ramp on
 * each side of a cut keeps it from clicking. The track has exactly the video's duration.
 */
public final class ToneTrack {
  public static final int SAMPLE_RATE = 48_000;
  private static final int RAMP = SAMPLE_RATE / 200;

  private final SceneScript script;
  private final long[] sceneStart;
  private final double[][] hz;
  private final double[][] amplitude;
  private final long totalSamples;
  private final Dice noise;
  private final double rate;
  private long position;
  private double lowLeft;
  private double lowRight;

  public ToneTrack(SceneScript script) {
    this.script = script;
    List<Scene> scenes = script.scenes();
    this.sceneStart = new long[scenes.size() + 1];
    this.hz = new double[scenes.size()][];
    this.amplitude = new double[scenes.size()][];
    for (int i = 0; i < scenes.size(); i++) {
      sceneStart[i] = samplesBefore(scenes.get(i).start(), script.fps());
      hz[i] = scenes.get(i).chord().hz();
      amplitude[i] = scenes.get(i).chord().amplitude();
    }
    this.totalSamples = samplesBefore(script.frameCount(), script.fps());
    sceneStart[scenes.size()] = totalSamples;
    this.noise = Dice.of(script.seed(), Dice.NOISE);
    this.rate = script.fps().toDouble();
  }

  /** The sample that plays with {@code frame}'s start: frame time in samples, rounded half up. */
  public static long samplesBefore(long frame, Rational fps) {
    long num = frame * SAMPLE_RATE * fps.den();
    return (2 * num + fps.num()) / (2 * fps.num());
  }

  public long totalSamples() {
    return totalSamples;
  }

  public long position() {
    return position;
  }

  /** Fills up to {@code max} samples of each channel; returns how many, 0 at the end. */
  public int read(float[] left, float[] right, int max) {
    int n = (int) Math.min(max, totalSamples - position);
    int scene = sceneIndexAt(position);
    for (int i = 0; i < n; i++) {
      long s = position + i;
      while (s >= sceneStart[scene + 1]) {
        scene++;
      }
      Scene sc = script.scenes().get(scene);
      Chord chord = sc.chord();
      long intoScene = s - sceneStart[scene];
      double t = (double) intoScene / SAMPLE_RATE;
      double tone = 0;
      double[] notes = hz[scene];
      double[] amp = amplitude[scene];
      for (int p = 0; p < notes.length; p++) {
        tone += amp[p] * StrictMath.sin(2 * Math.PI * notes[p] * t);
      }
      tone *= 1 + 0.12 * StrictMath.sin(2 * Math.PI * chord.tremoloHz() * t);
      double edge = Math.min(1, Math.min(intoScene, sceneStart[scene + 1] - 1 - s) / (double) RAMP);
      double fade = sc.fade() == null ? 1 : sc.fade().gain(t * rate);
      double gain = edge * fade;
      // Room noise: white noise through a one-pole low-pass, different in each ear.
      lowLeft += 0.15 * (noise.nextDouble() * 2 - 1 - lowLeft);
      lowRight += 0.15 * (noise.nextDouble() * 2 - 1 - lowRight);
      double angle = (chord.pan() + 1) * Math.PI / 4;
      left[i] = (float) (gain * (tone * StrictMath.cos(angle) + chord.noiseLevel() * 4 * lowLeft));
      right[i] = (float) (gain * (tone * StrictMath.sin(angle) + chord.noiseLevel() * 4 * lowRight));
    }
    position += n;
    return n;
  }

  private int sceneIndexAt(long sample) {
    int i = 0;
    while (i + 1 < sceneStart.length - 1 && sceneStart[i + 1] <= sample) {
      i++;
    }
    return i;
  }
}
