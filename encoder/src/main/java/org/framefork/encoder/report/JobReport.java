package org.framefork.encoder.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.verify.OutputQuality;
import org.framefork.encoder.verify.Verification;

/**
 * The figures of one finished job, printed by the command line and written as JSON by
 * {@code --report} (one flat object: see {@link #json()}).
 *
 * @param quality the output's PSNR, SSIM and VMAF against the (filtered) source, whole and per
 *     chunk; null unless asked for
 * @param sceneAnalysis what the scene-cut analysis found and how long it took; null unless the
 *     split was {@code scene}
 * @param notes what the job changed about the source that a user may not expect (a crop, a pixel
 *     format, ...); empty for none
 * @param targetQuality each chunk's CRF search and final score; null without {@code --target-quality}
 * @param nodes for a cluster job, what each machine did (the coordinator's workers first); empty
 *     for a local job
 * @param warnings the notes (each also in {@code notes}) that warn of something lost, damaged or not
 *     done as asked, rather than say what was done ({@link Note.Kind#WARNING}); empty for none
 */
public record JobReport(
    Settings settings,
    Stages stages,
    Chunks chunks,
    Output output,
    Verification verification,
    OutputQuality quality,
    ScenePlanner.Analysis sceneAnalysis,
    List<String> notes,
    TargetQualityReport targetQuality,
    List<NodeTiming> nodes,
    List<String> warnings) {

  /**
   * What the job was asked to do, as it ran it.
   *
   * @param workers the workers that ran the chunks: 1 unless the mode is parallel
   * @param split the plan's split
   * @param filters the filter chain as {@code --vf} text; empty for none
   * @param imageSequence whether the input is an image sequence, which has no keyframes: the
   *     {@code keyframes} split cuts it between images
   */
  public record Settings(Path input, Path output, VideoCodec codec, double crf, String preset, Container container,
      AudioMode audio, ExecutionMode mode, int workers, SplitMode split, String filters, boolean imageSequence) {}

  /**
   * How long the job and each of its stages took, in seconds.
   *
   * @param probeSeconds reading the input's streams and frame index
   * @param planSeconds cutting the video into chunks (with the scene analysis, when the split is
   *     {@code scene}) and setting up the work folder
   * @param encodeSeconds the encode stage alone (all chunks, wall clock)
   * @param wallSeconds the whole job, probe to verify
   * @param fps frames this run encoded, over {@code wallSeconds}: a resumed job's reused chunks were
   *     encoded by the interrupted run and do not count
   * @param encodedFrames the frames {@code fps} counts: this run's
   */
  public record Stages(double probeSeconds, double planSeconds, double encodeSeconds, double joinSeconds,
      double verifySeconds, double wallSeconds, double fps, long encodedFrames) {}

  /**
   * The chunks: how many, how they ran, and what they cost.
   *
   * @param count the job's chunks at its end: the planned ones and those split off while it ran
   * @param splitOff chunks that idle workers split off running chunks at the job's tail
   * @param reused chunks a resumed job took from the interrupted run instead of encoding them
   * @param retries chunk attempts that failed and ran again (a chunk whose node left with it, sent again, counts one)
   * @param sumSeconds the chunks' own times added up: what one worker would have needed
   * @param speedup {@code sumSeconds} over the encode stage's time: how many chunks ran at once, on
   *     average
   * @param times each chunk this run encoded, in chunk order
   * @param reusedTimes each chunk a resumed job took from the interrupted run ({@code reused} of
   *     them), in chunk order: in neither {@code sumSeconds} nor {@code times}
   */
  public record Chunks(int count, int splitOff, int reused, int retries, double sumSeconds, double speedup,
      List<ChunkTiming> times, List<ReusedChunk> reusedTimes) {
    /** A job that reused no chunk. */
    public Chunks(int count, int splitOff, int reused, int retries, double sumSeconds, double speedup, List<ChunkTiming> times) {
      this(count, splitOff, reused, retries, sumSeconds, speedup, times, List.of());
    }

    /** Every chunk of the output, this run's and the reused, in chunk order: {@code chunkTimes}. */
    public List<Object> all() {
      List<Object> all = new java.util.ArrayList<>(times == null ? List.of() : times);
      all.addAll(reusedTimes == null ? List.of() : reusedTimes);
      all.sort(java.util.Comparator.comparingInt(c -> c instanceof ChunkTiming t ? t.chunk() : ((ReusedChunk) c).chunk()));
      return all;
    }
  }

  /**
   * The output file.
   *
   * @param frames its frames: the source's, less {@code droppedFrames}
   * @param durationSeconds the source video's length
   * @param droppedFrames source frames too damaged to decode, left out of the output (0 for a sound
   *     input)
   * @param width its picture width (after the filters)
   * @param height its picture height
   */
  public record Output(long frames, double durationSeconds, long droppedFrames, long bytes, double bitrateKbps,
      int width, int height) {}

  /**
   * The report as {@code --report} writes it: one flat object, with the field names, order and
   * values (enums by their command-line names) that scripts reading the document rely on.
   */
  @JsonValue
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", settings.input().toString());
    m.put("output", settings.output().toString());
    m.put("codec", settings.codec().cliName());
    // A whole CRF stays a JSON integer, as before fractional CRFs: scripts compare it to one. A
    // target-quality job has no one CRF (the settings hold the codec's default, which no chunk
    // used): null, and each chunk's is in targetQuality.chunks.
    m.put("crf", targetQuality != null ? null
        : settings.crf() == Math.rint(settings.crf()) ? (Object) (long) settings.crf() : (Object) settings.crf());
    m.put("preset", settings.preset());
    m.put("container", settings.container().extension());
    m.put("audio", settings.audio().toString());
    m.put("mode", settings.mode().toString());
    m.put("workers", settings.workers());
    m.put("split", settings.split().toString());
    m.put("chunks", chunks.count());
    m.put("frames", output.frames());
    m.put("durationSeconds", output.durationSeconds());
    m.put("wallSeconds", stages.wallSeconds());
    m.put("fps", stages.fps());
    m.put("encodedFrames", stages.encodedFrames());
    m.put("probeSeconds", stages.probeSeconds());
    m.put("planSeconds", stages.planSeconds());
    m.put("encodeSeconds", stages.encodeSeconds());
    m.put("joinSeconds", stages.joinSeconds());
    m.put("verifySeconds", stages.verifySeconds());
    m.put("sumChunkSeconds", chunks.sumSeconds());
    m.put("speedup", chunks.speedup());
    m.put("retries", chunks.retries());
    m.put("reusedChunks", chunks.reused());
    m.put("splitChunks", chunks.splitOff());
    m.put("droppedFrames", output.droppedFrames());
    m.put("outputBytes", output.bytes());
    m.put("bitrateKbps", output.bitrateKbps());
    m.put("chunkTimes", chunks.all());
    m.put("verification", verification);
    m.put("filters", settings.filters());
    m.put("width", output.width());
    m.put("height", output.height());
    putUnlessEmpty(m, "sceneAnalysis", sceneAnalysis);
    putUnlessEmpty(m, "quality", quality);
    putUnlessEmpty(m, "targetQuality", targetQuality);
    putUnlessEmpty(m, "notes", notes == null || notes.isEmpty() ? null : notes);
    putUnlessEmpty(m, "nodes", nodes == null || nodes.isEmpty() ? null : nodes);
    putUnlessEmpty(m, "warnings", warnings == null || warnings.isEmpty() ? null : warnings);
    return m;
  }

  private static void putUnlessEmpty(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
