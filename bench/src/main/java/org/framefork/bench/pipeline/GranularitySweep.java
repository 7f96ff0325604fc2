package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;
import static org.framefork.bench.pipeline.Figures.megabytes;
import static org.framefork.bench.pipeline.Figures.percent;
import static org.framefork.bench.pipeline.Figures.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;

/**
 * Measurement 3: chunk length from one frame to the whole video, on every core. Short chunks pay a
 * fixed cost per chunk (open a decoder, seek, decode from the keyframe before the chunk, open an
 * encoder, write a segment, one more keyframe in the output); long chunks leave cores idle at the
 * end of the job (the last chunk runs alone) and, at the extreme, one chunk uses one core. So the
 * wall time should draw a U, and the output size should fall as chunks get longer (fewer forced
 * keyframes). The engine's default length should sit near the bottom of the U.
 */
public final class GranularitySweep {
  /** Fixed chunk lengths of the sweep, in frames; lengths not shorter than the video are left out. */
  static final int[] FIXED_FRAMES = {1, 5, 15, 30, 60, 150};
  /** "Near the bottom": the default's wall time within this much of the fastest length's. */
  static final double NEAR_BOTTOM = 0.10;

  public record Row(String split, double meanChunkFrames, int chunks, double wallSeconds, double fps, long bytes, boolean isDefault,
      double minWall, double maxWall) {}

  public record Result(List<Row> rows) {}

  static final String STATEMENT = "Chunk length draws a U; the default length sits near the bottom";
  static final String TARGET = "both ends slower than the fastest length; default within " + Math.round(NEAR_BOTTOM * 100)
      + "% of the fastest";

  static List<Claim> notMeasured(String reason) {
    return List.of(Claim.notMeasured("granularity.default", STATEMENT, TARGET, reason));
  }

  private GranularitySweep() {}

  public static Section run(PipelineRunner runner, Interleaved trials, int cores, long frames, Path out) throws Exception {
    List<EncodeConfig> configs = configs(cores, frames);
    trials.progress().println("3/9 granularity: " + configs.size() + " chunk lengths on " + cores + " workers ("
        + configs.size() * trials.repeat() + " encodes)");
    List<TrialStats> stats = trials.run("granularity", configs.stream().map(runner::contender).toList(), false);

    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < stats.size(); i++) {
      TrialStats s = stats.get(i);
      rows.add(new Row(configs.get(i).label(), (double) s.frames() / s.chunks(), s.chunks(), s.wall(), s.fps(), s.bytes(),
          i == stats.size() - 1, s.minWall(), s.maxWall()));
    }
    Row byDefault = rows.getLast();
    List<Row> curve = rows.subList(0, rows.size() - 1); // fixed lengths and the whole video, by length
    Row best = rows.stream().min(Comparator.comparingDouble(Row::wallSeconds)).orElseThrow();

    MarkdownTable table = writeTable(rows, curve.getLast().bytes(), best, out);
    ChartWriter.granularity(out.resolve("granularity.png"), cores + " workers; " + frames + " frames; median of " + trials.repeat()
            + " run(s)", curve.stream().mapToDouble(Row::meanChunkFrames).toArray(),
        curve.stream().mapToDouble(Row::wallSeconds).toArray(), curve.stream().mapToDouble(r -> r.bytes() / 1e6).toArray(),
        byDefault.meanChunkFrames(), byDefault.wallSeconds(), byDefault.bytes() / 1e6);

    List<Claim> claims = List.of(claim(curve, best, byDefault));

