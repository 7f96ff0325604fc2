package org.framefork.encoder.job;

/** The job was cancelled (by {@link EncodeJob#cancel()}, Ctrl-C, or the app's Cancel). */
public class JobCancelledException extends RuntimeException {
  public JobCancelledException() {
    super("cancelled; nothing was written");
  }
}
