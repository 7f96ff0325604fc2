package org.framefork.encoder.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real, small filesystem (Linux tmpfs) mounted on a folder, that fills up as a disk does: writes
 * past its size fail with ENOSPC. Mounting needs root (tests run as root, CI included); elsewhere
 * the test that asks for one fails, saying what is missing, rather than passing without having
 * checked anything. Unmounted by {@link #close()}.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code kib} KiB on the (existing, empty) folder {@code dir}. */
  public static Tmpfs mount(Path dir, int kib) {
    String failure = mountCommand(List.of("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString()));
    if (failure != null) {
      throw new AssertionError("cannot mount a " + kib + " KiB tmpfs on " + dir + " (" + failure + "): this test needs"
          + " root (or CAP_SYS_ADMIN) to mount one; run the tests as root, as CI does");
    }
    return new Tmpfs(dir);
  }

  /** Gives the filesystem {@code kib} KiB: more frees space, as a user who deleted files would. */
  public void resize(int kib) {
    String failure = mountCommand(List.of("mount", "-o", "remount,size=" + kib + "k", dir.toString()));
    if (failure != null) {
      throw new IllegalStateException("cannot resize the tmpfs on " + dir + ": " + failure);
    }
  }

  /** Mounts the filesystem read-only, as a read-only mount or a write-protected card is (EROFS). */
  public void readOnly() {
    String failure = mountCommand(List.of("mount", "-o", "remount,ro", dir.toString()));
    if (failure != null) {
      throw new IllegalStateException("cannot remount the tmpfs on " + dir + " read-only: " + failure);
    }
  }

  @Override
  public void close() {
    String failure = mountCommand(List.of("umount", dir.toString()));
    if (failure != null) {
      throw new IllegalStateException("cannot unmount the tmpfs on " + dir + ": " + failure);
    }
  }

  /** Runs {@code command}; null when it succeeded, else what it said. */
  private static String mountCommand(List<String> command) {
    try {
      ChildProcess p = ChildProcess.run(command, Duration.ofSeconds(30));
      return p.exitCode() == 0 ? null : "exit " + p.exitCode() + ": " + p.stderr().strip();
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
