package org.framefork.encoder.encode;

import org.framefork.encoder.io.Choices;

/** What happens to the source's audio. */
public enum AudioMode {
  /** Copy when the output container can hold the source's codec, else AAC (mp4, mkv) or Opus (webm). */
  AUTO,
  /** Copy, and fail when the container cannot hold the codec. */
  COPY,
  AAC,
  OPUS,
  NONE;

  /** @throws IllegalArgumentException {@code unknown audio mode 'S'; use auto, copy, aac, opus or none} */
  public static AudioMode parse(String s) {
    return Choices.byName(AudioMode.class, s, "audio mode");
  }

  @Override
  public String toString() {
    return Choices.lowerCase(this);
  }
}
