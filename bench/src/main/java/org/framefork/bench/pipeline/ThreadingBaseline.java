package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;
import static org.framefork.bench.pipeline.Figures.megabytes;
import static org.framefork.bench.pipeline.Figures.percent;
import static org.framefork.bench.pipeline.Figures.ratio;
import static org.framefork.bench.pipeline.Figures.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;

/**
 * Measurement 4: FrameFork's chunks against FFmpeg's own threading at equal settings (libx264, same
 * preset and CRF, every core). The fair baseline is one libx264 encoder with threads = cores in the
 * same FFmpeg build (the engine with one chunk and codec threads = cores); the system ffmpeg, when
 * installed, is a second one from another build. Chunks should win on speed because x264's frame
 * threads wait on each other's reference rows and its lookahead, while chunks share nothing; they
 * pay in size, because every chunk starts with a keyframe and its rate control starts cold.
 */
public final class ThreadingBaseline {
  /** The targets: at least 1.1x the fps at equal SSIM (±0.002) and size (±3%). */
  static final double FPS_TARGET = 1.1;
  static final double SSIM_TOLERANCE = 0.002;
  static final double SIZE_TOLERANCE = 0.03;

  public record Row(String contender, double wallSeconds, double cpuSeconds, double fps, long bytes, double ssim) {}

  public record Result(String ssimMethod, List<Row> rows) {}

  static final String STATEMENT = "FrameFork beats FFmpeg's own threading (one libx264, threads = cores) at equal quality and size";
  static final String TARGET = "fps ≥ " + FPS_TARGET + "x, SSIM within ±" + SSIM_TOLERANCE + ", size within ±"
      + Math.round(SIZE_TOLERANCE * 100) + "%";

  static List<Claim> notMeasured(String reason) {
    return List.of(Claim.notMeasured("threading.same-build", STATEMENT + ", same FFmpeg build", TARGET, reason),
        Claim.notMeasured("threading.system-ffmpeg", STATEMENT + ", system ffmpeg", TARGET, reason));
  }

  private ThreadingBaseline() {}

  public static Section run(PipelineRunner runner, Interleaved trials, int cores, Optional<DebianFfmpeg> system, SsimMeter ssim,
      String ffmpegVersion, Path out) throws Exception {
    List<Contender> contenders = contenders(runner, cores, system, ffmpegVersion);
    trials.progress().println("4/9 threading: FrameFork against one libx264 with " + cores + " threads ("
        + contenders.size() * trials.repeat() + " encodes, then SSIM)");
    List<TrialStats> stats = trials.run("threading", contenders, true);

    List<Row> rows = measureSsim(stats, ssim, runner.input(), trials.progress());
    // FrameFork's fps over each baseline's, round by round (index i: rows.get(i); the first is FrameFork's own).
    List<double[]> rounds = stats.stream().map(s -> TrialStats.pairedRatios(stats.getFirst(), s, Trial::fps)).toList();
    MarkdownTable table = writeTable(rows, rounds, out);
    ChartWriter.threading(out.resolve("threading.png"), runner.preset() + ", CRF " + runner.crf() + "; median of " + trials.repeat()
            + " run(s); SSIM against the source",
        rows.stream().map(r -> shortLabel(r.contender())).toList(), rows.stream().mapToDouble(Row::fps).toArray(),
        rows.stream().mapToDouble(r -> r.bytes() / 1e6).toArray(), rows.stream().mapToDouble(Row::ssim).toArray());

    List<Claim> claims = claims(rows, rounds);

    String md = """
        libx264, preset %s, CRF %d, audio copied, whole job timed (FrameFork: probe to verified output; system ffmpeg:
        process start to exit). FrameFork runs its default: keyframe chunks on %d workers, one codec thread each. The
        baselines run one encoder over the whole video with %d threads (x264's own frame threads), in FFmpeg's own
        build and in the system ffmpeg. SSIM by %s, averaged over the frames. Times are medians; "FrameFork fps ÷
        this" is the median of the round-by-round ratios (each baseline's run against FrameFork's run of the same round).

        %s
        ![threading](threading.png)

        Where FrameFork is faster, it is because its chunks share nothing, while x264's frame threads wait on each
        other's reference rows. What the chunks cost is size: each chunk starts with a keyframe (the source's
        keyframes only, with the default split) and its rate control starts without history. The engine's decoder
        runs one thread per chunk; the system ffmpeg's decoder picks its own threads.
        """.formatted(runner.preset(), runner.crf(), cores, cores, ssim.method(), table);
    return new Section("threading", "4. Against FFmpeg's own threading", md, claims, new Result(ssim.method(), rows));
  }

