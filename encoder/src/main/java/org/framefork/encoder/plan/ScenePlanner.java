package org.framefork.encoder.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framefork.encoder.probe.FrameIndex;

/**
 * Chunks that follow the video's scenes: a boundary at every detected hard cut ({@link
 * SceneAnalyzer}, {@link SceneCuts}), and scenes longer than the longest chunk allowed split again
 * into equal parts, each boundary moved to a keyframe when one lies near (within a quarter of a
 * part, and no part grows past the longest chunk), else at the frame itself (the chunk then
 * decodes from the keyframe before it). A cut
 * that is not on a keyframe is a boundary all the same.
 *
 * <p>Planning decodes the whole video once, in parallel; {@link #lastAnalysis()} says what it found
 * and how long it took.
 */
public final class ScenePlanner implements Planner {
  /** Scenes shorter than this (in seconds) are not cut apart: a flash or a one-frame glitch is no scene. */
  public static final double MIN_SCENE_SECONDS = 0.5;

  /**
   * What one planning run found.
   *
   * @param cuts the first frame of every detected scene after the first
   * @param seconds the analysis pass's wall time
   * @param ranges the keyframe-aligned pieces it was decoded in
   * @param workers threads that decoded them
   */
  public record Analysis(int[] cuts, double seconds, int ranges, int workers) {}

  private final Path source;
  private final int videoIndex;
  private final double maxChunkSeconds;
  private final int workers;
  private final AtomicBoolean stop;
  private volatile Analysis last;

  /**
   * @param maxChunkSeconds the longest chunk: longer scenes are split
   * @param workers threads for the analysis pass
   */
  public ScenePlanner(Path source, int videoIndex, double maxChunkSeconds, int workers) {
    this(source, videoIndex, maxChunkSeconds, workers, new AtomicBoolean());
  }

  /** @param stop set by another thread to abandon the analysis */
  public ScenePlanner(Path source, int videoIndex, double maxChunkSeconds, int workers, AtomicBoolean stop) {
    if (!(maxChunkSeconds > 0)) {
      throw new IllegalArgumentException("the longest chunk must be positive, not " + maxChunkSeconds);
    }
    this.source = source;
    this.videoIndex = videoIndex;
    this.maxChunkSeconds = maxChunkSeconds;
    this.workers = workers;
    this.stop = stop;
  }

  @Override
  public ChunkPlan plan(FrameIndex frames) {
    long t0 = System.nanoTime();
    int ranges = SceneAnalyzer.ranges(frames, workers * 2).size();
    // Kernels null: the analysis chooses them by its work, the video's frames at its picture size.
    FrameDifferences d = new SceneAnalyzer(source, videoIndex, workers, null, stop).analyse(frames);
    int[] cuts = SceneCuts.detect(d, minSceneFrames(frames));
    last = new Analysis(cuts, (System.nanoTime() - t0) / 1e9, ranges, workers);
    return plan(frames, cuts, maxChunkSeconds);
  }

  /** The last {@link #plan} run's findings, or null before one. */
  public Analysis lastAnalysis() {
    return last;
  }

  static int minSceneFrames(FrameIndex frames) {
    double fps = frames.frameCount() / Math.max(1e-9, frames.durationSeconds());
    return Math.max(2, (int) Math.round(MIN_SCENE_SECONDS * fps));
  }

