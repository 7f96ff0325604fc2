package org.framefork.samples.output;

/**
 * How the video stream is encoded. {@code preset} is null for codecs without x264-style presets;
 * {@code threads} is fixed rather than "auto" by default because x264's bitstream depends on its
 * thread count, and a sample should not change with the machine it was made on.
 */
public record VideoSettings(String encoder, int crf, String preset, int gop, int threads) {}
