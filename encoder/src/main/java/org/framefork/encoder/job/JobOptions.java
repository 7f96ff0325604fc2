package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.source.SequenceOptions;
import org.framefork.encoder.quality.TargetQuality;

/**
 * Everything one encode job needs to know.
 *
 * @param chunkSeconds target chunk length for {@link SplitMode#KEYFRAMES}; 0 picks one from the
 *     video's length and the worker count
 * @param chunkFrames chunk length for {@link SplitMode#FIXED}
 * @param workDir the job's work folder (segments, plan, chunk records); null puts it beside the output
 * @param workKept when the work folder stays after the job: by default only after a
 *     cancellation, so that the job can resume
 * @param resume continue the interrupted job whose work folder this job would use: finished chunks
 *     whose segments pass their checksum are reused, only the rest are encoded
 * @param filters the filter chain every picture goes through before it is encoded (part of the
 *     job's identity: a resume with other filters is refused)
 * @param verifyQuality after the job, measure the output's PSNR, SSIM and VMAF against the source (put
 *     through the same filters) and put them in the report
 * @param tailSplit in the parallel mode, a worker that finds no chunk left to take splits the
 *     running chunk whose split ends it earliest and encodes the part split off, so that the workers
 *     finish together (each split adds a keyframe; where splits fall depends on timing, so the
 *     output's bytes may differ from run to run; without it they do not)
 * @param targetQuality the score each chunk should reach, its CRF found by probe encodes (the
 *     video's CRF is then not used); null for none
 */
public record JobOptions(
    Path input,
    Path output,
    Container container,
    EncodeSettings video,
    AudioMode audio,
    ExecutionMode mode,
    int workers,
    SplitMode split,
    double chunkSeconds,
    int chunkFrames,
    boolean overwrite,
    Path workDir,
    WorkKept workKept,
    boolean resume,
    FilterChain filters,
    boolean verifyQuality,
    boolean tailSplit,
    SequenceOptions sequence,
    TargetQuality targetQuality) {

  /** The most workers a job runs: far past any machine's cores (each open chunk holds a decoder and an encoder). */
  public static final int MAX_WORKERS = 1024;

  public JobOptions {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException("workers must be 1 to " + MAX_WORKERS + ", not " + workers);
    }
    workKept = workKept == null ? WorkKept.ON_CANCEL : workKept;
    filters = filters == null ? FilterChain.none() : filters;
    sequence = sequence == null ? SequenceOptions.defaults() : sequence;
  }

  /**
   * The settings a work folder records, which a resume must match: {@link #video()} with {@code
   * --alpha-over}'s colour (null: none), for a video's chunks and an image sequence's alike.
   */
  public EncodeSettings recordedVideo() {
    return video.withPicture(video.picture().withAlphaOver(sequence.alphaOver()));
  }

  /** The work folder this job uses: {@link #workDir()}, or a hidden folder beside the output. */
  public Path workFolder() {
    return workDir != null ? workDir : JobWorkspace.defaultFor(output.toAbsolutePath().normalize());
  }

  /** One worker per core, up to {@link #MAX_WORKERS}. */
  public static int defaultWorkers() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS);
  }

  /** Defaults: H.264 CRF 23 medium, audio auto, parallel on every core, keyframe chunks. */
  public static JobOptions defaults(Path input, Path output) {
    Container c = Container.fromFileName(output);
    return new JobOptions(input, output, c == null ? Container.MP4 : c, EncodeSettings.defaults(), AudioMode.AUTO,
        ExecutionMode.PARALLEL, defaultWorkers(), SplitMode.KEYFRAMES, 0, 60, false, null,
        WorkKept.ON_CANCEL, false, FilterChain.none(), false, true, SequenceOptions.defaults(), null);
  }

  public JobOptions withMode(ExecutionMode m, int w) {
    Copy copy = new Copy(this);
    copy.mode = m;
    copy.workers = w;
    return copy.build();
  }

  public JobOptions withVideo(EncodeSettings v) {
    Copy copy = new Copy(this);
    copy.video = v;
    return copy.build();
  }

  public JobOptions withAudio(AudioMode a) {
    Copy copy = new Copy(this);
    copy.audio = a;
    return copy.build();
  }

  public JobOptions withSplit(SplitMode s, double seconds, int frames) {
    Copy copy = new Copy(this);
    copy.split = s;
    copy.chunkSeconds = seconds;
    copy.chunkFrames = frames;
    return copy.build();
  }

  public JobOptions withOutput(Path out, Container c) {
    Copy copy = new Copy(this);
    copy.output = out;
    copy.container = c;
    return copy.build();
  }

  public JobOptions withOverwrite(boolean o) {
    Copy copy = new Copy(this);
    copy.overwrite = o;
    return copy.build();
  }

  /** @param dir the job's work folder; null puts it beside the output */
  public JobOptions withWorkDir(Path dir) {
    Copy copy = new Copy(this);
    copy.workDir = dir;
    return copy.build();
  }

  public JobOptions withWorkKept(WorkKept kept) {
    Copy copy = new Copy(this);
    copy.workKept = kept;
    return copy.build();
  }

  public JobOptions withResume(boolean r) {
    Copy copy = new Copy(this);
    copy.resume = r;
    return copy.build();
  }

  public JobOptions withFilters(FilterChain f) {
    Copy copy = new Copy(this);
    copy.filters = f;
    return copy.build();
  }

  public JobOptions withVerifyQuality(boolean v) {
    Copy copy = new Copy(this);
    copy.verifyQuality = v;
    return copy.build();
  }

  public JobOptions withTailSplit(boolean t) {
    Copy copy = new Copy(this);
    copy.tailSplit = t;
    return copy.build();
  }

  /** How an image-sequence input is read, and the audio file it is given (see {@link SequenceOptions}). */
  public JobOptions withSequence(SequenceOptions s) {
    Copy copy = new Copy(this);
    copy.sequence = s;
    return copy.build();
  }

  /** @param t the score each chunk should reach; null for none */
  public JobOptions withTargetQuality(TargetQuality t) {
    Copy copy = new Copy(this);
    copy.targetQuality = t;
    return copy.build();
  }

  /** A mutable copy, so that each with-method names only what it changes. */
  private static final class Copy {
    Path input;
    Path output;
    Container container;
    EncodeSettings video;
    AudioMode audio;
    ExecutionMode mode;
    int workers;
    SplitMode split;
    double chunkSeconds;
    int chunkFrames;
    boolean overwrite;
    Path workDir;
    WorkKept workKept;
    boolean resume;
    FilterChain filters;
    boolean verifyQuality;
    boolean tailSplit;
    SequenceOptions sequence;
    TargetQuality targetQuality;

    Copy(JobOptions o) {
      input = o.input;
      output = o.output;
      container = o.container;
      video = o.video;
      audio = o.audio;
      mode = o.mode;
      workers = o.workers;
      split = o.split;
      chunkSeconds = o.chunkSeconds;
      chunkFrames = o.chunkFrames;
      overwrite = o.overwrite;
      workDir = o.workDir;
      workKept = o.workKept;
      resume = o.resume;
      filters = o.filters;
      verifyQuality = o.verifyQuality;
      tailSplit = o.tailSplit;
      sequence = o.sequence;
      targetQuality = o.targetQuality;
    }

    JobOptions build() {
      return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, workKept, resume, filters,
          verifyQuality, tailSplit, sequence, targetQuality);
    }
  }
}
