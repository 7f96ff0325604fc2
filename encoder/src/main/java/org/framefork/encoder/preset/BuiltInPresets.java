package org.framefork.encoder.preset;

import java.util.List;
import java.util.Optional;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;

/**
 * The presets FrameFork ships, named as HandBrake names its own so that its users find their way.
 * Frame rates are left as they are: FrameFork keeps the source's times ("30" in a name is the
 * rate such sources usually have, not a conversion), and, like HandBrake's, a preset's size is a
 * limit: a smaller source is never enlarged ({@code up=no}).
 */
public final class BuiltInPresets {
  private BuiltInPresets() {}

  public static final List<EncodePreset> ALL = List.of(
      new EncodePreset("Fast 1080p30", "Quick H.264 at 1080 lines for sharing; AAC audio", VideoCodec.H264, 22,
          "veryfast", AudioMode.AAC, "scale=-1:1080:up=no"),
      new EncodePreset("HQ 1080p30", "High-quality H.264 at 1080 lines, slower; AAC audio", VideoCodec.H264, 19,
          "slow", AudioMode.AAC, "scale=-1:1080:up=no"),
      new EncodePreset("Web 720p", "H.264 scaled to 720 lines with AAC audio: plays in every browser", VideoCodec.H264,
          23, "medium", AudioMode.AAC, "scale=-1:720:up=no"),
      new EncodePreset("Archive AV1", "AV1 at high quality for keeping; the source's size and audio", VideoCodec.AV1,
          28, "slow", AudioMode.AUTO, ""),
      new EncodePreset("Small H.265", "H.265 at a modest quality for small files; AAC audio", VideoCodec.H265, 30,
          "medium", AudioMode.AAC, ""));

  /** The built-in preset of that name (exact, or ignoring case). */
  public static Optional<EncodePreset> find(String name) {
    String n = name == null ? "" : name.strip();
    return ALL.stream().filter(p -> p.name().equals(n)).findFirst()
        .or(() -> ALL.stream().filter(p -> p.name().equalsIgnoreCase(n)).findFirst());
  }

  public static boolean isBuiltIn(String name) {
    return ALL.stream().anyMatch(p -> p.name().equalsIgnoreCase(name == null ? "" : name.strip()));
  }

  /** The names, quoted, for a message that lists them. */
  public static String names() {
    return String.join(", ", ALL.stream().map(p -> "\"" + p.name() + "\"").toList());
  }
}
