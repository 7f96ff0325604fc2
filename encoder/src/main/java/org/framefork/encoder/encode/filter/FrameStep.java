package org.framefork.encoder.encode.filter;

import org.framefork.encoder.kernels.YuvFrame;

/**
 * One filter at work in one chunk: its plans and scratch planes are made once when the chunk
 * starts and reused for every frame. Not thread-safe.
 */
@FunctionalInterface
public interface FrameStep {
  /**
   * Filters {@code frame}: in place (returning it) or into a frame of the step's own (returning
   * that); the result is valid until the next call.
   */
  YuvFrame apply(YuvFrame frame);
}
