package org.framefork.encoder.cli;

import org.framefork.encoder.plan.SplitMode;

/**
 * Where chunks are cut, from the options that encode and probe share ({@code --split}, {@code
 * --chunk-seconds}, {@code --chunk-frames}), checked alike: probe shows the plan that encode would
 * make, and refuses what encode refuses in the same words.
 *
 * @param chunkSeconds the target (keyframes) or longest (scene) chunk length; 0 picks one
 * @param chunkFrames the fixed chunk length; null for the engine's default
 */
record SplitChoice(SplitMode mode, double chunkSeconds, Integer chunkFrames) {
  /**
   * The options' split; {@code chunkSeconds} and {@code chunkFrames} are null when not given.
   *
   * @throws IllegalArgumentException with one line that names the first problem
   */
  static SplitChoice checked(String split, Double chunkSeconds, Integer chunkFrames) {
    // --chunk-frames alone means fixed-length chunks.
    SplitMode mode = split != null ? SplitMode.parse(split) : chunkFrames != null ? SplitMode.FIXED : SplitMode.KEYFRAMES;
    if (chunkFrames != null && mode != SplitMode.FIXED) {
      throw new IllegalArgumentException("--chunk-frames sets fixed-length chunks; use it with --split fixed, or drop it");
    }
    if (chunkFrames != null && chunkFrames < 1) {
      throw new IllegalArgumentException("--chunk-frames " + chunkFrames + ": needs at least 1 frame");
    }
    double seconds = chunkSeconds != null ? chunkSeconds : 0;
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("--chunk-seconds " + chunkSeconds + ": give a length in seconds, or 0 to pick one");
    }
    if (seconds > 0 && mode != SplitMode.KEYFRAMES && mode != SplitMode.SCENE) {
      throw new IllegalArgumentException("--chunk-seconds sets the length of keyframe chunks (or the longest scene chunk); use "
          + "it with --split keyframes or scene, or drop it");
    }
    return new SplitChoice(mode, seconds, chunkFrames);
  }

  /** The fixed chunk length: --chunk-frames, else {@code byDefault}. */
  int chunkFrames(int byDefault) {
    return chunkFrames != null ? chunkFrames : byDefault;
  }
}
