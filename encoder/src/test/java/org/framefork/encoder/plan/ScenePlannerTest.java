package org.framefork.encoder.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenePlannerTest {
  @ParameterizedTest
  @ValueSource(strings = {"sample-1080p30-3s", "sample-360p29.97-6s", "sample-720p30-10s"})
  void everyHardCutOfTheSamplesIsFoundAndNoFadeOrPanIsTakenForOne(String sample) throws IOException {
    Path video = Path.of("..", "samples", "media", sample + ".mp4");
    JsonNode truth = new ObjectMapper().readTree(Path.of("..", "samples", "media", sample + ".cuts.json").toFile());
    int[] expected = new int[truth.path("cuts").size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = truth.path("cuts").path(i).asInt();
    }
    MediaInfo media = Prober.probe(video);
    ScenePlanner planner = new ScenePlanner(video, media.video().index(), 1000, 2);
    ChunkPlan plan = planner.plan(media.frames());
    int[] found = planner.lastAnalysis().cuts();

    assertEquals(expected.length, found.length, "cuts found " + Arrays.toString(found) + ", expected " + Arrays.toString(expected));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], found[i], 1, "cut " + i + " of " + Arrays.toString(found));
    }
    for (String kind : new String[] {"fades", "fastPans"}) {
      for (JsonNode g : truth.path(kind)) {
        for (int c : found) {
          assertFalse(c > g.path("start").asInt() && c < g.path("end").asInt(), kind + " " + g + " taken for a cut at " + c);
        }
      }
    }
    // A long longest chunk: one chunk per scene, each starting at its cut.
    assertEquals(expected.length + 1, plan.size());
    for (int i = 0; i < found.length; i++) {
      assertEquals(found[i], plan.chunks().get(i + 1).firstFrame());
    }
  }

  @Test
  void cutsBetweenKeyframesAreFoundAndLongScenesAreSplitWithinTheLongestChunk() {
    Path video = TestMedia.get(TestMedia.SCENE_CUTS);
    MediaInfo media = Prober.probe(video);
    FrameIndex frames = media.frames();
    ScenePlanner planner = new ScenePlanner(video, media.video().index(), 1.0, 2);
    ChunkPlan plan = planner.plan(frames);
    assertArrayEquals(TestMedia.SCENE_CUTS_AT, planner.lastAnalysis().cuts());
    for (int cut : TestMedia.SCENE_CUTS_AT) {
      assertFalse(frames.isKeyframe(cut), "the clip is meant to have its cut " + cut + " between keyframes");
      assertTrue(plan.chunks().stream().anyMatch(c -> c.firstFrame() == cut), "no chunk starts at cut " + cut);
    }
    double frame = 1 / 25.0;
    for (Chunk c : plan.chunks()) {
      assertTrue(c.frameCount() * frame <= 1.0 + frame / 2, "chunk " + c + " is longer than 1 s");
    }
    assertEquals(SplitMode.SCENE, plan.split());
    assertEquals(frames.frameCount(), plan.chunks().stream().mapToInt(Chunk::frameCount).sum());
    assertTrue(planner.lastAnalysis().seconds() > 0);
  }

  @Test
  void aSpikeIsACutButASustainedRiseOrARampIsNot() {
    int n = 200;
    double[] luma = new double[n];
    double[] hist = new double[n];
    for (int i = 1; i < n; i++) {
      luma[i] = i >= 60 ? 18 : 3; // a fast pan from frame 60 on
      hist[i] = i >= 20 && i < 50 ? 0.02 + 0.004 * (i - 20) : 0.01; // a fade: the histogram drifts further each frame
    }
    assertArrayEquals(new int[0], SceneCuts.detect(new FrameDifferences(luma, hist), 15));
    luma[120] = 60;
    hist[120] = 0.8;
    luma[125] = 70;
    hist[125] = 0.9;
    assertArrayEquals(new int[] {125}, SceneCuts.detect(new FrameDifferences(luma, hist), 15),
        "of two cuts closer than a scene, the stronger stays");
    luma[160] = 80;
    hist[160] = 0.05;
    assertArrayEquals(new int[] {125, 160}, SceneCuts.detect(new FrameDifferences(luma, hist), 15),
        "two shots of the same colours still cut on a strong luma change");
    luma[170] = 30;
    assertArrayEquals(new int[] {125, 160}, SceneCuts.detect(new FrameDifferences(luma, hist), 15),
        "a jolt in the pan without a change of content is no cut");
  }

  @Test
  void longScenesSplitAtNearbyKeyframesOrExactlyWhereThereAreNone() {
    long[] pts = new long[300];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = i;
    }
    // 30 fps, chunks of at most 110 frames: three parts of 100. Keyframes at 0, 97 (near the first
    // target) and 250 (far from the second).
    FrameIndex frames = new FrameIndex(new Rational(1, 30), pts, new long[] {0, 97, 250}, 300);
    ChunkPlan plan = ScenePlanner.plan(frames, new int[0], 110 / 30.0);
    assertEquals(Arrays.asList(0, 97, 200), plan.chunks().stream().map(Chunk::firstFrame).toList());
    assertEquals(97, plan.chunks().get(1).seekPts());
    assertEquals(97, plan.chunks().get(2).seekPts(), "a chunk between keyframes decodes from the one before it");
    // No keyframe may make a part longer than allowed: at 100 frames, 97 would leave 203 for two parts.
    assertEquals(Arrays.asList(0, 100, 200),
        ScenePlanner.plan(frames, new int[0], 100 / 30.0).chunks().stream().map(Chunk::firstFrame).toList());
    ChunkPlan withCut = ScenePlanner.plan(frames, new int[] {130}, 110 / 30.0);
    assertEquals(Arrays.asList(0, 65, 130, 215), withCut.chunks().stream().map(Chunk::firstFrame).toList());
  }

  @Test
  void longScenesOfALongGopSourceSplitOnlyAtItsKeyframes() {
    // 2 minutes at 30 fps, one keyframe: 12 equal parts of 10 s would decode 19,800 frames before
    // their starts, 5.5 times the video.
    long[] pts = new long[3600];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = i;
    }
    FrameIndex one = new FrameIndex(new Rational(1, 30), pts, new long[] {0}, 3600);
    assertEquals(List.of(0), ScenePlanner.plan(one, new int[0], 10).chunks().stream().map(Chunk::firstFrame).toList(),
        "no keyframe to cut at: the scene stays whole");
    assertEquals(List.of(0, 1800), ScenePlanner.plan(one, new int[] {1800}, 10).chunks().stream().map(Chunk::firstFrame).toList(),
        "a cut is a boundary all the same");
    // Keyframes every 60 s: 10 s parts would decode 9,000 frames before their starts; the scene is
    // cut at its keyframe instead.
    FrameIndex sparse = new FrameIndex(new Rational(1, 30), pts, new long[] {0, 1800}, 3600);
    assertEquals(List.of(0, 1800), ScenePlanner.plan(sparse, new int[0], 10).chunks().stream().map(Chunk::firstFrame).toList());
    // Keyframes every 40 s: 5,400 frames decoded before the parts, 1.5 times the scene: kept.
    FrameIndex forty = new FrameIndex(new Rational(1, 30), pts, new long[] {0, 1200, 2400}, 3600);
    assertEquals(12, ScenePlanner.plan(forty, new int[0], 10).size());
    // Keyframes every 5 s, chunks of 10 s: as before, every part at a keyframe.
    long[] every5 = new long[24];
    for (int k = 0; k < every5.length; k++) {
      every5[k] = 150L * k;
    }
    FrameIndex regular = new FrameIndex(new Rational(1, 30), pts, every5, 3600);
    List<Integer> starts = ScenePlanner.plan(regular, new int[0], 10).chunks().stream().map(Chunk::firstFrame).toList();
    assertEquals(12, starts.size());
    assertTrue(starts.stream().allMatch(regular::isKeyframe), starts::toString);
  }
}
