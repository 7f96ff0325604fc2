package org.framefork.samples.script;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a scene sounds like: a chord of sine partials (Hz, with their amplitudes), placed in the
 * stereo field ({@code pan} -1 left .. 1 right), with a slow tremolo and some room noise. Each
 * scene has its own chord, so the sound changes at every cut as the picture does.
 */
public record Chord(double[] hz, double[] amplitude, double pan, double tremoloHz, double noiseLevel) {
  public Chord {
    hz = hz.clone();
    amplitude = amplitude.clone();
  }

  @Override
  public double[] hz() {
    return hz.clone();
  }

  @Override
  public double[] amplitude() {
    return amplitude.clone();
  }

  // A record compares arrays by identity; a chord is a value, so compare the notes.
  @Override
  public boolean equals(Object o) {
    return o instanceof Chord c && Arrays.equals(hz, c.hz) && Arrays.equals(amplitude, c.amplitude)
        && pan == c.pan && tremoloHz == c.tremoloHz && noiseLevel == c.noiseLevel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(hz), Arrays.hashCode(amplitude), pan, tremoloHz, noiseLevel);
  }

  @Override
  public String toString() {
    return "Chord[hz=" + Arrays.toString(hz) + ", amplitude=" + Arrays.toString(amplitude) + ", pan=" + pan
        + ", tremoloHz=" + tremoloHz + ", noiseLevel=" + noiseLevel + "]";
  }
}
