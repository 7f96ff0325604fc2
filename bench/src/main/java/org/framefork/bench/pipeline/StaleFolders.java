package org.framefork.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.framefork.encoder.io.FileTrees;

/**
 * The folders a run works in, named for the process that made them ({@code framefork-bench-pid123-…}
 * in the temporary folder, {@code .partial-pid123-…} in the report's) and each holding a lock file
 * that the run keeps locked while it lives, so that those of a run killed where no shutdown hook runs
 * (kill -9, a crash, a power cut) are found by the next run and removed: a folder whose lock can be
 * taken has no live owner, whatever its pid now names (a pid given again, another pid namespace's run
 * on a shared folder) and whatever the clock did. A run interrupted by SIGINT or SIGTERM removes its own.
 */
public final class StaleFolders {
  static final String WORK = "framefork-bench-";
  static final String STAGING = ".partial-";
  /** The lock file in each folder of a run's, locked by the run (the OS drops the lock when it ends, even by kill -9). */
  static final String LOCK = ".owner.lock";
  /** The system property that moves the default report folders (bench/results of the checkout). */
  public static final String RESULTS_PROPERTY = "framefork.bench.results";
  /** The system property that moves the scratch folders (java.io.tmpdir). */
  public static final String TMP_PROPERTY = "framefork.bench.tmp";
  private static final Pattern OWNED = Pattern.compile("(?:" + Pattern.quote(WORK) + "|" + Pattern.quote(STAGING)
      + ")pid(\\d{1,10})-.*");
  /** The locks of this process's folders: kept open for its life, since closing a channel drops its lock. */
  private static final List<FileChannel> HELD = new ArrayList<>();

  private StaleFolders() {}

  /** Where the default report folders are: {@value #RESULTS_PROPERTY}, else {@code root}'s bench/results. */
  public static Path results(Path root) {
    String moved = System.getProperty(RESULTS_PROPERTY);
    return moved != null && !moved.isEmpty() ? Path.of(moved) : root.resolve("bench/results");
  }

  /** Where the scratch folders are: {@value #TMP_PROPERTY}, else java.io.tmpdir. */
  public static Path tmp() {
    String moved = System.getProperty(TMP_PROPERTY);
    return Path.of(moved != null && !moved.isEmpty() ? moved : System.getProperty("java.io.tmpdir"));
  }

  /** The prefix of a folder of this process's: {@code prefix} and its pid. */
  static String owned(String prefix) {
    return prefix + "pid" + ProcessHandle.current().pid() + "-";
  }

  /**
   * Makes a new folder of this process's in {@code dir}, named {@code prefix} and this pid, and locks
   * it for as long as this process lives. Where the file system takes no locks the folder is made all
   * the same, and no sweep takes it (its lock cannot be taken either).
   */
  static Path make(Path dir, String prefix) throws IOException {
    Path folder = Files.createTempDirectory(dir, owned(prefix));
    FileChannel channel;
    try {
      channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      FileTrees.deleteBestEffort(folder);
      throw e;
    }
    synchronized (HELD) {
      HELD.add(channel);
    }
    try {
      channel.tryLock(); // a new file, made here: no one else holds it
    } catch (IOException e) {
      // no locks on this file system
    }
    return folder;
  }

  /**
   * Removes the folders of runs that are gone: work folders in {@code tmp}, and staging folders in
   * {@code out} (the --out folder, or null) and in each folder of {@code results} (the default report
   * folders; the report folder itself stays, for a run about to write into it may have just reserved it,
   * and an empty one is free to the next run).
   *
   * @return the folders removed
   */
  public static List<Path> sweep(Path tmp, Path results, Path out) {
    List<Path> removed = new ArrayList<>(sweepIn(tmp));
    if (out != null) {
      removed.addAll(sweepIn(out.toAbsolutePath().normalize()));
    }
    for (Path report : children(results)) {
      removed.addAll(sweepIn(report));
    }
    return removed;
  }

  /** Removes the folders in {@code dir} named for a run whose lock is free. */
  private static List<Path> sweepIn(Path dir) {
    List<Path> removed = new ArrayList<>();
    for (Path p : children(dir)) {
      Matcher m = OWNED.matcher(p.getFileName().toString());
      if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && ownerGone(p, m.group(1))) {
        FileTrees.deleteBestEffort(p);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          removed.add(p);
        }
      }
    }
    return removed;
  }

  /**
   * Whether the run that made {@code folder} has ended: its lock file is there and can be locked. Not
   * a folder named for this process (the pid compared as written, however long): opening its lock file
   * here would drop this process's own lock. No lock file: a folder a run is making this instant, or
   * not a run's of this build; kept.
   */
  static boolean ownerGone(Path folder, String pid) {
    if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
      return false;
    }
    Path lock = folder.resolve(LOCK);
    if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock taken = channel.tryLock()) {
      return taken != null;
    } catch (IOException | OverlappingFileLockException e) {
      return false; // another user's, or locked through this JVM: not ours to judge
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
