package org.framefork.app.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * The inputs, each once, in order; {@code problems} gets one line for each name that brings
   * nothing: a file that is not there, a folder with no video or image, a pattern that matches nothing.
   */
  public static List<Path> of(List<String> named, Collection<String> problems) {
    Map<Path, Path> byRealPath = new LinkedHashMap<>();
    for (String name : named) {
      List<Path> found = InputExpander.expand(List.of(name), problems);
      boolean itself = found.equals(List.of(Path.of(name)));
      for (Path p : found) {
        if (itself && !Files.exists(p) && !ImageSequences.names(p)) {
          problems.add(p + ": no such file");
        } else {
          byRealPath.putIfAbsent(realPath(p), p);
        }
      }
    }
    return List.copyOf(byRealPath.values());
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize(); // a sequence's pattern is no file
    }
  }
}
