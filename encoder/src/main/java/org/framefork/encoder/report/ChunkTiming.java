package org.framefork.encoder.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One chunk's run: which frames (from {@code firstFrame}, {@code frames} of them: a chunk split off
 * a running one is numbered after the others but covers frames in the middle), who ran it, when it
 * started and ended (seconds from the start of the encode stage; from its first attempt to the end
 * of its last), and how long its last attempt worked on it ({@code seconds}: in the concurrent
 * mode, its turns added up; for a node's chunk, the node's own time on it, as {@link
 * ChunkTransfer#nodeSeconds()}: its transfers and its wait in the node's queue are in {@code remote}).
 *
 * @param remote where a chunk that a node of a cluster encoded went, and what its transfer cost;
 *     null for a chunk encoded here
 */
public record ChunkTiming(int chunk, int firstFrame, int frames, int worker, double startSeconds, double endSeconds,
    double seconds, long bytes, int attempts, @JsonInclude(JsonInclude.Include.NON_NULL) ChunkTransfer remote) {
  /** A chunk encoded here. */
  public ChunkTiming(int chunk, int firstFrame, int frames, int worker, double startSeconds, double endSeconds,
      double seconds, long bytes, int attempts) {
    this(chunk, firstFrame, frames, worker, startSeconds, endSeconds, seconds, bytes, attempts, null);
  }
}
