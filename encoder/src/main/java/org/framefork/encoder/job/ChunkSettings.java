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

  /**
   * One final encode of a chunk: what it took in wall and CPU seconds (CPU NaN where unknown), its
   * video bytes, and the source times of the frames it holds (all of the chunk's unless damage was
   * skipped), in order.
   */
  record FinalEncode(double seconds, double cpuSeconds, long bytes, long[] framePts) {}

  /**
   * What becomes of a chunk's final encode: with {@code again}, the chunk is encoded once more;
   * else its segment stays, with {@code bytes} of video (an earlier encode's, when the settings put
   * that one back in the segment's place).
   */
  record Verdict(boolean again, long bytes) {
    public static final Verdict AGAIN = new Verdict(true, 0);

    public static Verdict keep(long bytes) {
      return new Verdict(false, bytes);
    }
  }

  /**
   * Called on the same worker once the chunk's final encode, at the settings {@link #forChunk}
   * gave, is complete in {@code segment}, before its record is written: target quality measures
   * there how far its probes were off, for the chunks searched after it, and asks for the chunk
   * again when the final landed outside its band (the segment is then overwritten, at the
   * settings {@link #forChunk} gives now), or puts back an earlier encode that came nearer.
   */
  default Verdict encoded(Chunk chunk, Path segment, FinalEncode encode, BooleanSupplier stop) {
    return Verdict.keep(encode.bytes());
  }

  /** Releases what the chunks that ended without {@link #encoded} (a failure, a cancel) still hold. */
  default void release() {}
}
