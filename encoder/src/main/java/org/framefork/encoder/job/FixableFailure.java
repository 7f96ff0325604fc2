package org.framefork.encoder.job;

import java.io.IOException;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;

/**
 * Tells a job's failure that the user can fix and run again past from one that another run would
 * meet the same way: a full disk or quota, a file grown past the disk's limit, a read-only disk, or
 * Java's I/O error on the job's files (the work folder, the output's rename) is no fault of the
 * video nor of the encode, so the finished chunks are worth keeping for {@code --resume}; a bad
 * input (anywhere among the causes, a chunk's undecodable image included), a failed verification or
 * a codec's error is not. FFmpeg's plain EIO is left out: its demuxers give it for damaged inputs.
 */
final class FixableFailure {
  /** Linux's errno values of writes a disk refuses (AVERROR(e) is -e on Linux): file too large, read-only. */
  private static final int EFBIG = 27;
  private static final int EROFS = 30;

  private FixableFailure() {}

  static boolean is(Throwable failure) {
    boolean disk = Ffmpeg.isOutOfSpace(failure);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof JobCancelledException) {
        return false;
      }
      disk |= t instanceof IOException
          || t instanceof MediaException m && (m.code() == -EFBIG || m.code() == -EROFS);
    }
    return disk;
  }
}
