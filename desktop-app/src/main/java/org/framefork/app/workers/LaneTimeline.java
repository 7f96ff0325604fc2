package org.framefork.app.workers;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobEvent.ChunkFailed;
import org.framefork.encoder.job.JobEvent.ChunkFinished;
import org.framefork.encoder.job.JobEvent.ChunkProgress;
import org.framefork.encoder.job.JobEvent.ChunkStarted;
import org.framefork.encoder.job.JobEvent.JobDone;
import org.framefork.encoder.job.JobEvent.JobFailed;
import org.framefork.encoder.job.JobEvent.JobPlanned;
import org.framefork.encoder.job.JobEvent.Stage;
import org.framefork.encoder.job.JobEvent.StageStarted;
import org.framefork.encoder.quality.ChunkTarget;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQualityReport;

/**
 * What each worker did when, rebuilt from the engine's events: per lane, time slices each spent on
 * one chunk. A worker's time between two of its events went to the chunk of the later event, so
 * sequential and parallel lanes get one slice per chunk, and the concurrent mode's single lane gets
 * one short slice per turn, alternating between chunks. In a cluster job each slice also says on
 * which machine its chunk ran ({@link JobEvent.ChunkSent}), so that lanes can be grouped by node. EDT only.
 */
final class LaneTimeline {
  /** Time a lane spent on one chunk, [start, end] in nanoTime. */
  static final class Slice {
    final int chunk;
    final long start;
    long end;
    boolean finished;
    boolean failed;
    /** Time on a chunk that never finished because the job was cancelled (or failed) while it ran. */
    boolean stopped;
    int frames;
    /**
     * With target quality, the CRF and measured score of an encode the chunk gave up (it scored
     * outside the band and was encoded again), or of its last encode where an earlier one was kept;
     * null: the chunk's own label.
     */
    String label;
    /** An encode given up: the chunk's next encode gets a slice of its own. */
    boolean closed;
    /** The node that ran it; null for this machine. */
    final String node;

    Slice(int chunk, long start, long end, String node) {
      this.chunk = chunk;
      this.start = start;
      this.end = end;
      this.node = node;
    }
  }

  static final class Lane {
    final List<Slice> slices = new ArrayList<>();
    int activeChunk = -1;
    long lastAt;
    /** Where its chunk runs now: a node's name, or null for this machine. */
    String node;
    /** A cluster lane's chunk between its start and its being sent: not yet on any machine. */
    boolean awaitingNode;
    /** What target quality does with the lane's chunk now ("probe crf 27 …"); null once its CRF is chosen. */
    String probing;
  }

  private static final String KEPT = " (kept)";
  private static final String AGAIN = " (again)";
  private final List<Lane> lanes = new ArrayList<>();
  /**
   * Target quality's choice per chunk, for the chunk's slices: its CRF with the score the probes
   * predict ("crf 24 · vmaf ~92.93") until the job's report gives the score its final encode
   * measured ("crf 24 · vmaf 92.81").
   */
  private final java.util.Map<Integer, String> tuned = new java.util.HashMap<>();
  /** The nodes that took chunks of the job, in the order they first did. */
  private final java.util.Set<String> nodes = new java.util.LinkedHashSet<>();
  /** The nodes known gone ({@link JobEvent.NodeLeft}), with when the first lane said so (nanoTime). */
  private final java.util.Map<String, Long> left = new java.util.HashMap<>();
  /** The chunks that finished ({@link ChunkFinished}): the others' slices are stopped when the job ends without them. */
  private final java.util.Set<Integer> finishedChunks = new java.util.HashSet<>();
  /**
   * How the job ended without finishing: "cancelled", or "stopped" when a chunk failed (or a later
   * stage); null while it runs or once it is done.
   */
  private String stoppedAs;
  /** In a cluster job, the lanes of this machine's own workers (lanes from there on send chunks); -1 otherwise. */
  private int localLanes = -1;
  private ExecutionMode mode;
  private int chunks;
  private long origin;
  private long end;
  private boolean running;

