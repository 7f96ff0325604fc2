package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.UIManager;
import org.framefork.app.UiScaled;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lane chart at FlatLaf's UI scale 2 ({@code -Dflatlaf.uiScale=2}), whose fonts are twice as
 * large: the lanes stay bars with their names whole beside them (they were 6 px lines, names cut to
 * "wor"), the time axis's labels do not run together, and the legend and the CPU band's words are
 * not drawn over them. Screenshots go to target/screenshots.
 */
class ScaledLanesTest {
  private static final long S = 1_000_000_000L;

  /** Four chunks on two workers over 1.6 s, as in QA's screenshot; a CPU sample every 0.2 s. */
  private static void fourChunks(LaneChart chart) {
    List<Chunk> chunks = List.of(new Chunk(0, 0, 30, 0, 30, 0), new Chunk(1, 30, 30, 30, 60, 30), new Chunk(2, 60, 30, 60, 90, 60),
        new Chunk(3, 90, 30, 90, 120, 90));
    chart.apply(new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, new ChunkPlan(SplitMode.FIXED, 1, 120, chunks),
        ExecutionMode.PARALLEL, 2, 0));
    chart.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, S));
    chart.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, S));
    chart.apply(new JobEvent.ChunkStarted(1, 1, 1, 30, S));
    chart.apply(new JobEvent.ChunkFinished(0, 0, 30, 1000, S / 2, S + S / 2));
    chart.apply(new JobEvent.ChunkStarted(2, 0, 1, 30, S + S / 2));
    chart.apply(new JobEvent.ChunkFinished(1, 1, 30, 1000, S, 2 * S));
    chart.apply(new JobEvent.ChunkStarted(3, 1, 1, 30, 2 * S));
    for (long t = S + S / 5; t <= 2 * S + S / 2; t += S / 5) {
      chart.addCpu(t, 1.5);
    }
    chart.apply(new JobEvent.ChunkFinished(2, 0, 30, 1000, S, 2 * S + S / 2));
    chart.apply(new JobEvent.ChunkFinished(3, 1, 30, 1000, S / 2, 2 * S + S / 2));
    chart.apply(new JobEvent.JobFailed("cancelled", true, 2 * S + 6 * S / 10));
  }

  @ParameterizedTest(name = "{0}x{1} at UI scale {2}")
  @CsvSource({"600, 300, 2", "500, 140, 2", "720, 160, 1.5", "480, 150, 1"})
  void namesTicksAndLegendShowWholeAndApart(int width, int height, float scale) throws Exception {
    assertEquals(List.of(), UiScaled.check(scale, () -> drawnAt(width, height, scale)));
  }

  /** What is wrong with the chart drawn at {@code width}×{@code height}, in words. EDT. */
  private static List<String> drawnAt(int width, int height, float scale) {
    LaneChart chart = new LaneChart();
    chart.setFont(UIManager.getFont("Label.font"));
    chart.setSize(width, height);
    fourChunks(chart);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    chart.paint(g);
    g.dispose();
    UiScaled.save(image, "lanes-scale" + scale + "-" + width + "x" + height);
    List<String> problems = new ArrayList<>();
    String at = width + "x" + height + " at " + scale + ": ";
    List<LaneChart.Text> texts = chart.texts();
    java.awt.FontMetrics fm = chart.getFontMetrics(chart.getFont().deriveFont(chart.getFont().getSize2D() - 1f));
    assertTrue(fm.getHeight() >= 12 * scale, "the premise: the font is scaled (" + fm.getHeight() + " px high)");
    for (String name : List.of("worker 0", "worker 1")) {
      if (texts.stream().noneMatch(t -> t.text().equals(name))) {
        problems.add(at + "'" + name + "' not drawn; lanes " + chart.laneHeight() + " px high, the font " + fm.getHeight());
      }
    }
    if (texts.stream().noneMatch(t -> t.text().endsWith(" s"))) {
      problems.add(at + "no time axis");
    }
    Rectangle inside = new Rectangle(0, 0, width, height);
    for (int i = 0; i < texts.size(); i++) {
      LaneChart.Text a = texts.get(i);
      if (!inside.contains(a.bounds())) {
        problems.add(at + "'" + a.text() + "' is outside the chart: " + a.bounds());
      }
      for (LaneChart.Text b : texts.subList(i + 1, texts.size())) {
        if (a.bounds().intersects(b.bounds())) {
          problems.add(at + "'" + a.text() + "' " + a.bounds() + " and '" + b.text() + "' " + b.bounds() + " overlap");
        }
      }
    }
    return problems;
  }
}
