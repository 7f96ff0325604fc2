package org.framefork.app.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.framefork.encoder.io.FileErrors;

/** The output folder made ready at Start, or the reason it cannot be, in the user's words. */
final class OutputFolder {
  private OutputFolder() {}

  /**
   * Makes {@code folder} when it alone is missing; null when it is ready, else one sentence why not.
   * A folder above it that is missing too is not made: it may be a drive that is not mounted, where
   * the mount point goes at unmount (/media/$USER/DRIVE, /run/media/$USER/DRIVE, /Volumes/DRIVE, a
   * Windows drive letter), and the output would fill the system's disk. A mount point that stays
   * when nothing is mounted on it (an empty /mnt/usbdrive) is not told from a folder.
   */
  static String prepare(Path folder) {
    Path missing = topMissing(folder);
    if (missing != null && !missing.equals(folder.toAbsolutePath().normalize())) {
      return missing + " does not exist (a drive not mounted?); choose another output folder.";
    }
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectory(folder); // a file in the way is said so from here
      }
    } catch (IOException | RuntimeException e) {
      return "Cannot create the output folder " + folder + ": " + reason(folder, e) + "; choose another folder.";
    }
    String unwritable = writeProblem(folder);
    return unwritable == null ? null : "Cannot write to the output folder " + folder + ": " + unwritable
        + "; choose another folder.";
  }

  /**
   * The outermost missing folder of {@code folder} (absolute), whose parent is there as a folder, or
   * a missing root (a Windows drive); null when {@code folder} is there, when what is there above it is
   * not a folder (a file in the way), or when whether a folder is there cannot be told (no access, a
   * share that does not answer): making it says why ({@link #reason}).
   */
  private static Path topMissing(Path folder) {
    Path missing = null;
    Path p = folder.toAbsolutePath().normalize();
    while (p != null && Files.notExists(p)) {
      missing = p;
      p = p.getParent();
    }
    if (p == null) {
      return missing; // E:\ with no drive E
    }
    return Files.isDirectory(p) ? missing : null;
  }

  /**
   * Null when a file can be made in {@code folder}, else why not, from the system's own answer: an
   * empty file made and removed at once. {@code Files.isWritable} answers false for a read-only
   * file system as for a folder without permission (and true for root in /sys, where nothing can be
   * made), so it could not say which. Named from the process and the clock, not by {@code
   * createTempFile}, whose random name reads /dev/urandom on the UI thread.
   */
  private static String writeProblem(Path folder) {
    try {
      Path probe = folder.resolve(".framefork-write-check-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      Files.delete(Files.createFile(probe));
      return null;
    } catch (IOException | RuntimeException e) {
      return reason(folder, e);
    }
  }

  /**
   * Why {@code folder} could not be made, from what is on disk where the exception's message is
   * only a path: a file in the way, a folder that takes no new folders; else the system's reason
   * ({@link FileErrors#reason}: permission denied, a read-only disk) and where it stood.
   */
  static String reason(Path folder, Exception e) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      return existing + " is a file, not a folder";
    }
    if (existing != null && e instanceof NoSuchFileException) {
      return existing + " does not take new folders"; // /proc, /sys: the system's own
    }
    String why = e instanceof IOException io ? FileErrors.reason(io) : e.getMessage();
    if (why == null) {
      return e.getClass().getSimpleName();
    }
    return existing == null ? why : why + " (in " + existing + ")";
  }
}
