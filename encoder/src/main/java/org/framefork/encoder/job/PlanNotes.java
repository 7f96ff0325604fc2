package org.framefork.encoder.job;

import java.util.List;
import java.util.Locale;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.Note;

/** What the report says about a plan whose chunks start far from the source's keyframes. */
final class PlanNotes {
  private PlanNotes() {}

  /**
   * A note when {@code plan}'s chunks decode, from the keyframe before each one's start, more than
   * {@link ScenePlanner#MAX_DECODED_BEFORE} times the video's frames in all (a long-GOP source cut
   * by {@code fixed} or {@code scene}): that decoding is work each chunk does and drops. None
   * otherwise: the scene planner keeps the plans within that on purpose.
   */
  static List<Note> of(ChunkPlan plan, FrameIndex frames) {
    int off = 0;
    int most = 0;
    long dropped = 0;
    for (Chunk c : plan.chunks()) {
      int before = frames.framesBefore(c.firstFrame());
      if (before > 0) {
        off++;
        most = Math.max(most, before);
        dropped += before;
      }
    }
    // A scene plan decoding up to MAX_DECODED_BEFORE times the video was kept by its planner on purpose;
    // a fixed split is the user's, and is noted once it decodes the video's frames again in all.
    double limit = plan.split() == SplitMode.SCENE ? ScenePlanner.MAX_DECODED_BEFORE : 1;
    if (plan.split() == SplitMode.KEYFRAMES || dropped <= limit * Math.max(1, frames.frameCount())) {
      return List.of();
    }
    int keys = frames.keyframeCount();
    return List.of(Note.info(String.format(Locale.ROOT, "%d of %d chunks start up to %d frames after the keyframe before them "
        + "and decode those frames only to drop them (%.1fx the video's frames in all); the source has %d keyframe%s in %.2f s: "
        + "--split keyframes avoids this", off, plan.size(), most, dropped / (double) frames.frameCount(), keys,
        keys == 1 ? "" : "s", frames.durationSeconds())));
  }
}
