package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.framefork.app.Theme;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job cancelled while two workers run: the time spent on chunks that never finished is drawn
 * hatched to the moment of the cancel, unlike a finished chunk's solid bar, and the legend says what
 * hatching means; a worker still probing (no frames encoded yet) shows its time too. Lanes are
 * numbered as the engine numbers its workers. A running chunk is one faded bar from its start.
 */
class CancelledLanesTest {
  private static final long S = 1_000_000_000L;

  /** Worker 0 finishes chunk 0 and is a second into chunk 2; worker 1 has probed chunk 1 since the start; then Cancel. */
  private static List<JobEvent> cancelledJob() {
    List<Chunk> chunks = List.of(new Chunk(0, 0, 30, 0, 30, 0), new Chunk(1, 30, 30, 30, 60, 30), new Chunk(2, 60, 30, 60, 90, 60));
    return List.of(
        new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, new ChunkPlan(SplitMode.FIXED, 1, 90, chunks),
            ExecutionMode.PARALLEL, 2, S),
        new JobEvent.StageStarted(JobEvent.Stage.ENCODE, 1 * S),
        new JobEvent.ChunkStarted(0, 0, 1, 30, 1 * S),
        new JobEvent.ChunkStarted(1, 1, 1, 30, 1 * S),
        new JobEvent.ProbeStarted(1, 1, 1, 27, 1 * S + S / 2),
        new JobEvent.ChunkProgress(0, 0, 15, 30, 2 * S),
        new JobEvent.ChunkFinished(0, 0, 30, 1000, 2 * S, 3 * S),
        new JobEvent.ChunkStarted(2, 0, 1, 30, 3 * S),
        new JobEvent.ChunkProgress(2, 0, 10, 30, 4 * S),
        new JobEvent.JobFailed("cancelled", true, 5 * S));
  }

  @Test
  void theUnfinishedChunksEndAtTheCancelMarkedStopped() {
    LaneTimeline t = new LaneTimeline();
    cancelledJob().forEach(t::apply);
    assertEquals("cancelled", t.stoppedAs());
    List<LaneTimeline.Slice> w0 = t.lanes().get(0).slices;
    assertTrue(w0.stream().filter(s -> s.chunk == 0).allMatch(s -> s.finished && !s.stopped), "chunk 0 finished");
    List<LaneTimeline.Slice> chunk2 = w0.stream().filter(s -> s.chunk == 2).toList();
    assertTrue(chunk2.stream().allMatch(s -> s.stopped), "chunk 2 never finished");
    assertEquals(3 * S, chunk2.getFirst().start);
    assertEquals(5 * S, chunk2.getLast().end, "its time runs to the cancel, not to its last progress");
    List<LaneTimeline.Slice> w1 = t.lanes().get(1).slices;
    assertEquals(1, w1.size(), "worker 1's probing time is shown although it encoded no frame");
    assertEquals(List.of(1, 1 * S, 5 * S, true), List.of(w1.getFirst().chunk, w1.getFirst().start, w1.getFirst().end,
        w1.getFirst().stopped));
  }

  @Test
  void aFailedJobLeavesItsFinishedChunksFinished() {
    LaneTimeline t = new LaneTimeline();
    t.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 1 * S));
    t.apply(new JobEvent.ChunkFinished(0, 0, 30, 1000, 2 * S, 3 * S));
    t.apply(new JobEvent.JobFailed("chunk 1 failed", false, 4 * S));
    assertEquals("stopped", t.stoppedAs(), "not \"failed\", which the red bars of the chunk that failed say");
    assertFalse(t.lanes().getFirst().slices.getFirst().stopped, "a finished chunk stays finished");
  }

  @ParameterizedTest(name = "dark theme: {0}")
  @ValueSource(booleans = {false, true})
  void theCancelledBarIsHatchedAndTheLegendSaysSo(boolean dark) throws Exception {
    java.awt.EventQueue.invokeAndWait(() -> Theme.install(dark));
    try {
      hatchedAndFaded(dark);
    } finally {
      java.awt.EventQueue.invokeAndWait(() -> Theme.install(false));
    }
  }

  private static void hatchedAndFaded(boolean dark) throws Exception {
    LaneChart chart = new LaneChart();
    chart.setSize(600, 260);
    chart.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
    cancelledJob().forEach(chart::apply);
    BufferedImage image = paint(chart);
    java.nio.file.Path shot = Path.of("target", "screenshots", "lanes-cancelled-" + (dark ? "dark" : "light") + ".png");
    java.nio.file.Files.createDirectories(shot.getParent());
    javax.imageio.ImageIO.write(image, "png", shot.toFile());
    int plotW = 600 - 64 - 8;
    // Chunk 0 (done) at 1.5 s is one solid run of its colour down the column; chunk 2 (cancelled) at 3.5 s is striped.
    int done = runs(image, 64 + plotW * 1 / 8, Theme.chunkColor(0));
    int cancelled = runs(image, 64 + plotW * 5 / 8, Theme.chunkColor(2));
    assertEquals(1, done, "the finished bar is solid");
    assertTrue(cancelled >= 2, "the cancelled bar is hatched: its colour in " + cancelled + " runs down the column");
    assertTrue(runs(image, 64 + plotW * 7 / 8, Theme.chunkColor(2)) >= 2, "and drawn to the cancel");
    assertTrue(runs(image, 64 + plotW * 1 / 8, Theme.chunkColor(1)) >= 2, "the probing worker's time is hatched too");
    assertTrue(chart.legendVariants().getFirst().contains("hatched = cancelled"), chart.legendVariants().getFirst());
    assertFalse(chart.legendVariants().getFirst().contains("running"), "nothing runs now");

    // While a job runs, the legend says what a running bar looks like in words true in both themes.
    LaneChart live = new LaneChart();
    live.apply(new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, new ChunkPlan(SplitMode.FIXED, 1, 30,
        List.of(new Chunk(0, 0, 30, 0, 30, 0))), ExecutionMode.PARALLEL, 1, S));
    long now = System.nanoTime();
    live.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, now - 4 * S));
    live.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, now - 4 * S));
    live.apply(new JobEvent.ChunkProgress(0, 0, 10, 30, now - 2 * S));
    String legend = live.legendVariants().getFirst();
    assertTrue(legend.contains("faded = running") && !legend.contains("pale"), legend);
    // The running chunk is one faded bar from its start, not a solid part up to its last event and a faded rest.
    live.setSize(600, 260);
    live.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
    BufferedImage drawn = paint(live);
    live.removeNotify();
    assertEquals(0, runs(drawn, 64 + plotW / 4, Theme.chunkColor(0)), "no solid part before its last event");
    assertTrue(runs(drawn, 64 + plotW / 4, faded(Theme.chunkColor(0))) >= 1, "faded from its start");
  }

  /** {@code c} at the running bar's 45 % over the chart's background. */
  private static Color faded(Color c) {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = one.createGraphics();
    g.setColor(Theme.chartBackground());
    g.fillRect(0, 0, 1, 1);
    g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.45f));
    g.setColor(c);
    g.fillRect(0, 0, 1, 1);
    g.dispose();
    return new Color(one.getRGB(0, 0));
  }

  @Test
  void lanesAreNumberedAsTheEngineNumbersItsWorkers() {
    LaneTimeline t = new LaneTimeline();
    t.cluster(2);
    t.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 1 * S));
    t.apply(new JobEvent.ChunkStarted(1, 1, 1, 30, 1 * S));
    List<String> rows = NodeGroups.of(t, Map.of()).getFirst().rows().stream().map(NodeGroups.Row::label).toList();
    assertEquals(List.of("worker 0", "worker 1"), rows, "as the log's \"chunk 0 done on worker 0\" and the CLI's w0");
    assertEquals("worker 0", LaneChart.workerLabel(0));
  }

  private static BufferedImage paint(LaneChart chart) {
    BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    chart.paint(g);
    g.dispose();
    return image;
  }

  /** How many separate runs of colour {@code c} the column {@code x} has, top to bottom. */
  private static int runs(BufferedImage image, int x, Color c) {
    int runs = 0;
    boolean in = false;
    for (int y = 0; y < image.getHeight(); y++) {
      boolean is = (image.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF);
      runs += is && !in ? 1 : 0;
      in = is;
    }
    return runs;
  }
}
