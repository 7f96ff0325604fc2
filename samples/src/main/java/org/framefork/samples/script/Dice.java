package org.framefork.samples.script;

/**
 * The generator's only source of chance: SplitMix64, written out here rather than borrowed from
 * {@code java.util} so that a seed means the same pictures on every JDK, now and later.
 *
 * <p>Each part of a clip rolls its own dice, derived from the seed and a path ({@code of(seed,
 * LOOK, sceneIndex)}), so that scene 3 looks the same whether the clip is 10 s or 10 min long.
 */
public final class Dice {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Streams of the generator; their numbers are part of what a seed means, so never renumber. */
  public static final long SCENE_LENGTHS = 1;
  public static final long LOOK = 2;
  public static final long OBJECTS = 3;
  public static final long TEXTURE = 4;
  public static final long GRAIN = 5;
  public static final long SOUND = 6;
  public static final long NOISE = 7;

  private long state;

  public Dice(long seed) {
    this.state = seed;
  }

  /** Dice for one part of the clip: the seed followed by a path of stream numbers. */
  public static Dice of(long seed, long... path) {
    return new Dice(derive(seed, path));
  }

  public static long derive(long seed, long... path) {
    long s = mix(seed ^ GOLDEN);
    for (long p : path) {
      s = mix(s ^ mix(p + GOLDEN));
    }
    return s;
  }

  /** SplitMix64's finaliser: a bijective scramble of 64 bits, also usable as a hash. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public double between(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform in [0, bound); the modulo bias of a 31-bit draw is far below anything visible. */
  public int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) % bound);
  }

  public int between(int lo, int hiInclusive) {
    return lo + nextInt(hiInclusive - lo + 1);
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  public double sign() {
    return (nextLong() & 1) == 0 ? 1 : -1;
  }

  public <E> E pick(E[] values) {
    return values[nextInt(values.length)];
  }
}
