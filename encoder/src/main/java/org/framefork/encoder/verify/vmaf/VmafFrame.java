package org.framefork.encoder.verify.vmaf;

/**
 * One frame's VMAF ({@code vmaf_v0.6.1}) and the features it came from, named as libvmaf's JSON log
 * names them ({@code integer_adm2}, {@code integer_motion2}, {@code integer_vif_scale0..3}).
 *
 * @param frame the frame's number, from 0, in presentation order
 */
public record VmafFrame(long frame, double vmaf, double adm2, double motion2, double vifScale0, double vifScale1,
    double vifScale2, double vifScale3) {}
