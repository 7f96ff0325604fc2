package org.framefork.encoder.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import org.framefork.encoder.io.FileErrors;
import org.framefork.encoder.probe.InputException;

/**
 * One job at a time per output: an OS file lock on a hidden file beside the output, named from the
 * output's real path (so another spelling of the path, or another {@code --work-dir}, finds the same
 * lock), held for the whole job. Two runs writing one output would otherwise write one {@code .part}
 * file and share a work folder; the second is refused instead. The OS drops the lock when the
 * process ends, even by SIGKILL, so a lock file left behind never blocks a later run.
 *
 * <p>The JDK takes POSIX record locks on Linux, which a process loses on closing <em>any</em>
 * descriptor of the file. So nothing here opens the lock file while this process holds its lock:
 * the locks this process holds are kept in {@link #HELD} and answered from there, and whether the
 * path still leads to the locked file is checked by its identity ({@code stat}), not by reading it.
 */
public final class JobLock implements AutoCloseable {
  private static final int ATTEMPTS = 4;
  /**
   * The lock files this process holds the lock of, by their key (another path to the same file,
   * through a bind mount or a hard link, finds it too) and by their path (a file deleted by someone
   * else while held, then made again, is still this process's job); also the monitor for taking and
   * testing them.
   */
  private static final Set<Object> HELD = new HashSet<>();

  private final Path file;
  private final Object key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private JobLock(Path file, Object key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code output}: beside it, named from its real path. */
  public static Path fileFor(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    Path folder = abs.getParent();
    try {
      folder = folder.toRealPath();
    } catch (IOException e) {
      // the job's own checks say what is wrong with the folder
    }
    return folder.resolve(JobWorkspace.fileName("." + abs.getFileName(), ".framefork.lock"));
  }

  /**
   * Whether a job writing {@code output} runs now, in this process or another: its lock file is
   * locked. A lock file left by a killed job is not: the OS dropped its lock.
   */
  static boolean isHeld(Path output) {
    Path file = fileFor(output);
    synchronized (HELD) {
      try {
        Identity now = Identity.of(file);
        if (heldHere(file, now)) {
          return true; // ours: opening the file would drop the lock
        }
        if (now == null) {
          return false; // no lock file: no job holds it
        }
      } catch (IOException e) {
        return HELD.contains(file);
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return true;
        }
        probe.release();
        return false;
      } catch (OverlappingFileLockException e) {
        return true; // locked through another channel of this JVM
      } catch (IOException e) {
        return false; // no lock file, or none that can be opened: no job holds it
      }
    }
  }

  /** Takes the lock of the job writing {@code output}, or refuses when another job holds it. */
  static JobLock take(Path output) {
    Path file = fileFor(output);
    synchronized (HELD) {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        FileChannel channel = null;
        try {
          // The holder before us removes the file as it finishes: a lock on a file no longer at this
          // path guards nothing. So the file must be the same one before it is opened and once it is
          // locked (it cannot be replaced by another with the same identity while we keep it open).
          Identity before = Identity.of(file);
          if (heldHere(file, before)) {
            throw busy(output); // this process already runs a job for that output
          }
          if (before == null) {
            Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            continue;
          }
          try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
          } catch (NoSuchFileException e) {
            continue; // removed by the holder before us as we opened it: look again
          }
          FileLock lock = channel.tryLock();
          if (lock == null) {
            throw busy(output);
          }
          if (before.equals(Identity.of(file))) {
            Object key = before.key(file);
            HELD.add(key);
            HELD.add(file);
            return new JobLock(file, key, channel, lock);
          }
          close(channel);
        } catch (OverlappingFileLockException e) {
          close(channel);
          throw busy(output); // locked through another channel of this JVM
        } catch (IOException e) {
          close(channel);
          throw new InputException(file.getParent() + ": cannot make the job's lock file " + file.getFileName()
              + " there (" + FileErrors.reason(e) + "); choose another folder for the output");
        } catch (InputException e) {
          close(channel);
          throw e;
        }
      }
      throw busy(output);
    }
  }

  /**
   * Whether this process holds the lock of {@code file}, found by its path or by {@code id} (null
   * when there is no file at the path): whatever is at the path now, or another path to it.
   */
  private static boolean heldHere(Path file, Identity id) {
    return HELD.contains(file) || (id != null && HELD.contains(id.key(file)));
  }

  /**
   * A file as the file system tells files apart, read by {@code stat} (which opens nothing): its
   * file key (device and inode) and creation time.
   */
  private record Identity(Object fileKey, FileTime created) {
    /** The file at {@code file}'s path; null when there is none. */
    static Identity of(Path file) throws IOException {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Identity(a.fileKey(), a.creationTime());
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /** What {@link #HELD} knows the file by: its file key, or its path where the system has none. */
    Object key(Path file) {
      return fileKey != null ? fileKey : file;
    }
  }

  private static InputException busy(Path output) {
    return new InputException(output + ": another FrameFork job is writing it now; wait for that one to finish, "
        + "or choose another output");
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held
      }
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return; // the path may lead to another job's lock file by now
      }
      closed = true;
      try {
        // Removed while still held: a job that opened it meanwhile finds it is no longer at the path.
        // Where the system gives files no key, identity rests on the creation time, which a file made
        // again under the same name may inherit: the file is left there instead.
        if (!(key instanceof Path)) {
          Files.deleteIfExists(file);
        }
        lock.release();
      } catch (IOException e) {
        // the OS releases the lock with the channel
      } finally {
        close(channel);
        HELD.remove(key);
        HELD.remove(file);
      }
    }
  }
}
