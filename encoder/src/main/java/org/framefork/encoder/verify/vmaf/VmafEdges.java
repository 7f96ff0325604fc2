package org.framefork.encoder.verify.vmaf;

/**
 * What a part of a video scored on its own (a chunk) needs to have its first and last frames
 * scored as one run over the whole video scores them: the two frames' features, and the reference
 * motions at its edges. libvmaf's {@code motion2} of a frame is the smaller of its motion (against
 * the frame before) and the next frame's; the video's first frame has 0, its last its own motion.
 * A part scored alone gives its first frame 0 and its last its own motion: {@link #scores} puts the
 * neighbours' motion back.
 *
 * @param first the part's first frame as scored alone (its features; motion2 0)
 * @param secondMotion the motion of the part's second frame against its first; NaN for a part of one frame
 * @param last the part's last frame as scored alone (its features)
 * @param lastMotion the last frame's motion against the one before it; NaN for a part of one frame
 * @param pastEnd the motion of the reference picture after the part (the next part's first)
 *     against the part's last; NaN where none was read (the video's end, or a picture that would
 *     not be the next part's)
 * @param pastEndPts that picture's presentation time; {@link Long#MIN_VALUE} where none
 */
public record VmafEdges(VmafFrame first, double secondMotion, VmafFrame last, double lastMotion, double pastEnd,
    long pastEndPts) {

  /** Whether the next part starts at the picture whose motion {@link #pastEnd} holds, the one at {@code nextFirstPts}. */
  public boolean reaches(long nextFirstPts) {
    return !Double.isNaN(pastEnd) && pastEndPts == nextFirstPts;
  }

  /**
   * The first and last frames' scores (one for a part of one frame) where the part's neighbours
   * are known: {@code before} is the previous part's {@link #pastEnd} (the motion of this part's
   * first frame), NaN where the part starts alone; {@code after}, whether the next part follows on
   * from {@link #pastEnd}. An edge not known keeps the frame's score alone.
   */
  public double[] scores(double before, boolean after) {
    VmafModel model = VmafModel.v061();
    double afterLast = after ? pastEnd : Double.NaN;
    if (Double.isNaN(secondMotion)) {
      // One frame: its motion is the edge before it, the next frame's the edge after it.
      double s = Double.isNaN(before) ? first.vmaf() : predict(model, first, min(before, afterLast));
      return new double[] {s, s};
    }
    double firstScore = Double.isNaN(before) ? first.vmaf() : predict(model, first, Math.min(before, secondMotion));
    double lastScore = Double.isNaN(afterLast) ? last.vmaf() : predict(model, last, Math.min(lastMotion, afterLast));
    return new double[] {firstScore, lastScore};
  }

  /** The smaller of the two, or {@code a} where {@code b} is not known. */
  private static double min(double a, double b) {
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double predict(VmafModel model, VmafFrame f, double motion2) {
    return model.predict(new double[] {f.adm2(), motion2, f.vifScale0(), f.vifScale1(), f.vifScale2(), f.vifScale3()});
  }
}
