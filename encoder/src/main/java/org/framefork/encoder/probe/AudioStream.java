package org.framefork.encoder.probe;

/** One audio stream of an input. */
public record AudioStream(
    int index,
    String codec,
    int sampleRate,
    int channels,
    String language,
    double startSeconds,
    double durationSeconds) {}
