package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;
import static org.framefork.bench.pipeline.Figures.percent;
import static org.framefork.bench.pipeline.Figures.ratio;
import static org.framefork.bench.pipeline.Figures.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.plan.ExecutionMode;

/**
 * Measurement 1: the same plan run sequentially, concurrently (interleaved on one thread) and in
 * parallel on every core. Concurrency is a way to structure work, not to speed it up: on one thread
 * the interleaved run does the same work plus the switching, so it should take as long as the
 * sequential one; only the parallel run has more cores to spend, and should be faster by about
 * their number.
 */
public final class ModeComparison {
  /** The target: concurrent on one thread within 5% of sequential. */
  static final double CONCURRENT_TOLERANCE = 0.05;

  /**
   * @param chunks the plan's chunks, the same in every mode
   * @param splitOff chunks the runs split off running ones besides (the parallel mode's spare workers): the median over the runs
   * @param splitOffs the same, each run's in round order as {@link TrialStats#splitOffText} writes them
   */
  public record Row(String mode, int threads, int chunks, Number splitOff, String splitOffs, double wallSeconds, double cpuSeconds, double coresBusy, double fps,
      double speedup, double minWall, double maxWall) {}

  /** @param eventsPerSecondPerWorker the parallel run's progress event rate, for the shared-state benchmark */
  public record Result(List<Row> rows, double eventsPerSecondPerWorker) {}

  static final String CONCURRENT = "Concurrent on one thread is no faster than sequential";
  static final String CONCURRENT_TARGET = "concurrent wall time within 5% of sequential";
  static final String PARALLEL = "Parallel is faster in proportion to the cores";

  static String parallelTarget(int cores) {
    return "speedup over sequential ≥ 0.95 × " + cores + " cores = " + f(0.95 * cores, 2) + "x";
  }

  static List<Claim> notMeasured(String reason, int cores) {
    return List.of(Claim.notMeasured("modes.concurrent", CONCURRENT, CONCURRENT_TARGET, reason),
        Claim.notMeasured("modes.parallel", PARALLEL, parallelTarget(cores), reason));
  }

  private ModeComparison() {}

  public static Section run(PipelineRunner runner, Interleaved trials, int cores, Path out) throws Exception {
    // Every mode gets workers = cores, so the planner cuts the same chunks; only the parallel mode
    // uses them as threads.
    List<EncodeConfig> configs = List.of(
        EncodeConfig.defaults("sequential (1 thread)", ExecutionMode.SEQUENTIAL, cores),
        EncodeConfig.defaults("concurrent (1 thread, interleaved)", ExecutionMode.CONCURRENT, cores),
        EncodeConfig.defaults("parallel (" + cores + " workers)", ExecutionMode.PARALLEL, cores));
    trials.progress().println("1/9 modes: the same plan sequential, concurrent and parallel ("
        + configs.size() * trials.repeat() + " encodes)");
    List<TrialStats> stats = trials.run("modes", configs.stream().map(runner::contender).toList(), false);

    List<Row> rows = new ArrayList<>();
    int[] threads = {1, 1, cores};
    for (int i = 0; i < stats.size(); i++) {
      TrialStats s = stats.get(i);
      rows.add(new Row(configs.get(i).mode().toString(), threads[i], s.chunks(), s.splitOff(), s.splitOffText(), s.wall(), s.cpu(), s.cpu() / s.wall(), s.fps(),
          TrialStats.pairedWallRatio(stats.get(0), s), s.minWall(), s.maxWall()));
    }
    Result result = new Result(rows, stats.get(2).median(Trial::eventsPerSecondPerWorker));

    MarkdownTable table = writeTable(rows, trials.repeat(), out);

    List<Claim> claims = claims(stats, rows, cores);

    String md = """
        The same plan (keyframe chunks of the engine's default length for %d workers) in the three execution modes.
        CPU time is the whole process's (the JIT and GC included); "cores busy" is CPU time over wall time. Times are
        medians; speedups and the comparison below are taken round by round (each mode's run against the sequential
        run of the same round) and their median reported, since a shared machine's speed drifts between rounds.

        %s
        ![modes](modes.png)

        Concurrent interleaves the open chunks a few frames at a time on one thread: every chunk makes progress, but one
        core does all the work, so it cannot beat sequential; what it costs on top is switching between open decoders
        and encoders (their caches go cold). Parallel runs the chunks on %d workers; a worker left without one splits a
        running chunk and encodes its share of the rest (the engine's default), counted as split off: each run's count
        where the runs differ, and their median in modes.csv.
        """.formatted(cores, table, cores);
    return new Section("modes", "1. Sequential, concurrent, parallel", md, claims, result);
  }

