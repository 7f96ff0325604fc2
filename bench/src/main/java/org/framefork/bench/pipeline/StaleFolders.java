package org.framefork.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.framefork.encoder.io.FileTrees;

/**
 * The folders a run works in, named for the process that owns them ({@code framefork-bench-pid123-…}
 * in the temporary folder, {@code .partial-pid123-…} in the report's), so that those of a run killed
 * where no shutdown hook runs (kill -9, a crash, a power cut) are found by the next run and removed
 * once their owner is gone. A run interrupted by SIGINT or SIGTERM removes its own.
 */
public final class StaleFolders {
  static final String WORK = "framefork-bench-";
  static final String STAGING = ".partial-";
  private static final Pattern OWNED = Pattern.compile("(?:" + Pattern.quote(WORK) + "|" + Pattern.quote(STAGING)
      + ")pid(\\d+)-.*");

  private StaleFolders() {}

  /** The prefix of a folder of this process's: {@code prefix} and its pid. */
  static String owned(String prefix) {
    return prefix + "pid" + ProcessHandle.current().pid() + "-";
  }

  /**
   * Removes the folders of runs whose process is gone: work folders in {@code tmp}, and staging folders
   * in {@code out} (the --out folder, or null) and in each folder of {@code results} (the default
   * report folders, of which one a killed run made and left holding only its staging folder goes too).
   *
   * @return the folders removed
   */
  public static List<Path> sweep(Path tmp, Path results, Path out) {
    List<Path> removed = new ArrayList<>(sweepIn(tmp));
    if (out != null) {
      removed.addAll(sweepIn(out.toAbsolutePath().normalize()));
    }
    for (Path report : children(results)) {
      List<Path> stale = sweepIn(report);
      if (!stale.isEmpty()) {
        removed.addAll(stale);
        try {
          Files.delete(report); // only where nothing else is in it: a run's reserved, never written, folder
          removed.add(report);
        } catch (IOException e) {
          // a report, or someone else's: kept
        }
      }
    }
    return removed;
  }

  /** Removes the folders in {@code dir} named for a process that is gone. */
  private static List<Path> sweepIn(Path dir) {
    List<Path> removed = new ArrayList<>();
    for (Path p : children(dir)) {
      Matcher m = OWNED.matcher(p.getFileName().toString());
      if (m.matches() && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && ownerGone(p, Long.parseLong(m.group(1)))) {
        FileTrees.deleteBestEffort(p);
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          removed.add(p);
        }
      }
    }
    return removed;
  }

  /**
   * Whether the process {@code pid} that made {@code folder} has ended: none runs under that pid, or
   * the one that does started after the folder was last changed (the pid was given again).
   */
  static boolean ownerGone(Path folder, long pid) {
    Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (owner.isEmpty()) {
      return true;
    }
    Optional<Instant> started = owner.get().info().startInstant();
    try {
      Instant changed = Files.getLastModifiedTime(folder).toInstant();
      return started.isPresent() && started.get().isAfter(changed.plusSeconds(1));
    } catch (IOException e) {
      return false; // gone already, or not ours to judge
    }
  }

  private static List<Path> children(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }
}
