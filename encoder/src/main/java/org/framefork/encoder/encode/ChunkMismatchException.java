package org.framefork.encoder.encode;

import org.framefork.encoder.media.MediaException;

/** A chunk's encoder took a different number of frames than the plan says the chunk has. */
public class ChunkMismatchException extends MediaException {
  public ChunkMismatchException(int chunk, int planned, int encoded) {
    super("chunk " + chunk + ": encoded " + encoded + " frames, the plan has " + planned);
  }
}
