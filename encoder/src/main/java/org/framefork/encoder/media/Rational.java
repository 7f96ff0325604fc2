package org.framefork.encoder.media;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** An exact fraction, as FFmpeg's time bases and frame rates are. */
public record Rational(long num, long den) {
  public static final Rational ZERO = new Rational(0, 1);

  public static Rational of(AVRational r) {
    return new Rational(r.num(), r.den());
  }

  public double toDouble() {
    return den == 0 ? 0 : (double) num / den;
  }

  public boolean isValid() {
    return num > 0 && den > 0;
  }

  /**
   * Ticks of {@code timeBase} that one frame at this rate lasts, rounded; 0 when the rate or the
   * time base is unknown.
   */
  public long ticksPerFrame(Rational timeBase) {
    return isValid() && timeBase.isValid() ? Math.round(timeBase.den * (double) den / ((double) timeBase.num * num)) : 0;
  }

  /** Seconds that {@code ticks} of this time base last. */
  public double seconds(long ticks) {
    return ticks * toDouble();
  }

  /** This frame rate for people: "25 fps", "29.970 fps". */
  public String fpsText() {
    return String.format(java.util.Locale.ROOT, "%.3f fps", toDouble()).replace(".000 fps", " fps");
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
