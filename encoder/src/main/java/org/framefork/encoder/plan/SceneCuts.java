package org.framefork.encoder.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds hard cuts in a video's {@link FrameDifferences}. A cut is a single frame whose change
 * stands out from the changes around it, in content (histogram) as well as in pixels (luma):
 *
 * <ul>
 *   <li>the histogram distance is at least {@value #MIN_HISTOGRAM} and {@value #HISTOGRAM_RATIO}
 *       times the median of its neighbours ({@value #WINDOW} frames each side), and the luma
 *       difference at least {@value #LUMA_RATIO} times its neighbours' median; or
 *   <li>between two shots of similar colours, the luma difference is at least {@value
 *       #MIN_STRONG_LUMA} and {@value #STRONG_LUMA_RATIO} times its neighbours' median, and the
 *       histogram distance still twice its neighbours'.
 * </ul>
 *
 * Medians make the threshold adapt: a fast pan raises the luma differences of all its frames, so
 * none stands out; a fade moves the histogram a little on each frame, never by a cut's jump. Cuts
 * closer than the minimum scene length keep only the stronger one.
 */
public final class SceneCuts {
  static final int WINDOW = 15;
  static final double MIN_HISTOGRAM = 0.30;
  static final double HISTOGRAM_RATIO = 3.0;
  static final double LUMA_RATIO = 2.0;
  static final double MIN_STRONG_LUMA = 20.0;
  static final double STRONG_LUMA_RATIO = 4.0;
  /** Medians below these are noise: a still scene must not turn grain into cuts. */
  static final double HISTOGRAM_FLOOR = 0.02;
  static final double LUMA_FLOOR = 1.0;

  private SceneCuts() {}

  /**
   * The first frame of every new scene (never 0), in order.
   *
   * @param minSceneFrames the shortest scene; of two cuts closer than this, the stronger stays
   */
  public static int[] detect(FrameDifferences d, int minSceneFrames) {
    int n = d.frameCount();
    record Candidate(int frame, double strength) {}
    List<Candidate> candidates = new ArrayList<>();
    double[] window = new double[2 * WINDOW];
    for (int i = 1; i < n; i++) {
      double h = d.histogram()[i];
      double l = d.luma()[i];
      double mh = Math.max(HISTOGRAM_FLOOR, median(d.histogram(), i, window));
      double ml = Math.max(LUMA_FLOOR, median(d.luma(), i, window));
      boolean content = h >= MIN_HISTOGRAM && h >= HISTOGRAM_RATIO * mh && l >= LUMA_RATIO * ml;
      boolean pixels = l >= MIN_STRONG_LUMA && l >= STRONG_LUMA_RATIO * ml && h >= 2 * mh;
      if (content || pixels) {
        candidates.add(new Candidate(i, Math.max(h / mh, l / ml)));
      }
    }
    // Strongest first; a weaker cut within the minimum scene length of a kept one goes.
    candidates.sort(Comparator.comparingDouble(Candidate::strength).reversed());
    List<Integer> kept = new ArrayList<>();
    for (Candidate c : candidates) {
      boolean near = c.frame() < minSceneFrames || kept.stream().anyMatch(k -> Math.abs(k - c.frame()) < minSceneFrames);
      if (!near) {
        kept.add(c.frame());
      }
    }
    return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** Median of {@code v} over the {@link #WINDOW} frames each side of {@code i} (not {@code i}, not frame 0). */
  private static double median(double[] v, int i, double[] scratch) {
    int k = 0;
    for (int j = Math.max(1, i - WINDOW); j <= Math.min(v.length - 1, i + WINDOW); j++) {
      if (j != i) {
        scratch[k++] = v[j];
      }
    }
    if (k == 0) {
      return 0;
    }
    Arrays.sort(scratch, 0, k);
    return k % 2 == 1 ? scratch[k / 2] : (scratch[k / 2 - 1] + scratch[k / 2]) / 2;
  }
}
