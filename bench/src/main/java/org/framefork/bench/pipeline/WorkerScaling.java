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
import org.framefork.encoder.plan.Planners;

/**
 * Measurement 2: speedup and efficiency from 1 worker to twice the cores, against Amdahl's law with
 * the serial fraction measured from the job's own stage times. Expected: close to the prediction up
 * to the core count, then flat (more threads than cores only share the cores) or a little worse
 * (switching between them costs).
 */
public final class WorkerScaling {
  /** The targets: efficiency at the core count, and 2x cores within 5% of 1x cores. */
  static final double EFFICIENCY_TARGET = 0.95;
  static final double OVERSUBSCRIBED_TOLERANCE = 0.05;

  /**
   * One worker count. Times are medians; {@code speedup} is the median over the rounds of the
   * 1-worker run's wall time over this one's in the same round (see {@link TrialStats#pairedRatio}),
   * and {@code efficiency} is that over the workers. {@code busyShare} is CPU time over workers x
   * wall time: how much of the cores the job kept busy, whatever the machine's speed at the time;
   * {@code cpuVsOne} is the CPU time over the 1-worker run's (paired likewise): above 1 when the same
   * work costs more CPU side by side (shared caches and memory, a busy host).
   */
  /**
   * @param chunks the plan's chunks, the same at every worker count
   * @param splitOff the chunks the runs split off running ones besides (spare workers): the median over the runs
   */
  public record Row(int workers, int chunks, Number splitOff, double wallSeconds, double cpuSeconds, double fps, double speedup, double efficiency,
      double amdahlSpeedup, double karpFlatt, double encodeSeconds, double serialSeconds, double busyShare, double cpuVsOne) {}

