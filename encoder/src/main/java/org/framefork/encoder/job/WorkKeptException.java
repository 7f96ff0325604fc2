package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * A job that failed for a reason the user can fix (a full disk, an I/O error: {@link
 * FixableFailure}) and kept its work folder, as a cancelled one does: its message is the failure's,
 * then what to do, in one line: "...; free space, then run the same command with --resume (3
 * finished chunks kept in DIR)".
 */
public final class WorkKeptException extends MediaException {
  private final transient Path workFolder;
  private final int finishedChunks;

  WorkKeptException(Throwable failure, Path workFolder, int finishedChunks) {
    super(failure.getMessage() + "; " + (Ffmpeg.isOutOfSpace(failure) ? "free space" : "fix that")
        + ", then run the same command with --resume (" + kept(finishedChunks) + " in " + workFolder + ")", failure);
    this.workFolder = workFolder;
    this.finishedChunks = finishedChunks;
  }

  private static String kept(int finished) {
    return finished == 0 ? "no chunk had finished: its plan is kept"
        : finished + " finished chunk" + (finished == 1 ? "" : "s") + " kept";
  }

  /** The work folder the job kept. */
  public Path workFolder() {
    return workFolder;
  }

  /** The finished chunks the work folder holds, which {@code --resume} reuses. */
  public int finishedChunks() {
    return finishedChunks;
  }
}
