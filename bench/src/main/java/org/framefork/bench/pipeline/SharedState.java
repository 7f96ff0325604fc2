package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;
import static org.framefork.bench.pipeline.Figures.percent;
import static org.framefork.bench.pipeline.Figures.ratio;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.framefork.bench.sharedstate.CounterLayoutBenchmark;
import org.framefork.bench.sharedstate.ProgressCounterBenchmark;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measurement 6: shared state. The JMH lessons {@link ProgressCounterBenchmark} (one shared counter
 * against per-worker counters) and {@link CounterLayoutBenchmark} (per-worker counters side by side
 * against padded), at the engine's real event rate, measured from a real encode's ChunkProgress
 * events, and at a high rate, with 2 threads and with twice the cores.
 */
public final class SharedState {
  static final List<String> COUNTERS = List.of("workOnly", "sharedAtomic", "sharedSynchronized", "perWorkerAdder", "threadConfined");
  /** The bench's own thresholds (the issue sets none): per-worker at least this much faster at a high rate ... */
  static final double HIGH_RATE_GAIN = 2.0;
  /** ... and no counter more than this much slower than the work alone at the engine's rate. */
  static final double ENGINE_RATE_TOLERANCE = 0.02;

  /** One JMH score: events per second over all threads. */
  public record Score(String benchmark, String rate, int threads, double eventsPerSecond, double error) {
    double nanosPerEventPerThread() {
      return threads * 1e9 / eventsPerSecond;
    }
  }

  public record Result(double engineEventsPerSecondPerWorker, double engineGapMicros, long engineTokens, double nanosPerToken,
      String jmhOptions, List<Score> scores) {}

  static final String HIGH = "At a high event rate, per-worker counters beat one shared counter";
  static final String ENGINE = "At the engine's event rate, the choice of counter does not matter";

  static String highTarget(int cores) {
    return "LongAdder ≥ " + f(HIGH_RATE_GAIN, 0) + "x a shared AtomicLong's events/s with " + 2 * cores
        + " threads (the bench's own threshold)";
  }

  static final String ENGINE_TARGET = "no counter slower than the work alone by more than " + Math.round(ENGINE_RATE_TOLERANCE * 100)
      + "% and JMH's 99.9% error";

  static List<Claim> notMeasured(String reason, int cores) {
    return List.of(Claim.notMeasured("shared-state.high-rate", HIGH, highTarget(cores), reason),
        Claim.notMeasured("shared-state.engine-rate", ENGINE, ENGINE_TARGET, reason));
  }

  private SharedState() {}

  /**
   * @param eventsPerSecondPerWorker the engine's progress event rate, from a real encode at the core
   *     count
   */
  public static Section run(boolean quick, int cores, double eventsPerSecondPerWorker, String rateSource, Path out,
      PrintStream progress) throws Exception {
    if (!(eventsPerSecondPerWorker > 0) || Double.isInfinite(eventsPerSecondPerWorker)) {
      throw new IllegalStateException("the reference encode emitted no progress events to measure a rate from");
    }
    double gapNanos = 1e9 / eventsPerSecondPerWorker;
    double nanosPerToken = nanosPerToken();
    long tokens = Math.max(1, Math.round(gapNanos / nanosPerToken));
    Set<Integer> threadCounts = new LinkedHashSet<>(List.of(2, 2 * cores));
    progress.printf(Locale.ROOT, "6/9 shared-state: counters at the engine's rate (%.1f events/s per worker, one per %.1f ms of"
        + " work = %d tokens) and back to back, %s threads%n", eventsPerSecondPerWorker, gapNanos / 1e6, tokens, threadCounts);

    // Iterations long enough to hold several events at the engine's rate, capped so a slow encode
    // does not make this section the longest of the bench.
    TimeValue engineIteration = TimeValue.milliseconds((long) Math.min(quick ? 1000 : 5000,
        Math.max(quick ? 200 : 1000, (quick ? 3 : 10) * gapNanos / 1e6)));
    String jmhOptions = quick
        ? "in-process (-f 0), -wi 1 -w 100ms -i 1 -r 200ms (high rate), -r " + engineIteration + " (engine rate)"
        : "-f 1 -wi 3 -w 1s -i 5 -r 1s (high rate); -wi 1 -w " + engineIteration + " -i 3 -r " + engineIteration + " (engine rate)";
    List<Score> scores = new ArrayList<>();
    for (int threads : threadCounts) {
      scores.addAll(jmh(ProgressCounterBenchmark.class, "high", 0, threads, quick, TimeValue.seconds(1), progress));
      scores.addAll(jmh(ProgressCounterBenchmark.class, "engine", tokens, threads, quick, engineIteration, progress));
      scores.addAll(jmh(CounterLayoutBenchmark.class, "high", -1, threads, quick, TimeValue.seconds(1), progress));
    }

    writeCsv(scores, out);
    MarkdownTable high = highRate(scores, threadCounts, out);
    EngineRate engine = EngineRate.of(scores, threadCounts);
    List<Claim> claims = List.of(highRateClaim(scores, cores), Claim.judged("shared-state.engine-rate", ENGINE, ENGINE_TARGET,
        "worst " + percent(-engine.worst()) + " at " + f(eventsPerSecondPerWorker, 1) + " events/s per worker",
        engine.withinNoise()));
    String md = markdown(jmhOptions, rateSource, eventsPerSecondPerWorker, gapNanos, tokens, nanosPerToken, engine.table(), high);
    return new Section("shared-state", "6. Shared state: progress counters", md, claims,
        new Result(eventsPerSecondPerWorker, gapNanos / 1e3, tokens, nanosPerToken, jmhOptions, scores));
  }