  /**
   * Where an N-worker run's core-seconds went beyond the work of the 1-worker run, in shares of
   * {@code N x wall}: efficiency is 1 less these. Serial stages idle N-1 cores; chunks that take
   * longer with N at once (the workers share caches, memory bandwidth and the host); workers idle in
   * the encode stage at the tail (done while another still encodes) or elsewhere (opening, between
   * chunks). Worked out per round, against the 1-worker run of the same round; {@link #median}
   * takes each part's median, and {@code other} is what those medians leave over.
   */
  public record Losses(int workers, double efficiency, double serial, double slowerChunks, double tailIdle, double otherIdle,
      double other) {
    static Losses of(Trial one, Trial n, int workers) {
      double available = workers * n.wallSeconds();
      double efficiency = one.wallSeconds() / available;
      double serial = (workers * n.serialSeconds() - one.serialSeconds()) / available;
      double slower = (n.chunkSeconds() - one.chunkSeconds()) / available;
      double tail = (n.tailIdleSeconds() - one.tailIdleSeconds()) / available;
      double otherIdle = (n.idleSeconds() - n.tailIdleSeconds() - (one.idleSeconds() - one.tailIdleSeconds())) / available;
      return new Losses(workers, efficiency, serial, slower, tail, otherIdle, 1 - efficiency - serial - slower - tail - otherIdle);
    }

    static Losses median(List<Losses> rounds, int workers) {
      if (rounds.isEmpty()) {
        return new Losses(workers, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double eff = med(rounds, Losses::efficiency);
      double serial = med(rounds, Losses::serial);
      double slower = med(rounds, Losses::slowerChunks);
      double tail = med(rounds, Losses::tailIdle);
      double otherIdle = med(rounds, Losses::otherIdle);
      return new Losses(workers, eff, serial, slower, tail, otherIdle, 1 - eff - serial - slower - tail - otherIdle);
    }

    private static double med(List<Losses> rounds, java.util.function.ToDoubleFunction<Losses> f) {
      return TrialStats.median(rounds.stream().mapToDouble(f).toArray());
    }
  }

  /** @param hostCeiling efficiency of independent single-threaded ffmpeg encodes side by side; NaN without a system ffmpeg */
  public record Result(double chunkSeconds, double serialFraction, double serialSeconds, List<Row> rows, List<Losses> losses,
      double hostCeiling) {}

  static final String HOST_ALONE = "host: 1 ffmpeg encode alone (1 thread)";

  static String hostSideBySide(int cores) {
    return "host: " + cores + " ffmpeg encodes side by side (1 thread each)";
  }

  static final String EFFICIENCY = "Parallel efficiency at the core count";
  static final String OVERSUBSCRIBED = "Oversubscribing (2x cores workers) gains nothing and costs little";

  static String efficiencyTarget(int cores) {
    return "efficiency ≥ " + EFFICIENCY_TARGET + " at " + cores + " workers";
  }

  static String oversubscribedTarget(int cores) {
    return "wall time at " + 2 * cores + " workers within 5% of " + cores;
  }

  static List<Claim> notMeasured(String reason, int cores) {
    return List.of(Claim.notMeasured("workers.efficiency", EFFICIENCY, efficiencyTarget(cores), reason),
        Claim.notMeasured("workers.oversubscribed", OVERSUBSCRIBED, oversubscribedTarget(cores), reason));
  }

  private WorkerScaling() {}

  /** The host's ceiling: the system ffmpeg's independent encodes, alone and side by side; empty without one. */
  private static String hostSection(List<TrialStats> all, int engineConfigs, int cores, double ceiling, List<Row> rows) {
    if (Double.isNaN(ceiling)) {
      return "";
    }
    TrialStats alone = all.get(engineConfigs);
    TrialStats side = all.get(engineConfigs + 1);
    Row atCores = rows.size() >= cores ? rows.get(cores - 1) : null;
    MarkdownTable t = new MarkdownTable("run", ">wall (s)", ">CPU (s)");
    t.row(alone.label(), seconds(alone.wall()), seconds(alone.cpu()));
    t.row(side.label(), seconds(side.wall()), seconds(side.cpu()));
    return """

        **The host's own ceiling.** In the same rounds, the system ffmpeg encoded the input with one thread alone, and
        %d times at once as independent processes (one thread each, video only). They share nothing but the machine, so
        their efficiency side by side (the alone wall time over the side-by-side wall time, round by round) is what this
        host allows any parallel encoder: **%s**.%s

        %s
        """.formatted(cores, f(ceiling, 3), atCores == null ? "" : " FrameFork's efficiency at " + cores + " workers, "
        + f(atCores.efficiency(), 3) + ", is " + f(atCores.efficiency() / ceiling, 3) + " of it.", t);
  }

  /** A share of the available core-seconds as efficiency points lost: 0.031 -> "3.1%". */
  static String points(double share) {
    return Double.isNaN(share) ? "–" : String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }

  /**
   * @param system the system ffmpeg, when there is one: its single-threaded encodes, alone and
   *     {@code cores} of them side by side, run in the same rounds and measure the host's own ceiling
   */
  public static Section run(PipelineRunner runner, Interleaved trials, int cores, int maxWorkers, double durationSeconds,
      java.util.Optional<DebianFfmpeg> system, Path out) throws Exception {
    // One plan for every worker count (the chunks the default picks for the core count): otherwise
    // the curve would mix the effect of workers with the effect of chunk length.
    double chunkSeconds = Planners.defaultChunkSeconds(durationSeconds, cores);
    List<Contender> contenders = contenders(runner, cores, maxWorkers, chunkSeconds, system);
    trials.progress().println("2/9 workers: 1 to " + maxWorkers + " workers, the same plan" + (system.isPresent()
        ? ", and the host's ceiling (" + cores + " independent ffmpeg encodes side by side against one alone)" : "") + " ("
        + contenders.size() * trials.repeat() + " runs)");
    List<TrialStats> all = trials.run("workers", contenders, false);
    List<TrialStats> stats = all.subList(0, maxWorkers);
    // Efficiency of independent processes: cores encodes' worth of work side by side, against one alone.
    double hostCeiling = system.isPresent() ? TrialStats.pairedWallRatio(all.get(maxWorkers), all.get(maxWorkers + 1))
        : Double.NaN;

    AmdahlFit amdahl = new AmdahlFit(stats.getFirst().serial(), stats.getFirst().wall(), cores);
    List<Row> rows = rows(stats, amdahl);
    List<Losses> losses = losses(stats);
    MarkdownTable lossTable = writeLosses(losses, cores, out);
    MarkdownTable table = writeRows(rows, cores, out);
    drawCharts(rows, amdahl, trials.repeat(), cores, out);
    List<Claim> claims = List.of(efficiencyClaim(stats, rows, losses, cores, hostCeiling),
        oversubscribedClaim(stats, rows, cores));
    String md = markdown(chunkSeconds, cores, rows, table, amdahl, lossTable, hostSection(all, maxWorkers, cores, hostCeiling, rows));
    return new Section("workers", "2. Speedup against workers", md, claims,
        new Result(chunkSeconds, amdahl.serialFraction(), amdahl.serialSeconds(), rows, losses, hostCeiling));
  }

  /** Every worker count from 1 to {@code maxWorkers} on the same plan, then the system ffmpeg alone and side by side. */
  private static List<Contender> contenders(PipelineRunner runner, int cores, int maxWorkers, double chunkSeconds,
      java.util.Optional<DebianFfmpeg> system) {
    List<Contender> contenders = new ArrayList<>();
    for (int n = 1; n <= maxWorkers; n++) {
      contenders.add(runner.contender(EncodeConfig.defaults(n + (n == 1 ? " worker" : " workers"), ExecutionMode.PARALLEL, n)
          .withChunkSeconds(chunkSeconds)));
    }
    system.ifPresent(ff -> {
      contenders.add(ff.sideBySide(HOST_ALONE, runner.input(), 1, runner.preset(), runner.crf()));
      contenders.add(ff.sideBySide(hostSideBySide(cores), runner.input(), cores, runner.preset(), runner.crf()));
    });
    return contenders;
  }

  /** A row per worker count, {@code stats} in worker order from 1. */
  static List<Row> rows(List<TrialStats> stats, AmdahlFit amdahl) {
    TrialStats one = stats.getFirst();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < stats.size(); i++) {
      int n = i + 1;
      TrialStats s = stats.get(i);
      double speedup = TrialStats.pairedWallRatio(one, s);
      rows.add(new Row(n, s.chunks(), s.splitOff(), s.wall(), s.cpu(), s.fps(), speedup, speedup / n, amdahl.predictedSpeedup(n),
          AmdahlFit.karpFlatt(speedup, n), s.encode(), s.serial(), s.median(t -> t.cpuSeconds() / (n * t.wallSeconds())),
          TrialStats.pairedRatio(s, one, Trial::cpuSeconds)));
    }
    return rows;
  }

  /** Where the efficiency went, from 2 workers on, each against the 1-worker run of its round. */
  private static List<Losses> losses(List<TrialStats> stats) {
    TrialStats one = stats.getFirst();
    List<Losses> losses = new ArrayList<>();
    for (int n = 2; n <= stats.size(); n++) {
      int workers = n;
      losses.add(Losses.median(TrialStats.paired(one, stats.get(n - 1), (o, t) -> Losses.of(o, t, workers)), n));
    }
    return losses;
  }

  /** Writes efficiency-losses.csv; returns the report's table of the same. */
  private static MarkdownTable writeLosses(List<Losses> losses, int cores, Path out) throws java.io.IOException {
    MarkdownTable lossTable = new MarkdownTable(">workers", ">efficiency", ">serial stages", ">chunks slower",
        ">idle at the tail", ">idle otherwise", ">left over");
    Csv lossCsv = new Csv("workers", "efficiency", "serial", "slower_chunks", "tail_idle", "other_idle", "other");
    for (Losses l : losses) {
      lossTable.row(l.workers() + (l.workers() == cores ? " (cores)" : ""), f(l.efficiency(), 3), points(l.serial()),
          points(l.slowerChunks()), points(l.tailIdle()), points(l.otherIdle()), points(l.other()));
      lossCsv.row(l.workers(), l.efficiency(), l.serial(), l.slowerChunks(), l.tailIdle(), l.otherIdle(), l.other());
    }
    Files.writeString(out.resolve("efficiency-losses.csv"), lossCsv.toString());
    return lossTable;
  }

  /** Writes workers.csv; returns the report's table of the same. */
  private static MarkdownTable writeRows(List<Row> rows, int cores, Path out) throws java.io.IOException {
    MarkdownTable table = new MarkdownTable(">workers", ">chunks", ">split off", ">wall (s)", ">CPU (s)", ">fps", ">speedup", ">efficiency",
        ">cores kept busy", ">CPU vs 1 worker", ">Amdahl speedup", ">Karp–Flatt serial fraction", ">encode stage (s)",
        ">serial stages (s)");
    Csv csv = new Csv("workers", "chunks", "split_off", "wall_s", "cpu_s", "fps", "speedup", "efficiency", "busy_share", "cpu_vs_one",
        "amdahl_speedup", "karp_flatt", "encode_s", "serial_s");
    for (Row r : rows) {
      table.row(r.workers() + (r.workers() == cores ? " (cores)" : ""), r.chunks(), r.splitOff(), seconds(r.wallSeconds()),
          seconds(r.cpuSeconds()), f(r.fps(), 1), ratio(r.speedup()), f(r.efficiency(), 3), f(r.busyShare(), 3),
          ratio(r.cpuVsOne()), ratio(r.amdahlSpeedup()), f(r.karpFlatt(), 3), seconds(r.encodeSeconds()),
          seconds(r.serialSeconds()));
      csv.row(r.workers(), r.chunks(), r.splitOff(), r.wallSeconds(), r.cpuSeconds(), r.fps(), r.speedup(), r.efficiency(), r.busyShare(),
          r.cpuVsOne(), r.amdahlSpeedup(), r.karpFlatt(), r.encodeSeconds(), r.serialSeconds());
    }
    Files.writeString(out.resolve("workers.csv"), csv.toString());
    return table;
  }

  private static void drawCharts(List<Row> rows, AmdahlFit amdahl, int repeat, int cores, Path out) throws java.io.IOException {
    int[] workers = rows.stream().mapToInt(Row::workers).toArray();
    String subtitle = "serial fraction " + f(amdahl.serialFraction(), 3) + " (probe, plan, join, verify at 1 worker); median of "
        + repeat + " run(s)";
    ChartWriter.speedup(out.resolve("speedup.png"), subtitle, workers, rows.stream().mapToDouble(Row::speedup).toArray(),
        rows.stream().mapToDouble(Row::amdahlSpeedup).toArray(), cores);
    ChartWriter.efficiency(out.resolve("efficiency.png"), subtitle, workers,
        rows.stream().mapToDouble(Row::efficiency).toArray(),
        rows.stream().mapToDouble(r -> r.amdahlSpeedup() / r.workers()).toArray(), EFFICIENCY_TARGET, cores);
  }

  /** Efficiency at the core count, with where it went; not measured when the curve stops short of the cores. */
  private static Claim efficiencyClaim(List<TrialStats> stats, List<Row> rows, List<Losses> losses, int cores,
      double hostCeiling) {
    if (rows.size() < cores) {
      return Claim.notMeasured("workers.efficiency", EFFICIENCY, efficiencyTarget(cores), "--max-workers " + rows.size()
          + " is below the " + cores + " cores");
    }
    Row atCores = rows.get(cores - 1);
    String lost = "";
    if (cores > 1) {
      Losses l = losses.get(cores - 2);
      String host = Double.isNaN(hostCeiling) ? "" : "; the host allowed " + f(hostCeiling, 3) + " (" + cores
          + " independent ffmpeg encodes side by side)";
      lost = host + "; cores kept busy " + f(atCores.busyShare(), 3) + ", CPU time " + ratio(atCores.cpuVsOne())
          + " the 1-worker run's; lost: serial stages " + points(l.serial()) + ", chunks slower " + points(l.slowerChunks())
          + ", idle at the tail " + points(l.tailIdle()) + ", idle otherwise " + points(l.otherIdle());
    }
    double[] rounds = java.util.Arrays.stream(TrialStats.pairedRatios(stats.getFirst(), stats.get(cores - 1), Trial::wallSeconds))
        .map(x -> x / cores).toArray();
    return Claim.judged("workers.efficiency", EFFICIENCY, efficiencyTarget(cores),
        f(atCores.efficiency(), 3) + " (the median of the rounds' " + TrialStats.roundsText(rounds) + "; speedup "
            + ratio(atCores.speedup()) + "; Amdahl allows " + ratio(atCores.amdahlSpeedup())
            + ", efficiency " + f(atCores.amdahlSpeedup() / cores, 3) + lost + ")",
        atCores.efficiency() >= EFFICIENCY_TARGET);
  }

  /** Twice the cores against the cores; not measured when the curve stops short of twice the cores. */
  private static Claim oversubscribedClaim(List<TrialStats> stats, List<Row> rows, int cores) {
    if (rows.size() < 2 * cores) {
      return Claim.notMeasured("workers.oversubscribed", OVERSUBSCRIBED, oversubscribedTarget(cores), "--max-workers "
          + rows.size() + " is below " + 2 * cores);
    }
    Row atCores = rows.get(cores - 1);
    Row twice = rows.get(2 * cores - 1);
    double off = TrialStats.pairedWallRatio(stats.get(2 * cores - 1), stats.get(cores - 1)) - 1;
    return Claim.judged("workers.oversubscribed", OVERSUBSCRIBED, oversubscribedTarget(cores),
        seconds(twice.wallSeconds()) + " s vs " + seconds(atCores.wallSeconds()) + " s (" + percent(off) + "; the rounds' ratios "
            + TrialStats.roundsText(TrialStats.pairedRatios(stats.get(2 * cores - 1), stats.get(cores - 1), Trial::wallSeconds))
            + ")",
        Math.abs(off) <= OVERSUBSCRIBED_TOLERANCE);
  }

  private static String markdown(double chunkSeconds, int cores, List<Row> rows, MarkdownTable table, AmdahlFit amdahl,
      MarkdownTable lossTable, String hostSection) {
    return """
        Every worker count runs the same plan: keyframe chunks of %s s (the engine's default for %d workers), %d chunks;
        "split off" counts those that spare workers split off running chunks besides (the median over the runs).
        Speedup is the 1-worker wall time over the N-worker wall time, whole job (probe to verify), taken in each round
        of the interleaved runs and then the median over the rounds (a shared machine's speed drifts by several percent
        in minutes; the runs of one round meet it in about the same state); efficiency is speedup / N. "Cores kept busy"
        is CPU time over N × wall time, which the machine's speed does not move: how well the engine keeps its workers
        fed. "CPU vs 1 worker" is the same work's CPU time against the 1-worker run's: above 1.00x when the workers slow
        each other down (shared caches and memory, or a busy host). Efficiency is about the product of the two.

        %s
        ![speedup](speedup.png)

        ![efficiency](efficiency.png)

        **Amdahl fit.** At 1 worker the job spends %s s of its %s s outside the encode stage (probe, plan, join,
        verify), a serial fraction s = %s. Amdahl's law then allows a speedup of at most 1 / (s + (1 − s) / N) =
        %s on %d cores, and no more with more workers: past the core count, extra workers are threads that share the
        same cores. The Karp–Flatt column is the serial fraction each measured speedup implies; where it grows with N,
        something besides the serial stages costs (memory bandwidth shared by the workers, switching between more
        threads than cores, the last chunk running alone at the end).

        **Where the efficiency goes.** N workers have N × wall core-seconds; the 1-worker run needed its wall
        time of them. The rest, as a share of N × wall (so efficiency = 1 − the columns): the serial stages
        (N − 1 cores idle), the chunks taking longer when N run at once (the cores share caches, memory and the
        host), workers idle at the tail of the encode stage (done while another still encodes) and idle
        otherwise (opening the first chunk, between chunks). Each part is a difference against the 1-worker run,
        so it can fall below 0: the N workers spent less there than the one did (timing noise, or for the
        chunks a core that ran faster); the parts still add up to what was lost. Each part is worked out per
        round and its median taken, so they leave a little over. Past the core count, "chunks slower" is mostly the workers taking turns
        on the cores: a chunk's time is wall time.

        %s
        %s""".formatted(f(chunkSeconds, 2), cores, rows.getFirst().chunks(), table, seconds(amdahl.serialSeconds()),
        seconds(amdahl.wallSeconds()), f(amdahl.serialFraction(), 3), ratio(amdahl.ceiling()), cores, lossTable,
        hostSection);
  }
}
