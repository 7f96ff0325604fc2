package org.framefork.samples.script;

/**
 * The scene's light across the screen: brightness rising from {@code lowGain} to {@code highGain}
 * along {@code angleDegrees}, a darkening towards the corners, and a colour cast that shifts along
 * the same direction (chroma offsets at the bright end; the dark end gets the opposite).
 */
public record Gradient(
    double angleDegrees, double lowGain, double highGain, double vignette, int tintU, int tintV) {}
