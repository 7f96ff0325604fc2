package org.framefork.encoder.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real, small filesystem (Linux tmpfs) mounted on a folder, that fills up as a disk does: writes
 * past its size fail with ENOSPC. Mounting one where this JVM sees it needs CAP_SYS_ADMIN (root, as
 * this project's tests run, outside a container that drops it); elsewhere the test that asks for one
 * fails, saying which of these the machine lacks, rather than passing without having checked
 * anything. Unmounted by {@link #close()}.
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
      throw new AssertionError("cannot mount a " + kib + " KiB tmpfs on " + dir + " (" + failure + "): " + lacking());
    }
    return new Tmpfs(dir);
  }

  /**
   * For a test that runs its command in a child: nothing where this JVM can mount a tmpfs on {@code
   * dir} itself (the test then does so with {@link #mount}), else the command that runs the child in a
   * user and mount namespace of its own ({@code unshare -rm}, which needs no root) with a {@code kib}
   * KiB tmpfs mounted there, read-only if {@code readOnly}. Fails, saying what this machine lacks,
   * where neither can mount one.
   */
  public static List<String> unsharedWhereNotMountable(Path dir, int kib, boolean readOnly) {
    String here = mountCommand(List.of("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString()));
    if (here == null) {
      new Tmpfs(dir).close();
      return List.of();
    }
    List<String> unshared = List.of("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=" + kib + "k tmpfs \"$0\""
        + (readOnly ? " && mount -o remount,ro \"$0\"" : "") + " && exec \"$@\"", dir.toString());
    List<String> probe = new java.util.ArrayList<>(unshared);
    probe.add("true");
    String there = mountCommand(probe);
    if (there != null) {
      throw new AssertionError("cannot mount a " + kib + " KiB tmpfs on " + dir + " (" + here + "): " + lacking()
          + "; nor can a child in a user namespace of its own (unshare -rm: " + there + "), which the kernel or a"
          + " container's policy forbids here (sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone)");
    }
    return unshared;
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

  /**
   * What this machine lacks for this JVM to mount a filesystem: CAP_SYS_ADMIN (missing for every
   * user but root, and for root in a container that drops it, as Docker does unless given {@code
   * --cap-add SYS_ADMIN}), or, with it, the leave of a security policy (seccomp, AppArmor, SELinux).
   */
  static String lacking() {
    String uid = Capabilities.uid();
    return switch (Capabilities.effective(Capabilities.SYS_ADMIN).orElse(null)) {
      case null -> "this test needs CAP_SYS_ADMIN to mount one, and /proc/self/status, which says whether this JVM has it,"
          + " cannot be read";
      case Boolean b when b -> "this JVM (uid " + uid + ") has CAP_SYS_ADMIN, yet mount was refused: a security policy"
          + " (seccomp, AppArmor or SELinux) forbids mounting here; allow mount(2) for the tests";
      default -> "this JVM (uid " + uid + ") lacks CAP_SYS_ADMIN, which mounting needs; run the tests as root"
          + (uid.equals("0") ? " with CAP_SYS_ADMIN (a container drops it: docker run --cap-add SYS_ADMIN)" : "");
    };
  }

  /** Runs {@code command}; null when it succeeded, else what it said. */
  private static String mountCommand(List<String> command) {
    try {
      ChildProcess p = ChildProcess.run(command, Duration.ofSeconds(30));
      // mount's first line says why; the next ones point at dmesg
      return p.exitCode() == 0 ? null : "exit " + p.exitCode() + ": " + p.stderr().strip().lines().findFirst().orElse("");
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
