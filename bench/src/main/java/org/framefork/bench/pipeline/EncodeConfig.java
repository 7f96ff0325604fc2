package org.framefork.bench.pipeline;

import org.framefork.encoder.job.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;

/**
 * One way to run the engine on the input: the fields of {@link org.framefork.encoder.job.JobOptions}
 * that the measurements vary. {@code workers} is also what the planner sees, so a sequential and a
 * parallel config with the same workers get the same chunks.
 *
 * @param chunkSeconds keyframe chunk length; 0 lets the engine pick its default
 */
public record EncodeConfig(
    String label,
    ExecutionMode mode,
    int workers,
    SplitMode split,
    double chunkSeconds,
    int chunkFrames,
    int codecThreads) {

  /** The engine's defaults at {@code workers}: keyframe chunks of the default length, 1 codec thread. */
  public static EncodeConfig defaults(String label, ExecutionMode mode, int workers) {
    return new EncodeConfig(label, mode, workers, SplitMode.KEYFRAMES, 0, 60, 1);
  }

  public EncodeConfig withChunkSeconds(double seconds) {
    return new EncodeConfig(label, mode, workers, split, seconds, chunkFrames, codecThreads);
  }
}
