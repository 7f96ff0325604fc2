package org.framefork.app.workers;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.awt.Rectangle;
import javax.swing.JComponent;
import com.formdev.flatlaf.util.UIScale;
import org.framefork.app.AnimationClock;
import org.framefork.app.Theme;
import org.framefork.app.Wordings;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.report.NodeTiming;

/**
 * One lane per worker, one bar per chunk (one per turn in the concurrent mode), on a time axis that
 * is rescaled to fit as the job runs. Colour tells chunks apart; gaps are idle time.
 */
final class LaneChart extends JComponent {
  /** The narrowest column for the lanes' names, at UI scale 1; wider where the names are (a larger UI scale or font). */
  private static final int LABEL_W = 64;
  private static final int TOP = 4;
  static final String EMPTY_TEXT = "Each worker's chunks appear here as a job runs.";
  static final long CPU_PERIOD_NANOS = ProcessCpuSampler.PERIOD_MILLIS * 1_000_000L;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private long[] cpuAt = new long[256];
  private double[] cpuCores = new double[256];
  private int cpuCount;
  private final LaneTimeline timeline = new LaneTimeline();
  // Redraws while a job runs (15 times a second) so the bars in progress grow between events.
  private final AnimationClock.Listener animation = tick -> {
    if (tick % 2 == 1) {
      repaint();
    }
  };
  private boolean animating;
  /** A cluster job's figures per machine, from its report once it is done. */
  private Map<String, NodeTiming> timings = Map.of();
  /** Where the last paint put each row, for the tooltips. */
  private final List<Placed> placed = new ArrayList<>();

  private record Placed(int y, int height, NodeGroups.Row row) {}

  /** Where the last paint began the plot (right of the names), for the tooltips. */
  private int plotX = LABEL_W;
  /** Every text the last paint drew, where (tests: none is cut or drawn over another). */
  private final List<Text> texts = new ArrayList<>();

  /** A text drawn, and the box it took. */
  record Text(String text, Rectangle bounds) {}

  LaneChart() {
    setPreferredSize(UIScale.scale(new Dimension(480, 220)));
    setMinimumSize(UIScale.scale(new Dimension(200, 80)));
    setOpaque(true); // it fills its own background, so its repaints need not draw what is behind it
    setToolTipText("");
  }

  @Override
  public void removeNotify() {
    if (animating) {
      AnimationClock.remove(animation);
      animating = false;
    }
    super.removeNotify();
  }

  /** The next job runs on a cluster with {@code localWorkers} of this machine's own (its lanes are grouped by node); -1: not. */
  void cluster(int localWorkers) {
    timeline.cluster(localWorkers);
  }

  void reset() {
    timeline.reset();
    timings = Map.of();
    cpuCount = 0;
    repaint();
  }

  void apply(JobEvent e) {
    timeline.apply(e);
    if (e instanceof JobEvent.JobDone d && d.report().nodes() != null) {
      timings = d.report().nodes().stream().collect(Collectors.toMap(NodeTiming::node, t -> t, (a, b) -> a));
    }
    if (timeline.running() != animating) {
      animating = timeline.running();
      if (animating) {
        AnimationClock.add(animation);
      } else {
        AnimationClock.remove(animation);
      }
    }
    repaint();
  }

  int laneCount() {
    return timeline.lanes().size();
  }

  /** What the running lanes' bars say now (the in-progress bar's label). */
  List<String> activeLabels() {
    return timeline.lanes().stream().filter(l -> l.activeChunk >= 0).map(timeline::activeLabel).toList();
  }

  /** A cluster job's lanes by machine; empty for a job on this machine only. */
  List<NodeGroups.Group> groups() {
    return timeline.localLanes() < 0 ? List.of() : NodeGroups.of(timeline, timings);
  }

