package org.framefork.app.workers;

import java.awt.BorderLayout;
import java.nio.file.Path;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.settings.ClusterSetting;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.report.JobReport;

/**
 * What the engine's workers are doing: the lane chart, the process's CPU use, and how the last run
 * compares with the last sequential run of the same input.
 */
public final class WorkersView extends JPanel implements JobObserver {
  /** CPU use while a job ran, in cores. */
  public record CpuUse(double meanCores, double peakCores, int samples, int cores) {}

  /**
   * A machine's group of lanes in a cluster job, as the view shows it.
   *
   * @param name the node's name (its {@code --listen} address), or "this machine"
   * @param chunks the chunks it finished
   * @param rows its lanes' rows
   * @param header the group's header line
   * @param left whether the node left the cluster during the job
   */
  public record NodeGroup(String name, int chunks, int rows, String header, boolean left) {}

  private final LaneChart chart = new LaneChart();
  /** The running job's plan, and how many chunks idle workers have split off it so far. */
  private JobEvent.JobPlanned planned;
  private int splits;
  private final ProcessCpuSampler sampler = new ProcessCpuSampler();
  private final RunHistory history = new RunHistory();
  private final JLabel heading = new JLabel("Workers");
  /** The job's plan in words; cut with an ellipsis in a narrow window, whole in its tooltip. */
  private final JLabel planText = new JLabel(" ") {
    @Override
    public void setText(String text) {
      super.setText(text);
      setToolTipText(text == null || text.isBlank() ? null : text);
    }
  };
  private final JLabel cpuText = new JLabel("CPU –");
  private final JLabel speedup = new JLabel(" ");
  private boolean jobRunning;
  /** This machine's workers in a cluster job; -1 for a job on this machine only. */
  private int clusterLocal = -1;
  private double cpuSum;
  private double cpuPeak;
  private int cpuCount;

  public WorkersView() {
    super(new BorderLayout(0, 6));
    setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
    JPanel header = new JPanel(new BorderLayout(8, 0));
    header.setOpaque(false);
    heading.putClientProperty("FlatLaf.styleClass", "h4");
    planText.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    header.add(heading, BorderLayout.WEST);
    header.add(planText, BorderLayout.CENTER);
    add(header, BorderLayout.NORTH);
    add(chart, BorderLayout.CENTER);

    cpuText.setName("cpuText");
    cpuText.setToolTipText("This process's CPU use (OperatingSystemMXBean.getProcessCpuLoad), in cores");
    header.add(cpuText, BorderLayout.EAST);
    speedup.setName("speedup");
    add(speedup, BorderLayout.SOUTH);

    sampler.start(this::cpuSample);
  }

  public void shutdown() {
    sampler.stop();
  }

  /** CPU use of the last (or the current) job. */
  public CpuUse cpuUse() {
    return new CpuUse(cpuCount == 0 ? 0 : cpuSum / cpuCount, cpuPeak, cpuCount, sampler.cores());
  }

  public int laneCount() {
    return chart.laneCount();
  }

  public int sliceCount() {
    return chart.sliceCount();
  }

  /** The labels of the chunks the lanes are on now ("#2 probe crf 27 …" while target quality probes), lane by lane. */
  public java.util.List<String> activeLabels() {
    return chart.activeLabels();
  }

  /** A cluster job's lanes by machine, this machine first; empty for a job on this machine only. */
  public java.util.List<NodeGroup> nodeGroups() {
    return chart.groups().stream().map(g -> new NodeGroup(g.name(), g.chunks(), g.rows().size(), g.header(), g.left())).toList();
  }

  private void cpuSample(long at, double cores) {
    chart.addCpu(at, cores);
    cpuText.setText(String.format("CPU %.1f of %d cores", cores, sampler.cores()));
    if (jobRunning) {
      cpuSum += cores;
      cpuCount++;
      cpuPeak = Math.max(cpuPeak, cores);
    }
  }

  @Override
  public void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {
    ClusterSetting cluster = entry.settings() == null ? null : entry.settings().cluster();
    clusterLocal = cluster == null ? -1 : cluster.localWorkers();
    chart.cluster(clusterLocal);
    chart.reset();
    jobRunning = true;
    cpuSum = 0;
    cpuPeak = 0;
    cpuCount = 0;
    heading.setText("Workers");
    planText.setText(describe(options.mode(), options.workers(), -1));
    // The last job's summary is not this one's: it went on showing under the new job's lanes until it ended.
    speedup.setText(" ");
    speedup.setToolTipText(null);
  }

  @Override
  public void jobEvent(QueueEntry entry, JobEvent event) {
    chart.apply(event);
    if (event instanceof JobEvent.JobPlanned p) {
      planned = p;
      splits = 0;
      planText.setText(describe(p.mode(), p.workers(), p.plan().size()));
    } else if (event instanceof JobEvent.ChunkSplit && planned != null) {
      splits++;
      planText.setText(describe(planned.mode(), planned.workers(), planned.plan().size() + splits)
          + String.format(" (%d split off while running)", splits));
    }
  }

  @Override
  public void jobEnded(QueueEntry entry, JobRun run) {
    jobRunning = false;
    if (!(run.outcome() instanceof JobOutcome.Done done)) {
      speedup.setText(" ");
      return;
    }
    JobReport.Chunks chunks = done.report().chunks();
    double wall = done.report().stages().wallSeconds();
    String key = key(entry.input(), run.options());
    ExecutionMode mode = run.options().mode();
    String name = entry.name();
    speedup.setToolTipText(String.format("<html>%s, %s: %.1f s wall, %.1f s of chunk work<br>"
        + "chunks overlapped ×%.2f on average (chunk work / encode time)</html>", name, mode, wall,
        chunks.sumSeconds(), chunks.speedup()));
    if (mode == ExecutionMode.SEQUENTIAL) {
      history.recordSequential(key, wall);
      speedup.setText(String.format("%s: %.1f s sequential, the baseline for its next run", name, wall));
      return;
    }
    Double base = history.sequentialBaseline(key);
    if (base == null) {
      speedup.setText(String.format("%s: %.1f s %s; encode it once sequentially to measure the speedup", name,
          wall, mode));
    } else {
      speedup.setText(String.format("%s: ×%.2f faster than sequential (%.1f s → %.1f s)", name, base / wall,
          base, wall));
    }
  }

  private static String key(Path input, JobOptions o) {
    return input.toAbsolutePath().normalize() + "|" + o.video().codec() + "/" + o.video().preset() + "/" + o.video().crf();
  }

  private String describe(ExecutionMode mode, int workers, int chunks) {
    String how = switch (mode) {
      case SEQUENTIAL -> "sequential: one thread, one chunk after another";
      case CONCURRENT -> "concurrent: one thread, chunks interleaved";
      case PARALLEL -> clusterLocal >= 0 ? onCluster(workers, chunks)
          : "parallel: " + workers + (workers == 1 ? " worker" : " workers") + " at once";
    };
    return chunks < 0 ? how : how + " · " + chunks + (chunks == 1 ? " chunk" : " chunks");
  }

  /** A cluster job: its lanes (once planned), how many of them this machine's. */
  private String onCluster(int lanes, int chunks) {
    String here = clusterLocal + " here";
    return chunks < 0 ? "parallel: the cluster's nodes and " + here
        : "parallel: " + here + ", " + Math.max(0, lanes - clusterLocal) + " on the nodes";
  }

  /**
   * Labels here change text several times a second; stopping their revalidation at this panel keeps
   * each change from laying out the whole window again on the UI thread.
   */
  @Override
  public boolean isValidateRoot() {
    return true;
  }
}
