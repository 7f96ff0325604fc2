package org.framefork.encoder.verify.vmaf;

import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * VMAF of a sequence of frame pairs on the calling thread, each pair scaled to the model's
 * 1920x1080 first when asked (as {@code compare} does by default and FFmpeg users do). One per
 * thread; its scorer and scalers are made once, for one picture size.
 */
public final class VmafOfFrames implements AutoCloseable {
  private final VmafScorer scorer;
  private final VmafScaler scaleReference;
  private final VmafScaler scaleDistorted;

  /**
   * @param scaled whether pictures of {@code size} are scaled to 1920x1080 (else scored as they are)
   * @param depth the frames' bits: 8 ({@link YuvFrame}) or 10 ({@link YuvFrame16})
   */
  public VmafOfFrames(FrameSize size, boolean scaled, int depth) {
    boolean scale = scaled && VmafScaler.needed(size.width(), size.height());
    scorer = scale ? new VmafScorer(VmafScaler.WIDTH, VmafScaler.HEIGHT) : new VmafScorer(size.width(), size.height());
    scaleReference = scale ? new VmafScaler(size.width(), size.height(), depth) : null;
    scaleDistorted = scale ? new VmafScaler(size.width(), size.height(), depth) : null;
  }

  /** Stops scoring a frame when {@code stop} says so (see {@link VmafScorer#stopWhen}); returns this. */
  public VmafOfFrames stopWhen(BooleanSupplier stop) {
    scorer.stopWhen(stop);
    return this;
  }

  /** Scores the next pair; returns the previous frame's result (a frame's motion needs the next), null for the first. */
  public VmafFrame push(YuvFrame reference, YuvFrame distorted) {
    if (scaleReference == null) {
      return scorer.push(reference.y(), distorted.y());
    }
    return scorer.push(scaleReference.scale(reference).y(), scaleDistorted.scale(distorted).y());
  }

  /** Scores the next pair of 10-bit frames, as {@link #push(YuvFrame, YuvFrame)}. */
  public VmafFrame push(YuvFrame16 reference, YuvFrame16 distorted) {
    if (scaleReference == null) {
      return scorer.push(reference.y(), distorted.y(), reference.depth());
    }
    return scorer.push(scaleReference.scale(reference).y(), scaleDistorted.scale(distorted).y(), reference.depth());
  }

  /**
   * Scores one pair at once (8- or 10-bit, at this scorer's depth), with the reference's {@code
   * motion2} from elsewhere (see {@link ReferenceMotion}, fed the reference pictures as this scores
   * them).
   */
  public VmafFrame score(long frame, Yuv420Frame<?> reference, Yuv420Frame<?> distorted, double motion2) {
    return score(frame, LumaPicture.of(scaleReference == null ? reference : scaleReference.scale(reference)), distorted,
        motion2);
  }

  /**
   * As {@link #score(long, Yuv420Frame, Yuv420Frame, double)}, with the reference's luma already as
   * VMAF sees it (scaled when this scores scaled pictures): a reference scored against many
   * distorted versions is scaled once.
   */
  public VmafFrame score(long frame, LumaPicture reference, Yuv420Frame<?> distorted, double motion2) {
    return scorer.score(frame, reference, LumaPicture.of(scaleDistorted == null ? distorted : scaleDistorted.scale(distorted)),
        motion2);
  }

  /** The last frame's result, or null when none is waiting. */
  public VmafFrame finish() {
    return scorer.finish();
  }

  /**
   * After {@link #finish()}: the edges of the frames scored, {@code first} and {@code last} their
   * first and last results, and {@code following} (null: none) the reference picture after them,
   * at {@code followingPts} (see {@link VmafEdges}).
   */
  public VmafEdges edges(VmafFrame first, VmafFrame last, Yuv420Frame<?> following, long followingPts) {
    double pastEnd = following == null ? Double.NaN
        : scorer.motionTo(LumaPicture.of(scaleReference == null ? following : scaleReference.scale(following)));
    return new VmafEdges(first, scorer.secondMotion(), last, scorer.lastMotion(), pastEnd,
        following == null ? Long.MIN_VALUE : followingPts);
  }

  @Override
  public void close() {
    if (scaleReference != null) {
      scaleReference.close();
      scaleDistorted.close();
    }
  }
}