  /** The plan for scenes that start at {@code cuts}, no chunk longer than {@code maxChunkSeconds} where it can be split. */
  public static ChunkPlan plan(FrameIndex frames, int[] cuts, double maxChunkSeconds) {
    int n = frames.frameCount();
    List<Integer> sceneStarts = new ArrayList<>();
    sceneStarts.add(0);
    for (int c : cuts) {
      if (c > sceneStarts.get(sceneStarts.size() - 1) && c < n) {
        sceneStarts.add(c);
      }
    }
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; s < sceneStarts.size(); s++) {
      int from = sceneStarts.get(s);
      int to = s + 1 < sceneStarts.size() ? sceneStarts.get(s + 1) : n;
      starts.add(from);
      splitLongScene(frames, from, to, maxChunkSeconds, starts);
    }
    return Planners.build(frames, SplitMode.SCENE, maxChunkSeconds, starts);
  }

  /**
   * A long scene's parts may decode before their starts, from the keyframe before each, at most this
   * many times the scene's frames in all; past that (a long-GOP source), they start only at keyframes.
   * The report notes a plan whose chunks decode more than this, the video's frames times it, before
   * their starts (so a plan kept here gets no note).
   */
  public static final double MAX_DECODED_BEFORE = 2.0;

  /**
   * Adds the boundaries inside scene {@code [from, to)} that keep its parts within the longest
   * chunk, or where they would decode too much before their starts ({@link #MAX_DECODED_BEFORE}),
   * at the keyframes nearest the equal parts' starts; a scene without one stays whole (the tail
   * split divides a long chunk while it runs, where that pays).
   */
  private static void splitLongScene(FrameIndex frames, int from, int to, double maxSeconds, List<Integer> starts) {
    List<Integer> parts = parts(frames, from, to, maxSeconds, false);
    long before = 0;
    for (int at : parts) {
      before += frames.framesBefore(at);
    }
    starts.addAll(before > MAX_DECODED_BEFORE * (to - from) ? parts(frames, from, to, maxSeconds, true) : parts);
  }

  /**
   * The starts of scene {@code [from, to)}'s parts after its first: equal parts no longer than the
   * longest chunk, each start moved to a keyframe near it where no part grows past the longest
   * chunk; with {@code keyframesOnly}, each at the keyframe nearest it, or none.
   */
  private static List<Integer> parts(FrameIndex frames, int from, int to, double maxSeconds, boolean keyframesOnly) {
    List<Integer> starts = new ArrayList<>();
    double seconds = seconds(frames, from, to);
    int parts = (int) Math.ceil(seconds / maxSeconds - 1e-9);
    double tb = frames.timeBase().toDouble();
    long first = frames.pts(from);
    double part = seconds / parts;
    int previous = from;
    for (int k = 1; k < parts; k++) {
      double target = k * part;
      int at = keyframesOnly ? -1 : frameNear(frames, previous + 1, to, first, target, tb);
      int key = keyframeNear(frames, previous + 1, to, first, target, tb);
      // A keyframe near the target saves decoding, but only if no piece grows past the longest chunk.
      if (key >= 0 && (keyframesOnly || Math.abs((frames.pts(key) - first) * tb - target) <= part / 4
          && seconds(frames, previous, key) <= maxSeconds + 1e-9
          && seconds(frames, key, to) <= (parts - k) * maxSeconds + 1e-9)) {
        at = key;
      }
      if (at > previous && at < to) {
        starts.add(at);
        previous = at;
      }
    }
    return starts;
  }

  private static double seconds(FrameIndex frames, int from, int to) {
    long end = to < frames.frameCount() ? frames.pts(to) : frames.endPts();
    return frames.timeBase().seconds(end - frames.pts(from));
  }

  /** The frame in {@code [lo, hi)} presented nearest to {@code target} seconds after {@code first}. */
  private static int frameNear(FrameIndex frames, int lo, int hi, long first, double target, double tb) {
    int best = -1;
    double bestGap = Double.MAX_VALUE;
    for (int i = lo; i < hi; i++) {
      double gap = Math.abs((frames.pts(i) - first) * tb - target);
      if (gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    return best;
  }

  /** Like {@link #frameNear}, among keyframes only; -1 when the range has none. */
  private static int keyframeNear(FrameIndex frames, int lo, int hi, long first, double target, double tb) {
    int best = -1;
    double bestGap = Double.MAX_VALUE;
    for (int k = 0; k < frames.keyframeCount(); k++) {
      int i = frames.frameAt(frames.keyframePts(k));
      if (i >= lo && i < hi) {
        double gap = Math.abs((frames.pts(i) - first) * tb - target);
        if (gap < bestGap) {
          best = i;
          bestGap = gap;
        }
      }
    }
    return best;
  }
}
