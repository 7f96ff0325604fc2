package org.framefork.encoder.plan;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.probe.FrameIndex;

/** The built-in planners. */
public final class Planners {
  private Planners() {}

  /** Chunks per worker the default length aims at. */
  public static final int CHUNKS_PER_WORKER = 2;

  /**
   * The default chunk length for a video of {@code seconds} run by {@code workers}: about two chunks
   * per worker, between 1 s and 10 s. Longest-first scheduling balances most of the load, and the
   * parallel mode splits a running chunk at the tail for the rest; more chunks would balance no
   * better and cost size (every chunk starts with a keyframe).
   */
  public static double defaultChunkSeconds(double seconds, int workers) {
    double perWorker = seconds / (Math.max(1, workers) * (double) CHUNKS_PER_WORKER);
    return Math.max(1.0, Math.min(10.0, perWorker));
  }

  public static Planner forSplit(SplitMode split, double chunkSeconds, int chunkFrames) {
    return switch (split) {
      case KEYFRAMES -> keyframes(chunkSeconds);
      case FIXED -> fixedFrames(chunkFrames);
      case NONE -> whole();
      case SCENE -> throw new IllegalArgumentException("scene splitting reads the video; use a ScenePlanner");
    };
  }

  /**
   * Boundaries at the source keyframes nearest to multiples of {@code targetSeconds}. Where every
   * frame is a keyframe (an image sequence, an intra-only video) nothing constrains a cut: the
   * video is cut into equal runs of frames, as many as the target length makes.
   */
  public static Planner keyframes(double targetSeconds) {
    if (!(targetSeconds > 0)) {
      throw new IllegalArgumentException("chunk length must be positive, not " + targetSeconds);
    }
    return frames -> {
      if (frames.frameCount() > 1 && frames.keyframeCount() == frames.frameCount()) {
        return build(frames, SplitMode.KEYFRAMES, targetSeconds, equalRuns(frames, targetSeconds));
      }
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      double tb = frames.timeBase().toDouble();
      long first = frames.pts(0);
      double lastT = 0;
      int candidate = -1; // the latest keyframe before the target, if any
      double candidateT = 0;
      for (int k = 0; k < frames.keyframeCount(); k++) {
        int idx = frames.frameAt(frames.keyframePts(k));
        if (idx <= starts.get(starts.size() - 1)) {
          continue;
        }
        double t = (frames.keyframePts(k) - first) * tb;
        while (t >= lastT + targetSeconds) {
          double target = lastT + targetSeconds;
          // Cut at whichever keyframe, before or after the target, is nearer to it.
          if (candidate > starts.get(starts.size() - 1) && target - candidateT < t - target) {
            starts.add(candidate);
            lastT = candidateT;
            candidate = -1;
          } else {
            starts.add(idx);
            lastT = t;
            candidate = -1;
            break;
          }
        }
        if (idx > starts.get(starts.size() - 1)) {
          candidate = idx;
          candidateT = t;
        }
      }
      // A last piece shorter than half the target joins the chunk before it.
      double total = frames.durationSeconds();
      if (starts.size() > 1 && total - lastT < targetSeconds / 2) {
        starts.remove(starts.size() - 1);
      }
      return build(frames, SplitMode.KEYFRAMES, targetSeconds, starts);
    };
  }

  /** Boundaries every {@code n} frames, whether or not they fall on keyframes. */
  public static Planner fixedFrames(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chunk length must be at least 1 frame, not " + n);
    }
    return frames -> {
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < frames.frameCount(); i += n) {
        starts.add(i);
      }
      double seconds = n * frames.durationSeconds() / Math.max(1, frames.frameCount());
      return build(frames, SplitMode.FIXED, seconds, starts);
    };
  }

  /** The first frames of equal runs about {@code targetSeconds} long, at least one run, each of a frame or more. */
  private static List<Integer> equalRuns(FrameIndex frames, double targetSeconds) {
    int n = frames.frameCount();
    int runs = (int) Math.max(1, Math.min(n, Math.round(frames.durationSeconds() / targetSeconds)));
    List<Integer> starts = new ArrayList<>(runs);
    for (int r = 0; r < runs; r++) {
      starts.add((int) ((long) r * n / runs));
    }
    return starts;
  }

  public static Planner whole() {
    return frames -> build(frames, SplitMode.NONE, frames.durationSeconds(), List.of(0));
  }

  static ChunkPlan build(FrameIndex frames, SplitMode split, double targetSeconds, List<Integer> starts) {
    List<Chunk> chunks = new ArrayList<>(starts.size());
    for (int c = 0; c < starts.size(); c++) {
      int from = starts.get(c);
      int to = c + 1 < starts.size() ? starts.get(c + 1) : frames.frameCount();
      long startPts = frames.pts(from);
      long endPts = to < frames.frameCount() ? frames.pts(to) : Chunk.OPEN_END;
      chunks.add(new Chunk(c, from, to - from, startPts, endPts, frames.keyframeAtOrBefore(startPts)));
    }
    return new ChunkPlan(split, targetSeconds, frames.frameCount(), chunks);
  }
}
