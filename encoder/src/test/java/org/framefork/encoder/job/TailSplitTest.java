package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.Planners;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker with nothing left to take splits a running chunk and encodes the part split off. */
class TailSplitTest {
  @TempDir Path tmp;

  /** Two chunks, 190 and 50 frames, on two workers: the worker with the short one runs out first. */
  static JobOptions unbalanced(Path in, Path out) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "medium", 1))
        .withSplit(SplitMode.FIXED, 0, 190)
        .withMode(ExecutionMode.PARALLEL, 2);
  }

  @Test
  void idleWorkerSplitsTheRunningChunkAndTheOutputStaysFrameExact() {
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    Path out = tmp.resolve("split.mp4");
    List<JobEvent.ChunkSplit> splits = Collections.synchronizedList(new ArrayList<>());
    JobReport r = new EncodeJob(unbalanced(in, out).withWorkDir(tmp.resolve("work")).withWorkKept(WorkKept.ALWAYS), e -> {
      if (e instanceof JobEvent.ChunkSplit s) {
        splits.add(s);
      }
    }).run();

    assertFalse(splits.isEmpty(), "the worker left without a chunk split the long one");
    assertEquals(splits.size(), r.chunks().splitOff());
    assertEquals(2 + splits.size(), r.chunks().count());
    JobEvent.ChunkSplit first = splits.get(0);
    assertEquals(0, first.chunk(), "the long chunk is the one split");
    assertEquals(2, first.newChunk(), "a split-off chunk is numbered after the planned ones");
    assertTrue(first.atFrame() > 0 && first.atFrame() < 190, "split inside chunk 0: " + first.atFrame());
    assertEquals(first.atFrame(), first.chunkFrames(), "chunk 0 now ends where the new chunk starts");
    assertTrue(first.newFrames() >= ChunkScheduler.MIN_SPLIT_FRAMES);
    // The report says which frames each chunk covered: in time order they tile the video.
    List<ChunkTiming> byStart = r.chunks().times().stream().sorted(java.util.Comparator.comparingInt(ChunkTiming::firstFrame)).toList();
    int next = 0;
    for (ChunkTiming t : byStart) {
      assertEquals(next, t.firstFrame(), "chunk " + t.chunk() + " starts where the one before it ends");
      next += t.frames();
    }
    assertEquals(240, next);
    assertEquals(first.atFrame(), r.chunks().times().get(first.newChunk()).firstFrame());

    // The joined file, read by Debian's FFmpeg: every source frame once, at its source time, no errors.
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
    assertTrue(r.verification().passed());
    // Every chunk, split-off ones included, starts with a keyframe.
    String[] key = DebianFfmpeg.probe(out, "v:0", "frame=key_frame", false).split("\\R");
    for (JobEvent.ChunkSplit s : splits) {
      assertEquals("1", key[s.atFrame()].trim(), "keyframe at the split, frame " + s.atFrame());
    }
    // The same quality as without splits.
    Path plain = tmp.resolve("plain.mp4");
    JobReport p = new EncodeJob(unbalanced(in, plain).withTailSplit(false), null).run();
    assertEquals(0, p.chunks().splitOff());
    assertEquals(2, p.chunks().count());
    double split = DebianFfmpeg.ssimPsnr(out, in)[1];
    double unsplit = DebianFfmpeg.ssimPsnr(plain, in)[1];
    assertTrue(Math.abs(split - unsplit) < 0.5, "PSNR with splits " + split + " dB, without " + unsplit + " dB");

    // The kept work folder resumes with the splits: every chunk, the split-off ones too, is reused.
    Path work = tmp.resolve("work");
    assertTrue(Files.isRegularFile(work.resolve("splits.json")));
    JobReport resumed = new EncodeJob(unbalanced(in, out).withWorkDir(work).withWorkKept(WorkKept.ALWAYS).withOverwrite(true).withResume(true), null)
        .run();
    assertEquals(r.chunks().count(), resumed.chunks().reused(), "all chunks reused, split-off ones included");
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
  }

  @Test
  void aWorkerBeyondThePlansChunksSplitsTheOnlyOne() {
    // One keyframe: one chunk at keyframes, so the second worker has no planned chunk to start with.
    Path in = TestMedia.get(TestMedia.ONE_KEYFRAME);
    Path out = tmp.resolve("one-keyframe.mp4");
    JobOptions o = JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "medium", 1))
        .withMode(ExecutionMode.PARALLEL, 2);
    JobReport r = new EncodeJob(o, null).run();

    assertEquals(1, r.chunks().count() - r.chunks().splitOff(), "one planned chunk");
    assertTrue(r.chunks().count() >= 2, "the idle worker split it: " + r.chunks().count() + " chunks");
    assertEquals(Set.of(0, 1), r.chunks().times().stream().map(ChunkTiming::worker).collect(Collectors.toSet()), "both worked");
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));

    // Without the tail split the second worker stays idle, as with --split none.
    JobReport whole = new EncodeJob(o.withTailSplit(false).withOverwrite(true), null).run();
    assertEquals(1, whole.chunks().count());
    JobReport none = new EncodeJob(o.withSplit(SplitMode.NONE, 0, 0).withOverwrite(true), null).run();
    assertEquals(1, none.chunks().count());
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSplitThatFailsStopsTheJobWithNoSpareLeftWaiting() {
    // One chunk and three spares: the spare whose split fails held the split's count up, and the
    // others, waiting for it to fall to 0, kept the job from ending when one was submitted first.
    Path in = TestMedia.get(TestMedia.ONE_KEYFRAME);
    Path out = tmp.resolve("failed-split.mp4");
    JobOptions o = JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "medium", 1))
        .withMode(ExecutionMode.PARALLEL, 4);
    RuntimeException e = assertThrows(RuntimeException.class, () -> new EncodeJob(o, ev -> {
      if (ev instanceof JobEvent.ChunkSplit) {
        throw new IllegalStateException("no room to save the split");
      }
    }).run());
    Throwable cause = e;
    while (cause.getCause() != null && !"no room to save the split".equals(cause.getMessage())) {
      cause = cause.getCause();
    }
    assertEquals("no room to save the split", cause.getMessage(), "the split's failure is the job's: " + e);
    assertFalse(Files.exists(out), "no output");
  }

  @Test
  void sequentialAndConcurrentModesNeverSplit() {
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    for (ExecutionMode mode : List.of(ExecutionMode.SEQUENTIAL, ExecutionMode.CONCURRENT)) {
      Path out = tmp.resolve(mode + ".mp4");
      JobReport r = new EncodeJob(unbalanced(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1))
          .withMode(mode, 1), null).run();
      assertEquals(0, r.chunks().splitOff(), mode.toString());
      assertEquals(240, DebianFfmpeg.decodedFrames(out));
    }
  }

  @Test
  void theWholeVideoAsOneChunkIsNeverSplit() {
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    JobOptions o = unbalanced(in, tmp.resolve("whole.mp4")).withSplit(SplitMode.NONE, 0, 0);
    assertFalse(EncodeJob.tailSplits(o, EncodeJob.plan(org.framefork.encoder.probe.Prober.probe(in), o)));
    assertTrue(EncodeJob.tailSplits(unbalanced(in, tmp.resolve("fixed.mp4")),
        EncodeJob.plan(org.framefork.encoder.probe.Prober.probe(in), unbalanced(in, tmp.resolve("fixed.mp4")))));
  }

  @Test
  void savedSplitsAreAppliedInOrderAndJoinInTimeOrder() {
    // 100 frames at 1/30, keyframes every 25.
    long[] pts = new long[100];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = i;
    }
    FrameIndex frames = new FrameIndex(new Rational(1, 30), pts, new long[] {0, 25, 50, 75}, 100);
    ChunkPlan plan = Planners.fixedFrames(50).plan(frames);
    List<List<LivePlan.Split>> saved = new ArrayList<>();
    LivePlan live = LivePlan.of(plan, frames, List.of(new LivePlan.Split(0, 30), new LivePlan.Split(2, 40)), saved::add);

    assertEquals(4, live.size());
    assertEquals(new Chunk(0, 0, 30, 0, 30, 0), live.chunk(0));
    assertEquals(new Chunk(1, 50, 50, 50, Chunk.OPEN_END, 50), live.chunk(1));
    assertEquals(new Chunk(2, 30, 10, 30, 40, 25), live.chunk(2), "decodes from the keyframe before frame 30");
    assertEquals(new Chunk(3, 40, 10, 40, 50, 25), live.chunk(3));
    int[] order = new int[4];
    ChunkPlan joined = live.timeOrdered(order);
    assertEquals(List.of(0, 2, 3, 1), List.of(order[0], order[1], order[2], order[3]));
    assertEquals(List.of(0, 30, 40, 50), joined.chunks().stream().map(Chunk::firstFrame).toList());
    assertEquals(List.of(0, 1, 2, 3), joined.chunks().stream().map(Chunk::index).toList());
    assertTrue(saved.isEmpty(), "applying saved splits saves nothing");

    assertThrows(IllegalArgumentException.class,
        () -> LivePlan.of(plan, frames, List.of(new LivePlan.Split(5, 30)), saved::add), "a split of a chunk the plan lacks");
    assertThrows(IllegalArgumentException.class,
        () -> LivePlan.of(plan, frames, List.of(new LivePlan.Split(0, 60)), saved::add), "a split outside its chunk");
  }

  @Test
  void splitPointPrefersANearbyKeyframeAndNeverGoesBeforeTheEncoder() {
    long[] pts = new long[120];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = i;
    }
    FrameIndex frames = new FrameIndex(new Rational(1, 30), pts, new long[] {0, 30, 60, 90}, 120);
    Chunk c = new Chunk(0, 0, 120, 0, Chunk.OPEN_END, 0);
    assertEquals(90, ChunkScheduler.splitPoint(c, 40, 32, frames), "keyframe 90 is within a quarter of 88");
    assertEquals(60, ChunkScheduler.splitPoint(c, 40, 50, frames), "keyframe 60 is within a quarter of 70");
    assertEquals(75, ChunkScheduler.splitPoint(c, 40, 45, frames), "no keyframe within a quarter of 75");
    assertEquals(100, ChunkScheduler.splitPoint(c, 100, 50, frames), "never before the frame the encoder may have taken");
  }

  /** Costs in ms a frame: x264's ultrafast at 720p encodes a frame in about what decoding one takes. */
  static final ChunkScheduler.SplitCosts ULTRAFAST = new ChunkScheduler.SplitCosts(1.5e6, 5e6, 0.8e6, 0);
  static final ChunkScheduler.SplitCosts MEDIUM = new ChunkScheduler.SplitCosts(20e6, 5e6, 0.8e6, 0);

  @Test
  void aSplitIsMadeOnlyWhenItsChunksAreExpectedToBeDoneEarlier() {
    FrameIndex one = PlanNotesTest.frames(100_000);
    Chunk whole = new Chunk(0, 0, 600, 0, Chunk.OPEN_END, 0);
    // A spare at the start, on ultrafast: the new chunk decodes the frames before its first, so it takes fewer than half.
    ChunkScheduler.PlannedSplit early = ChunkScheduler.planSplit(whole, 0, 20, one, ULTRAFAST, 1);
    assertTrue(early != null, "600 frames left: a split pays even at ultrafast");
    int take = 600 - early.at();
    double rest = early.at() * ULTRAFAST.perFrame();
    double tail = ULTRAFAST.openNanos() + early.at() * ULTRAFAST.decodeNanos() + take * ULTRAFAST.perFrame();
    assertTrue(Math.abs(rest - tail) < 4 * ULTRAFAST.perFrame(), "both done together: " + rest / 1e6 + " ms and " + tail / 1e6 + " ms");
    assertTrue(take > 150 && take < 250, "fewer than half for the decoding: " + take);
    assertEquals(900e6 - rest, early.gainNanos(), 4 * ULTRAFAST.perFrame());

    // 150 frames left of 600, ultrafast: the old rule (8 frames encoded per frame decoded first) took 73
    // frames at 527, whose decoding alone (422 ms) is longer than the 225 ms the chunk has left.
    assertEquals(null, ChunkScheduler.planSplit(whole, 450, 470, one, ULTRAFAST, 1), "decoding 527 frames costs more than it saves");
    // The same on medium, where a frame costs 25 times its decoding: it pays, and the rest and the tail are done together.
    ChunkScheduler.PlannedSplit late = ChunkScheduler.planSplit(whole, 450, 470, one, MEDIUM, 1);
    assertTrue(late != null && late.at() > 520 && late.at() < 540, "medium: " + late);
    // A worker still draining its own chunk for longer than this one has left gains nothing.
    var busy = new ChunkScheduler.SplitCosts(20e6, 5e6, 0.8e6, 3500e6);
    assertEquals(null, ChunkScheduler.planSplit(whole, 450, 470, one, busy, 1));

    // Keyframes every 30 frames: the split goes to a keyframe near the balance, and decodes nothing before it.
    FrameIndex regular = PlanNotesTest.frames(30);
    ChunkScheduler.PlannedSplit atKey = ChunkScheduler.planSplit(whole, 0, 20, regular, ULTRAFAST, 1);
    assertEquals(300, atKey.at(), "the keyframe at the half");
    // Too few frames left to gain a few frames' time.
    assertEquals(null, ChunkScheduler.planSplit(whole, 585, 590, regular, MEDIUM, 1));
  }

  @Test
  void idleSparesShareARunningChunksRestFairly() {
    // Every frame a keyframe: nothing decoded in vain, so fair shares are equal.
    FrameIndex every = PlanNotesTest.frames(1);
    Chunk whole = new Chunk(0, 0, 600, 0, Chunk.OPEN_END, 0);
    int first = ChunkScheduler.planSplit(whole, 0, 20, every, ULTRAFAST, 2).at();
    Chunk rest = new Chunk(0, 0, first, 0, first, 0);
    int second = ChunkScheduler.planSplit(rest, 0, 20, every, ULTRAFAST, 1).at();
    for (int part : new int[] {600 - first, first - second, second}) {
      assertTrue(Math.abs(part - 200) <= 4, "two spares and the running chunk a third each: " + second + ", " + (first - second)
          + ", " + (600 - first));
    }
    assertEquals(300, ChunkScheduler.planSplit(whole, 0, 20, every, ULTRAFAST, 1).at(), 4, "one spare: a half");
  }

  @Test
  void manySparesOnAShortChunkStillSplitIt() {
    // 240 frames from one keyframe on medium, 32 spares: a 1/33 share is under MIN_SPLIT_FRAMES, and no one split it.
    FrameIndex one = PlanNotesTest.frames(100_000);
    Chunk whole = new Chunk(0, 0, 240, 0, Chunk.OPEN_END, 0);
    assertEquals(null, ChunkScheduler.planSplit(whole, 8, 20, one, MEDIUM, 32), "a 1/33 share is too small");
    ChunkScheduler.PlannedSplit many = ChunkScheduler.planSplitUpTo(whole, 8, 20, one, MEDIUM, 32);
    assertTrue(many != null, "fewer takers' shares: the first spare still splits");
    ChunkScheduler.PlannedSplit half = ChunkScheduler.planSplit(whole, 8, 20, one, MEDIUM, 1);
    assertTrue(240 - many.at() >= ChunkScheduler.MIN_SPLIT_FRAMES && many.at() > half.at(),
        "a small share, not a half: " + many + " against " + half);
    assertEquals(half, ChunkScheduler.planSplitUpTo(whole, 8, 20, one, MEDIUM, 1));
    // All frames taken: nothing to split, for any number of takers.
    assertEquals(null, ChunkScheduler.planSplitUpTo(whole, 200, 238, one, MEDIUM, 32));
  }

  @Test
  void onlyChunksThatCanBeSplitShareTheIdle() {
    // Two spares, two running chunks of which one cannot be split (its own worker drains it, or its
    // encoder took all its frames): both spares go to the other, a third each, not a half and a quarter.
    assertEquals(2, ChunkScheduler.takers(2, 1));
    assertEquals(1, ChunkScheduler.takers(2, 2));
    assertEquals(2, ChunkScheduler.takers(3, 2));
    assertEquals(5, ChunkScheduler.takers(5, 0), "none splittable yet: all share whichever becomes so");
    assertEquals(1, ChunkScheduler.takers(0, 3));
  }

  @Test
  void twoSparesTakeEqualSharesOfTheOnlyChunk() {
    Path in = TestMedia.get(TestMedia.ONE_KEYFRAME);
    Path out = tmp.resolve("three-workers.mp4");
    List<JobEvent.ChunkSplit> splits = Collections.synchronizedList(new ArrayList<>());
    JobOptions o = JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "medium", 1))
        .withMode(ExecutionMode.PARALLEL, 3);
    JobReport r = new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkSplit s) {
        splits.add(s);
      }
    }).run();
    assertTrue(splits.size() >= 2, "both spares split: " + splits);
    JobEvent.ChunkSplit a = splits.get(0);
    JobEvent.ChunkSplit b = splits.get(1);
    assertEquals(List.of(0, 0), List.of(a.chunk(), b.chunk()), "both from the only chunk: " + splits);
    // Halves gave the first spare about 118 frames and the second about 58.
    double ratio = Math.max(a.newFrames(), b.newFrames()) / (double) Math.min(a.newFrames(), b.newFrames());
    assertTrue(ratio < 1.4, "the spares' shares: " + a.newFrames() + " and " + b.newFrames() + " frames");
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
    assertTrue(r.verification().passed());
  }

  @Test
  void aSparesTailMustStartAtOnceAndTheNodesRoomIsAskedLast() {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.IntSupplier none = () -> {
      asked.incrementAndGet();
      return 0;
    };
    java.util.function.IntSupplier one = () -> {
      asked.incrementAndGet();
      return 1;
    };
    assertTrue(ChunkScheduler.tailStartsNow(true, 1, none), "a place here is free");
    assertEquals(0, asked.get(), "the nodes' room (a cluster's session lock) is not asked while a place here is free");
    assertTrue(ChunkScheduler.tailStartsNow(true, 0, one), "a node can take it");
    assertFalse(ChunkScheduler.tailStartsNow(true, 0, none), "every place taken and no node: it would wait");
    assertTrue(ChunkScheduler.tailStartsNow(false, 1, none));
    // A spare's task holds no place here: with every place taken (by the chunk it would split from, and
    // by chunks whose node died), its tail would wait for one, nodes or not.
    assertFalse(ChunkScheduler.tailStartsNow(false, 0, one), "a local lane's tail would wait for a place here");
  }

  @Test
  void aBrokenSplitsFileRefusesTheResume() throws Exception {
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    Path out = tmp.resolve("broken.mp4");
    Path work = tmp.resolve("work");
    JobOptions o = unbalanced(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1)).withWorkDir(work).withWorkKept(WorkKept.ALWAYS);
    new EncodeJob(o, null).run();
    Files.writeString(work.resolve("splits.json"), "[{\"chunk\": 7, \"atFrame\": 3}]");
    InputException e = assertThrows(InputException.class,
        () -> new EncodeJob(o.withOverwrite(true).withResume(true), null).run());
    assertTrue(e.getMessage().contains("run without --resume"), e.getMessage());
  }
}
