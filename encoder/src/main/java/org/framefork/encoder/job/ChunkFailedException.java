package org.framefork.encoder.job;

import org.framefork.encoder.media.MediaException;

/** A chunk failed every attempt; the job fails with its number and reason. */
public class ChunkFailedException extends MediaException {
  private final int chunk;

  public ChunkFailedException(int chunk, int attempts, Throwable cause) {
    super("chunk " + chunk + " failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + cause.getMessage(), cause);
    this.chunk = chunk;
  }

  public int chunk() {
    return chunk;
  }
}