  /** The next job runs on a cluster with {@code localWorkers} of this machine's own; -1: on this machine only. */
  void cluster(int localWorkers) {
    localLanes = localWorkers;
  }

  void reset() {
    lanes.clear();
    tuned.clear();
    nodes.clear();
    left.clear();
    finishedChunks.clear();
    stoppedAs = null;
    mode = null;
    chunks = 0;
    origin = 0;
    end = 0;
    running = false;
  }

  void apply(JobEvent e) {
    switch (e) {
      case JobPlanned p -> {
        reset();
        mode = p.mode();
        chunks = p.plan().size();
        for (int i = 0; i < Math.max(1, p.workers()); i++) {
          lanes.add(new Lane());
        }
        running = true;
      }
      case StageStarted s when s.stage() == Stage.ENCODE -> origin = s.at();
      case JobEvent.ChunkSplit s -> chunks++; // the new chunk starts on its worker's lane next
      case ChunkStarted c -> {
        Lane l = lane(c.worker());
        l.activeChunk = c.chunk();
        l.lastAt = c.at();
        l.node = null;
        l.awaitingNode = localLanes >= 0 && c.worker() >= localLanes;
        l.probing = null;
        if (origin == 0) {
          origin = c.at();
        }
      }
      case JobEvent.ChunkSent n -> sent(lane(n.worker()), n);
      case JobEvent.NodeLeft n -> nodeLeft(lane(n.worker()), n);
      case ChunkProgress p -> {
        Lane l = lane(p.worker());
        l.awaitingNode = false; // no node was left to take it: this machine encodes it
        extend(l, p.chunk(), p.at()).frames = p.framesDone();
      }
      case ChunkFinished f -> {
        Lane l = lane(f.worker());
        Slice s = extend(l, f.chunk(), f.at());
        s.finished = true;
        s.frames = f.frames();
        l.activeChunk = -1;
        finishedChunks.add(f.chunk());
      }
      case ChunkFailed f -> {
        Lane l = lane(f.worker());
        extend(l, f.chunk(), f.at()).failed = true;
        l.activeChunk = -1;
      }
      case JobEvent.ProbeStarted p -> lane(p.worker()).probing = "probe crf " + EncodeSettings.formatCrf(p.crf()) + " …";
      case JobEvent.ProbeFinished p -> lane(p.worker()).probing = "probe " + crfAndScore(p.crf(), p.metric(), p.score());
      case JobEvent.ChunkTuned t -> tuned(t);
      case JobEvent.ChunkRetuned t -> retuned(t);
      case JobEvent.ChunkEncodeKept k -> kept(k);
      case JobDone d -> {
        measured(d.report() == null ? null : d.report().targetQuality());
        stop(d.at());
      }
      case JobFailed f -> {
        endUnfinished(f.at());
        stoppedAs = f.cancelled() ? "cancelled" : "stopped";
        stop(f.at());
      }
      default -> {
        // probe, plan, join and verify stages draw nothing on the lanes
      }
    }
  }

  /** A lane's chunk went to node {@code n.node()}; when it was on another node before, that one's time ends failed. */
  private void sent(Lane l, JobEvent.ChunkSent n) {
    if (l.node != null && !l.node.equals(n.node()) && l.activeChunk == n.chunk()) {
      extend(l, n.chunk(), n.at()).failed = true;
    }
    l.node = n.node();
    l.awaitingNode = false;
    nodes.add(n.node());
    left.remove(n.node()); // it came back
  }

  /**
   * Node {@code n.node()} left with the lane's chunk: the chunk's time there ends, lost, and the chunk
   * waits for another machine (the lane's next event says which). The node counts as gone from the
   * first lane that says so.
   */
  private void nodeLeft(Lane l, JobEvent.NodeLeft n) {
    left.putIfAbsent(n.node(), n.at());
    if (l.activeChunk == n.chunk() && n.node().equals(l.node)) {
      extend(l, n.chunk(), n.at()).failed = true;
      l.node = null;
      l.awaitingNode = true;
    }
  }

