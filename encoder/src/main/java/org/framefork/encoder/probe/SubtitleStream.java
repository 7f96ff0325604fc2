package org.framefork.encoder.probe;

/** One subtitle stream of an input. */
public record SubtitleStream(int index, String codec, String language) {}
