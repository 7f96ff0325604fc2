package org.framefork.encoder.job;

import java.io.IOException;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;

/**
 * Tells a job's failure that the user can fix and run again past from one that another run would
 * meet the same way: a full disk or quota, a file grown past the disk's limit, a read-only disk, or
 * the JDK's file-system error on the job's files (the work folder, the output's rename) is no fault of the
 * video nor of the encode, so the finished chunks are worth keeping for {@code --resume}; a bad
 * input (anywhere among the causes, a chunk's undecodable image included), a failed verification or
 * a codec's error is not, but an input that was deleted or moved while it was encoded ({@link
 * SourceGoneException}) is: it may be back once a share that dropped out is. FFmpeg's plain EIO is
 * left out: its demuxers give it for damaged inputs.
 */
final class FixableFailure {
  /** Linux's errno values of writes a disk refuses (AVERROR(e) is -e on Linux): file too large, read-only. */
  private static final int EFBIG = 27;
  private static final int EROFS = 30;

  private FixableFailure() {}

  static boolean is(Throwable failure) {
    if (failure instanceof SourceGoneException) {
      return true; // an input gone for a moment (a share that dropped out) comes back; its chunks are kept
    }
    boolean disk = Ffmpeg.isOutOfSpace(failure);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof JobCancelledException) {
        return false;
      }
      disk |= fileError(t) || t instanceof MediaException m && (m.code() == -EFBIG || m.code() == -EROFS);
    }
    return disk;
  }

  /** The refusals of a disk in Java's words (ENOSPC and EDQUOT are {@link Ffmpeg#isOutOfSpace}'s). */
  private static final java.util.List<String> DISK_REFUSALS = java.util.List.of("File too large", "Read-only file system");

  /**
   * Whether {@code t} is the JDK's error of a file of the job: a file-system operation refused, a
   * file that cannot be opened, or a write a disk refused. Other {@link IOException}s are not: JavaCV's
   * grabber's and recorder's exceptions (a damaged input, a codec's error) and Jackson's extend it.
   */
  private static boolean fileError(Throwable t) {
    if (t instanceof java.nio.file.FileSystemException || t instanceof java.io.FileNotFoundException) {
      return true;
    }
    String message = t.getMessage();
    return t.getClass() == IOException.class && message != null && DISK_REFUSALS.stream().anyMatch(message::contains);
  }
}
