package org.framefork.encoder.report;

/**
 * One chunk's run: which frames (from {@code firstFrame}, {@code frames} of them: a chunk split off
 * at the tail is numbered after the others but covers frames in the middle), who ran it, when it
 * started and ended (seconds from the start of the encode stage; from its first attempt to the end
 * of its last), and how long its last attempt worked on it ({@code seconds}: in the concurrent
 * mode, its turns added up).
 */
public record ChunkTiming(int chunk, int firstFrame, int frames, int worker, double startSeconds, double endSeconds,
    double seconds, long bytes, int attempts) {}