  /** When node {@code node} was known gone (nanoTime); null while it is in the job. */
  Long leftAt(String node) {
    return left.get(node);
  }

  /** Target quality chose the chunk's CRF: its label says so, with the score predicted, and its lane's probing ends. */
  private void tuned(JobEvent.ChunkTuned t) {
    tuned.put(t.chunk(), crfAndPredicted(t.crf(), t.metric(), t.predicted()));
    lane(t.worker()).probing = null;
  }

  /**
   * The chunk's final encode scored outside the band, as measured, and it is encoded again: that
   * encode's time, up to now, keeps its CRF and measured score; the next encode's is new.
   */
  private void retuned(JobEvent.ChunkRetuned t) {
    labelEncode(t.chunk(), t.at(), crfAndOutside(t.crf(), t.metric(), t.measured()), true);
    tuned.put(t.chunk(), crfAndPredicted(t.nextCrf(), t.metric(), t.predicted()) + " (again)");
  }

  /**
   * The chunk's last encode came out farther from the target than an earlier one, which is put
   * back: the last encode's time keeps its own CRF and measured score, as a retuned encode's does,
   * and the slice of the encode that stays says "(kept)".
   */
  private void kept(JobEvent.ChunkEncodeKept k) {
    String stays = crfAndOutside(k.keptCrf(), k.metric(), k.keptScore());
    labelEncode(k.chunk(), k.at(), crfAndOutside(k.crf(), k.metric(), k.measured()), false);
    for (Lane l : lanes) {
      for (Slice s : l.slices) {
        if (s.chunk == k.chunk() && stays.equals(s.label)) {
          s.label = stays + KEPT;
        }
      }
    }
    tuned.put(k.chunk(), stays + KEPT);
  }

  /**
   * Gives the time of chunk {@code chunk}'s encode up to {@code at} its label {@code label}: the
   * lane running it gets its time so far, and each of the chunk's slices not yet labelled (nor
   * failed) gets the label; {@code closed}: the chunk's next encode gets a slice of its own.
   */
  private void labelEncode(int chunk, long at, String label, boolean closed) {
    for (Lane l : lanes) {
      if (l.activeChunk == chunk && !l.awaitingNode && l.lastAt > 0) {
        extend(l, chunk, at);
      }
      for (Slice s : l.slices) {
        if (s.chunk == chunk && s.label == null && !s.failed) {
          s.label = label;
          s.closed = closed;
        }
      }
    }
  }

  /**
   * The job is done: each tuned chunk's label gets the score its final encode measured, as the report
   * writes it (one outside the band with the decimals that tell it from the band's edges, and a *).
   */
  private void measured(TargetQualityReport report) {
    if (report == null) {
      return;
    }
    for (ChunkTarget c : report.chunks()) {
      String before = tuned.getOrDefault(c.chunk(), "");
      String tag = before.endsWith(KEPT) ? KEPT : before.endsWith(AGAIN) ? AGAIN : "";
      String metric = report.metric().toString();
      tuned.put(c.chunk(), (c.inBand() ? crfAndScore(c.crf(), metric, c.finalScore()) : crfAndOutside(c.crf(), metric, c.finalScore()))
          + tag);
    }
  }

  /** "crf 24 · vmaf ~92.93": the score the probes predict for a CRF, not yet measured on the chunk's encode. */
  static String crfAndPredicted(double crf, String metric, double predicted) {
    return "crf " + EncodeSettings.formatCrf(crf) + " · " + metric + " ~" + QualityMetric.parse(metric).format(predicted);
  }

  /**
   * "crf 24 · ssim 0.9708": the CRF as the encoder got it and the score as the engine's report and log
   * write it ({@link QualityMetric#format}: SSIM to 4 decimals, VMAF and PSNR to 2).
   */
  static String crfAndScore(double crf, String metric, double score) {
    return "crf " + EncodeSettings.formatCrf(crf) + " · " + metric + " " + QualityMetric.parse(metric).format(score);
  }

