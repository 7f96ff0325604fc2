package org.framefork.app.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The output folder made ready at Start, or the reason it cannot be, in the user's words. */
final class OutputFolder {
  private OutputFolder() {}

  /** Makes {@code folder} (and the folders above it) when missing; null when it is ready, else one sentence why not. */
  static String prepare(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException | RuntimeException e) {
      return "Cannot create the output folder " + folder + ": " + reason(folder, e) + "; choose another folder.";
    }
    if (!Files.isWritable(folder)) {
      return "Cannot write to the output folder " + folder + ": permission denied; choose another folder.";
    }
    return null;
  }

  /**
   * Why {@code folder} could not be made, from what is on disk where the exception's message is
   * only a path: a file in the way, a folder that takes no new folders, permission, a read-only disk.
   */
  static String reason(Path folder, Exception e) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      return existing + " is a file, not a folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied" + (existing == null ? "" : " in " + existing);
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String r = f.getReason().toLowerCase(Locale.ROOT); // the system's words: "read-only file system"
      return existing == null ? r : r + " (in " + existing + ")";
    }
    if (existing != null && e instanceof java.nio.file.NoSuchFileException) {
      return existing + " does not take new folders"; // /proc, /sys: the system's own
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