  private static void writeCsv(List<Score> scores, Path out) throws java.io.IOException {
    Csv csv = new Csv("benchmark", "rate", "threads", "events_per_s", "error_99_9", "ns_per_event_per_thread");
    for (Score s : scores) {
      csv.row(s.benchmark(), s.rate(), s.threads(), s.eventsPerSecond(), s.error(), s.nanosPerEventPerThread());
    }
    Files.writeString(out.resolve("shared-state.csv"), csv.toString());
  }

  /** The high-rate scores as the report's table, and as its chart. */
  private static MarkdownTable highRate(List<Score> scores, Set<Integer> threadCounts, Path out) throws java.io.IOException {
    MarkdownTable high = new MarkdownTable("counter", ">threads", ">events/s (all threads)", ">ns per event per thread",
        ">vs shared AtomicLong");
    DefaultCategoryDataset chart = new DefaultCategoryDataset();
    for (int threads : threadCounts) {
      Score atomic = find(scores, "sharedAtomic", "high", threads);
      for (String b : List.of("sharedAtomic", "sharedSynchronized", "perWorkerAdder", "threadConfined", "adjacentSlots",
          "paddedSlots")) {
        Score s = find(scores, b, "high", threads);
        if (s == null) {
          continue;
        }
        high.row(label(b), threads, f(s.eventsPerSecond() / 1e6, 1) + " M", f(s.nanosPerEventPerThread(), 2),
            atomic == null ? "" : ratio(s.eventsPerSecond() / atomic.eventsPerSecond()));
        chart.addValue(s.nanosPerEventPerThread(), label(b), threads + " threads");
      }
    }
    ChartWriter.sharedState(out.resolve("shared-state.png"), "high rate (events back to back); lower is better", chart);
    return high;
  }

  /**
   * The counters at the engine's rate against the work alone: the report's table, the worst
   * slowdown, and whether every counter is within the tolerance or JMH's error bars.
   */
  private record EngineRate(MarkdownTable table, double worst, boolean withinNoise) {
    static EngineRate of(List<Score> scores, Set<Integer> threadCounts) {
      MarkdownTable engine = new MarkdownTable("counter", ">threads", ">events/s (all threads)", ">± (99.9%)", ">vs the work alone");
      double worstEngine = 0;
      boolean engineWithinNoise = true;
      for (int threads : threadCounts) {
        Score alone = find(scores, "workOnly", "engine", threads);
        for (String b : COUNTERS) {
          Score s = find(scores, b, "engine", threads);
          double rel = s.eventsPerSecond() / alone.eventsPerSecond() - 1;
          if (!b.equals("workOnly")) {
            worstEngine = Math.max(worstEngine, -rel);
            // Slower than the work alone by more than the tolerance and by more than JMH's error bars.
            double noise = Double.isNaN(s.error()) || Double.isNaN(alone.error()) ? 0 : s.error() + alone.error();
            if (-rel > ENGINE_RATE_TOLERANCE && alone.eventsPerSecond() - s.eventsPerSecond() > noise) {
              engineWithinNoise = false;
            }
          }
          engine.row(label(b), threads, f(s.eventsPerSecond(), 2), f(s.error(), 2), b.equals("workOnly") ? "" : percent(rel));
        }
      }
      return new EngineRate(engine, worstEngine, engineWithinNoise);
    }
  }

