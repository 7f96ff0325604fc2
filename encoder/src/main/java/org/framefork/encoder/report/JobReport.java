package org.framefork.encoder.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.Verification;

/**
 * The figures of one finished job, printed by the command line and written as JSON by
 * {@code --report}.
 *
 * @param wallSeconds the whole job, probe to verify
 * @param fps frames this run encoded, over {@code wallSeconds}: a resumed job's reused chunks were
 *     encoded by the interrupted run and do not count
 * @param probeSeconds the probe stage: reading the input's streams and frame index
 * @param planSeconds the plan stage: cutting the video into chunks (with the scene analysis, when the
 *     split is {@code scene}) and setting up the work folder
 * @param encodeSeconds the encode stage alone (all chunks, wall clock)
 * @param sumChunkSeconds the chunks' own times added up: what one worker would have needed
 * @param speedup {@code sumChunkSeconds / encodeSeconds}: how many chunks ran at once, on average
 * @param chunks the job's chunks at its end: the planned ones and those split off while it ran
 * @param splitChunks chunks that idle workers split off running chunks at the job's tail
 * @param reusedChunks chunks a resumed job took from the interrupted run instead of encoding them
 * @param droppedFrames source frames too damaged to decode, left out of the output (0 for a sound
 *     input)
 * @param filters the filter chain as {@code --vf} text; empty for none
 * @param width the output's picture width (after the filters)
 * @param height the output's picture height
 * @param sceneAnalysis what the scene-cut analysis found and how long it took; null unless the
 *     split was {@code scene}
 * @param quality the output's PSNR and SSIM against the (filtered) source; null unless asked for
 */
public record JobReport(
    String input,
    String output,
    String codec,
    int crf,
    String preset,
    String container,
    String audio,
    String mode,
    int workers,
    String split,
    int chunks,
    long frames,
    double durationSeconds,
    double wallSeconds,
    double fps,
    double probeSeconds,
    double planSeconds,
    double encodeSeconds,
    double joinSeconds,
    double verifySeconds,
    double sumChunkSeconds,
    double speedup,
    int retries,
    int reusedChunks,
    int splitChunks,
    long droppedFrames,
    long outputBytes,
    double bitrateKbps,
    List<ChunkTiming> chunkTimes,
    Verification verification,
    String filters,
    int width,
    int height,
    @JsonInclude(JsonInclude.Include.NON_NULL) ScenePlanner.Analysis sceneAnalysis,
    @JsonInclude(JsonInclude.Include.NON_NULL) QualityScore quality,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {}
