package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.report.JobReport;

/**
 * What a job reports while it runs. The command line, the desktop app and the bench read only these
 * events. Times are {@link System#nanoTime()} values; workers are numbered from 0 ({@code -1} for the
 * thread that runs sequential and concurrent jobs is never used: that thread is worker 0).
 */
public sealed interface JobEvent {
  /** nanoTime at which the event happened. */
  long at();

  /** A stage of the pipeline began. */
  record StageStarted(Stage stage, long at) implements JobEvent {}

  /**
   * The input was probed and cut into chunks. {@code filters} are those the chunks run on the
   * stored pictures, {@code crop=auto} made the rectangle found (none when the job has none).
   */
  record JobPlanned(Path input, Path output, MediaInfo media, ChunkPlan plan, ExecutionMode mode, int workers,
      FilterChain filters, long at, int nodeLanes) implements JobEvent {
    public JobPlanned {
      filters = filters == null ? FilterChain.none() : filters;
    }

    /**
     * A job whose {@code workers} all run in this JVM. With remote workers, {@code workers} counts
     * lanes, {@code nodeLanes} of them the nodes' (their workers and the chunk each fetches ahead).
     */
    public JobPlanned(Path input, Path output, MediaInfo media, ChunkPlan plan, ExecutionMode mode, int workers,
        FilterChain filters, long at) {
      this(input, output, media, plan, mode, workers, filters, at, 0);
    }

    /** A job without filters. */
    public JobPlanned(Path input, Path output, MediaInfo media, ChunkPlan plan, ExecutionMode mode, int workers, long at) {
      this(input, output, media, plan, mode, workers, FilterChain.none(), at);
    }
  }

  /** A worker took a chunk (attempt 1, or a retry). */
  record ChunkStarted(int chunk, int worker, int attempt, int frames, long at) implements JobEvent {}

  /**
   * A lane of a cluster job handed chunk {@code chunk} to the worker node {@code node} (its name: the
   * node's {@code --listen} address); said again when the chunk goes to another node because its node
   * left or handed it back. It follows the attempt's {@link ChunkStarted}; an attempt without it ran
   * in this JVM.
   */
  record ChunkSent(int chunk, int worker, int attempt, String node, long at) implements JobEvent {}

  /**
   * The worker node {@code node} left the cluster (killed, stopped, unreachable) with chunk
   * {@code chunk} of lane {@code worker}: the chunk goes to another node, or runs here when none is
   * left. Said by each lane whose chunk the node had, as soon as the coordinator knows it is gone.
   */
  record NodeLeft(String node, int worker, int chunk, long at) implements JobEvent {}

  /**
   * An idle worker split a running chunk: chunk {@code chunk} now ends with {@code chunkFrames}
   * frames, and its last {@code newFrames} frames, from frame {@code atFrame} of the video
   * (presented at {@code atPts}, in the video stream's time base), are the
   * new chunk {@code newChunk}, which {@code worker} encodes next. The job then has one chunk more.
   */
  record ChunkSplit(int chunk, int newChunk, int atFrame, long atPts, int chunkFrames, int newFrames, int worker, long at)
      implements JobEvent {}

  /**
   * A chunk's encoder has put out {@code framesDone} of its {@code frames} frames (those it still
   * holds in its lookahead are not done); said every few frames, while it drains too.
   */
  record ChunkProgress(int chunk, int worker, int framesDone, int frames, long at) implements JobEvent {}

  /** A chunk's segment is complete and checked. */
  record ChunkFinished(int chunk, int worker, int frames, long bytes, long elapsedNanos, long at) implements JobEvent {}

  /**
   * Target quality began its {@code probe}-th probe encode (from 1) of chunk {@code chunk}, at
   * {@code crf}, on worker {@code worker}; the chunk's first probe of a run also decodes the pictures
   * that all its probes encode. Probes saved by an interrupted run are not run again, nor announced.
   */
  record ProbeStarted(int chunk, int worker, int probe, double crf, long at) implements JobEvent {}

  /** That probe encode was scored: {@code score} in {@code metric}, pooled over the chunk as the search judges it. */
  record ProbeFinished(int chunk, int worker, int probe, double crf, double score, String metric, long at)
      implements JobEvent {}

  /**
   * Target quality chose chunk {@code chunk}'s CRF on its worker, from {@code probes} probe encodes
   * of this run and {@code reused} of an interrupted one; {@code predicted} is their score for it, in
   * {@code metric}, and {@code inBand} whether it lies in the band.
   */
  record ChunkTuned(int chunk, int worker, double crf, int probes, int reused, double predicted, String metric, boolean inBand,
      long at)
      implements JobEvent {}

  /**
   * Target quality found chunk {@code chunk}'s final encode at {@code crf} outside the band, at
   * {@code measured} (in {@code metric}), and encodes it again at {@code nextCrf}, where its
   * scores predict {@code predicted}.
   */
  record ChunkRetuned(int chunk, double crf, double measured, double nextCrf, double predicted, String metric, long at)
      implements JobEvent {}

  /**
   * Target quality's last encode of chunk {@code chunk}, at {@code crf}, measured {@code measured}
   * (in {@code metric}), farther from the target than its encode at {@code keptCrf}, which measured
   * {@code keptScore}: that one is put back and stays.
   */
  record ChunkEncodeKept(int chunk, double crf, double measured, double keptCrf, double keptScore, String metric, long at)
      implements JobEvent {}

  /** A resumed job found this chunk's segment intact and reuses it without encoding. */
  record ChunkReused(int chunk, int frames, long bytes, long at) implements JobEvent {}

  /** A chunk attempt failed; it is tried again when {@code willRetry}. */
  record ChunkFailed(int chunk, int worker, int attempt, String reason, boolean willRetry, long at) implements JobEvent {}

  /** The output is complete, verified and in place. */
  record JobDone(JobReport report, long at) implements JobEvent {}

  /** The job stopped without an output (failure or cancellation). */
  record JobFailed(String message, boolean cancelled, long at) implements JobEvent {}

  enum Stage { PROBE, PLAN, ENCODE, JOIN, VERIFY }
}