    String md = """
        %d workers; fixed-length chunks (`--split fixed --chunk-frames N --no-tail-split`: a cut every N frames wherever
        it falls, each chunk decoding forward from the keyframe before it, and no chunk split at the tail, so that each
        row's chunks have the length it names), the whole video as one chunk (`--split none`), and the engine's default
        (`--split keyframes`, length picked from the video's length and the workers, with the tail split) in bold.

        %s
        ![granularity](granularity.png)

        Short chunks pay per chunk: a decoder opened and seeked, the frames from the keyframe before the chunk decoded
        and thrown away, an encoder opened, a segment written, and a keyframe forced at every chunk start, which is
        why the output grows as chunks shrink. Long chunks leave workers idle: with one chunk, one worker does
        everything.
        """.formatted(cores, table);
    return new Section("granularity", "3. Granularity: chunk length", md, claims, new Result(rows));
  }

  /** Fixed lengths shorter than the video, the whole video as one chunk, then the engine's default. */
  private static List<EncodeConfig> configs(int cores, long frames) {
    List<EncodeConfig> configs = new ArrayList<>();
    for (int n : FIXED_FRAMES) {
      if (n < frames) {
        // Without the tail split, so that every chunk is the length its row names.
        configs.add(new EncodeConfig("fixed " + n + (n == 1 ? " frame" : " frames"), ExecutionMode.PARALLEL, cores, SplitMode.FIXED,
            0, n, 1, false));
      }
    }
    configs.add(new EncodeConfig("none (whole video, one chunk)", ExecutionMode.PARALLEL, cores, SplitMode.NONE, 0, 60, 1, false));
    configs.add(EncodeConfig.defaults("default (keyframes, auto length)", ExecutionMode.PARALLEL, cores));
    return configs;
  }

  /** Writes granularity.csv; returns the report's table, by chunk length, the default in bold. */
  private static MarkdownTable writeTable(List<Row> rows, long wholeBytes, Row best, Path out) throws java.io.IOException {
    MarkdownTable table = new MarkdownTable("split", ">mean chunk (frames)", ">chunks", ">wall (s)", ">fps", ">size (MB)",
        ">size vs whole video", ">wall vs fastest");
    Csv csv = new Csv("split", "mean_chunk_frames", "chunks", "wall_s", "fps", "bytes", "default", "wall_min_s", "wall_max_s");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(Row::meanChunkFrames));
    for (Row r : sorted) {
      table.row(r.isDefault() ? "**" + r.split() + "**" : r.split(), f(r.meanChunkFrames(), 1), r.chunks(), seconds(r.wallSeconds()),
          f(r.fps(), 1), megabytes(r.bytes()), percent((double) r.bytes() / wholeBytes - 1),
          r == best ? "fastest" : percent(r.wallSeconds() / best.wallSeconds() - 1));
      csv.row(r.split(), r.meanChunkFrames(), r.chunks(), r.wallSeconds(), r.fps(), r.bytes(), r.isDefault(), r.minWall(), r.maxWall());
    }
    Files.writeString(out.resolve("granularity.csv"), csv.toString());
    return table;
  }

  /** The curve is U-shaped and the default near its bottom. */
  private static Claim claim(List<Row> curve, Row best, Row byDefault) {
    // U-shaped: both ends of the curve slower than its fastest point.
    Row curveBest = curve.stream().min(Comparator.comparingDouble(Row::wallSeconds)).orElseThrow();
    boolean uShaped = curve.size() >= 3 && curve.getFirst() != curveBest && curve.getLast() != curveBest;
    double offBottom = byDefault.wallSeconds() / best.wallSeconds() - 1;
    return Claim.judged("granularity.default", STATEMENT, TARGET,
        (uShaped ? "U-shaped" : "not U-shaped") + " (fastest: " + curveBest.split() + ", " + seconds(curveBest.wallSeconds())
            + " s; 1-frame end " + seconds(curve.getFirst().wallSeconds()) + " s, whole video " + seconds(curve.getLast().wallSeconds())
            + " s); default " + f(byDefault.meanChunkFrames(), 0) + " frames per chunk, " + seconds(byDefault.wallSeconds()) + " s ("
            + (byDefault.wallSeconds() <= curveBest.wallSeconds()
                ? "the fastest row, " + percent(byDefault.wallSeconds() / curveBest.wallSeconds() - 1) + " vs the next fastest, "
                    + curveBest.split()
                : percent(offBottom) + " vs the fastest")
            + ")",
        uShaped && offBottom <= NEAR_BOTTOM);
  }
}