  /** @param rounds how many times faster FrameFork ran in each round (see TrialStats#pairedRatio) */
  private static Claim versus(String id, String statement, String target, Row ff, Row base, double[] rounds) {
    double speed = TrialStats.median(rounds);
    double dq = ff.ssim() - base.ssim();
    double ds = (double) ff.bytes() / base.bytes() - 1;
    boolean fast = speed >= FPS_TARGET;
    boolean sameQ = Math.abs(dq) <= SSIM_TOLERANCE;
    boolean sameSize = Math.abs(ds) <= SIZE_TOLERANCE;
    List<String> missed = new ArrayList<>();
    if (!fast) {
      missed.add("speed");
    }
    if (!sameQ) {
      missed.add("SSIM");
    }
    if (!sameSize) {
      missed.add("size");
    }
    return Claim.judged(id, statement, target,
        ratio(speed) + " fps (the median of the rounds' " + TrialStats.roundsText(rounds) + "; median fps " + f(ff.fps(), 1)
            + " vs " + f(base.fps(), 1) + "), SSIM " + String.format(java.util.Locale.ROOT, "%+.4f",
            dq) + ", size " + percent(ds) + (missed.isEmpty() ? "" : "; misses: " + String.join(", ", missed)),
        fast && sameQ && sameSize);
  }

  private static String shortVersion(DebianFfmpeg s) {
    String v = s.version().replaceFirst("^ffmpeg version ", "");
    return "ffmpeg " + v.replaceFirst("-.*", "");
  }

  private static String shortLabel(String contender) {
    return contender.replace(", keyframe chunks", "");
  }

  /** FrameFork's default, one libx264 of the same build with the cores as threads, and the system ffmpeg's when there is one. */
  private static List<Contender> contenders(PipelineRunner runner, int cores, Optional<DebianFfmpeg> system, String ffmpegVersion) {
    List<Contender> contenders = new ArrayList<>();
    contenders.add(runner.contender(
        EncodeConfig.defaults("FrameFork: " + cores + " workers x 1 codec thread, keyframe chunks", ExecutionMode.PARALLEL, cores)));
    contenders.add(runner.contender(new EncodeConfig("one libx264, threads=" + cores + " (FFmpeg " + ffmpegVersion + ", same build)",
        ExecutionMode.PARALLEL, 1, SplitMode.NONE, 0, 60, cores, false)));
    system.ifPresent(s -> contenders.add(s.encoder("one libx264, threads=" + cores + " (system " + shortVersion(s) + ")",
        runner.input(), cores, runner.preset(), runner.crf())));
    return contenders;
  }

  /** A row per contender, with its kept output's SSIM against the source; the outputs are deleted after. */
  private static List<Row> measureSsim(List<TrialStats> stats, SsimMeter ssim, Path input, java.io.PrintStream progress)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    try {
      for (TrialStats s : stats) {
        progress.println("  SSIM of " + s.label() + " against the source…");
        double q = ssim.ssim(s.keptOutput(), input);
        rows.add(new Row(s.label(), s.wall(), s.cpu(), s.fps(), s.bytes(), q));
      }
    } finally {
      for (TrialStats s : stats) {
        Interleaved.deleteQuietly(s.keptOutput());
      }
    }
    return rows;
  }

  /** Writes threading.csv; returns the report's table, each baseline against FrameFork (the first row). */
  private static MarkdownTable writeTable(List<Row> rows, List<double[]> rounds, Path out) throws java.io.IOException {
    Row ff = rows.getFirst();
    MarkdownTable table = new MarkdownTable("encoder", ">wall (s)", ">CPU (s)", ">fps", ">size (MB)", ">SSIM", ">FrameFork fps ÷ this",
        ">FrameFork size vs this", ">FrameFork SSIM − this");
    Csv csv = new Csv("encoder", "wall_s", "cpu_s", "fps", "bytes", "ssim");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      boolean self = r == ff;
      table.row(r.contender(), seconds(r.wallSeconds()), seconds(r.cpuSeconds()), f(r.fps(), 1), megabytes(r.bytes()), f(r.ssim(), 4),
          self ? "" : ratio(TrialStats.median(rounds.get(i))), self ? "" : percent((double) ff.bytes() / r.bytes() - 1),
          self ? "" : String.format(java.util.Locale.ROOT, "%+.4f", ff.ssim() - r.ssim()));
      csv.row(r.contender(), r.wallSeconds(), r.cpuSeconds(), r.fps(), r.bytes(), r.ssim());
    }
    Files.writeString(out.resolve("threading.csv"), csv.toString());
    return table;
  }

  private static List<Claim> claims(List<Row> rows, List<double[]> rounds) {
    Row ff = rows.getFirst();
    List<Claim> claims = new ArrayList<>();
    claims.add(versus("threading.same-build", STATEMENT + ", same FFmpeg build", TARGET, ff, rows.get(1), rounds.get(1)));
    if (rows.size() > 2) {
      claims.add(versus("threading.system-ffmpeg", STATEMENT + ", system ffmpeg", TARGET, ff, rows.get(2), rounds.get(2)));
    } else {
      claims.add(Claim.notMeasured("threading.system-ffmpeg", STATEMENT + ", system ffmpeg", TARGET,
          "no system ffmpeg with libx264 on this machine"));
    }
    return claims;
  }
}
