package org.framefork.encoder.verify.vmaf;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * VMAF ({@code vmaf_v0.6.1}) of a sequence of distorted luma planes against their references, one
 * frame at a time, as libvmaf computes it, on 8-bit pictures or deeper ones (10-bit in 16-bit
 * samples, with libvmaf's shifts for them): VIF at 4 scales and ADM on each pair, motion on the
 * reference sequence. A frame's {@code motion2} needs the next reference picture, so {@link #push}
 * returns the previous frame's result and {@link #finish} the last one. One per thread; its buffers
 * are made once for one picture size.
 */
public final class VmafScorer {
  /** The smallest width and height scored: four wavelet levels need 2 samples at the last one. */
  public static final int MIN_SIZE = 32;

  private final VmafModel model;
  private final int width;
  private final int height;
  private final Vif vif;
  private final Adm adm;
  private final Motion motion;
  private final double[] features = new double[6];
  private long frames;
  private long next;
  private boolean pending;
  private boolean hasPrevious;
  // The frame waiting for the next one's motion.
  private double pendingAdm;
  private final double[] pendingVif = new double[4];
  private double pendingMotion;
  /** The run's first frame (see {@link #startAt}) and its frames so far. */
  private long runStart;
  private long runFrames;
  /** The motion of the run's second frame (against its first), and of the last frame finished; NaN where none. */
  private double secondMotion = Double.NaN;
  private double lastMotion = Double.NaN;

  public VmafScorer(int width, int height) {
    this(VmafKernels.get(), VmafModel.v061(), width, height);
  }

  public VmafScorer(VmafKernels kernels, VmafModel model, int width, int height) {
    if (width < MIN_SIZE || height < MIN_SIZE) {
      throw new IllegalArgumentException("VMAF needs pictures of at least " + MIN_SIZE + "x" + MIN_SIZE + ", not "
          + width + "x" + height);
    }
    this.model = model;
    this.width = width;
    this.height = height;
    vif = new Vif(kernels, width, height);
    adm = new Adm(kernels, width, height);
    motion = new Motion(kernels, width, height);
  }

  /**
   * From now on {@code stop} is asked, between VMAF's scales and every few dozen rows of the
   * largest, whether to stop: when it says so, the frame being scored throws {@link
   * CancellationException}, so that a cancel does not wait for a frame (seconds while the Vector API
   * is still cold).
   */
  public void stopWhen(BooleanSupplier stop) {
    Runnable check = () -> {
      if (stop.getAsBoolean()) {
        throw new CancellationException("VMAF scoring cancelled");
      }
    };
    vif.checkpoint = check;
    adm.checkpoint = check;
  }

  /** Scores the next pair of 8-bit pictures; returns the previous frame's result, or null for the first frame. */
  public VmafFrame push(Plane reference, Plane distorted) {
    return push(LumaPicture.of(reference), LumaPicture.of(distorted));
  }

  /**
   * Scores the next pair of {@code bits}-bit pictures (9 to 16; libvmaf's handling of deeper
   * input: the same model on features whose fixed point shifts by the bits); returns the previous
   * frame's result, or null for the first frame.
   */
  public VmafFrame push(Plane16 reference, Plane16 distorted, int bits) {
    return push(LumaPicture.of(reference, bits), LumaPicture.of(distorted, bits));
  }

  VmafFrame push(LumaPicture reference, LumaPicture distorted) {
    requireSize(reference, distorted);
    long n = next++;
    frames++;
    runFrames++;
    int slot = (int) (n % 3);
    motion.blur(reference, slot);
    double m = hasPrevious ? motion.motion((int) ((n + 2) % 3), slot) : 0;
    VmafFrame done = null;
    if (pending) {
      // motion2 of the previous frame: the smaller of its motion and this one's (frame 0: none).
      done = result(n - 1, n - 1 == 0 ? 0 : Math.min(pendingMotion, m));
    }
    features(reference, distorted);
    if (n == runStart + 1) {
      secondMotion = m;
    }
    pendingMotion = m;
    pending = true;
    hasPrevious = true;
    return done;
  }

  /** The last frame's result (its motion2 is its own motion), or null when no frame is waiting. */
  public VmafFrame finish() {
    return finish((LumaPicture) null);
  }

  /**
   * The last frame's result; {@code nextReference}, the reference picture that follows it (when a
   * later part of the video is scored elsewhere), gives its motion2 as the whole video's run would.
   */
  public VmafFrame finish(Plane nextReference) {
    return finish(nextReference == null ? null : LumaPicture.of(nextReference));
  }

  VmafFrame finish(LumaPicture nextReference) {
    if (!pending) {
      return null;
    }
    pending = false;
    long last = next - 1;
    lastMotion = runFrames > 1 ? pendingMotion : Double.NaN;
    if (last == 0) {
      return result(last, 0);
    }
    if (nextReference == null) {
      return result(last, pendingMotion);
    }
    int slot = (int) ((last + 1) % 3);
    motion.blur(nextReference, slot);
    return result(last, Math.min(pendingMotion, motion.motion((int) (last % 3), slot)));
  }

  /**
   * After {@link #finish()}: the motion of {@code following}, the reference picture after the last
   * frame (scored elsewhere, as the next part's first), against the last frame's. libvmaf's motion
   * of that next frame: the last frame's {@code motion2} in one run is the smaller of this and
   * {@link #lastMotion()}, the next frame's the smaller of this and the motion after it.
   */
  double motionTo(LumaPicture following) {
    if (pending || runFrames == 0) {
      throw new IllegalStateException("motionTo comes after the last frame is finished");
    }
    long last = next - 1;
    int slot = (int) ((last + 1) % 3);
    motion.blur(following, slot);
    return motion.motion((int) (last % 3), slot);
  }

  /** The motion of this run's second frame against its first (what its first frame's motion2 takes from after it); NaN before it. */
  double secondMotion() {
    return secondMotion;
  }

  /** The motion of the last frame finished against the one before it, in this run; NaN for a run of one frame. */
  double lastMotion() {
    return lastMotion;
  }

  /**
   * Starts a part of a video at frame {@code first}; {@code previousReference}, the reference
   * picture before it (null at the video's start), gives the first frame its motion.
   */
  public void startAt(long first, Plane previousReference) {
    startAt(first, previousReference == null ? null : LumaPicture.of(previousReference));
  }

  void startAt(long first, LumaPicture previousReference) {
    next = first;
    pending = false;
    hasPrevious = false;
    runStart = first;
    runFrames = 0;
    secondMotion = Double.NaN;
    lastMotion = Double.NaN;
    if (previousReference != null && first > 0) {
      motion.blur(previousReference, (int) ((first + 2) % 3));
      hasPrevious = true;
    }
  }

  /**
   * Scores one pair at once with a {@code motion2} measured elsewhere on the reference (see {@link
   * ReferenceMotion}); for sequences whose neighbouring pairs are not the video's neighbouring
   * frames. Not to be mixed with {@link #push} on one scorer.
   */
  VmafFrame score(long frame, LumaPicture reference, LumaPicture distorted, double motion2) {
    requireSize(reference, distorted);
    frames++;
    features(reference, distorted);
    return result(frame, motion2);
  }

  /** VIF and ADM of one pair, kept for its result. */
  private void features(LumaPicture reference, LumaPicture distorted) {
    FirstFrames.JVM.score(() -> {
      System.arraycopy(vif.score(reference, distorted), 0, pendingVif, 0, 4);
      pendingAdm = adm.score(reference, distorted, null);
    });
  }

  private void requireSize(LumaPicture reference, LumaPicture distorted) {
    if (reference.width() != width || reference.height() != height || !reference.matches(distorted)) {
      throw new IllegalArgumentException("VMAF scorer for " + width + "x" + height + " got " + reference.describe()
          + " and " + distorted.describe() + " pictures");
    }
  }

  private VmafFrame result(long frame, double motion2) {
    features[0] = pendingAdm;
    features[1] = motion2;
    System.arraycopy(pendingVif, 0, features, 2, 4);
    double score = model.predict(features);
    return new VmafFrame(frame, score, pendingAdm, motion2, pendingVif[0], pendingVif[1], pendingVif[2], pendingVif[3]);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public long frames() {
    return frames;
  }
}
