package org.framefork.encoder.verify.vmaf;

import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * VMAF ({@code vmaf_v0.6.1}) of a sequence of distorted luma planes against their references, one
 * frame at a time, as libvmaf computes it: VIF at 4 scales and ADM on each pair, motion on the
 * reference sequence. A frame's {@code motion2} needs the next reference picture, so {@link #push}
 * returns the previous frame's result and {@link #finish} the last one. One per thread; its buffers
 * are made once for one picture size.
 */
public final class VmafScorer {
  private final VmafModel model;
  private final int width;
  private final int height;
  private final Vif vif;
  private final Adm adm;
  private final Motion motion;
  private final double[] features = new double[6];
  private long frames;
  // The frame waiting for the next one's motion.
  private double pendingAdm;
  private final double[] pendingVif = new double[4];
  private double pendingMotion;

  public VmafScorer(int width, int height) {
    this(VmafKernels.get(), VmafModel.v061(), width, height);
  }

  public VmafScorer(VmafKernels kernels, VmafModel model, int width, int height) {
    this.model = model;
    this.width = width;
    this.height = height;
    vif = new Vif(kernels, width, height);
    adm = new Adm(kernels, width, height);
    motion = new Motion(kernels, width, height);
  }

  /** Scores the next pair; returns the previous frame's result, or null for the first frame. */
  public VmafFrame push(Plane reference, Plane distorted) {
    if (reference.width() != width || reference.height() != height || !reference.sameSizeAs(distorted)) {
      throw new IllegalArgumentException("VMAF scorer for " + width + "x" + height + " got " + reference.width() + "x"
          + reference.height() + " and " + distorted.width() + "x" + distorted.height());
    }
    long n = frames++;
    int slot = (int) (n % 3);
    motion.blur(reference, slot);
    double m = n == 0 ? 0 : motion.motion((int) ((n + 2) % 3), slot);
    VmafFrame done = null;
    if (n >= 1) {
      // motion2 of the previous frame: the smaller of its motion and this one's (frame 0: none).
      done = result(n - 1, n - 1 == 0 ? 0 : Math.min(pendingMotion, m));
    }
    double[] v = vif.score(reference, distorted);
    System.arraycopy(v, 0, pendingVif, 0, 4);
    pendingAdm = adm.score(reference, distorted, null);
    pendingMotion = m;
    return done;
  }

  /** The last frame's result (its motion2 is its own motion), or null when no frame was pushed. */
  public VmafFrame finish() {
    if (frames == 0) {
      return null;
    }
    long last = frames - 1;
    return result(last, last == 0 ? 0 : pendingMotion);
  }

  private VmafFrame result(long frame, double motion2) {
    features[0] = pendingAdm;
    features[1] = motion2;
    System.arraycopy(pendingVif, 0, features, 2, 4);
    double score = model.predict(features);
    return new VmafFrame(frame, score, pendingAdm, motion2, pendingVif[0], pendingVif[1], pendingVif[2], pendingVif[3]);
  }

  public long frames() {
    return frames;
  }
}
