package org.framefork.encoder.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.framefork.encoder.probe.InputException;

/**
 * One job at a time per output: an OS file lock on a file beside the job's work folder, held for
 * the whole job. Two runs writing the same output would share one work folder and wreck each
 * other's segments; the second is refused instead. The OS drops the lock when the process ends,
 * even by SIGKILL, so a stale lock file never blocks a later run.
 */
final class JobLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private JobLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of the job whose work folder is {@code workFolder}, or refuses when another job holds it. */
  static JobLock take(Path workFolder, Path output) {
    Path file = workFolder.resolveSibling(workFolder.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw busy(output);
      }
      return new JobLock(file, channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw busy(output); // this process already runs a job for that output
    } catch (IOException e) {
      close(channel);
      throw new InputException(file + ": cannot lock the job's work folder (" + e.getMessage() + ")");
    } catch (InputException e) {
      close(channel);
      throw e;
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
    try {
      // Removed while still locked, so that no other job takes a lock on a file about to go.
      Files.deleteIfExists(file);
      lock.release();
    } catch (IOException e) {
      // the OS releases the lock with the channel
    } finally {
      close(channel);
    }
  }
}
