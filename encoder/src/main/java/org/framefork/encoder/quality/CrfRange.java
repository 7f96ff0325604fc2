package org.framefork.encoder.quality;

import org.framefork.encoder.encode.VideoCodec;

/**
 * The CRFs a target-quality search tries for a codec: the part of its scale where useful encodes
 * lie (below it files grow for no visible gain, above it pictures fall apart), within the codec's
 * own range, where the search goes on only when a chunk's target lies past an end of the first.
 *
 * @param fractional whether the codec takes CRFs between whole numbers (x264, x265), which the
 *     search then probes where no whole CRF can land in the band
 * @param codecMin the codec's lowest CRF (x264, x265 and VP9 0, SVT-AV1 1)
 * @param codecMax the codec's highest CRF (x264 and x265 51, VP9 and SVT-AV1 63)
 */
public record CrfRange(int min, int max, boolean fractional, int codecMin, int codecMax) {
  public CrfRange {
    if (min < 0 || max <= min || codecMin > min || codecMax < max) {
      throw new IllegalArgumentException("no CRF range: " + min + " to " + max + " of " + codecMin + " to " + codecMax);
    }
  }

  /** A range that is all the codec has: the search never goes past it. */
  public CrfRange(int min, int max, boolean fractional) {
    this(min, max, fractional, min, max);
  }

  /** Whole CRFs only. */
  public CrfRange(int min, int max) {
    this(min, max, false);
  }

  /** x264 and x265: 15 to 40 of their 0-51; libvpx-vp9: 15 to 55 of its 0-63; SVT-AV1: 15 to 55 of its 1-63. */
  public static CrfRange of(VideoCodec codec) {
    return switch (codec) {
      case H264, H265 -> new CrfRange(15, 40, codec.takesFractionalCrf(), 0, codec.maxCrf());
      case VP9 -> new CrfRange(15, 55, false, 0, codec.maxCrf());
      case AV1 -> new CrfRange(15, 55, false, 1, codec.maxCrf());
    };
  }

  /** This range with its low end, its high end or both moved out to the codec's. */
  CrfRange widened(boolean down, boolean up) {
    return new CrfRange(down ? codecMin : min, up ? codecMax : max, fractional, codecMin, codecMax);
  }

  /** All of the codec's range. */
  CrfRange codec() {
    return widened(true, true);
  }

  int clamp(double crf) {
    return (int) Math.max(min, Math.min(max, Math.round(crf)));
  }
}
