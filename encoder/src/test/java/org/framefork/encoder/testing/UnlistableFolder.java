package org.framefork.encoder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A folder this process cannot list, for the tests of what a command says about one. */
public final class UnlistableFolder {
  /** Lists its names on every Linux, unless the process has CAP_SYS_ADMIN: root without it cannot. */
  public static final Path PROC_MAP_FILES = Path.of("/proc/1/map_files");

  private UnlistableFolder() {}

  /**
   * {@code dir/locked}, made with its permissions taken away, or, for root, whom they do not stop,
   * {@link #PROC_MAP_FILES}; fails where neither refuses its names, rather than let a test pass having
   * checked nothing.
   */
  public static Path in(Path dir) throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, Set.of());
    for (Path p : List.of(locked, PROC_MAP_FILES)) {
      if (Files.isDirectory(p) && !listable(p)) {
        return p;
      }
    }
    throw new AssertionError("no folder here that this process cannot list: neither a folder without permissions nor "
        + PROC_MAP_FILES + " refuses its names");
  }

  /** Whether this process can read {@code folder}'s names: some refuse as they open, some as their names are read. */
  private static boolean listable(Path folder) {
    try (var s = Files.list(folder)) {
      s.count();
      return true;
    } catch (AccessDeniedException | UncheckedIOException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
