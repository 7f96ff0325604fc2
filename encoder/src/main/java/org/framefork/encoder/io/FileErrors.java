package org.framefork.encoder.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** A file operation's failure as a user reads it: the system's reason, where Java's message is only the path. */
public final class FileErrors {
  private FileErrors() {}

  /** Why {@code e} happened, in a few lowercase words: "permission denied", "read-only file system". */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage();
  }
}
