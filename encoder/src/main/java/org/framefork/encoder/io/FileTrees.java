package org.framefork.encoder.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folders and what is in them, as a whole. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code root} and what is in it, as far as it can, and never throws: a file that cannot
   * be deleted is left and the rest still goes. For scratch and work folders, whose leftovers harm
   * nothing, and whose clean-up must not hide the result or the exception of the work they served.
   */
  public static void deleteBestEffort(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> all = Files.walk(root)) {
      deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException | UncheckedIOException e) {
      return; // gone meanwhile, or unreadable: nothing more to do
    }
    for (Path p : deepestFirst) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // left behind; the rest still goes
      }
    }
  }
}
