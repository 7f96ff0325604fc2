package org.framefork.encoder.plan;

import java.util.Locale;

/** Where chunk boundaries go. */
public enum SplitMode {
  /** At source keyframes, near a target chunk length: no frame is decoded twice. */
  KEYFRAMES,
  /** Every N frames exactly; a chunk that starts between keyframes decodes forward from the one before. */
  FIXED,
  /** One chunk: the whole video in one encoder (the baseline for FFmpeg's own threading). */
  NONE,
  /**
   * At detected scene cuts (the video is decoded once to find them), long scenes split again at
   * keyframes: each chunk holds one scene or part of one, so no encoder straddles a cut.
   */
  SCENE;

  public static SplitMode parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "keyframes", "keyframe", "gop" -> KEYFRAMES;
      case "fixed", "frames" -> FIXED;
      case "none", "whole" -> NONE;
      case "scene", "scenes", "scenecut" -> SCENE;
      default -> throw new IllegalArgumentException("unknown split '" + s + "'; use keyframes, scene, fixed or none");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
