package org.framefork.encoder.probe;

/**
 * One audio stream of an input.
 *
 * @param packetSeconds the shortest time between two of its packets: how finely the packet scan
 *     can tell where the stream ends (0 when it has one packet)
 */
public record AudioStream(
    int index,
    String codec,
    int sampleRate,
    int channels,
    String language,
    double startSeconds,
    double durationSeconds,
    @com.fasterxml.jackson.annotation.JsonIgnore double packetSeconds) {}
