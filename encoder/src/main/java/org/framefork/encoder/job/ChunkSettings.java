package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.plan.Chunk;

/**
 * Picks a chunk's encoder settings just before the chunk is encoded, on the worker that encodes it
 * (target quality probes there); called again for a retry after a failure, when it should answer
 * the same, and after {@link #encoded} asked for another encode.
 */
public interface ChunkSettings {
  /** @param stop says when the job is being cancelled */
  EncodeSettings forChunk(Chunk chunk, int worker, BooleanSupplier stop);

  /** What one final encode of a chunk took: wall and CPU seconds (CPU NaN where unknown). */
  record EncodeTime(double seconds, double cpuSeconds) {}

  /**
   * Called on the same worker once the chunk's final encode, at the settings {@link #forChunk}
   * gave, is complete in {@code segment}, before its record is written: target quality measures
   * there how far its probes were off, for the chunks searched after it. Returns true when the
   * chunk is to be encoded once more, at the settings {@link #forChunk} gives now (target quality:
   * the final landed outside its band); the segment is then overwritten, and {@code took} was
   * spent on a discarded encode.
   */
  default boolean encoded(Chunk chunk, Path segment, EncodeTime took, BooleanSupplier stop) {
    return false;
  }

  /** Releases what the chunks that ended without {@link #encoded} (a failure, a cancel) still hold. */
  default void release() {}
}
