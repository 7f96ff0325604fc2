package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lanes of a job with remote workers when the node comes and goes: one worker here (one chunk
 * here at once) and one node lane, whose node is a fake that encodes its chunks in this JVM.
 */
class NodeLanesTest {
  @TempDir Path tmp;

  /**
   * A node of one worker (or {@code slots}), up or down; it encodes a chunk as a node would, here.
   * One lane here unless told {@code locals}.
   */
  private static class OneNode implements RemoteWorkers {
    final AtomicBoolean up;
    /** Goes down once it has encoded a chunk. */
    final boolean diesAfterAChunk;
    final AtomicInteger encoded = new AtomicInteger();
    /** Chunks it was down for: {@link #encode} said no node is left. */
    final AtomicInteger noNodeLeft = new AtomicInteger();
    /** Runs before {@link #encode} says no node is left (a node's death takes a while to tell). */
    volatile Runnable beforeNoNode = () -> {};
    /** When {@link #slotsNow} was asked (on a cluster, it takes the session's lock and asks Ignite). */
    final List<Long> slotsAsked = Collections.synchronizedList(new ArrayList<>());

    final int locals;
    final int slots;

    OneNode(boolean up, boolean diesAfterAChunk) {
      this(up, diesAfterAChunk, 1, 1);
    }

    OneNode(boolean up, boolean diesAfterAChunk, int locals, int slots) {
      this.up = new AtomicBoolean(up);
      this.diesAfterAChunk = diesAfterAChunk;
      this.locals = locals;
      this.slots = slots;
    }

    @Override
    public int localWorkers() {
      return locals;
    }

    @Override
    public int slots() {
      return slots;
    }

    @Override
    public int slotsNow() {
      slotsAsked.add(System.nanoTime());
      return up.get() ? slots : 0;
    }

    @Override
    public Map<String, Integer> workersByNode() {
      return Map.of();
    }

    /** The first chunk's first node leaves with it: it is sent again after {@link #RESEND_MS}. */
    final AtomicBoolean leavesOnce = new AtomicBoolean();

    @Override
    public Result encode(Request r, BooleanSupplier stop) {
      if (up.get() && leavesOnce.getAndSet(false)) {
        r.sentTo().accept("node-a");
        r.left().accept("node-a");
        try {
          Thread.sleep(RESEND_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        r.sentTo().accept("node-b");
      }
      if (!up.get()) {
        beforeNoNode.run();
        noNodeLeft.incrementAndGet();
        return null;
      }
      long t0 = System.nanoTime();
      long[] pts;
      long bytes;
      long firstRead;
      try (ChunkEncoder enc = new ChunkEncoder(r.source(), r.videoIndex(), r.chunk(), r.settings(), r.segment(), ReadFrom.KEYFRAME,
          r.filters())) {
        enc.open();
        while (!enc.finished()) {
          enc.step(ChunkScheduler.STEP_FRAMES, stop);
        }
        enc.checkFrameCount(false);
        pts = enc.encodedPts();
        bytes = enc.bytes();
        firstRead = enc.firstReadNanos();
      }
      encoded.incrementAndGet();
      if (diesAfterAChunk) {
        up.set(false);
      }
      return new Result(pts, bytes, JobWorkspace.sha256(r.segment()), System.nanoTime() - t0, firstRead, null);
    }
  }

  /** How long a chunk whose node left waits before it is sent again. */
  static final long RESEND_MS = 600;

  /** The chunks that started, and the splits, of one job. */
  private record Events(List<JobEvent.ChunkStarted> started, List<JobEvent.ChunkSplit> splits) implements JobListener {
    Events() {
      this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public void onEvent(JobEvent e) {
      if (e instanceof JobEvent.ChunkSplit s) {
        splits.add(s);
      } else if (e instanceof JobEvent.ChunkStarted s) {
        started.add(s);
      }
    }
  }

  @Test
  void aNodeLaneSplitsNoChunkWhenTheTailCouldNotStartAtOnce() {
    // The node encodes the short chunk and dies; the node lane then split the long chunk running
    // here, and its tail, finding no node, waited for the long chunk's place here: the same time in
    // turn, plus a chunk start and a keyframe.
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    // The first chunks of a JVM take long to start (FFmpeg's libraries load): too long for any split to pay.
    new EncodeJob(TailSplitTest.unbalanced(in, tmp.resolve("warm.mp4"))
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1)), null).run();
    // Which lane takes which chunk is the pool's choice: only the long one here shows the split.
    for (int run = 0; run < 12; run++) {
      Path out = tmp.resolve("dead-node-" + run + ".mp4");
      OneNode node = new OneNode(true, true);
      Events events = new Events();
      JobReport r = new EncodeJob(TailSplitTest.unbalanced(in, out), events).withRemoteWorkers(node).run();
      JobEvent.ChunkStarted first = events.started().get(0);
      if (first.worker() != (first.chunk() == 0 ? 0 : 1)) {
        continue; // the node lane took the long chunk, which no worker splits
      }
      assertEquals(1, node.encoded.get(), "the node encoded the short chunk");
      assertEquals(List.of(), events.splits(), "no split: its tail could not start before the long chunk ended");
      assertEquals(0, node.noNodeLeft.get(), "no chunk went to the dead node");
      assertEquals(2, r.chunks().count());
      assertEquals(240, DebianFfmpeg.decodedFrames(out));
      assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
      return;
    }
    fail("the node lane took the long chunk in all 12 runs: nothing was measured");
  }

