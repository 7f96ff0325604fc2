package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertEquals("59 of 60 chunks start up to 3540 frames after the keyframe before them and decode those frames only to "
        + "drop them (29.5x the video's frames in all); the source has 1 keyframe in 120.00 s: --split keyframes avoids this",
        notes.get(0).text());
  }

  @Test
  void aScenePlanTheScenePlannerKeptGetsNoNote() {
    // One 120 s scene in 10 s parts, a keyframe every 1000 frames: the parts start 300, 600, 900, 200,
    // ... frames after one, 4800 in all (1.33x the video's frames): within what the planner allows.
    FrameIndex sparse = frames(1000);
    ChunkPlan plan = ScenePlanner.plan(sparse, new int[0], 10);
    long dropped = plan.chunks().stream().mapToLong(c -> sparse.framesBefore(c.firstFrame())).sum();
    assertTrue(dropped > sparse.frameCount() && dropped <= ScenePlanner.MAX_DECODED_BEFORE * sparse.frameCount(),
        "the plan decodes between 1x and 2x the video's frames before its starts: " + dropped);
    assertEquals(List.of(), PlanNotes.of(plan, sparse), "a plan the scene planner kept on purpose");
    // Cut at fixed frames (the user's choice, not the planner's), as many before the starts in all: noted.
    assertEquals(1, PlanNotes.of(Planners.fixedFrames(300).plan(sparse), sparse).size());
    assertEquals(1, PlanNotes.of(Planners.fixedFrames(100).plan(sparse), sparse).size());
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
  @TempDir Path tmp;

  @Test
  void aResumeThatReusesEveryChunkGetsNoNote() {
    // One keyframe in 240 frames, cut every 30: the chunks decode 840 frames before their starts, 3.5x.
    Path in = TestMedia.get(TestMedia.ONE_KEYFRAME);
    JobOptions o = JobOptions.defaults(in, tmp.resolve("out.mp4")).withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1))
        .withSplit(SplitMode.FIXED, 0, 30).withMode(ExecutionMode.SEQUENTIAL, 1).withWorkDir(tmp.resolve("work"))
        .withWorkKept(WorkKept.ALWAYS);
    JobReport first = new EncodeJob(o, null).run();
    assertEquals(1, first.notes().stream().filter(n -> n.contains("--split keyframes avoids this")).count(), first.notes()::toString);
    JobReport resumed = new EncodeJob(o.withOverwrite(true).withResume(true), null).run();
    assertEquals(8, resumed.chunks().reused());
    assertTrue(resumed.notes().stream().noneMatch(n -> n.contains("--split keyframes")), resumed.notes()::toString);
  }
}