  /**
   * "crf 24 · vmaf 93.931*": a measured score outside the band, as the terminal's table writes it
   * ({@link QualityMetric#formatOutside} and a *): 93.9312 above the band 92.07-93.93 is not written
   * 93.93, which reads as in the band.
   */
  static String crfAndOutside(double crf, String metric, double score) {
    return "crf " + EncodeSettings.formatCrf(crf) + " · " + metric + " " + QualityMetric.parse(metric).formatOutside(score) + "*";
  }

  /**
   * The job ended at {@code at} without finishing some chunks: each lane's chunk in progress gets its
   * time up to then, and every slice of a chunk that never finished is marked stopped (a failed
   * slice, a lost node's, stays failed). A lane whose chunk waited for a node ran it nowhere.
   */
  private void endUnfinished(long at) {
    for (Lane l : lanes) {
      if (l.activeChunk >= 0 && !l.awaitingNode && l.lastAt > 0) {
        extend(l, l.activeChunk, at);
      }
      for (Slice s : l.slices) {
        s.stopped = !s.failed && !finishedChunks.contains(s.chunk);
      }
    }
  }

  /** "cancelled" or "stopped" (a chunk failed) when the job ended so, with slices {@link Slice#stopped}; null otherwise. */
  String stoppedAs() {
    return stoppedAs;
  }

  /** The label of the chunk lane {@code l} is on now: with target quality, its probe while it probes. */
  String activeLabel(Lane l) {
    return l.probing == null ? label(l.activeChunk) : "#" + l.activeChunk + " " + l.probing;
  }

  /** The label of slice {@code s}: its chunk's, or that of the encode it gave up. */
  String label(Slice s) {
    return s.label == null ? label(s.chunk) : "#" + s.chunk + " " + s.label;
  }

  /** The slice label of chunk {@code chunk}: its number, and with target quality its CRF and score (predicted, then measured). */
  String label(int chunk) {
    String t = tuned.get(chunk);
    return t == null ? "#" + chunk : "#" + chunk + " " + t;
  }

  private void stop(long at) {
    running = false;
    end = at;
    for (Lane l : lanes) {
      l.activeChunk = -1;
    }
  }

  private Lane lane(int worker) {
    while (lanes.size() <= worker) {
      lanes.add(new Lane());
    }
    return lanes.get(worker);
  }

  /** Gives the lane's time since its last event to {@code chunk}: a longer slice, or a new one. */
  private static Slice extend(Lane l, int chunk, long at) {
    Slice last = l.slices.isEmpty() ? null : l.slices.get(l.slices.size() - 1);
    Slice s;
    if (last != null && last.chunk == chunk && last.end == l.lastAt && !last.failed && !last.closed
        && java.util.Objects.equals(last.node, l.node)) {
      last.end = at;
      s = last;
    } else {
      s = new Slice(chunk, l.lastAt == 0 ? at : l.lastAt, at, l.node);
      l.slices.add(s);
    }
    l.lastAt = at;
    return s;
  }

  List<Lane> lanes() {
    return lanes;
  }

  /** The nodes that took chunks, in the order they first did; empty for a job on this machine only. */
  java.util.Set<String> nodes() {
    return nodes;
  }

  /** This machine's own lanes in a cluster job; -1 for a job on this machine only. */
  int localLanes() {
    return localLanes;
  }

  ExecutionMode mode() {
    return mode;
  }

  int chunks() {
    return chunks;
  }

  long origin() {
    return origin;
  }

  boolean running() {
    return running;
  }

  /** The right edge of the time axis: now while running, the job's end after. */
  long end(long now) {
    return running ? now : end;
  }

  boolean isEmpty() {
    return lanes.stream().allMatch(l -> l.slices.isEmpty());
  }
}
