package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.SplitMode;

/**
 * Everything one encode job needs to know.
 *
 * @param chunkSeconds target chunk length for {@link SplitMode#KEYFRAMES}; 0 picks one from the
 *     video's length and the worker count
 * @param chunkFrames chunk length for {@link SplitMode#FIXED}
 * @param workDir the job's work folder (segments, plan, chunk records); null puts it beside the output
 * @param maxAttempts tries per chunk before the job fails
 * @param keepWork keep the work folder after success (it is always kept after a cancellation
 *     unless {@code discardOnCancel}, so that the job can resume)
 * @param resume continue the interrupted job whose work folder this job would use: finished chunks
 *     whose segments pass their checksum are reused, only the rest are encoded
 * @param discardOnCancel remove the work folder after a cancellation too
 * @param filters the filter chain every picture goes through before it is encoded (part of the
 *     job's identity: a resume with other filters is refused)
 * @param verifyQuality after the job, measure the output's PSNR and SSIM against the source (put
 *     through the same filters) and put them in the report
 * @param tailSplit in the parallel mode, a worker that finds no chunk left to take splits the
 *     running chunk with the most frames left and encodes its second half, so that the workers
 *     finish together (each split adds a keyframe; where splits fall depends on timing, so the
 *     output's bytes may differ from run to run; without it they do not)
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
    int maxAttempts,
    boolean keepWork,
    boolean resume,
    boolean discardOnCancel,
    FilterChain filters,
    boolean verifyQuality,
    boolean tailSplit) {

  public static final int DEFAULT_ATTEMPTS = 3;

  public JobOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    filters = filters == null ? FilterChain.none() : filters;
  }

  /** The work folder this job uses: {@link #workDir()}, or a hidden folder beside the output. */
  public Path workFolder() {
    return workDir != null ? workDir : JobWorkspace.defaultFor(output.toAbsolutePath().normalize());
  }

  /** Defaults: H.264 CRF 23 medium, audio auto, parallel on every core, keyframe chunks. */
  public static JobOptions defaults(Path input, Path output) {
    Container c = Container.fromFileName(output);
    return new JobOptions(input, output, c == null ? Container.MP4 : c, EncodeSettings.defaults(), AudioMode.AUTO,
        ExecutionMode.PARALLEL, Runtime.getRuntime().availableProcessors(), SplitMode.KEYFRAMES, 0, 60, false, null,
        DEFAULT_ATTEMPTS, false, false, false, FilterChain.none(), false, true);
  }

  public JobOptions withMode(ExecutionMode m, int w) {
    return new JobOptions(input, output, container, video, audio, m, w, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withVideo(EncodeSettings v) {
    return new JobOptions(input, output, container, v, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withAudio(AudioMode a) {
    return new JobOptions(input, output, container, video, a, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withSplit(SplitMode s, double seconds, int frames) {
    return new JobOptions(input, output, container, video, audio, mode, workers, s, seconds, frames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withOutput(Path out, Container c) {
    return new JobOptions(input, out, c, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withOverwrite(boolean o) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, o, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withWorkDir(Path dir, boolean keep) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, dir, maxAttempts, keep, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withResume(boolean r, boolean discard) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, r, discard, filters, verifyQuality, tailSplit);
  }

  public JobOptions withMaxAttempts(int attempts) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, attempts, keepWork, resume, discardOnCancel, filters, verifyQuality, tailSplit);
  }

  public JobOptions withFilters(FilterChain f) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, f, verifyQuality, tailSplit);
  }

  public JobOptions withVerifyQuality(boolean v) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, v, tailSplit);
  }

  public JobOptions withTailSplit(boolean t) {
    return new JobOptions(input, output, container, video, audio, mode, workers, split, chunkSeconds, chunkFrames, overwrite, workDir, maxAttempts, keepWork, resume, discardOnCancel, filters, verifyQuality, t);
  }
}
