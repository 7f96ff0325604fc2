package org.framefork.encoder.verify.vmaf;

/** Whether and how a comparison scores VMAF. */
public enum VmafMode {
  /** No VMAF. */
  OFF,
  /** Pictures of another size than 1920x1080 scaled to it, bicubic (what FFmpeg users do). */
  SCALED,
  /** Pictures scored at their own size. */
  NATIVE
}
