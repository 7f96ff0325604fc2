package org.framefork.encoder.plan;

import java.util.Locale;

/** Where chunk boundaries go. */
public enum SplitMode {
  /** At source keyframes, near a target chunk length: no frame is decoded twice. */
  KEYFRAMES,
  /** Every N frames exactly; a chunk that starts between keyframes decodes forward from the one before. */
  FIXED,
  /** One chunk: the whole video in one encoder (the baseline for FFmpeg's own threading). */
  NONE;

  public static SplitMode parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "keyframes", "keyframe", "gop" -> KEYFRAMES;
      case "fixed", "frames" -> FIXED;
      case "none", "whole" -> NONE;
      default -> throw new IllegalArgumentException("unknown split '" + s + "'; use keyframes, fixed or none");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
