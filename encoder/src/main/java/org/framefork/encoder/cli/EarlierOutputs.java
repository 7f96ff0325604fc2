package org.framefork.encoder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;

/**
 * FrameFork's own earlier outputs among the files a folder or a pattern brings, which neither
 * {@code encode} nor the desktop app takes as inputs: the command line's {@code clip.framefork.mp4}
 * and the app's {@code clip-h264.mp4} beside its source. One rule for both, so that {@code encode
 * DIR} and a folder dropped on the app's queue skip the same files.
 */
public final class EarlierOutputs {
  /** The marker in the names of the command line's default outputs. */
  static final String MARKER = ".framefork.";

  private EarlierOutputs() {}

  /**
   * The name the desktop app gives an output: {@code stem-codec.ext}, or {@code stem-codec-N.ext}
   * for {@code n} of 2 and more (the first free one), which {@link #isAppOutputBesideItsSource} knows.
   */
  public static String appName(String stem, VideoCodec codec, int n, Container container) {
    return stem + "-" + codec.cliName() + (n > 1 ? "-" + n : "") + "." + container.extension();
  }

  /** {@code clip-h264.mp4}, {@code clip-h264-2.mp4}: group 1 is the stem, group 2 the codec. */
  private static final Pattern APP_NAME = Pattern.compile("(.+)-(" + String.join("|", Arrays.stream(VideoCodec.values())
      .map(VideoCodec::cliName).toList()) + ")(-\\d+)?\\.(" + String.join("|", Arrays.stream(Container.values())
      .map(Container::extension).toList()) + ")");

  /**
   * Whether {@code file}, found in a folder or by a pattern, is an earlier output: named as the
   * command line names one ({@code *.framefork.*}), or as the app does beside its source ({@link
   * #isAppOutputBesideItsSource}).
   */
  public static boolean isEarlierOutput(Path file, Listings listings) {
    return file.getFileName().toString().contains(MARKER) || isAppOutputBesideItsSource(file, listings);
  }

  /**
   * Whether {@code file} is named as the app names an output ({@link #appName}) and lies beside the
   * source it would be the output of: a video of that stem ({@code clip.mov} beside {@code
   * clip-h264.mp4}) or a folder of images of that name. Such a file is the app's output when the
   * output folder was the sources' own; a name alone would also catch a source that happens to end
   * in "-h264", so a lone one is kept, and so is one beside only a subtitle, a picture or notes of
   * its stem. {@code listings} lists each folder once for all the files asked about.
   */
  public static boolean isAppOutputBesideItsSource(Path file, Listings listings) {
    String name = file.getFileName().toString();
    Matcher m = APP_NAME.matcher(name);
    Path folder = file.toAbsolutePath().getParent();
    if (!m.matches() || folder == null) {
      return false;
    }
    String stem = m.group(1);
    Path sequence = folder.resolve(stem);
    if (Files.isDirectory(sequence) && InputExpander.holdsImages(sequence)) {
      return true; // an image sequence's folder
    }
    return listings.names(folder).stream().anyMatch(n -> !n.equals(name) && n.startsWith(stem + ".")
        && InputExpander.isVideoName(n) && Files.isRegularFile(folder.resolve(n)));
  }

  /** Whose output {@code file} is, as {@link #isEarlierOutput} judged it, for a notice. */
  static String whose(Path file) {
    String name = file.getFileName().toString();
    Matcher m = APP_NAME.matcher(name);
    return name.contains(MARKER) || !m.matches() ? "encode's output" : "the app's output of " + m.group(1);
  }

  /**
   * The names in each folder asked about, each folder listed once: a drop of a thousand files of
   * one folder (on the app's UI thread) lists it once, not a thousand times. For one look at the
   * inputs; a later one makes its own.
   */
  public static final class Listings {
    private final Map<Path, List<String>> names = new HashMap<>();

    public List<String> names(Path folder) {
      return names.computeIfAbsent(folder, Listings::list);
    }

    private static List<String> list(Path folder) {
      try (Stream<Path> s = Files.list(folder)) {
        return s.map(p -> p.getFileName().toString()).toList();
      } catch (IOException | UncheckedIOException e) {
        return List.of();
      }
    }
  }
}
