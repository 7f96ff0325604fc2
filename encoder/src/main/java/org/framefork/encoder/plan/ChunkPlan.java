package org.framefork.encoder.plan;

import java.util.Comparator;
import java.util.List;

/**
 * The chunks of one video, in time order (then, while a job runs, the chunks split off running
 * chunks at its tail, numbered after them), and how they were cut. Plain data: printed by
 * {@code probe}, saved in the job's work folder so that a job can resume.
 */
public record ChunkPlan(SplitMode split, double targetSeconds, int totalFrames, List<Chunk> chunks) {
  public ChunkPlan {
    chunks = List.copyOf(chunks);
  }

  /** The order chunks are handed to workers: longest first, so that no long chunk runs alone at the end. */
  public List<Chunk> scheduleOrder() {
    return scheduleOrder(chunks);
  }

  /** {@code chunks} longest first (then by number). */
  public static List<Chunk> scheduleOrder(List<Chunk> chunks) {
    return chunks.stream()
        .sorted(Comparator.comparingInt(Chunk::frameCount).reversed().thenComparingInt(Chunk::index))
        .toList();
  }

  public int size() {
    return chunks.size();
  }
}
