package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLinesTest {
  @Test
  void eachFinishedChunkIsOneWholeLineEvenWhenWorkersReportAtOnce() throws Exception {
    int workers = 8;
    int chunksPerWorker = 50;
    StringWriter sink = new StringWriter();
    ProgressView view = ProgressView.choose(Path.of("in.mp4"), false, false, false, new PrintWriter(sink));
    view.onEvent(WorkerBoardTest.planned(workers * chunksPerWorker, 10, workers));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < chunksPerWorker; i++) {
          int chunk = worker * chunksPerWorker + i;
          view.onEvent(new JobEvent.ChunkStarted(chunk, worker, 1, 10, 0));
          for (int f = 1; f <= 10; f++) {
            view.onEvent(new JobEvent.ChunkProgress(chunk, worker, f, 10, 0));
          }
          view.onEvent(new JobEvent.ChunkFinished(chunk, worker, 10, 1000, 2_000_000_000L, 0));
        }
      }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    view.onEvent(new JobEvent.StageStarted(JobEvent.Stage.JOIN, 0));
    view.close();

    List<String> lines = sink.toString().lines().toList();
    assertTrue(lines.get(0).startsWith("in.mp4: 4000 frames in 400 chunks"), lines.get(0));
    List<String> done = lines.stream().filter(l -> l.startsWith("chunk ")).toList();
    assertEquals(workers * chunksPerWorker, done.size(), "one line per finished chunk, no progress lines");
    for (String l : done) {
      assertTrue(l.matches("chunk \\d+ done on worker \\d: 10 frames in 2\\.0 s \\(\\d+/400 chunks, \\d+%\\)"), l);
    }
    assertTrue(done.stream().anyMatch(l -> l.endsWith("(400/400 chunks, 100%)")), "the last chunk completes the count");
    assertEquals("joining 400 segments", lines.get(lines.size() - 1));
  }

  @Test
  void targetQualitySaysWhenAChunkIsEncodedAgainAndWhichEncodeStays() {
    StringWriter sink = new StringWriter();
    ProgressView view = ProgressView.choose(Path.of("in.mp4"), false, false, false, new PrintWriter(sink));
    view.onEvent(WorkerBoardTest.planned(2, 10, 2));
    view.onEvent(new JobEvent.ChunkRetuned(1, 31, 95.123, 32.5, 93.2, "vmaf", 0));
    view.onEvent(new JobEvent.ChunkEncodeKept(1, 32.5, 90.4, 31, 95.123, "vmaf", 0));
    view.close();
    List<String> lines = sink.toString().lines().filter(l -> l.startsWith("chunk ")).toList();
    assertEquals(List.of(
        "chunk 1: the final at crf 31 scored vmaf 95.123, outside the band; encoding it again at crf 32.5 (93.20 predicted)",
        "chunk 1: the encode at crf 32.5 scored vmaf 90.40, farther off than the one at crf 31 (95.12), which stays"), lines);
  }

  /**
   * The plan line of a real run says the chunks' length as cut, as probe does: 48 images at 24
   * fps in chunks of 0.5 s are 4 chunks "between images, about 0.50 s each" (an image sequence has
   * no keyframes), in the report's settings row too; one chunk of at most 5 s says its length, 2 s.
   */
  @Test
  void thePlanLineCountsANodesLanesAsTheSummaryDoes() {
    // It said "parallel on 4 workers" where the summary said "parallel on 2 workers (0 here, 2 on 2
    // nodes; 4 lanes with the nodes' fetch-ahead)".
    var mode = org.framefork.encoder.plan.ExecutionMode.PARALLEL;
    assertEquals("2 workers", ProgressView.workersWords(new JobEvent.JobPlanned(null, null, null, null, mode, 2, null, 0)));
    assertEquals("1 worker", ProgressView.workersWords(new JobEvent.JobPlanned(null, null, null, null, mode, 1, null, 0)));
    assertEquals("4 lanes (0 here, 4 with the nodes' fetch-ahead)",
        ProgressView.workersWords(new JobEvent.JobPlanned(null, null, null, null, mode, 4, null, 0, 4)));
    assertEquals("5 lanes (1 here, 4 with the nodes' fetch-ahead)",
        ProgressView.workersWords(new JobEvent.JobPlanned(null, null, null, null, mode, 5, null, 0, 4)));
  }

  @Test
  void thePlanLineSaysTheChunksAsCut(@TempDir Path dir) {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24", "-frames:v", "48",
        dir.resolve("f_%03d.png").toString());
    String images = dir.resolve("f_%03d.png").toString();
    CliRun four = CliRun.of("encode", images, "-o", dir.resolve("four.mp4").toString(), "--preset", "ultrafast",
        "--chunk-seconds", "0.5");
    assertEquals(0, four.code(), four::toString);
    assertEquals(48, DebianFfmpeg.decodedFrames(dir.resolve("four.mp4")));
    assertTrue(four.out().contains(": 48 frames in 4 chunks (between images, about 0.50 s each)"), four::toString);
    assertTrue(four.out().contains("; 4 chunks (between images)"), "and so does the report's settings row: " + four);
    CliRun one = CliRun.of("encode", images, "-o", dir.resolve("one.mp4").toString(), "--preset", "ultrafast",
        "--chunk-seconds", "5");
    assertEquals(0, one.code(), one::toString);
    assertTrue(one.out().contains(": 48 frames in 1 chunk (between images, 2.00 s)"), one::toString);
    // probe says the plan of the same options in the same words.
    CliRun probed = CliRun.of("probe", images, "--chunk-seconds", "0.5");
    assertEquals(0, probed.code(), probed::toString);
    assertTrue(probed.out().contains("plan: 4 chunks between images, about 0.50 s each, for"), probed::toString);
  }

  /**
   * A score outside the band never prints as the band's edge: 93.9312 above vmaf=92.07-93.93 read
   * "scored vmaf 93.93, outside the band"; 93.9304 needs a fourth decimal, 93.93 itself none.
   */
  @Test
  void aScoreOutsideTheBandHasTheDecimalsThatTellItFromTheEdge() {
    List<String> lines = chunkLines(WorkerBoardTest.planned(2, 10, 2),
        new JobEvent.ChunkTuned(0, 0, 9, 4, 0, 92.0649, "vmaf", false, 0),
        new JobEvent.ChunkRetuned(0, 8.8, 93.9312, 9.1, 93.2, "vmaf", 0),
        new JobEvent.ChunkRetuned(1, 8.8, 93.9304, 9.1, 93.2, "vmaf", 0));
    assertEquals(List.of("chunk 0 on worker 0: crf 9, vmaf 92.065 predicted, outside the band (4 probes)",
        "chunk 0: the final at crf 8.8 scored vmaf 93.931, outside the band; encoding it again at crf 9.1 (93.20 predicted)",
        "chunk 1: the final at crf 8.8 scored vmaf 93.9304, outside the band; encoding it again at crf 9.1 (93.20 predicted)"),
        lines);
  }

  @Test
  void ssimScoresKeepTheirFourDecimals() {
    List<String> lines = chunkLines(WorkerBoardTest.planned(2, 10, 2),
        new JobEvent.ChunkTuned(1, 0, 18, 3, 0, 0.98012, "ssim", true, 0),
        new JobEvent.ChunkRetuned(1, 18, 0.97684, 17.3, 0.98031, "ssim", 0));
    assertEquals(List.of("chunk 1 on worker 0: crf 18, ssim 0.9801 predicted (3 probes)",
        "chunk 1: the final at crf 18 scored ssim 0.97684, outside the band; encoding it again at crf 17.3 (0.9803 predicted)"),
        lines);
  }

  /**
   * Each probe says its score as it ends: a chunk's search took tens of seconds with no line at
   * all before its CRF was chosen, and a log of it looked hung.
   */
  @Test
  void eachProbeIsALineAsItEnds() {
    List<String> lines = chunkLines(WorkerBoardTest.planned(2, 30, 2),
        new JobEvent.ChunkStarted(0, 0, 1, 30, 0),
        new JobEvent.ProbeStarted(0, 0, 1, 27, 0),
        new JobEvent.ProbeFinished(0, 0, 1, 27, 91.456, "vmaf", 0),
        new JobEvent.ProbeStarted(0, 0, 2, 23.5, 0),
        new JobEvent.ProbeFinished(0, 0, 2, 23.5, 0.98012, "ssim", 0),
        new JobEvent.ChunkTuned(0, 0, 24, 2, 0, 93.2, "vmaf", true, 0));
    assertEquals(List.of("chunk 0 on worker 0: probe 1 at crf 27 scored vmaf 91.46",
        "chunk 0 on worker 0: probe 2 at crf 23.5 scored ssim 0.9801",
        "chunk 0 on worker 0: crf 24, vmaf 93.20 predicted (2 probes)"), lines);
  }

  @Test
  void aResumedChunkSaysItsProbesWereReused() {
    List<String> lines = chunkLines(WorkerBoardTest.planned(3, 30, 2),
        new JobEvent.ChunkTuned(0, 0, 16, 0, 4, 93.2, "vmaf", true, 0),
        new JobEvent.ChunkTuned(1, 1, 22, 2, 1, 92.5, "vmaf", true, 0),
        new JobEvent.ChunkTuned(2, 0, 27, 1, 0, 93.9, "vmaf", true, 0));
    assertEquals(List.of("chunk 0 on worker 0: crf 16, vmaf 93.20 predicted (its 4 probes reused)",
        "chunk 1 on worker 1: crf 22, vmaf 92.50 predicted (2 probes, 1 more reused)",
        "chunk 2 on worker 0: crf 27, vmaf 93.90 predicted (1 probe)"), lines);
  }

  @Test
  void aNodesChunkNamesItsNode() {
    List<String> lines = chunkLines(WorkerBoardTest.planned(2, 10, 2),
        new JobEvent.ChunkStarted(0, 1, 1, 10, 0),
        new JobEvent.ChunkSent(0, 1, 1, "10.0.0.2:47500", 0),
        new JobEvent.ChunkFinished(0, 1, 10, 1000, 1_500_000_000L, 0),
        // Chunk 1 went to a node that left, and no node was left: the lane encoded it here.
        new JobEvent.ChunkStarted(1, 1, 1, 10, 0),
        new JobEvent.ChunkSent(1, 1, 1, "10.0.0.2:47500", 0),
        new JobEvent.ChunkStarted(1, 1, 1, 10, 0),
        new JobEvent.ChunkFinished(1, 1, 10, 1000, 2_000_000_000L, 0));
    assertEquals(List.of("chunk 0 done on worker 1: 10 frames in 1.5 s on node 10.0.0.2:47500 (1/2 chunks, 50%)",
        "chunk 1 done on worker 1: 10 frames in 2.0 s (2/2 chunks, 100%)"), lines);
  }

  /** The log lines about chunks that a plain (not quiet, no bar) view prints for {@code events}. */
  private static List<String> chunkLines(JobEvent... events) {
    StringWriter sink = new StringWriter();
    ProgressView view = ProgressView.choose(Path.of("in.mp4"), false, false, false, new PrintWriter(sink));
    for (JobEvent e : events) {
      view.onEvent(e);
    }
    view.close();
    return sink.toString().lines().filter(l -> l.startsWith("chunk ")).toList();
  }

  @Test
  void quietPrintsNothing() {
    StringWriter sink = new StringWriter();
    ProgressView view = ProgressView.choose(Path.of("in.mp4"), true, true, false, new PrintWriter(sink));
    view.onEvent(WorkerBoardTest.planned(2, 10, 2));
    view.onEvent(new JobEvent.ChunkFinished(0, 0, 10, 1000, 1, 0));
    view.close();
    assertEquals("", sink.toString());
  }

  @Test
  void aVerifyStageThatScoresQualitySaysSo() {
    for (boolean scores : new boolean[] {false, true}) {
      StringWriter sink = new StringWriter();
      ProgressView view = ProgressView.choose(Path.of("in.mp4"), false, false, scores, new PrintWriter(sink));
      view.onEvent(WorkerBoardTest.planned(1, 10, 1));
      view.onEvent(new JobEvent.StageStarted(JobEvent.Stage.VERIFY, 0));
      view.close();
      assertTrue(sink.toString().lines().anyMatch(l -> l.equals(scores ? "verifying the output and scoring its quality"
          : "verifying the output")), sink.toString());
    }
  }
}
