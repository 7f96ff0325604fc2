package org.framefork.app.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;

/** Output file names: {@code clip-h264.mp4} beside the others, never replacing a file that exists. */
public final class OutputNames {
  private OutputNames() {}

  public static Path forInput(Path input, Path folder, VideoCodec codec, Container container) {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String base = stem + "-" + codec.cliName();
    Path out = folder.resolve(base + "." + container.extension());
    for (int n = 2; Files.exists(out) || out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize()); n++) {
      out = folder.resolve(base + "-" + n + "." + container.extension());
    }
    return out;
  }
}
