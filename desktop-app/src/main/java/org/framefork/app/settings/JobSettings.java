package org.framefork.app.settings;

import java.nio.file.Path;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.preset.EncodePreset;

/**
 * What the settings panel holds when Start is pressed: everything a job of the queue needs besides
 * its input.
 *
 * @param preset the encoder's speed preset (ultrafast ... veryslow)
 * @param chunkSeconds target chunk length; 0 lets the engine pick from the length and worker count
 * @param filters {@code --vf}'s text; empty for none
 * @param targetQuality {@code --target-quality}'s text ({@code vmaf=93}), which then picks each
 *     chunk's CRF; empty for none
 * @param cluster the worker nodes that encode chunks too ({@code --cluster}); null encodes here only
 */
public record JobSettings(VideoCodec codec, String preset, int crf, ExecutionMode mode, int workers, double chunkSeconds,
    Container container, Path outputFolder, AudioMode audio, String filters, String targetQuality, ClusterSetting cluster) {
  public JobSettings {
    audio = audio == null ? AudioMode.AUTO : audio; // a queue file of an earlier build has none of these three
    filters = filters == null ? "" : filters.strip();
    targetQuality = targetQuality == null ? "" : targetQuality.strip();
  }

  /** One sentence that says what to change, or null when the settings can run. */
  public String problem() {
    if (!container.accepts(codec)) {
      return container + " cannot hold " + codec + " video; choose vp9 or av1, or the mp4 or mkv format";
    }
    try {
      new EncodeSettings(codec, crf, preset, 1); // the engine's own checks of quality and preset
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    try {
      FilterChain.parse(filters); // the overlay's picture file is the engine's to check, off the UI thread
    } catch (IllegalArgumentException e) {
      return "filters: " + e.getMessage();
    }
    try {
      target();
    } catch (IllegalArgumentException e) {
      return e.getMessage().replace("--target-quality ", "target quality ");
    }
    if (outputFolder == null || outputFolder.toString().isBlank()) {
      return "choose an output folder";
    }
    return cluster == null ? null : cluster.problem(mode);
  }

  /** What sets the quality: "CRF 23", or the target ("vmaf=93"), which picks each chunk's CRF instead. */
  public String quality() {
    return targetQuality.isBlank() ? "CRF " + crf : targetQuality;
  }

  /** One line for the folded settings' header: "h264 medium · CRF 23 · mp4 · parallel, 2 workers". */
  public String summary() {
    String quality = quality();
    String where = cluster != null ? "cluster, " + cluster.localWorkers() + " here"
        : mode == ExecutionMode.PARALLEL ? mode + ", " + workers + (workers == 1 ? " worker" : " workers") : mode.toString();
    return codec + " " + preset + " · " + quality + " · " + container + " · " + where;
  }

  public JobOptions toOptions(Path input, Path output) {
    // One codec thread per chunk: the parallelism comes from chunks, as the engine intends.
    return JobOptions.defaults(input, output)
        .withOutput(output, container)
        .withVideo(new EncodeSettings(codec, crf, preset, 1))
        .withAudio(audio)
        .withFilters(FilterChain.parse(filters))
        .withMode(mode, cluster == null ? workers : Math.max(1, cluster.localWorkers()))
        .withSplit(SplitMode.KEYFRAMES, chunkSeconds, 60)
        .withTargetQuality(target());
  }

  private TargetQuality target() {
    return targetQuality == null || targetQuality.isBlank() ? null : TargetQuality.parse(targetQuality.trim());
  }

  /**
   * These settings with a preset's codec, quality, speed, audio and filters; where and how fast to run
   * stay (a preset says what to make, not on which machines: the cluster is not part of one).
   */
  public JobSettings with(EncodePreset p) {
    return new JobSettings(p.codec(), p.speed(), p.crf(), mode, workers, chunkSeconds, container, outputFolder, p.audio(), p.filters(),
        targetQuality, cluster);
  }

  /** The part of these settings a preset keeps, under {@code name}. */
  public EncodePreset asPreset(String name, String description) {
    return new EncodePreset(name, description, codec, crf, preset, audio, filters);
  }

  /** Whether the settings a preset keeps are {@code p}'s. */
  public boolean matches(EncodePreset p) {
    return asPreset(p.name(), p.description()).equals(p);
  }
}