  /** Slices drawn so far, all lanes together (tests and the concurrent mode's interleaving). */
  int sliceCount() {
    return timeline.lanes().stream().mapToInt(l -> l.slices.size()).sum();
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    texts.clear();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      // Bars are axis-aligned: antialiasing would only cost the UI thread time.
      int w = getWidth();
      int h = getHeight();
      g.setColor(Theme.chartBackground());
      g.fillRect(0, 0, w, h);
      g.setFont(getFont().deriveFont(getFont().getSize2D() - 1f));
      FontMetrics fm = g.getFontMetrics();
      if (timeline.lanes().isEmpty()) {
        g.setColor(Theme.dimForeground());
        List<String> lines = wrap(EMPTY_TEXT, fm, w - 16);
        int top = (h - lines.size() * fm.getHeight()) / 2 + fm.getAscent();
        for (int i = 0; i < lines.size(); i++) {
          text(g, fm, lines.get(i), (w - fm.stringWidth(lines.get(i))) / 2, top + i * fm.getHeight());
        }
        return;
      }
      long now = System.nanoTime();
      long origin = timeline.origin();
      long end = timeline.end(now);
      double span = Math.max(1e9, end - origin); // at least one second, so a new job does not start zoomed in
      List<NodeGroups.Group> groups = groups();
      boolean grouped = timeline.localLanes() >= 0;
      int n = grouped ? groups.stream().mapToInt(gr -> gr.rows().size()).sum() : timeline.lanes().size();
      int headerH = fm.getHeight() + 2;
      int available = available(fm) - groups.size() * headerH;
      // Too low for a line of text per lane (a large UI scale in a small window): the lanes take the legend's line.
      boolean legendShown = available / Math.max(1, n) >= fm.getHeight();
      if (!legendShown) {
        available += legendHeight(fm);
      }
      int laneH = laneHeight(available, Math.max(1, n), fm);
      if (grouped) {
        // The headers take room: rows of at least 8 pixels with a short CPU band, else rows only.
        int withCpu = (available - UIScale.scale(46)) / Math.max(1, n);
        laneH = Math.max(laneH, withCpu >= UIScale.scale(8) ? Math.min(UIScale.scale(14), withCpu)
            : Math.min(UIScale.scale(12), available / Math.max(1, n)));
      }
      int cpuH = Math.min(UIScale.scale(110), available - n * laneH - UIScale.scale(10));
      int gap = laneH >= UIScale.scale(14) ? UIScale.scale(4) : 1;
      int y = grouped ? placeGroups(g, fm, groups, laneH, headerH) : placeLanes(laneH);
      plotX = labelWidth(fm);
      int plotW = Math.max(1, w - plotX - UIScale.scale(8));
      for (Placed p : placed) {
        drawLane(g, fm, p.row(), p.y(), laneH, gap, plotX, plotW, origin, span, now);
      }
      if (cpuH >= Math.max(UIScale.scale(36), fm.getHeight())) {
        drawCpu(g, fm, plotX, plotW, y + UIScale.scale(10), cpuH, origin, end, span);
        y += UIScale.scale(10) + cpuH;
      }
      drawAxis(g, fm, plotX, plotW, y, span);
      if (!legendShown) {
        return;
      }
      g.setColor(Theme.dimForeground());
      // Under the plot where it fits there, else from the left edge, under the lanes' names too.
      // The wordings once a paint: each scans every slice, thousands in concurrent mode.
      List<String> variants = legendVariants();
      int margin = UIScale.scale(8);
      boolean underPlot = fm.stringWidth(variants.getFirst()) <= w - plotX - margin; // the whole wording fits there
      String legend = underPlot ? variants.getFirst() : Wordings.longestFitting(variants, fm, w - 2 * margin);
      text(g, fm, legend, underPlot ? plotX : margin, y + axisHeight(fm) + fm.getAscent() + 2);
    } finally {
      g.dispose();
    }
  }

  /**
   * A row at {@code y}: its label, its lane's finished slices on its machine and, while the job runs,
   * the chunk the lane is on now if it runs there; time {@code origin} is at {@code plotX} and
   * {@code span} nanoseconds fill {@code plotW}.
   */
  private void drawLane(Graphics2D g, FontMetrics fm, NodeGroups.Row row, int y, int laneH, int gap, int plotX, int plotW,
      long origin, double span, long now) {
    LaneTimeline.Lane lane = row.lane();
    g.setColor(Theme.foreground());
    if (laneH >= fm.getAscent()) {
      text(g, fm, row.label(), UIScale.scale(8), y + (laneH - gap + fm.getAscent()) / 2 - 1);
    }
    g.setColor(Theme.gridLine());
    g.fillRect(plotX, y + (laneH - gap) / 2, plotW, 1);
    boolean showActive = timeline.running() && row.runsActive() && timeline.mode() != ExecutionMode.CONCURRENT;
    int runningFrom = showActive ? runningFrom(lane) : lane.slices.size();
    int drawnTo = Integer.MIN_VALUE;
    for (LaneTimeline.Slice s : lane.slices.subList(0, runningFrom)) {
      if (!row.owns(s)) {
        continue;
      }
      int x0 = plotX + (int) Math.round((s.start - origin) / span * plotW);
      int x1 = plotX + (int) Math.round((s.end - origin) / span * plotW);
      if (x1 <= drawnTo && !s.failed && !s.stopped) {
        continue; // thousands of short turns (concurrent mode, long videos) share a few pixels
      }
      Look look = s.failed ? Look.FAILED : s.stopped ? Look.STOPPED : Look.DONE;
      drawSlice(g, fm, s.chunk, timeline.label(s), x0, Math.max(1, x1 - x0), y, laneH - gap, look);
      drawnTo = Math.max(x0 + 1, x1);
    }
    // The chunk a worker is on now, from its start on this lane to now: one faded bar with one label.
    if (showActive) {
      long from = runningFrom < lane.slices.size() ? lane.slices.get(runningFrom).start : lane.lastAt;
      int x0 = plotX + (int) Math.round((from - origin) / span * plotW);
      int x1 = plotX + (int) Math.round((now - origin) / span * plotW);
      drawSlice(g, fm, lane.activeChunk, timeline.activeLabel(lane), x0, Math.max(1, x1 - x0), y, laneH - gap, Look.RUNNING);
    }
  }

  /** Where the lane's slices of its chunk in progress begin (they end its list); the list's size when it has none yet. */
  private static int runningFrom(LaneTimeline.Lane lane) {
    int i = lane.slices.size();
    while (i > 0) {
      LaneTimeline.Slice s = lane.slices.get(i - 1);
      if (s.chunk != lane.activeChunk || s.finished || s.failed || s.label != null || !java.util.Objects.equals(s.node, lane.node)) {
        break;
      }
      i--;
    }
    return i;
  }

  /** {@code text} in lines of at most {@code width} pixels, broken between words (a word longer than that stands alone). */
  static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new ArrayList<>();
    String line = "";
    for (String word : text.split(" ")) {
      String longer = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && fm.stringWidth(longer) > width) {
        lines.add(line);
        line = word;
      } else {
        line = longer;
      }
    }
    lines.add(line);
    return lines;
  }

  /**
   * The legend line's wordings, longest first: what colour, fading, hatching and red mean, for what
   * the lanes show now (the whole sentence at the default size, the keys alone in a narrow window).
   */
  List<String> legendVariants() {
    List<String> keys = new ArrayList<>();
    keys.add("colour = chunk");
    if (timeline.running() && timeline.mode() != ExecutionMode.CONCURRENT) {
      keys.add("faded = running"); // faded towards the background: paler in the light theme, darker in the dark one
    }
    if (timeline.stoppedAs() != null && timeline.lanes().stream().anyMatch(l -> l.slices.stream().anyMatch(s -> s.stopped))) {
      keys.add("hatched = " + timeline.stoppedAs());
    }
    if (timeline.lanes().stream().anyMatch(l -> l.slices.stream().anyMatch(s -> s.failed))) {
      keys.add("red = failed or lost");
    }
    String joined = String.join(", ", keys);
    String whole = timeline.mode() == ExecutionMode.CONCURRENT
        ? "One thread takes turns: a few frames of one chunk, then of the next (" + joined + ")."
        : "Each bar is a chunk (" + joined + "); gaps are idle time.";
    // Narrower: the keys alone, then without the colours' (the bars show it), then the last key.
    String withoutColours = String.join(" · ", keys.subList(Math.min(1, keys.size() - 1), keys.size()));
    return java.util.stream.Stream.of(whole, String.join(" · ", keys), withoutColours, keys.getLast()).distinct().toList();
  }

  /** One row per lane, from the top. Returns the y below them. */
  private int placeLanes(int laneH) {
    placed.clear();
    int y = UIScale.scale(TOP);
    for (int i = 0; i < timeline.lanes().size(); i++) {
      String label = timeline.mode() == ExecutionMode.PARALLEL ? workerLabel(i) : "thread";
      placed.add(new Placed(y, laneH, new NodeGroups.Row(label, timeline.lanes().get(i), null)));
      y += laneH;
    }
    return y;
  }

  /**
   * A lane's name: the engine's worker number, from 0, as the entry's log, the command line's
   * progress and the report name it.
   */
  static String workerLabel(int worker) {
    return "worker " + worker;
  }

  /** A cluster job's rows under a header per machine (drawn here). Returns the y below them. */
  private int placeGroups(Graphics2D g, FontMetrics fm, List<NodeGroups.Group> groups, int laneH, int headerH) {
    placed.clear();
    int y = UIScale.scale(TOP);
    for (NodeGroups.Group group : groups) {
      g.setColor(Theme.dimForeground());
      text(g, fm, group.header(), UIScale.scale(8), y + fm.getAscent());
      y += headerH;
      for (NodeGroups.Row row : group.rows()) {
        placed.add(new Placed(y, laneH, row));
        y += laneH;
      }
    }
    return y;
  }

  /** Height left for lanes and the CPU band once the axis and the legend line are placed. */
  private int available(FontMetrics fm) {
    return getHeight() - UIScale.scale(TOP) - axisHeight(fm) - legendHeight(fm);
  }

  /** The legend's line under the axis. */
  private static int legendHeight(FontMetrics fm) {
    return fm.getHeight() + UIScale.scale(6);
  }

  /** The time axis: its ticks and a line of their labels under them. */
  private static int axisHeight(FontMetrics fm) {
    return UIScale.scale(4) + fm.getHeight();
  }

  /** The names' column: the widest name (the CPU band's too) and a margin either side, at least {@link #LABEL_W} scaled. */
  private int labelWidth(FontMetrics fm) {
    int widest = fm.stringWidth(coresText());
    for (Placed p : placed) {
      widest = Math.max(widest, fm.stringWidth(p.row().label()));
    }
    // A name wider than a third of the chart is cut by its bars instead.
    return Math.max(UIScale.scale(LABEL_W), Math.min(getWidth() / 3, widest + UIScale.scale(16)));
  }

  /**
   * Lanes come first, up to a comfortable bar; the CPU band takes what is left if that leaves each
   * lane room for its name, else the lanes take it all.
   */
  private static int laneHeight(int available, int lanes, FontMetrics fm) {
    int withCpu = (available - UIScale.scale(60)) / lanes;
    int most = UIScale.scale(44);
    return withCpu >= fm.getHeight() ? Math.min(most, withCpu) : Math.max(UIScale.scale(4), Math.min(most, available / lanes));
  }

  private String coresText() {
    int maxCores = Math.max(1, cores);
    return maxCores + (maxCores == 1 ? " core" : " cores");
  }

  /**
   * The process's CPU use (cores busy) on the lanes' time axis: parallel workers show as two cores
   * busy, the concurrent mode's one thread as one, however many chunks it has open.
   */
  private void drawCpu(Graphics2D g, FontMetrics fm, int x, int w, int y, int h, long origin, long end, double span) {
    int maxCores = Math.max(1, cores);
    g.setColor(Theme.foreground());
    text(g, fm, "CPU", UIScale.scale(8), y + fm.getAscent());
    if (h >= 2 * fm.getHeight()) {
      g.setColor(Theme.dimForeground());
      text(g, fm, coresText(), UIScale.scale(8), y + fm.getAscent() + fm.getHeight());
    }
    g.setColor(Theme.gridLine());
    for (int c = 0; c <= maxCores; c++) {
      int gy = y + h - (int) Math.round(c / (double) maxCores * h);
      g.fillRect(x, gy, w, 1);
    }
    Color fill = Theme.chunkColor(2);
    g.setColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), 150));
    long prev = Long.MIN_VALUE;
    for (int i = 0; i < cpuCount; i++) {
      long at = cpuAt[i];
      if (at <= origin || at > end + CPU_PERIOD_NANOS) {
        continue;
      }
      // A sample is the mean since the sample before it: a step from that one to this one.
      long from = Math.max(origin, prev == Long.MIN_VALUE ? at - CPU_PERIOD_NANOS : prev);
      int x0 = x + (int) Math.round((from - origin) / span * w);
      int x1 = x + (int) Math.round((Math.min(at, end) - origin) / span * w);
      int bh = (int) Math.round(Math.min(maxCores, cpuCores[i]) / maxCores * h);
      g.fillRect(x0, y + h - bh, Math.max(1, x1 - x0), bh);
      prev = at;
    }
  }

  /** Adds a CPU sample taken at {@code at} (nanoTime), averaged over the sampling period before it. */
  void addCpu(long at, double busyCores) {
    if (!timeline.running()) {
      return;
    }
    if (cpuCount == cpuAt.length) {
      cpuAt = java.util.Arrays.copyOf(cpuAt, cpuCount * 2);
      cpuCores = java.util.Arrays.copyOf(cpuCores, cpuCount * 2);
    }
    cpuAt[cpuCount] = at;
    cpuCores[cpuCount] = busyCores;
    cpuCount++;
  }

  /** How a slice is drawn: finished, running (faded), stopped by a cancel or a failure (hatched), failed or lost (red). */
  enum Look { DONE, RUNNING, STOPPED, FAILED }

  static final int HATCH_STEP = 6;

  private void drawSlice(Graphics2D g, FontMetrics fm, int chunk, String text, int x, int width, int y, int height, Look look) {
    Color c = look == Look.FAILED ? Theme.bad() : Theme.chunkColor(chunk);
    if (look == Look.RUNNING) {
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
    }
    g.setColor(c);
    g.fillRect(x, y, width, height);
    g.setComposite(AlphaComposite.SrcOver);
    if (look == Look.STOPPED) {
      hatch(g, x, y, width, height);
    }
    // The whole label (with target quality's CRF and score) where it fits, else the chunk's number.
    int pad = UIScale.scale(6);
    String label = width > fm.stringWidth(text) + pad ? text : "#" + chunk;
    if (width > fm.stringWidth(label) + pad && height >= fm.getAscent()) {
      // Dark text on a bar; a running bar in the dark theme is faded towards black, so its text is light.
      g.setColor(look == Look.RUNNING && Theme.isDark() ? Theme.foreground() : Theme.isDark() ? new Color(0x1E1F22)
          : new Color(0x202124));
      text(g, fm, label, x + UIScale.scale(4), y + (height + fm.getAscent()) / 2 - 2);
    }
  }

  /** Diagonal stripes of the chart's background across a bar: time spent on a chunk that never finished. */
  private static void hatch(Graphics2D g, int x, int y, int width, int height) {
    Graphics2D h = (Graphics2D) g.create();
    try {
      h.clipRect(x, y, width, height);
      h.setColor(Theme.chartBackground());
      h.setStroke(new java.awt.BasicStroke(2f));
      for (int d = x - height; d < x + width; d += HATCH_STEP) {
        h.drawLine(d, y + height, d + height, y);
      }
    } finally {
      h.dispose();
    }
  }

  private void drawAxis(Graphics2D g, FontMetrics fm, int x, int w, int y, double spanNanos) {
    double seconds = spanNanos / 1e9;
    // A tick per widest label and a gap as wide as two spaces' and a bit: labels never run together.
    double tickPx = fm.stringWidth(String.format("%.1f s", seconds)) + fm.stringWidth("  ") + UIScale.scale(8);
    double step = niceStep(seconds / Math.max(1, w / tickPx));
    g.setColor(Theme.dimForeground());
    int tick = UIScale.scale(3);
    // The last label is pulled left to end at the plot's right edge; where that takes it into the one
    // before it (the span just past a tick, a narrow chart), it is left out, its tick kept.
    int taken = Integer.MIN_VALUE;
    for (double t = 0; t <= seconds + 1e-9; t += step) {
      int tx = x + (int) Math.round(t / seconds * w);
      g.drawLine(tx, y, tx, y + tick);
      String s = step < 1 ? String.format("%.1f s", t) : String.format("%.0f s", t);
      int left = Math.min(tx - fm.stringWidth(s) / 2, x + w - fm.stringWidth(s));
      if (left >= taken) {
        text(g, fm, s, left, y + tick + 1 + fm.getAscent());
        taken = left + fm.stringWidth(s) + fm.stringWidth(" ");
      }
    }
  }

  /** Draws {@code s} with its baseline's left end at x, y, and notes the box it takes. */
  private void text(Graphics2D g, FontMetrics fm, String s, int x, int y) {
    g.drawString(s, x, y);
    texts.add(new Text(s, new Rectangle(x, y - fm.getAscent(), fm.stringWidth(s), fm.getAscent() + fm.getDescent())));
  }

  /** The texts the last paint drew (tests). */
  List<Text> texts() {
    return List.copyOf(texts);
  }

  /** The rows' height at the last paint; 0 before one (tests). */
  int laneHeight() {
    return placed.isEmpty() ? 0 : placed.getFirst().height();
  }

  private static double niceStep(double raw) {
    double[] steps = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    for (double s : steps) {
      if (s >= raw) {
        return s;
      }
    }
    return 7200;
  }

  @Override
  public String getToolTipText(MouseEvent e) {
    Placed at = placed.stream().filter(p -> e.getY() >= p.y() && e.getY() < p.y() + p.height()).findFirst().orElse(null);
    if (at == null || e.getX() < plotX) {
      return null;
    }
    long origin = timeline.origin();
    double span = Math.max(1e9, timeline.end(System.nanoTime()) - origin);
    long t = origin + (long) ((e.getX() - plotX) / (double) Math.max(1, getWidth() - plotX - UIScale.scale(8)) * span);
    for (LaneTimeline.Slice s : at.row().lane().slices) {
      if (at.row().owns(s) && t >= s.start && t <= s.end) {
        return String.format("chunk %d · %.2f–%.2f s · %d frames%s", s.chunk, (s.start - origin) / 1e9, (s.end - origin) / 1e9,
            s.frames, s.failed ? " · failed" : s.stopped ? " · " + timeline.stoppedAs() : s.finished ? " · done" : "");
      }
    }
    return null;
  }
}
