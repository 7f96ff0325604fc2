package org.framefork.encoder.kernels.colour;

/**
 * The levels of YUV pictures: limited ("TV", "MPEG": Y in [16, 235], U and V in [16, 240] at 8
 * bits) or full ("PC", "JPEG": all of [0, 255]), as FFmpeg's {@code AVColorRange} tags them.
 */
public enum ColourRange {
  LIMITED,
  FULL
}
