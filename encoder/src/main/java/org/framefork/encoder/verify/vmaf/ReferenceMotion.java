package org.framefork.encoder.verify.vmaf;

import java.util.Arrays;
import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * VMAF's {@code motion2} feature of a reference sequence on its own: it depends on the reference
 * pictures alone, so a probe that encodes only every few frames of a chunk can still be scored
 * with the motion of the chunk at its full frame rate (see {@link VmafScorer#score}). Frame 0's is
 * 0, the last frame's is its own motion, every other frame's the smaller of its motion and the
 * next one's, as {@link VmafScorer} has it.
 */
public final class ReferenceMotion {
  private final Motion motion;
  private double[] motions = new double[64];
  private int count;

  public ReferenceMotion(int width, int height) {
    motion = new Motion(VmafKernels.get(), width, height);
  }

  /** Takes the next reference picture (luma of any depth, of this size). */
  public void push(LumaPicture reference) {
    int slot = count % 3;
    motion.blur(reference, slot);
    if (count == motions.length) {
      motions = Arrays.copyOf(motions, count * 2);
    }
    motions[count] = count == 0 ? 0 : motion.motion((count + 2) % 3, slot);
    count++;
  }

  /** Each frame's motion2, in order. */
  public double[] motion2() {
    double[] out = new double[count];
    for (int i = 1; i < count; i++) {
      out[i] = i == count - 1 ? motions[i] : Math.min(motions[i], motions[i + 1]);
    }
    return out;
  }
}
