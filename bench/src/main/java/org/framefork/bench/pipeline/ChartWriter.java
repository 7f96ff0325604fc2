package org.framefork.bench.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, as PNG files: one chart per curve, plain white, measured values as solid
 * lines with points, models and ideals dashed, targets as thin markers.
 */
public final class ChartWriter {
  static final int WIDTH = 900;
  static final int HEIGHT = 540;

  private static final Color MEASURED = new Color(0x1f77b4);
  private static final Color MODEL = new Color(0xd62728);
  private static final Color IDEAL = new Color(0x7f7f7f);
  private static final Color SECOND = new Color(0xff7f0e);
  private static final Color THIRD = new Color(0x2ca02c);
  private static final Color FOURTH = new Color(0x9467bd);
  private static final Color FIFTH = new Color(0x8c564b);
  private static final Paint[] BARS = {MEASURED, SECOND, THIRD, FOURTH, FIFTH, MODEL, IDEAL};
  private static final BasicStroke SOLID = new BasicStroke(2.2f);
  private static final BasicStroke DASHED =
      new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
  private static final BasicStroke THIN = new BasicStroke(1.2f);

  private ChartWriter() {}

  /** Speedup against workers: measured, the ideal (linear) line and the Amdahl prediction. */
  public static void speedup(Path file, String subtitle, int[] workers, double[] measured, double[] amdahl, int cores)
      throws IOException {
    XYSeries m = series("measured", workers, measured);
    XYSeries ideal = series("ideal (linear: speedup = workers)", workers, toDouble(workers));
    XYSeries a = series("Amdahl prediction (serial fraction from the stage times, " + cores + " cores)", workers, amdahl);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(m);
    data.addSeries(ideal);
    data.addSeries(a);
    JFreeChart chart = xyChart("Speedup against workers", subtitle, "workers", "speedup (time at 1 worker / time at N)", data,
        new Color[] {MEASURED, IDEAL, MODEL}, new boolean[] {false, true, true});
    XYPlot plot = chart.getXYPlot();
    plot.addDomainMarker(marker(cores, "cores = " + cores));
    ((NumberAxis) plot.getRangeAxis()).setRange(0, Math.max(max(measured), workers[workers.length - 1]) * 1.08);
    save(file, chart);
  }

