package org.framefork.encoder.encode;

import java.nio.file.Path;
import java.util.Locale;

/** Output containers, with the FFmpeg muxer that writes each. */
public enum Container {
  MP4("mp4", "mp4"),
  MKV("mkv", "matroska"),
  WEBM("webm", "webm");

  private final String extension;
  private final String muxer;

  Container(String extension, String muxer) {
    this.extension = extension;
    this.muxer = muxer;
  }

  public String extension() {
    return extension;
  }

  public String muxer() {
    return muxer;
  }

  public static Container parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Container c : values()) {
      if (c.extension.equals(n) || c.muxer.equals(n)) {
        return c;
      }
    }
    if (n.equals("m4v") || n.equals("mov")) {
      return MP4;
    }
    throw new IllegalArgumentException("unknown container '" + name + "'; use mp4, mkv or webm");
  }

  /** The container a file name's extension asks for, or null when it names none we write. */
  public static Container fromFileName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    try {
      return parse(name.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether this container can hold video of {@code codec}. */
  public boolean accepts(VideoCodec codec) {
    return this != WEBM || codec == VideoCodec.VP9 || codec == VideoCodec.AV1;
  }

  @Override
  public String toString() {
    return extension;
  }
}
