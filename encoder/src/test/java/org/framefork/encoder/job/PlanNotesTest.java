package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.Note;
import org.junit.jupiter.api.Test;

/** The report's note on chunks that decode far from their starts. */
class PlanNotesTest {
  /** 2 minutes at 30 fps with a keyframe every {@code gop} frames. */
  static FrameIndex frames(int gop) {
    long[] pts = new long[3600];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = i;
    }
    long[] keys = new long[(pts.length + gop - 1) / gop];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = (long) k * gop;
    }
    return new FrameIndex(new Rational(1, 30), pts, keys, pts.length);
  }

  @Test
  void aFixedSplitOfALongGopSourceSaysWhatItDecodesInVain() {
    FrameIndex one = frames(100_000);
    List<Note> notes = PlanNotes.of(Planners.fixedFrames(60).plan(one), one);
    assertEquals(1, notes.size());
    // Chunk k starts 60k frames after the one keyframe: 60 * (0 + 1 + ... + 59) = 106,200 frames, 29.5x.
    assertEquals("59 of 60 chunks start up to 3540 frames after a keyframe and decode from it (29.5x the video's frames, "
        + "dropped); the source has 1 keyframe in 120.00 s: --split keyframes avoids it", notes.get(0).text());
  }

  @Test
  void regularKeyframesAndKeyframeSplitsGetNoNote() {
    FrameIndex regular = frames(30);
    assertTrue(PlanNotes.of(Planners.fixedFrames(60).plan(regular), regular).isEmpty(), "every chunk on a keyframe");
    assertTrue(PlanNotes.of(Planners.fixedFrames(50).plan(regular), regular).isEmpty(), "at most 29 frames before each");
    FrameIndex one = frames(100_000);
    assertTrue(PlanNotes.of(Planners.keyframes(10).plan(one), one).isEmpty());
    assertTrue(PlanNotes.of(Planners.whole().plan(one), one).isEmpty());
    assertTrue(PlanNotes.of(ScenePlanner.plan(one, new int[0], 10), one).isEmpty(), "a long scene stays whole");
  }
}
