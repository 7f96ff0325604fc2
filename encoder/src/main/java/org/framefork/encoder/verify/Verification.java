package org.framefork.encoder.verify;

import java.util.List;

/**
 * What the verify stage found when it compared the output with its source.
 *
 * @param audioDriftSeconds how far the output's audio moved against its video, compared with the
 *     source (start and end offsets), in seconds
 * @param problems one sentence per failed check; empty when {@code passed}
 */
public record Verification(
    long sourceFrames,
    long outputFrames,
    double sourceDurationSeconds,
    double outputDurationSeconds,
    double frameDurationSeconds,
    boolean audioExpected,
    boolean audioPresent,
    double audioDriftSeconds,
    boolean passed,
    List<String> problems) {}
