package org.framefork.app.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.source.ImageSequences;

/** Output file names: {@code clip-h264.mp4} (an image sequence's {@code frame-h264.mp4}), never replacing a file that exists. */
public final class OutputNames {
  private OutputNames() {}

  public static Path forInput(Path input, Path folder, VideoCodec codec, Container container) {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    // An image sequence is named as the command line names it: frame_%04d.png gives frame, a folder its name.
    String stem = ImageSequences.names(input) ? ImageSequences.outputStem(input) : dot > 0 ? name.substring(0, dot) : name;
    String base = stem + "-" + codec.cliName();
    Path out = folder.resolve(base + "." + container.extension());
    for (int n = 2; Files.exists(out) || out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize()); n++) {
      out = folder.resolve(base + "-" + n + "." + container.extension());
    }
    return out;
  }
}
