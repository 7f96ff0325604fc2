package org.framefork.encoder.quality;

import org.framefork.encoder.encode.VideoCodec;

/**
 * The CRFs a target-quality search tries for a codec: the part of its scale where useful encodes
 * lie (below it files grow for no visible gain, above it pictures fall apart).
 *
 * @param fractional whether the codec takes CRFs between whole numbers (x264, x265), which the
 *     search then probes where no whole CRF can land in the band
 */
public record CrfRange(int min, int max, boolean fractional) {
  public CrfRange {
    if (min < 0 || max <= min) {
      throw new IllegalArgumentException("no CRF range: " + min + " to " + max);
    }
  }

  /** Whole CRFs only. */
  public CrfRange(int min, int max) {
    this(min, max, false);
  }

  /** x264 and x265: 15 to 40 of their 0-51; libvpx-vp9 and SVT-AV1: 15 to 55 of their 0-63. */
  public static CrfRange of(VideoCodec codec) {
    return switch (codec) {
      case H264, H265 -> new CrfRange(15, 40, codec.takesFractionalCrf());
      case VP9, AV1 -> new CrfRange(15, 55, codec.takesFractionalCrf());
    };
  }

  int clamp(double crf) {
    return (int) Math.max(min, Math.min(max, Math.round(crf)));
  }
}
