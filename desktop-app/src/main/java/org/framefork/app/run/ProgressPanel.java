package org.framefork.app.run;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.Timer;
import org.framefork.app.Theme;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.settings.ClusterSetting;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;

/** The current job's and the whole queue's progress: frames, frames per second, elapsed, ETA. */
public final class ProgressPanel extends JPanel implements JobObserver {
  private final QueueRunner runner;
  private final JLabel title = new JLabel("Ready");
  private final JLabel stage = new JLabel(" ");
  private final JProgressBar jobBar = new JProgressBar(0, 1000);
  private final JLabel figures = new JLabel(" ");
  private final JLabel overallLabel = new JLabel("Queue");
  private final JProgressBar overallBar = new JProgressBar(0, 1000);
  private final JLabel overallFigures = new JLabel(" ");
  private final Timer ticker = new Timer(250, e -> refresh());
  private long jobStartedAt;
  private long runStartedAt;
  /** The last job's line once one has ended; null before, when the line says what waits. */
  private String summary;
  /**
   * The last job when it was cancelled, or failed keeping its work (a full disk): what it keeps is
   * counted after it ended, and ends the line once known.
   */
  private QueueEntry keeping;
  /** This machine's workers in a cluster job; -1 for a job on this machine only. */
  private int clusterLocal = -1;
  private String titleEnd = "";
  /** The line under the bar between jobs, in full; the label shows it fitted to its width by its paths. */
  private String idleLine;

  public ProgressPanel(QueueRunner runner) {
    super(new GridBagLayout());
    this.runner = runner;
    setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
    title.putClientProperty("FlatLaf.styleClass", "h4");
    stage.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    figures.setName("jobFigures");
    figures.setMinimumSize(new java.awt.Dimension(0, figures.getPreferredSize().height)); // cut with "…", not widening
    figures.addComponentListener(new java.awt.event.ComponentAdapter() {
      @Override
      public void componentResized(java.awt.event.ComponentEvent e) {
        fitIdleLine();
      }
    });
    jobBar.setStringPainted(true);
    overallBar.setStringPainted(true);
    overallFigures.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");

    GridBagConstraints c = new GridBagConstraints();
    c.gridx = 0;
    c.gridy = 0;
    c.gridwidth = 2;
    c.anchor = GridBagConstraints.LINE_START;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    add(title, c);
    c.gridx = 2;
    c.gridwidth = 1;
    c.weightx = 0;
    c.anchor = GridBagConstraints.LINE_END;
    add(stage, c);
    c.gridx = 0;
    c.gridy = 1;
    c.gridwidth = 3;
    c.weightx = 1;
    c.insets = new Insets(4, 0, 2, 0);
    add(jobBar, c);
    c.gridy = 2;
    c.insets = new Insets(0, 0, 6, 0);
    add(figures, c);
    c.gridy = 3;
    c.gridwidth = 1;
    c.weightx = 0;
    c.insets = new Insets(0, 0, 0, 8);
    add(overallLabel, c);
    c.gridx = 1;
    c.weightx = 1;
    add(overallBar, c);
    c.gridx = 2;
    c.weightx = 0;
    c.insets = new Insets(0, 0, 0, 0);
    add(overallFigures, c);
    // Entries added or removed while the queue is idle change what the idle lines say.
    runner.onQueueChange(() -> {
      if (!runner.isRunning()) {
        refresh();
      }
    });
    refresh();
  }

  @Override
  public void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {
    long now = System.nanoTime();
    jobStartedAt = now;
    if (!ticker.isRunning()) {
      runStartedAt = now;
      ticker.start();
    }
    ClusterSetting cluster = entry.settings() == null ? null : entry.settings().cluster();
    clusterLocal = cluster == null ? -1 : cluster.localWorkers();
    titleEnd = onUiThread ? " · on the UI thread" : "";
    title.setText("Encoding " + entry.name() + " · " + how(options.mode(), options.workers(), -1) + titleEnd);
    refresh();
    if (onUiThread) {
      // The last frame the user sees before the freeze should say why it is coming.
      idleLine = null;
      figures.setText("Running on the UI thread: the window does not answer until this job ends.");
      figures.setForeground(Theme.bad());
      paintImmediately(0, 0, getWidth(), getHeight());
    }
  }

  /**
   * The mode and who encodes: a cluster job's workers are this machine's (which may be none) and the
   * nodes', whose number is known once the job is planned ({@code nodeWorkers} < 0 before).
   */
  private String how(ExecutionMode mode, int workers, int nodeWorkers) {
    if (mode != ExecutionMode.PARALLEL) {
      return mode.toString();
    }
    if (clusterLocal < 0) {
      return mode + ", " + JobLog.workers(workers);
    }
    return mode + " on the cluster, " + clusterLocal + " here + " + (nodeWorkers < 0 ? "the nodes" : JobLog.workers(nodeWorkers)
        + " on the nodes");
  }

  @Override
  public void jobEvent(QueueEntry entry, JobEvent event) {
    if (event instanceof JobEvent.JobPlanned planned && clusterLocal >= 0) {
      title.setText("Encoding " + entry.name() + " · " + how(planned.mode(), planned.workers(), runner.nodeWorkers()) + titleEnd);
    }
    // The bar follows each event, like the queue's; the figures (fps, ETA) are redrawn by the ticker.
    JobProgress p = runner.progress();
    jobBar.setValue((int) Math.round(p.fraction() * 1000));
    jobBar.setString(String.format("%d%%", (int) Math.floor(p.fraction() * 100)));
  }

