package org.framefork.encoder.job;

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
}
