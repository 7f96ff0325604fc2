package org.framefork.encoder.verify.vmaf;

/**
 * VMAF of a sequence: the mean and harmonic mean of the frames' scores (libvmaf's pooling:
 * {@code n / sum(1 / (score + 1)) - 1}), the worst frame and the 1st and 5th percentiles.
 */
public record VmafSummary(long frames, double mean, double harmonicMean, double min, double percentile1,
    double percentile5) {}
