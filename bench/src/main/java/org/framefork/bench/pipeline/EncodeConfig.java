package org.framefork.bench.pipeline;

import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;

/**
 * One way to run the engine on the input: the fields of {@link org.framefork.encoder.job.JobOptions}
 * that the measurements vary. {@code workers} is also what the planner sees, so a sequential and a
 * parallel config with the same workers get the same chunks.
 *
 * @param chunkSeconds keyframe chunk length; 0 lets the engine pick its default
 * @param tailSplit whether a running chunk may be split at the tail (the engine's default); off
 *     where the chunks must keep the length a measurement names
 */
public record EncodeConfig(
    String label,
    ExecutionMode mode,
    int workers,
    SplitMode split,
    double chunkSeconds,
    int chunkFrames,
    int codecThreads,
    boolean tailSplit) {

  /** The engine's defaults at {@code workers}: keyframe chunks of the default length, 1 codec thread, the tail split. */
  public static EncodeConfig defaults(String label, ExecutionMode mode, int workers) {
    return new EncodeConfig(label, mode, workers, SplitMode.KEYFRAMES, 0, 60, 1, true);
  }

  public EncodeConfig withChunkSeconds(double seconds) {
    return new EncodeConfig(label, mode, workers, split, seconds, chunkFrames, codecThreads, tailSplit);
  }
}
