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
    for (Path p : InputExpander.expand(named, problems)) {
      // Folders and patterns bring files that are there: what is not was named itself.
      if (!Files.exists(p) && !ImageSequences.names(p)) {
        problems.add(p + ": no such file");
      } else {
        inputs.add(p);
      }
    }
    return List.copyOf(inputs);
  }
}
