package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.plan.Chunk;

/**
 * Picks a chunk's encoder settings just before the chunk is encoded, on the worker that encodes it
 * (target quality probes there); called again for a retry, when it should answer the same.
 */
public interface ChunkSettings {
  /** @param stop says when the job is being cancelled */
  EncodeSettings forChunk(Chunk chunk, int worker, BooleanSupplier stop);

  /**
   * Called on the same worker once the chunk's final encode, at the settings {@link #forChunk}
   * gave, is complete in {@code segment}, before its record is written: target quality measures
   * there how far its probes were off, for the chunks searched after it.
   */
  default void encoded(Chunk chunk, Path segment, BooleanSupplier stop) {}

  /** Releases what the chunks that ended without {@link #encoded} (a failure, a cancel) still hold. */
  default void release() {}
}
