package org.framefork.app.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.source.ImageSequences;

/**
 * Output file names: {@code clip-h264.mp4} (an image sequence's {@code frame-h264.mp4}), never one
 * that is taken.
 */
public final class OutputNames {
  private OutputNames() {}

  /**
   * The output of {@code input} in {@code folder}: the first free one of {@code stem-codec.ext},
   * {@code stem-codec-2.ext}, ... A name is taken when its file exists, when a job's work folder or
   * lock file of that output exists (a cancelled job keeps its chunks there for Resume, with no
   * output yet), or when it is in {@code held}, the outputs of the queue's stopped and running
   * entries: two inputs of one name ({@code card1/GOPR0001.MP4}, {@code card2/GOPR0001.MP4}) would
   * otherwise share one output and one work folder, and the second's start would wipe the first's chunks.
   */
  public static Path forInput(Path input, Path folder, VideoCodec codec, Container container, Set<Path> held) {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    // An image sequence is named as the command line names it: frame_%04d.png gives frame, a folder its name.
    String stem = ImageSequences.names(input) ? ImageSequences.outputStem(input) : dot > 0 ? name.substring(0, dot) : name;
    String base = stem + "-" + codec.cliName();
    Path out = folder.resolve(base + "." + container.extension());
    for (int n = 2; taken(out, input, held); n++) {
      out = folder.resolve(base + "-" + n + "." + container.extension());
    }
    return out;
  }

  private static boolean taken(Path out, Path input, Set<Path> held) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.equals(input.toAbsolutePath().normalize()) || held.contains(abs) || Files.exists(out)
        || Files.exists(JobWorkspace.defaultFor(out)) || JobWorkspace.outputInUse(out);
  }

  /** The outputs the queue's entries other than {@code except} hold: a stopped one's (it may resume) or a running one's. */
  public static Set<Path> heldBy(List<QueueEntry> entries, QueueEntry except) {
    return entries.stream().filter(e -> e != except && e.output() != null
            && (e.resumable() || e.state() == QueueEntry.State.ENCODING))
        .map(e -> e.output().toAbsolutePath().normalize()).collect(Collectors.toSet());
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
   * {@code listings} lists each folder once for all the files asked about.
   */
  static boolean isBesideItsSource(Path file, Listings listings) {
    String name = file.getFileName().toString();
    Matcher m = NAME.matcher(name);
    Path folder = file.toAbsolutePath().getParent();
    if (!m.matches() || folder == null) {
      return false;
    }
    String stem = m.group(1);
    if (Files.isDirectory(folder.resolve(stem))) {
      return true; // an image sequence's folder
    }
    return listings.names(folder).stream().anyMatch(n -> !n.equals(name) && n.startsWith(stem + ".")
        && Files.isRegularFile(folder.resolve(n)));
  }

  /**
   * The names in each folder asked about, each folder listed once: a drop of a thousand files of
   * one folder (on the UI thread) lists it once, not a thousand times. For one look at the inputs;
   * a later one makes its own.
   */
  static final class Listings {
    private final Map<Path, List<String>> names = new HashMap<>();

    List<String> names(Path folder) {
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
