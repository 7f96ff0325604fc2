package org.framefork.app.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /** {@code clip-h264.mp4}, {@code clip-h264-2.mp4}: group 1 is the stem, group 2 the codec. */
  private static final Pattern NAME = Pattern.compile("(.+)-(" + String.join("|", Arrays.stream(VideoCodec.values())
      .map(VideoCodec::cliName).toList()) + ")(-\\d+)?\\.(" + String.join("|", Arrays.stream(Container.values())
      .map(Container::extension).toList()) + ")");

  /**
   * Whether {@code file} is named as the app names an output ({@link #forInput}) and lies beside the
   * source it would be the output of: a file or a folder of that stem ({@code clip.mov} beside {@code
   * clip-h264.mp4}). Such a file is the app's output when the output folder was the sources' own; a
   * name alone would also catch a source that happens to end in "-h264", so a lone one is kept.
   */
  public static boolean isBesideItsSource(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    Path folder = file.toAbsolutePath().getParent();
    if (!m.matches() || folder == null) {
      return false;
    }
    String stem = m.group(1);
    if (Files.isDirectory(folder.resolve(stem))) {
      return true; // an image sequence's folder
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.anyMatch(p -> !p.equals(file.toAbsolutePath()) && p.getFileName().toString().startsWith(stem + ".")
          && Files.isRegularFile(p));
    } catch (IOException e) {
      return false;
    }
  }
}