  @Override
  public void jobEnded(QueueEntry entry, JobRun run) {
    keeping = run.outcome() instanceof JobOutcome.Cancelled || run.outcome() instanceof JobOutcome.Failed f && f.workKept()
        ? entry : null;
    summary = switch (run.outcome()) {
      // The output's path last: where the panel is narrow, it is what the ellipsis cuts (the tooltip has it whole).
      case JobOutcome.Done d -> String.format("Last: %s done in %s (%s)%s → %s", entry.name(),
          QueueEntry.duration(d.report().stages().wallSeconds()), QueueEntry.bytes(d.report().output().bytes()),
          notes(entry.notes()), entry.output());
      case JobOutcome.Failed f -> "Last: " + entry.name() + " failed: " + f.message();
      case JobOutcome.Cancelled c -> "Last: " + entry.name() + " cancelled; nothing at the destination";
    };
    refresh();
  }

  /**
   * The end of a cancelled job's line, or a failed one's that kept its work: what it keeps for Resume
   * (or Retry) once counted (finished chunks, its plan, nothing).
   */
  private String keptEnd() {
    if (keeping == null) {
      return "";
    }
    if (!runner.holds(keeping)) {
      return "."; // removed, and its work with it
    }
    String kept = keeping.keptSentence();
    return kept.isEmpty() ? "." : "; " + kept + ".";
  }

  /** Nothing when the job warned of nothing, else how many notes and where they are. */
  private static String notes(java.util.List<String> notes) {
    return notes.isEmpty() ? "" : String.format(" with %d note%s (see the queue row or its log)", notes.size(),
        notes.size() == 1 ? "" : "s");
  }

  @Override
  public void queueStopped() {
    ticker.stop();
    refresh();
  }

  /**
   * Shows the line between jobs cut in its paths' middles where the label is too narrow, so that
   * what ends it (a failure's "press Retry to start it over") stays whole; the tooltip has it in full.
   */
  private void fitIdleLine() {
    if (idleLine == null) {
      return;
    }
    Insets in = figures.getInsets();
    int width = figures.getWidth() - in.left - in.right;
    figures.setText(width <= 0 ? idleLine
        : org.framefork.app.Wordings.fitByPaths(idleLine, figures.getFontMetrics(figures.getFont()), width));
  }

  private void refresh() {
    long now = System.nanoTime();
    QueueEntry cur = runner.current();
    figures.setForeground(null);
    if (cur == null) {
      if (!runner.isRunning()) {
        int waiting = runner.waiting();
        String waits = waiting == 0 ? "" : waiting + " waiting; press Start.";
        // Before any job the line under the bar says what waits; after one, it keeps the last job's result and the title says it.
        String why = runner.stopReason() == null ? "" : ": " + runner.stopReason();
        // A run that went through to its end finished; only a Cancel, a full disk or impossible settings stop it.
        String ended = runner.endedEarly() ? "Queue stopped" + why : waiting == 0 ? "Queue finished" : "Finished";
        title.setText(runner.runs().isEmpty() ? "Ready" : ended + (waiting == 0 ? "" : " · " + waiting + " waiting"));
        stage.setText(" ");
        jobBar.setValue(0);
        jobBar.setString("");
        String line = summary != null ? summary + keptEnd() : waiting > 0 ? waits : "Add videos and press Start.";
        idleLine = line;
        fitIdleLine();
        figures.setToolTipText(line); // in full where a narrow window cuts the line (the output's path is long)
      }
    } else {
      JobProgress p = runner.progress();
      stage.setText(p.stageText());
      jobBar.setValue((int) Math.round(p.fraction() * 1000));
      jobBar.setString(String.format("%d%%", (int) Math.floor(p.fraction() * 100)));
      double fps = p.fps(now);
      double eta = p.etaSeconds(now);
      figures.setToolTipText(null);
      idleLine = null;
      figures.setText(String.format("frames %d / %s · %s fps · elapsed %s · ETA %s", p.framesDone(),
          p.totalFrames() > 0 ? Integer.toString(p.totalFrames()) : "?", fps > 0 ? String.format("%.1f", fps) : "–",
          clock((now - jobStartedAt) / 1e9), eta < 0 ? "–" : clock(eta)));
    }
    QueueRunner.Overall o = runner.overall();
    overallLabel.setText(o.jobsTotal() == 0 ? "Queue" : String.format("Queue %d of %d", Math.min(o.jobsTotal(),
        o.jobsDone() + (cur != null ? 1 : 0)), o.jobsTotal()));
    overallBar.setValue((int) Math.round(o.fraction() * 1000));
    overallBar.setString(o.jobsTotal() == 0 ? "" : String.format("%d%%", (int) Math.floor(o.fraction() * 100)));
    double fps = cur != null ? runner.progress().fps(now) : 0;
    overallFigures.setText(runner.isRunning() ? String.format("elapsed %s · ETA %s", clock((now - runStartedAt) / 1e9),
        fps > 0 ? clock((o.framesTotal() - o.framesDone()) / fps) : "–") : " ");
  }

  /** The queue's line under the job's: "Queue 2 of 3 · 40%". */
  public String overallText() {
    return overallLabel.getText() + " · " + overallBar.getString();
  }

  /**
   * The line under the job's bar: its figures while it runs, else the last job's result or what waits,
   * in full (the label may show it with its paths cut to fit: {@link #figuresShown()}).
   */
  public String figuresText() {
    return idleLine != null ? idleLine : figures.getText();
  }

  /** The line under the job's bar as the label shows it, fitted to its width. */
  public String figuresShown() {
    return figures.getText();
  }

  /** The title line ("Encoding NAME · MODE, N workers"). */
  public String titleText() {
    return title.getText();
  }

  static String clock(double seconds) {
    long t = Math.max(0, Math.round(seconds));
    return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
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
