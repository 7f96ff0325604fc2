package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.Wordings;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.junit.jupiter.api.Test;

/**
 * The lane chart as narrow as the window's minimum leaves it (about 220 px): the empty chart's
 * sentence wraps instead of being cut at both ends, and the legend is a wording that fits.
 */
class NarrowChartTest {
  private static final int WIDTH = 220;

  @Test
  void theEmptyChartsSentenceWrapsWithinTheChart() {
    LaneChart chart = new LaneChart();
    FontMetrics fm = chart.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    assertTrue(fm.stringWidth(LaneChart.EMPTY_TEXT) > WIDTH - 16, "the premise: one line does not fit");
    List<String> lines = LaneChart.wrap(LaneChart.EMPTY_TEXT, fm, WIDTH - 16);
    assertTrue(lines.size() >= 2, lines.toString());
    assertTrue(lines.stream().allMatch(l -> fm.stringWidth(l) <= WIDTH - 16), lines.toString());
    assertEquals(LaneChart.EMPTY_TEXT, String.join(" ", lines), "every word shown");
  }

  @Test
  void theLegendFitsANarrowChart() {
    LaneChart chart = new LaneChart();
    chart.apply(new JobEvent.JobPlanned(Path.of("in.mp4"), Path.of("out.mp4"), null, new ChunkPlan(SplitMode.FIXED, 1, 30,
        List.of(new Chunk(0, 0, 30, 0, 30, 0))), ExecutionMode.PARALLEL, 2, 1));
    chart.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 2));
    chart.apply(new JobEvent.JobFailed("cancelled", true, 3));
    FontMetrics fm = chart.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int room = WIDTH - 16; // too narrow for the sentence under the plot: it starts at the left edge
    String legend = Wordings.longestFitting(chart.legendVariants(), fm, room);
    assertTrue(fm.stringWidth(legend) <= room, legend + " is " + fm.stringWidth(legend) + " px, the chart " + room);
    assertTrue(legend.contains("hatched = cancelled"), legend);
    String wide = Wordings.longestFitting(chart.legendVariants(), fm, 2000);
    assertTrue(wide.startsWith("Each bar is a chunk"), wide);
  }
}