  /** Parallel efficiency (speedup / workers) against workers, with the Amdahl prediction and the target. */
  public static void efficiency(Path file, String subtitle, int[] workers, double[] measured, double[] amdahl, double target,
      int cores) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("measured", workers, measured));
    data.addSeries(series("Amdahl prediction", workers, amdahl));
    JFreeChart chart = xyChart("Parallel efficiency against workers", subtitle, "workers", "efficiency (speedup / workers)",
        data, new Color[] {MEASURED, MODEL}, new boolean[] {false, true});
    XYPlot plot = chart.getXYPlot();
    plot.addDomainMarker(marker(cores, "cores = " + cores));
    ValueMarker t = marker(target, "target " + target);
    t.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    t.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addRangeMarker(t);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.1);
    save(file, chart);
  }

  /**
   * The granularity U-curve: wall time (left axis) and output size (right axis) against chunk length
   * in frames on a log axis; the engine's default chunk length is a separate point.
   */
  public static void granularity(Path file, String subtitle, double[] chunkFrames, double[] wall, double[] megabytes,
      double defaultFrames, double defaultWall, double defaultMegabytes) throws IOException {
    XYSeriesCollection time = new XYSeriesCollection();
    time.addSeries(series("wall time (s)", chunkFrames, wall));
    XYSeries dt = new XYSeries("default chunk length: wall time");
    dt.add(defaultFrames, defaultWall);
    time.addSeries(dt);
    XYSeriesCollection size = new XYSeriesCollection();
    size.addSeries(series("output size (MB)", chunkFrames, megabytes));
    XYSeries ds = new XYSeries("default chunk length: size");
    ds.add(defaultFrames, defaultMegabytes);
    size.addSeries(ds);

    // Base 2: ticks at 1, 2, 4, 8 ... frames read better than 1, 10, 100 over this range.
    LogAxis x = new LogAxis("chunk length (frames, log scale; the last point is the whole video)");
    x.setBase(2);
    x.setSmallestValue(0.5);
    x.setTickUnit(new NumberTickUnit(1));
    x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
    NumberAxis left = new NumberAxis("wall time (s)");
    left.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer r0 = renderer(new Color[] {MEASURED, MEASURED}, new boolean[] {false, false});
    r0.setSeriesLinesVisible(1, false);
    r0.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
    XYPlot plot = new XYPlot(time, x, left, r0);
    NumberAxis right = new NumberAxis("output size (MB)");
    right.setAutoRangeIncludesZero(true);
    plot.setRangeAxis(1, right);
    plot.setDataset(1, size);
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer r1 = renderer(new Color[] {SECOND, SECOND}, new boolean[] {false, false});
    r1.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
    r1.setSeriesLinesVisible(1, false);
    r1.setSeriesShape(1, new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12));
    plot.setRenderer(1, r1);
    plot.addDomainMarker(marker(defaultFrames, "default"));
    style(plot);
    JFreeChart chart = new JFreeChart("Chunk length: wall time and output size", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    finish(chart, subtitle);
    save(file, chart);
  }

  /**
   * Target quality per chunk: the CRF each chunk got (top) and its final score against the band
   * (bottom, the band's ends as lines), beside the fixed CRF's scores of the same chunks.
   */
  public static void targetQuality(Path file, String subtitle, List<String> chunks, double[] crf, double[] finalScore,
      double[] fixedScore, String metric, double low, double high) throws IOException {
    CategoryPlot crfs = barPlot(one("CRF chosen", chunks, crf), "CRF", "%.1f");
    // Room above the tallest bar for its label (a fractional CRF such as 32.4 was cut off).
    crfs.getRangeAxis().setUpperMargin(0.25);
    DefaultCategoryDataset scores = one("target quality: final " + metric, chunks, finalScore);
    for (int i = 0; i < chunks.size(); i++) {
      scores.addValue(fixedScore[i], "fixed CRF: " + metric, chunks.get(i));
    }
    CategoryPlot score = barPlot(scores, metric + " (chunk's pooled score)", "%.2f");
    ((NumberAxis) score.getRangeAxis()).setAutoRangeIncludesZero(false);
    score.addRangeMarker(marker(low, "band " + low));
    score.addRangeMarker(marker(high, "band " + high));
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("chunk"));
    plot.add(crfs, 1);
    plot.add(score, 2);
    JFreeChart chart = new JFreeChart("Target quality: each chunk's CRF and final score", JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    finish(chart, subtitle);
    save(file, chart);
  }

  /** Bars of wall time and CPU time per execution mode. */
  public static void modes(Path file, String subtitle, List<String> modes, double[] wall, double[] cpu) throws IOException {
    pairedBars(file, subtitle, "The same plan in three execution modes", modes, "wall time (s)", wall, "CPU time (s)", cpu);
  }

  /** Bars of the encode stage and the whole command per arm: local workers, the cluster, the cluster without fetch-ahead. */
  public static void cluster(Path file, String subtitle, List<String> arms, double[] encode, double[] command) throws IOException {
    pairedBars(file, subtitle, "The same encode on local workers and on a cluster on 127.0.0.1", arms, "encode stage (s)", encode,
        "whole command, join included (s)", command);
  }

  /** Two bars of seconds per category, side by side: series {@code first} and {@code second}. */
  private static void pairedBars(Path file, String subtitle, String title, List<String> categories, String first,
      double[] firstSeconds, String second, double[] secondSeconds) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < categories.size(); i++) {
      data.addValue(firstSeconds[i], first, categories.get(i));
      data.addValue(secondSeconds[i], second, categories.get(i));
    }
    CategoryPlot plot = barPlot(data, "seconds", "%.2f");
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    finish(chart, subtitle);
    save(file, chart);
  }

  /** FrameFork against FFmpeg's own threading: fps, output size and SSIM, one panel each. */
  public static void threading(Path file, String subtitle, List<String> contenders, double[] fps, double[] megabytes,
      double[] ssim) throws IOException {
    CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(new CategoryAxis());
    combined.add(barPlot(one("frames per second", contenders, fps), "frames/s", "%.1f"), 2);
    combined.add(barPlot(one("output size (MB)", contenders, megabytes), "MB", "%.2f"), 1);
    CategoryPlot q = barPlot(one("SSIM against the source", contenders, ssim), "SSIM", "%.4f");
    double lo = min(ssim);
    if (!Double.isNaN(lo)) {
      ((NumberAxis) q.getRangeAxis()).setRange(Math.max(0, lo - 0.02), 1.0);
    }
    combined.add(q, 1);
    combined.setGap(12);
    combined.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    combined.getDomainAxis().setMaximumCategoryLabelLines(3);
    for (Object p : combined.getSubplots()) {
      CategoryPlot sub = (CategoryPlot) p;
      sub.setRenderer(byCategory((BarRenderer) sub.getRenderer()));
      sub.getRangeAxis().setUpperMargin(0.15);
    }
    // Each panel has one series; the colours follow the contenders, named on the shared axis.
    JFreeChart chart = new JFreeChart("FrameFork against FFmpeg's own threading", JFreeChart.DEFAULT_TITLE_FONT, combined, false);
    finish(chart, subtitle);
    save(file, chart, WIDTH, 760);
  }

  /** Nanoseconds per event per thread for each counter, grouped by rate and thread count (log scale). */
  public static void sharedState(Path file, String subtitle, DefaultCategoryDataset nanosPerEvent) throws IOException {
    CategoryPlot plot = barPlot(nanosPerEvent, "ns per event per thread (log scale)", "%.1f");
    LogAxis y = new LogAxis("ns per event per thread (log scale)");
    y.setBase(10);
    y.setTickUnit(new NumberTickUnit(1));
    y.setMinorTickCount(9);
    y.setMinorTickMarksVisible(true);
    y.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int r = 0; r < nanosPerEvent.getRowCount(); r++) {
      for (int c = 0; c < nanosPerEvent.getColumnCount(); c++) {
        Number v = nanosPerEvent.getValue(r, c);
        if (v != null && v.doubleValue() > 0) {
          lo = Math.min(lo, v.doubleValue());
          hi = Math.max(hi, v.doubleValue());
        }
      }
    }
    if (hi > 0) {
      y.setRange(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi * 1.5))));
    }
    plot.setRangeAxis(y);
    JFreeChart chart = new JFreeChart("Progress counters: cost per event", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    finish(chart, subtitle);
    save(file, chart);
  }

  // --- building blocks ---------------------------------------------------------------------------

  /** The same bars, coloured by category instead of by series. */
  private static BarRenderer byCategory(BarRenderer like) {
    BarRenderer r = new BarRenderer() {
      @Override
      public Paint getItemPaint(int row, int column) {
        return BARS[column % BARS.length];
      }
    };
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setMaximumBarWidth(like.getMaximumBarWidth());
    r.setDefaultItemLabelGenerator(like.getDefaultItemLabelGenerator());
    r.setDefaultItemLabelsVisible(like.getDefaultItemLabelsVisible());
    r.setDefaultItemLabelFont(like.getDefaultItemLabelFont());
    return r;
  }

  private static DefaultCategoryDataset one(String series, List<String> categories, double[] values) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (int i = 0; i < categories.size(); i++) {
      d.addValue(Double.isNaN(values[i]) ? null : values[i], series, categories.get(i));
    }
    return d;
  }

  private static CategoryPlot barPlot(DefaultCategoryDataset data, String valueLabel, String labelFormat) {
    CategoryAxis x = new CategoryAxis();
    x.setMaximumCategoryLabelLines(3);
    NumberAxis y = new NumberAxis(valueLabel);
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    r.setMaximumBarWidth(0.18);
    for (int i = 0; i < BARS.length; i++) {
      r.setSeriesPaint(i, BARS[i]);
    }
    if (labelFormat != null) {
      r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat(
          labelFormat.equals("%.4f") ? "0.0000" : labelFormat.equals("%.1f") ? "0.0" : "0.00")));
      r.setDefaultItemLabelsVisible(true);
      r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    plot.setOrientation(PlotOrientation.VERTICAL);
    style(plot);
    return plot;
  }

  private static JFreeChart xyChart(String title, String subtitle, String xLabel, String yLabel, XYSeriesCollection data,
      Color[] colours, boolean[] dashed) {
    NumberAxis x = new NumberAxis(xLabel);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    XYPlot plot = new XYPlot(data, x, y, renderer(colours, dashed));
    style(plot);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    finish(chart, subtitle);
    return chart;
  }

  private static XYLineAndShapeRenderer renderer(Color[] colours, boolean[] dashed) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < colours.length; i++) {
      r.setSeriesPaint(i, colours[i]);
      r.setSeriesStroke(i, dashed[i] ? DASHED : SOLID);
      r.setSeriesShapesVisible(i, !dashed[i]);
    }
    return r;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineVisible(false);
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
  }

  private static void style(CategoryPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineVisible(false);
  }

  private static void finish(JFreeChart chart, String subtitle) {
    chart.setBackgroundPaint(Color.WHITE);
    if (subtitle != null && !subtitle.isBlank()) {
      TextTitle t = new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      t.setPaint(Color.DARK_GRAY);
      chart.addSubtitle(t);
    }
  }

  private static ValueMarker marker(double at, String label) {
    ValueMarker m = new ValueMarker(at, IDEAL, THIN);
    m.setLabel(label);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    m.setLabelPaint(Color.DARK_GRAY);
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    return m;
  }

  private static XYSeries series(String name, int[] x, double[] y) {
    return series(name, toDouble(x), y);
  }

  private static XYSeries series(String name, double[] x, double[] y) {
    XYSeries s = new XYSeries(name, false, true);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(y[i])) {
        s.add(x[i], y[i]);
      }
    }
    return s;
  }

  private static double[] toDouble(int[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        m = Math.max(m, d);
      }
    }
    return m;
  }

  private static double min(double[] v) {
    double m = Double.NaN;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        m = Double.isNaN(m) ? d : Math.min(m, d);
      }
    }
    return m;
  }

  private static void save(Path file, JFreeChart chart) throws IOException {
    save(file, chart, WIDTH, HEIGHT);
  }

  private static void save(Path file, JFreeChart chart, int width, int height) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }
}
