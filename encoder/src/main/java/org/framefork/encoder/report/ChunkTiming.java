package org.framefork.encoder.report;

/**
 * One chunk's run: which frames (from {@code firstFrame}, {@code frames} of them: a chunk split off
 * at the tail is numbered after the others but covers frames in the middle), who ran it, when
 * (seconds from the start of the encode stage) and for how long.
 */
public record ChunkTiming(int chunk, int firstFrame, int frames, int worker, double startSeconds, double seconds, long bytes,
    int attempts) {}
