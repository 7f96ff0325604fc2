package org.framefork.encoder.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.framefork.encoder.io.FileErrors;
import org.framefork.encoder.probe.InputException;

/**
 * One job at a time per output: an OS file lock on a hidden file beside the output, named from the
 * output's real path (so another spelling of the path, or another {@code --work-dir}, finds the same
 * lock), held for the whole job. Two runs writing one output would otherwise write one {@code .part}
 * file and share a work folder; the second is refused instead. The OS drops the lock when the
 * process ends, even by SIGKILL, so a lock file left behind never blocks a later run.
 */
final class JobLock implements AutoCloseable {
  private static final int ATTEMPTS = 3;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private JobLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code output}: beside it, named from its real path. */
  static Path fileFor(Path output) {
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
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this process runs that job
    } catch (IOException e) {
      return false; // no lock file, or none that can be opened: no job holds it
    }
  }

  /** Takes the lock of the job writing {@code output}, or refuses when another job holds it. */
  static JobLock take(Path output) {
    Path file = fileFor(output);
    for (int attempt = 1; ; attempt++) {
      FileChannel channel = null;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          throw busy(output);
        }
        // The holder before us removes the file as it finishes: a lock on a file no longer at this
        // path guards nothing. Mark ours, and make sure the path still leads to it.
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token), 0);
        channel.force(false);
        if (java.util.Arrays.equals(token, readOrNull(file))) {
          return new JobLock(file, channel, lock);
        }
        close(channel);
        if (attempt == ATTEMPTS) {
          throw busy(output);
        }
      } catch (OverlappingFileLockException e) {
        close(channel);
        throw busy(output); // this process already runs a job for that output
      } catch (IOException e) {
        close(channel);
        throw new InputException(file.getParent() + ": cannot make the job's lock file " + file.getFileName() + " there ("
            + FileErrors.reason(e) + "); choose another folder for the output");
      } catch (InputException e) {
        close(channel);
        throw e;
      }
    }
  }

  private static byte[] readOrNull(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
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
      // Removed while still held: a job that opened it meanwhile finds its token check failing.
      Files.deleteIfExists(file);
      lock.release();
    } catch (IOException e) {
      // the OS releases the lock with the channel
    } finally {
      close(channel);
    }
  }
}
