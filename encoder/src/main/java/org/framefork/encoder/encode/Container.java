package org.framefork.encoder.encode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.framefork.encoder.io.Choices;

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

  /**
   * The container of an extension or a muxer's name; m4v and mov are mp4.
   *
   * @throws IllegalArgumentException {@code unknown container 'NAME'; use mp4, mkv or webm}
   */
  public static Container parse(String name) {
    return Choices.find(values(), name, Container::spellings).orElseThrow(() -> Choices.unknown("container", name,
        Choices.orList(Arrays.stream(values()).map(Container::extension).toList())));
  }

  private List<String> spellings() {
    return this == MP4 ? List.of(extension, muxer, "m4v", "mov") : List.of(extension, muxer);
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
