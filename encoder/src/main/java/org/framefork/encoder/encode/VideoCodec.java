package org.framefork.encoder.encode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The video codecs FrameFork encodes with, each through its FFmpeg encoder. */
public enum VideoCodec {
  H264("h264", "libx264", 23, "medium", 51, 10),
  H265("h265", "libx265", 28, "medium", 51, 10),
  // This build's libvpx takes 8-bit pictures only.
  VP9("vp9", "libvpx-vp9", 32, "medium", 63, 8),
  AV1("av1", "libsvtav1", 35, "medium", 63, 10);

  /** x264's preset names, fastest first; the other codecs map them onto their own speed scales. */
  public static final List<String> PRESETS = List.of(
      "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow");

  private final String cliName;
  private final String encoderName;
  private final int defaultCrf;
  private final String defaultPreset;
  private final int maxCrf;
  private final int maxDepth;

  VideoCodec(String cliName, String encoderName, int defaultCrf, String defaultPreset, int maxCrf, int maxDepth) {
    this.cliName = cliName;
    this.encoderName = encoderName;
    this.defaultCrf = defaultCrf;
    this.defaultPreset = defaultPreset;
    this.maxCrf = maxCrf;
    this.maxDepth = maxDepth;
  }

  public String cliName() {
    return cliName;
  }

  public String encoderName() {
    return encoderName;
  }

  public int defaultCrf() {
    return defaultCrf;
  }

  public String defaultPreset() {
    return defaultPreset;
  }

  public int maxCrf() {
    return maxCrf;
  }

  /** The most bits a sample this build's encoder writes: 10, or 8 for vp9. */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Whether a 10-bit source stays 10-bit without being asked: h265 and av1, whose Main 10 and Main
   * profiles every HDR player decodes; h264's High 10 plays on few devices, so it needs {@code --depth 10}.
   */
  public boolean keepsSourceDepth() {
    return this == H265 || this == AV1;
  }

  public static VideoCodec parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (VideoCodec c : values()) {
      if (c.cliName.equals(n) || c.encoderName.equals(n) || c.name().equalsIgnoreCase(n)) {
        return c;
      }
    }
    switch (n) {
      case "x264", "avc":
        return H264;
      case "x265", "hevc":
        return H265;
      case "svtav1", "svt-av1":
        return AV1;
      default:
        throw new IllegalArgumentException("unknown codec '" + name + "'; use one of " + names());
    }
  }

  public static String names() {
    return Arrays.stream(values()).map(VideoCodec::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