  @Test
  void aChunkWaitingForAPlaceHereGoesToANodeThatCameBack() {
    // The node is down when its lane's chunk is sent: the chunk waits for the one place here, which
    // the other chunk holds. The node comes back while that chunk runs: the waiting chunk goes to it
    // (it waited for the other chunk's end before).
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    OneNode node = new OneNode(false, false);
    CountDownLatch encodingHere = new CountDownLatch(1);
    // The node lane finds no node once the other chunk holds the place here.
    node.beforeNoNode = () -> {
      try {
        encodingHere.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Events events = new Events();
    Path out = tmp.resolve("node-back.mp4");
    JobReport r = new EncodeJob(TailSplitTest.unbalanced(in, out), e -> {
      events.onEvent(e);
      if (e instanceof JobEvent.ChunkProgress p && p.worker() == 0) {
        encodingHere.countDown();
        if (node.noNodeLeft.get() > 0) {
          node.up.set(true); // a step done here after the node lane found no node: the node comes back
        }
      }
    }).withRemoteWorkers(node).run();

    assertEquals(1, node.noNodeLeft.get(), "the node lane's chunk found no node once");
    assertTrue(node.encoded.get() >= 1, "the node that came back encoded the waiting chunk");
    List<ChunkTiming> times = r.chunks().times();
    assertTrue(times.stream().allMatch(t -> t.attempts() == 1), "a node that is down uses up no attempt: " + times);
    // The node lane's chunk started once (no start here), however many times it was sent.
    int nodeChunk = events.started().stream().filter(s -> s.worker() == 1).findFirst().orElseThrow().chunk();
    assertEquals(1, events.started().stream().filter(s -> s.chunk() == nodeChunk).count(), events.started().toString());
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
  }
  /** One keyframe: one chunk, on one of {@code lanes}; the other lanes' tasks are spares. */
  private static JobOptions oneChunk(Path in, Path out, int lanes) {
    return JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "medium", 1))
        .withMode(ExecutionMode.PARALLEL, lanes);
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void sparesWaitOnAMonitorAndAskTheNodesRoomOnlyWhenNoPlaceHereIsFree() {
    // One chunk, on a node lane: the node encodes it, so no spare can split it, and the spares wait
    // until it ends. Those on node lanes polled every 20 ms, asking for the nodes' room each time
    // (on a cluster, the session's lock and Ignite) though the place here was free.
    // Every lane is a node lane (no lane here, places here for chunks that find no node), so the chunk
    // is on one whichever lane takes it: the local lane took it in every run of a quiet CI machine.
    Path in = TestMedia.get(TestMedia.ONE_KEYFRAME);
    new EncodeJob(oneChunk(in, tmp.resolve("warm.mp4"), 2), null).run();
    OneNode node = new OneNode(true, false, 0, 4);
    List<Long> started = Collections.synchronizedList(new ArrayList<>());
    new EncodeJob(oneChunk(in, tmp.resolve("asks.mp4"), 4), e -> {
      if (e instanceof JobEvent.ChunkStarted) {
        started.add(System.nanoTime());
      }
    }).withRemoteWorkers(node).run();
    long end = System.nanoTime();
    long from = started.get(0);
    long asked = node.slotsAsked.stream().filter(t -> t > from).count();
    double seconds = (end - from) / 1e9;
    assertTrue(node.localLimit() > 0, "a place here is free");
    assertEquals(1, node.encoded.get(), "the node encoded the chunk");
    assertTrue(seconds > 0.5, "the spares waited long enough to tell: " + seconds + " s");
    assertTrue(asked <= 3 + seconds * 1000 / 100, asked + " asks for the nodes' room in " + seconds + " s of waiting");
  }

  @Test
  void aChunkSentAgainAfterItsNodeLeftCountsAnAttemptAndStartsAtItsLastSend() {
    // After a node's kill -9 with chunks in flight the report said "retries": 0, those chunks
    // "attempts": 1, and their start was the first try's.
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    OneNode node = new OneNode(true, false);
    node.leavesOnce.set(true);
    Path out = tmp.resolve("node-left.mp4");
    JobReport r = new EncodeJob(TailSplitTest.unbalanced(in, out), null).withRemoteWorkers(node).run();

    List<ChunkTiming> resent = r.chunks().times().stream().filter(t -> t.attempts() == 2).toList();
    assertEquals(1, resent.size(), r.chunks().times().toString());
    assertTrue(r.chunks().retries() >= 1, "retries " + r.chunks().retries());
    assertTrue(resent.get(0).startSeconds() >= RESEND_MS / 1000.0, "started at its first send: " + resent.get(0));
    assertEquals(240, DebianFfmpeg.decodedFrames(out));
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theLaneWatcherEndsQuietlyWhenItsAskForTheNodesRoomIsCancelled() throws InterruptedException {
    // On a cluster, the watcher's ask for the nodes' room may wait for a reconnect; the job's end
    // interrupts it, and the wait throws JobCancelledException: that printed "Exception in thread
    // framefork-lane-watch" with a stack trace.
    Path in = TestMedia.get(TestMedia.TAIL_SPLIT);
    List<Thread> watchers = Collections.synchronizedList(new ArrayList<>());
    OneNode node = new OneNode(true, false) {
      @Override
      public int slotsNow() {
        if (!Thread.currentThread().getName().startsWith("framefork-lane-watch")) {
          return super.slotsNow();
        }
        watchers.add(Thread.currentThread());
        try {
          Thread.sleep(Long.MAX_VALUE); // a reconnect that does not come
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new JobCancelledException();
      }
    };
    List<String> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
    try {
      Path out = tmp.resolve("watch-cancelled.mp4");
      new EncodeJob(TailSplitTest.unbalanced(in, out), null).withRemoteWorkers(node).run();
      assertEquals(1, watchers.size(), "the watcher asked for the nodes' room");
      watchers.get(0).join(10_000);
      assertTrue(!watchers.get(0).isAlive(), "the watcher ended with the job");
      assertEquals(List.of(), uncaught);
      assertEquals(240, DebianFfmpeg.decodedFrames(out));
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