  /** Writes modes.csv and modes.png; returns the report's table. */
  private static MarkdownTable writeTable(List<Row> rows, int repeat, Path out) throws java.io.IOException {
    MarkdownTable table = new MarkdownTable("mode", ">threads", ">chunks", ">split off", ">wall (s)", ">CPU (s)", ">cores busy", ">fps",
        ">speedup vs sequential", ">wall min–max (s)");
    Csv csv = new Csv("mode", "threads", "chunks", "split_off", "wall_s", "cpu_s", "cores_busy", "fps", "speedup", "wall_min_s", "wall_max_s");
    for (Row r : rows) {
      table.row(r.mode(), r.threads(), r.chunks(), r.splitOffs(), seconds(r.wallSeconds()), seconds(r.cpuSeconds()), f(r.coresBusy(), 2),
          f(r.fps(), 1), ratio(r.speedup()), seconds(r.minWall()) + "–" + seconds(r.maxWall()));
      csv.row(r.mode(), r.threads(), r.chunks(), r.splitOff(), r.wallSeconds(), r.cpuSeconds(), r.coresBusy(), r.fps(), r.speedup(), r.minWall(),
          r.maxWall());
    }
    Files.writeString(out.resolve("modes.csv"), csv.toString());
    ChartWriter.modes(out.resolve("modes.png"), "median of " + repeat + " run(s); " + Interleaved.chunks(rows.get(0).chunks()),
        rows.stream().map(r -> r.mode() + " (" + r.threads() + (r.threads() == 1 ? " thread)" : " threads)")).toList(),
        rows.stream().mapToDouble(Row::wallSeconds).toArray(), rows.stream().mapToDouble(Row::cpuSeconds).toArray());
    return table;
  }

  /** Concurrent against sequential, and parallel's speedup, each taken round by round. */
  private static List<Claim> claims(List<TrialStats> stats, List<Row> rows, int cores) {
    Row seq = rows.get(0);
    Row con = rows.get(1);
    Row par = rows.get(2);
    double concurrentOff = TrialStats.pairedWallRatio(stats.get(1), stats.get(0)) - 1; // round by round, like the speedups
    return List.of(
        Claim.judged("modes.concurrent", CONCURRENT, CONCURRENT_TARGET,
            "concurrent " + seconds(con.wallSeconds()) + " s vs sequential " + seconds(seq.wallSeconds()) + " s ("
                + percent(concurrentOff) + "; the rounds' ratios "
                + TrialStats.roundsText(TrialStats.pairedRatios(stats.get(1), stats.get(0), Trial::wallSeconds)) + ")",
            Math.abs(concurrentOff) <= CONCURRENT_TOLERANCE),
        Claim.judged("modes.parallel", PARALLEL, parallelTarget(cores),
            ratio(par.speedup()) + " on " + cores + " workers (efficiency " + f(par.speedup() / cores, 2) + "; the rounds' speedups "
                + TrialStats.roundsText(TrialStats.pairedRatios(stats.get(0), stats.get(2), Trial::wallSeconds)) + ")",
            par.speedup() >= WorkerScaling.EFFICIENCY_TARGET * cores));
  }
}
