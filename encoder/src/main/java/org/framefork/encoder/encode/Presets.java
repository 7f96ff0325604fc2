package org.framefork.encoder.encode;

/** Maps a preset name onto each codec's own speed setting. */
final class Presets {
  private Presets() {}

  static void validate(VideoCodec codec, String preset) {
    if (preset == null || preset.isBlank()) {
      throw new IllegalArgumentException("empty preset; use one of " + String.join(", ", VideoCodec.PRESETS));
    }
    if (VideoCodec.PRESETS.contains(preset)) {
      return;
    }
    if (codec == VideoCodec.VP9 || codec == VideoCodec.AV1) {
      int max = codec == VideoCodec.VP9 ? 8 : 13;
      try {
        int v = Integer.parseInt(preset);
        if (v >= 0 && v <= max) {
          return;
        }
      } catch (NumberFormatException ignored) {
        // falls through to the error below
      }
      throw new IllegalArgumentException("unknown preset '" + preset + "' for " + codec + "; use one of "
          + String.join(", ", VideoCodec.PRESETS) + " or a number 0 to " + max);
    }
    throw new IllegalArgumentException("unknown preset '" + preset + "' for " + codec + "; use one of " + String.join(", ", VideoCodec.PRESETS));
  }

  /** libvpx-vp9's cpu-used (0 slowest … 8 fastest). */
  static int vp9CpuUsed(String preset) {
    int i = VideoCodec.PRESETS.indexOf(preset);
    if (i < 0) {
      return Integer.parseInt(preset);
    }
    // ultrafast..veryslow -> 8..0, medium (index 5) -> 4
    return new int[] {8, 7, 6, 5, 5, 4, 2, 1, 0}[i];
  }

  /** SVT-AV1's preset (0 slowest … 13 fastest). */
  static int svtAv1Preset(String preset) {
    int i = VideoCodec.PRESETS.indexOf(preset);
    if (i < 0) {
      return Integer.parseInt(preset);
    }
    return new int[] {12, 11, 10, 9, 8, 8, 6, 4, 2}[i];
  }
}
