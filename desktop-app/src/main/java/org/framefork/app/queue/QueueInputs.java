package org.framefork.app.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.framefork.encoder.cli.InputExpander;
import org.framefork.encoder.source.ImageSequences;

/**
 * What the queue takes for what the user named, whether on {@code framefork gui}'s command line,
 * dropped on the list or chosen in the Add dialog: what {@code encode} takes (its own {@link
 * InputExpander}: a file as it is, a folder's videos or the folder as an image sequence, a printf
 * pattern or glob of images as one sequence, a glob's videos), which among a folder's or a glob's
 * videos leaves out FrameFork's earlier outputs, the command line's and the app's own written beside
 * their sources ({@link org.framefork.encoder.cli.EarlierOutputs}). A file named by itself is taken
 * whatever its name.
 */
public final class QueueInputs {
  private QueueInputs() {}

  /**
   * The inputs, each once (another spelling of a file, or a link to it, is the same input: {@link
   * InputExpander}'s rule), in order; {@code problems} gets one line for each name that brings
   * nothing: a folder with no video or image, a pattern that matches nothing (in the order named),
   * then each file that is not there.
   */
  public static List<Path> of(List<String> named, Collection<String> problems) {
    List<Path> inputs = new ArrayList<>();
    List<String> found = new ArrayList<>();
    List<Path> expanded = InputExpander.expand(named, found);
    found.forEach(line -> problems.add(withSubfolders(line, named)));
    for (Path p : expanded) {
      // Folders and patterns bring files that are there: what is not was named itself.
      if (!Files.exists(p) && !ImageSequences.names(p)) {
        problems.add(p + ": no such file");
      } else {
        inputs.add(p);
      }
    }
    return List.copyOf(inputs);
  }

  /**
   * {@code problem}, and where it is a folder's with no video whose subfolders hold some, which they
   * are: a folder brings its own videos only, as {@code encode DIR} does, and a drop of a folder of
   * days said only that it held none.
   */
  private static String withSubfolders(String problem, List<String> named) {
    for (String arg : named) {
      if (problem.startsWith(arg + ": the folder holds no video files")) {
        List<String> holding = subfoldersWithVideos(Path.of(arg));
        if (!holding.isEmpty()) {
          return problem + "; its subfolders are not searched: add " + String.join(", ", holding.subList(0, Math.min(3,
              holding.size()))) + (holding.size() > 3 ? " and " + (holding.size() - 3) + " more" : "") + " themselves";
        }
      }
    }
    return problem;
  }

  /**
   * The names of the folders directly in {@code dir} that hold a video or an image, in order; hidden
   * ones (.Trashes) and hidden files (macOS's "._a.mp4") count no more than {@code encode DIR} takes them.
   */
  private static List<String> subfoldersWithVideos(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !ImageSequences.leavesOut(p, "") && Files.isDirectory(p)).sorted().filter(QueueInputs::holdsMedia)
          .map(p -> p.getFileName().toString()).toList();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  private static boolean holdsMedia(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> !ImageSequences.leavesOut(p, "")
          && (ImageSequences.isImage(p) || InputExpander.VIDEO_EXTENSIONS.contains(extension(p))));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
