package org.framefork.encoder.encode;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.framefork.encoder.io.Choices;

/** The video codecs FrameFork encodes with, each through its FFmpeg encoder. */
public enum VideoCodec {
  H264("h264", "libx264", 23, "medium", 51, 10, "x264", "avc"),
  H265("h265", "libx265", 28, "medium", 51, 10, "x265", "hevc"),
  // This build's libvpx takes 8-bit pictures only.
  VP9("vp9", "libvpx-vp9", 32, "medium", 63, 8),
  AV1("av1", "libsvtav1", 35, "medium", 63, 10, "svtav1", "svt-av1");

  /** x264's preset names, fastest first; the other codecs map them onto their own speed scales. */
  public static final List<String> PRESETS = List.of(
      "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow");

  private final String cliName;
  private final String encoderName;
  private final int defaultCrf;
  private final String defaultPreset;
  private final int maxCrf;
  private final int maxDepth;
  /** What {@link #parse} also takes for this codec, besides its name, its CLI name and its encoder's. */
  private final List<String> spellings;

  VideoCodec(String cliName, String encoderName, int defaultCrf, String defaultPreset, int maxCrf, int maxDepth,
      String... aliases) {
    this.cliName = cliName;
    this.encoderName = encoderName;
    this.defaultCrf = defaultCrf;
    this.defaultPreset = defaultPreset;
    this.maxCrf = maxCrf;
    this.maxDepth = maxDepth;
    this.spellings = Stream.concat(Stream.of(cliName, encoderName, name().toLowerCase(Locale.ROOT)), Stream.of(aliases))
        .toList();
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

  /**
   * Whether the encoder takes a fractional CRF: x264's and x265's "crf" is a float (their rate
   * control scales the quantizer continuously by it); libvpx-vp9's and SVT-AV1's is a whole number.
   */
  public boolean takesFractionalCrf() {
    return this == H264 || this == H265;
  }

  /**
   * How fast {@code preset} (a valid one) runs on this codec's own scale, higher faster: the place
   * of x264's and x265's name from veryslow, VP9's cpu-used, SVT-AV1's preset.
   */
  public int speed(String preset) {
    return switch (this) {
      case H264, H265 -> PRESETS.size() - 1 - PRESETS.indexOf(preset);
      case VP9 -> Presets.vp9CpuUsed(preset);
      case AV1 -> Presets.svtAv1Preset(preset);
    };
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

  /** @throws IllegalArgumentException {@code unknown codec 'NAME'; use one of h264, h265, vp9, av1} */
  public static VideoCodec parse(String name) {
    return Choices.find(values(), name, c -> c.spellings)
        .orElseThrow(() -> Choices.unknown("codec", name, "one of " + Choices.list(values(), VideoCodec::cliName)));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
