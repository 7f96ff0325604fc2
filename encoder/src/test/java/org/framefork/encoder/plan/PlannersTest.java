package org.framefork.encoder.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.FrameIndex;
import org.junit.jupiter.api.Test;

class PlannersTest {
  /** 30 fps in a 1/15360 time base (512 ticks a frame), keyframes every {@code gop} frames. */
  static FrameIndex index(int frames, int gop) {
    long[] pts = LongStream.range(0, frames).map(i -> i * 512).toArray();
    long[] keys = LongStream.range(0, frames).filter(i -> i % gop == 0).map(i -> i * 512).toArray();
    return new FrameIndex(new Rational(1, 15360), pts, keys, frames * 512L);
  }

  static void assertCoversEveryFrameOnce(ChunkPlan plan, int frames) {
    int next = 0;
    for (Chunk c : plan.chunks()) {
      assertEquals(next, c.firstFrame(), "chunks are contiguous");
      assertTrue(c.frameCount() > 0);
      next += c.frameCount();
    }
    assertEquals(frames, next);
    assertEquals(Chunk.OPEN_END, plan.chunks().get(plan.size() - 1).endPts());
  }

  @Test
  void aVideoOfKeyframesOnlyIsCutIntoEqualRuns() {
    // 48 images at 30 fps (1.6 s) with the shortest default length, 1 s: cut at 1 s it was 30 + 18.
    ChunkPlan plan = Planners.keyframes(1.0).plan(index(48, 1));
    assertCoversEveryFrameOnce(plan, 48);
    assertEquals(List.of(24, 24), plan.chunks().stream().map(Chunk::frameCount).toList());
    assertEquals(List.of(12, 12, 12, 13), Planners.keyframes(0.4).plan(index(49, 1)).chunks().stream()
        .map(Chunk::frameCount).toList());
    assertEquals(1, Planners.keyframes(10).plan(index(48, 1)).size(), "a sequence shorter than the length is one chunk");
  }

  @Test
  void keyframePlanCutsOnlyAtKeyframesNearTheTarget() {
    FrameIndex idx = index(300, 30); // 10 s, a keyframe every second
    ChunkPlan plan = Planners.keyframes(2.0).plan(idx);
    assertCoversEveryFrameOnce(plan, 300);
    assertEquals(5, plan.size());
    for (Chunk c : plan.chunks()) {
      assertTrue(c.startsOnKeyframe());
      assertEquals(60, c.frameCount());
    }
  }

  @Test
  void keyframePlanTakesTheNearerKeyframeWhenTheyAreSparse() {
    FrameIndex idx = index(300, 45); // keyframes at 0, 1.5, 3, 4.5 … s
    ChunkPlan plan = Planners.keyframes(2.0).plan(idx);
    assertCoversEveryFrameOnce(plan, 300);
    // 1.5 s is nearer to 2 s than 3 s is; then 3 s (target 3.5: 3 vs 4.5) and so on.
    assertEquals(45, plan.chunks().get(1).firstFrame());
  }

  @Test
  void keyframePlanWithOneKeyframeIsOneChunk() {
    ChunkPlan plan = Planners.keyframes(1.0).plan(index(100, 1000));
    assertEquals(1, plan.size());
    assertCoversEveryFrameOnce(plan, 100);
  }

  @Test
  void fixedPlanCutsBetweenKeyframesAndSeeksToTheOneBefore() {
    FrameIndex idx = index(100, 30);
    ChunkPlan plan = Planners.fixedFrames(25).plan(idx);
    assertCoversEveryFrameOnce(plan, 100);
    assertEquals(4, plan.size());
    Chunk second = plan.chunks().get(1);
    assertEquals(25, second.firstFrame());
    assertEquals(0, second.seekPts(), "frame 25 decodes from keyframe 0");
    assertEquals(30 * 512, plan.chunks().get(2).seekPts(), "frame 50 decodes from keyframe 30");
  }

  @Test
  void schedulingOrderIsLongestFirst() {
    ChunkPlan plan = Planners.fixedFrames(40).plan(index(100, 10));
    List<Integer> lengths = plan.scheduleOrder().stream().map(Chunk::frameCount).toList();
    assertEquals(List.of(40, 40, 20), lengths);
  }

  @Test
  void defaultChunkLengthGivesAboutFourChunksPerWorker() {
    assertEquals(2.5, Planners.defaultChunkSeconds(10, 2), 1e-9);
    assertEquals(1.25, Planners.defaultChunkSeconds(10, 4), 1e-9);
    assertEquals(10.0, Planners.defaultChunkSeconds(3600, 2), 1e-9);
    assertEquals(1.0, Planners.defaultChunkSeconds(2, 16), 1e-9);
  }
}
