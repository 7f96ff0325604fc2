package org.framefork.encoder.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A chunk a resumed job took from the interrupted run's work folder rather than encoding it: which
 * frames ({@code firstFrame}, {@code frames} of them) and its segment's size. The report lists it
 * beside the chunks this run encoded, marked {@code "reused": true}, with no worker or times (the
 * interrupted run's).
 */
public record ReusedChunk(int chunk, int firstFrame, int frames, long bytes) {
  /** Always true: what tells this entry of {@code chunkTimes} from a {@link ChunkTiming}. */
  @JsonProperty("reused")
  public boolean reused() {
    return true;
  }
}
