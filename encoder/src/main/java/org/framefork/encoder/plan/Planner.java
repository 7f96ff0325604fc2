package org.framefork.encoder.plan;

import org.framefork.encoder.probe.FrameIndex;

/** Cuts a video's frames into chunks. Pluggable: scene-cut detection is one more planner. */
public interface Planner {
  ChunkPlan plan(FrameIndex frames);
}
