package org.framefork.encoder.encode;

import java.util.Locale;

/** What happens to the source's audio. */
public enum AudioMode {
  /** Copy when the output container can hold the source's codec, else AAC (mp4, mkv) or Opus (webm). */
  AUTO,
  /** Copy, and fail when the container cannot hold the codec. */
  COPY,
  AAC,
  OPUS,
  NONE;

  public static AudioMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown audio mode '" + s + "'; use auto, copy, aac, opus or none");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
