package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

/**
 * The time axis's labels never run into each other, the last one (pulled left to end at the plot's
 * right edge) included: over charts from 60 to 700 px wide (a plot narrower than one label's room
 * has ticks at 0 and past the end only), in a 12 and a 24 pt font, and jobs of under a second (drawn
 * as one) to an hour, ending on a tick, where the pull is longest, or past one. The old axis ran "0 s"
 * and "1 s" together for a job of a second or less in charts under about 120 px, and "0.5 s" and
 * "1.0 s" in a 24 pt font in charts from 245 px.
 */
class AxisLabelsTest {
  private static final long S = 1_000_000_000L;

  @Test
  void theLastLabelPulledLeftDoesNotRunIntoTheOneBeforeIt() {
    List<String> problems = new ArrayList<>();
    int charts = 0;
    for (double seconds : new double[] {0.4, 1, 1.05, 2, 2.1, 5.2, 10, 10.3, 10.9, 21, 31, 60, 62, 125, 310, 620, 1800, 1850, 3700}) {
      for (int size : new int[] {12, 24}) {
      for (int width = 60; width <= 700; width += 5) {
        List<LaneChart.Text> labels = axisLabels(seconds, width, size);
        charts++;
        if (labels.size() < 1) {
          problems.add(seconds + " s at " + width + " px, " + size + " pt: no label");
        }
        for (int i = 1; i < labels.size(); i++) {
          LaneChart.Text a = labels.get(i - 1);
          LaneChart.Text b = labels.get(i);
          if (b.bounds().x < a.bounds().x + a.bounds().width) {
            problems.add(seconds + " s at " + width + " px, " + size + " pt: '" + a.text() + "' " + a.bounds() + " and '" + b.text() + "' "
                + b.bounds());
          }
        }
      }
      }
    }
    assertTrue(charts > 1000);
    assertEquals(List.of(), problems);
  }

  /**
   * The axis's labels, left to right, of a one-chunk job of {@code seconds} drawn {@code width} px
   * wide in a {@code size} pt font (24: about FlatLaf's UI scale 2).
   */
  private static List<LaneChart.Text> axisLabels(double seconds, int width, int size) {
    LaneChart chart = new LaneChart();
    chart.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    chart.setSize(width, 200);
    long end = S + (long) (seconds * S);
    chart.apply(new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, new ChunkPlan(SplitMode.FIXED, 1, 30,
        List.of(new Chunk(0, 0, 30, 0, 30, 0))), ExecutionMode.PARALLEL, 1, 0));
    chart.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, S));
    chart.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, S));
    chart.apply(new JobEvent.ChunkFinished(0, 0, 30, 1000, end - S, end));
    chart.apply(new JobEvent.JobFailed("cancelled", true, end));
    BufferedImage image = new BufferedImage(width, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    chart.paint(g);
    g.dispose();
    return chart.texts().stream().filter(t -> t.text().matches("[0-9.]+ s"))
        .sorted(java.util.Comparator.comparingInt(t -> t.bounds().x)).toList();
  }
}
