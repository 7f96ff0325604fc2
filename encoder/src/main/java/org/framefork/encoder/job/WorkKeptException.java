package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * A job that failed for a reason the user can fix (a full disk or quota, a read-only file system, a
 * file-system error the JDK names: {@link FixableFailure}) and kept its work folder, as a cancelled one does: its message is the failure's,
 * then what to do, in one line: "...; free space, then run the same command with --resume (3
 * finished chunks kept in DIR)", "...; put it back, then ..." for an input deleted or moved, or
 * "(no chunk had finished: its plan and 1 chunk's probes are kept in DIR)" after a {@code
 * --target-quality} search.
 */
public final class WorkKeptException extends MediaException {
  private final transient Path workFolder;
  private final int finishedChunks;

  /** {@code kept}: what the folder held when the job decided to keep it. */
  WorkKeptException(Throwable failure, Path workFolder, JobWorkspace.Kept kept) {
    super(head(failure) + "; " + remedy(failure) + ", then run the same command with --resume (" + what(kept) + " in "
        + workFolder + ")", failure);
    this.workFolder = workFolder;
    this.finishedChunks = kept.finished();
  }

  /** What went wrong: the failure's message, but for an input gone, without its "encode it again". */
  private static String head(Throwable failure) {
    return failure instanceof SourceGoneException gone ? gone.head() : failure.getMessage();
  }

  /** What the user does before resuming. */
  private static String remedy(Throwable failure) {
    return Ffmpeg.isOutOfSpace(failure) ? "free space" : failure instanceof SourceGoneException ? "put it back" : "fix that";
  }

  /** What the folder keeps: its finished chunks, and the target-quality probes of its unfinished ones. */
  private static String what(JobWorkspace.Kept kept) {
    int finished = kept.finished();
    int probed = kept.probed();
    String probes = probed + (probed == 1 ? " chunk's" : " chunks'") + " probes";
    if (finished == 0) {
      return "no chunk had finished: its plan" + (probed > 0 ? " and " + probes + " are" : " is") + " kept";
    }
    return finished + " finished chunk" + (finished == 1 ? "" : "s") + (probed > 0 ? " and " + probes : "") + " kept";
  }

  /** What went wrong, without what to do: the line's start, before "; " and the remedy. */
  public String failure() {
    return head(getCause());
  }

  /** What the user does before resuming: "free space", "put it back", "fix that". */
  public String remedy() {
    return remedy(getCause());
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