  /** Per-worker counters against one shared AtomicLong, back to back at the most threads. */
  private static Claim highRateClaim(List<Score> scores, int cores) {
    int most = 2 * cores;
    Score atomicMost = find(scores, "sharedAtomic", "high", most);
    Score adderMost = find(scores, "perWorkerAdder", "high", most);
    double gain = adderMost.eventsPerSecond() / atomicMost.eventsPerSecond();
    return Claim.judged("shared-state.high-rate", HIGH, highTarget(cores),
        ratio(gain) + " (" + f(adderMost.nanosPerEventPerThread(), 1) + " vs " + f(atomicMost.nanosPerEventPerThread(), 1)
            + " ns per event per thread)",
        gain >= HIGH_RATE_GAIN);
  }

  private static String markdown(String jmhOptions, String rateSource, double eventsPerSecondPerWorker, double gapNanos,
      long tokens, double nanosPerToken, MarkdownTable engine, MarkdownTable high) {
    return """
        Two JMH lessons in `org.framefork.bench.sharedstate` (run alone: `framefork bench shared-state`): progress counting
        with one shared counter (`AtomicLong`, `synchronized`) against per-worker counters (`LongAdder`, a thread-confined
        field merged at the end), and per-worker counters in one `long[]` side by side against padded a cache-line pair
        apart. Each JMH thread plays a worker. JMH: %s.

        **The engine's rate.** %s: %s progress events per second per worker, one per %s ms of work, which the benchmark
        reproduces with `Blackhole.consumeCPU(%d)` between events (%s ns per token, measured here).

        %s
        **A high rate** (events back to back, nothing between them): what a counter per frame, or per pixel, would be.

        %s
        ![shared-state](shared-state.png)

        At the engine's rate the counters are lost in the work: tens of nanoseconds per event against milliseconds of
        encoding. At a high rate a shared counter's cache line moves between cores on every event, and a lock adds a
        queue; per-worker counters only pay for it when their slots share a line (`adjacent slots`).
        """.formatted(jmhOptions, rateSource, f(eventsPerSecondPerWorker, 1), f(gapNanos / 1e6, 2), tokens, f(nanosPerToken, 3),
        engine, high);
  }

  private static List<Score> jmh(Class<?> benchmark, String rate, long tokens, int threads, boolean quick, TimeValue iteration,
      PrintStream progress) throws Exception {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include(java.util.regex.Pattern.quote(benchmark.getName()) + "\\..*")
        .threads(threads)
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true);
    if (tokens >= 0) {
      b.param("workTokens", String.valueOf(tokens));
    }
    boolean engine = rate.equals("engine");
    if (quick) {
      b.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100)).measurementIterations(1)
          .measurementTime(engine ? iteration : TimeValue.milliseconds(200));
    } else if (engine) {
      b.forks(1).warmupIterations(1).warmupTime(iteration).measurementIterations(3).measurementTime(iteration);
    } else {
      b.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(iteration);
    }
    List<Score> scores = new ArrayList<>();
    for (RunResult r : new Runner(b.build()).run()) {
      String name = r.getParams().getBenchmark();
      scores.add(new Score(name.substring(name.lastIndexOf('.') + 1), rate, threads, r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError()));
    }
    progress.printf(Locale.ROOT, "  [shared-state] %s, %s rate, %d threads: %s%n", benchmark.getSimpleName(), rate, threads,
        String.join(", ", scores.stream().map(s -> s.benchmark() + " " + f(s.eventsPerSecond(), s.eventsPerSecond() < 1e4 ? 1 : 0))
            .toList()));
    return scores;
  }

  /** Nanoseconds one {@link Blackhole#consumeCPU} token takes on this machine: the best of a few tries. */
  static double nanosPerToken() {
    long tokens = 20_000_000;
    Blackhole.consumeCPU(tokens / 10); // warm it up before timing
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      Blackhole.consumeCPU(tokens);
      best = Math.min(best, (double) (System.nanoTime() - t0) / tokens);
    }
    return best;
  }

  private static Score find(List<Score> scores, String benchmark, String rate, int threads) {
    return scores.stream().filter(s -> s.benchmark().equals(benchmark) && s.rate().equals(rate) && s.threads() == threads)
        .findFirst().orElse(null);
  }

  private static String label(String benchmark) {
    return switch (benchmark) {
      case "workOnly" -> "work alone (no counter)";
      case "sharedAtomic" -> "shared AtomicLong";
      case "sharedSynchronized" -> "shared synchronized long";
      case "perWorkerAdder" -> "LongAdder (per-worker cells)";
      case "threadConfined" -> "thread-confined, merged at the end";
      case "adjacentSlots" -> "long[] per worker, adjacent slots";
      case "paddedSlots" -> "long[] per worker, padded slots";
      default -> benchmark;
    };
  }
}
