package org.framefork.encoder.encode.filter;

/**
 * One filter at work in one chunk, on frames of type {@code F} ({@code YuvFrame} or {@code
 * YuvFrame16}): its plans and scratch planes are made once when the chunk starts and reused for
 * every frame. Not thread-safe.
 */
@FunctionalInterface
public interface FrameStep<F> {
  /**
   * Filters {@code frame}: in place (returning it) or into a frame of the step's own (returning
   * that); the result is valid until the next call.
   */
  F apply(F frame);
}
