package org.framefork.encoder.report;

/** One chunk's run: who ran it, when (seconds from the start of the encode stage) and for how long. */
public record ChunkTiming(int chunk, int worker, int frames, double startSeconds, double seconds, long bytes, int attempts) {}
