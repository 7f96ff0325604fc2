package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.framefork.bench.kernels.KernelReport;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measurement 5: the SIMD kernels, from the JMH kernel benchmarks ({@code framefork bench kernels}):
 * their throughput in GB/s next to the machine's copy bandwidth, and the Vector API's speed-up over
 * plain Java. A full run runs them; {@code --quick} reuses the newest kernel results in
 * bench/results (and says so), or runs a very short pass when there are none.
 */
public final class SimdKernels {
  /** The kernel targets (issue "SIMD kernels"): vector ÷ plain on these four. */
  static final Map<String, String> TARGETS = new LinkedHashMap<>();

  static {
    TARGETS.put("Metric.sad", "SAD");
    TARGETS.put("Metric.sse", "SSE (PSNR)");
    TARGETS.put("Colour.bgrToYuv420", "BGR24 → YUV 4:2:0");
    TARGETS.put("Scale.bilinear1080pTo720p", "bilinear 1080p → 720p");
  }

  static final double SPEEDUP_TARGET = 8.0;
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  /** One row of a kernel results table. */
  public record KernelRow(String benchmark, String impl, double opsPerSecond, double msPerOp, double gigabytesPerSecond,
      String vectorOverPlain, String vectorOverSwscale) {}

  public record Result(String source, boolean reused, List<KernelRow> rows) {}

  static final String STATEMENT = "The Vector API kernels are at least 8x plain Java (SAD, SSE, BGR24 → YUV, bilinear)";
  static final String TARGET = "vector ÷ plain ≥ " + f(SPEEDUP_TARGET, 0) + "x on each of the four";

  static List<Claim> notMeasured(String reason) {
    return List.of(Claim.notMeasured("simd.kernels", STATEMENT, TARGET, reason));
  }

  private SimdKernels() {}

  public static Section run(boolean quick, Path root, Path out, Machine machine, PrintStream progress) throws Exception {
    Results results = results(quick, root, progress);
    String source = results.source();
    boolean reused = results.reused();
    Files.writeString(out.resolve("kernels.md"), results.markdown());
    List<KernelRow> rows = parse(results.markdown());

    MarkdownTable table = new MarkdownTable("benchmark", "impl", ">ms/op", ">GB/s moved", ">vector ÷ plain", ">vector ÷ libswscale");
    for (KernelRow r : rows) {
      table.row(r.benchmark(), r.impl(), f(r.msPerOp(), 3), f(r.gigabytesPerSecond(), 2), r.vectorOverPlain(), r.vectorOverSwscale());
    }
    String bandwidth = rows.stream().filter(r -> r.benchmark().startsWith("MemoryCopy."))
        .map(r -> "`" + r.benchmark() + "` " + f(r.gigabytesPerSecond(), 2) + " GB/s")
        .reduce((a, b) -> a + ", " + b).orElse("not in these results");
    Claim claim = reused ? reusedClaim(rows, source, results.markdown(), machine) : claim(rows, "");

    String md = """
        %s Throughput of each kernel on 1080p planes, as bytes moved per second (input read plus output written), next
        to the machine's copy bandwidth: %s. A kernel near the copy bandwidth is memory-bound; one far below it is
        compute-bound, where wider vectors help and a faster memory would not. The full table, with the machine and
        the JMH options, is in [kernels.md](kernels.md).

        %s""".formatted(reused
            ? "**Reused, not measured in this run:** `--quick` takes the newest kernel results, `" + source + "`."
            : "Measured in this run with `framefork bench kernels`" + (quick ? " (a very short JMH pass: indicative only)." : "."),
        bandwidth, table);
    return new Section("kernels", "5. SIMD kernels", md, List.of(claim), new Result(source, reused, rows));
  }

  /** The newest kernel results under bench/results: kernels-DATE.md or DATE-HOST/kernels.md. */
  static Optional<Path> latestResults(Path root) throws IOException {
    Path results = root.resolve("bench/results");
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(results, 2)) {
      return files.filter(p -> p.getFileName().toString().matches("kernels(-\\d{4}-\\d{2}-\\d{2})?\\.md"))
          .filter(p -> DATE.matcher(results.relativize(p).toString()).find())
          // a quick run's kernels.md is a copy of older results or a pass too short to trust
          .filter(p -> !results.relativize(p).toString().contains("-quick"))
          .filter(p -> {
            try {
              return !parse(Files.readString(p)).isEmpty();
            } catch (IOException e) {
              return false;
            }
          })
          .max(Comparator.comparing((Path p) -> stamp(results, p)).thenComparing(p -> p.toString()));
    }
  }

  private static final Pattern HEADER_TIME = Pattern.compile("^# Kernel benchmarks, \\d{4}-\\d{2}-\\d{2} (\\d{2}:\\d{2})");
  private static final Pattern REPORT_TIME = Pattern.compile("\\| date \\| \\d{4}-\\d{2}-\\d{2} (\\d{2}:\\d{2})");

  /**
   * When a kernel report was made, as "DATE HH:mm": the date from its path; the time from its own
   * first line, else (a bench run's copy) from the run's report.md, else 00:00. Several runs on
   * one day are then told apart by their times rather than by their names.
   */
  private static String stamp(Path results, Path file) {
    Matcher d = DATE.matcher(results.relativize(file).toString());
    String date = d.find() ? d.group(1) : "";
    String time = "00:00";
    try {
      Matcher h = HEADER_TIME.matcher(Files.readString(file).lines().findFirst().orElse(""));
      Path report = file.resolveSibling("report.md");
      Matcher r = Files.isRegularFile(report) ? REPORT_TIME.matcher(Files.readString(report)) : null;
      if (h.find()) {
        time = h.group(1);
      } else if (r != null && r.find()) {
        time = r.group(1);
      }
    } catch (IOException e) {
      // no time: the date alone
    }
    return date + " " + time;
  }

  /** The kernel benchmark classes in the jar's benchmark list, run one at a time so that a progress line follows each. */
  static List<String> benchmarkClasses() {
    return BenchmarkList.defaultList()
        .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
            List.of("org\\.framefork\\.bench\\.kernels\\..*"), List.of())
        .stream().map(BenchmarkListEntry::getUserClassQName).distinct().sorted().toList();
  }

  private static String runJmh(boolean quick, PrintStream progress) throws Exception {
    List<RunResult> results = new ArrayList<>();
    String args;
    if (quick) {
      // Enough to show the table's shape; C2 may not even have compiled the vector loops yet.
      args = "-f 1 -wi 1 -w 300ms -i 1 -r 300ms (MemoryCopy.arraycopy6MiB, Metric.sad)";
      OptionsBuilder b = new OptionsBuilder();
      b.include("org\\.framefork\\.bench\\.kernels\\.(MemoryCopy|Metric)Benchmark\\.(arraycopy6MiB|sad)");
      b.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(300)).measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(300)).verbosity(VerboseMode.SILENT).shouldFailOnError(true);
      results.addAll(new Runner(b.build()).run());
    } else {
      args = "-f 1 -wi 5 -w 1s -i 5 -r 1s";
      for (String c : benchmarkClasses()) {
        OptionsBuilder b = new OptionsBuilder();
        b.include(java.util.regex.Pattern.quote(c) + "\\..*");
        b.forks(1).warmupIterations(5).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
            .measurementTime(TimeValue.seconds(1)).verbosity(VerboseMode.SILENT).shouldFailOnError(true);
        long t0 = System.nanoTime();
        var r = new Runner(b.build()).run();
        results.addAll(r);
        progress.printf(java.util.Locale.ROOT, "  [kernels] %s: %d benchmarks in %.0f s%n", c.substring(c.lastIndexOf('.') + 1), r.size(),
            (System.nanoTime() - t0) / 1e9);
      }
    }
    return KernelReport.markdown(results, args);
  }

  /** The rows of the first kernel table in a kernel report ("| benchmark | impl | ops/s | ..."). */
  static List<KernelRow> parse(String markdown) {
    List<KernelRow> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("| benchmark | impl | ops/s")) {
        if (!rows.isEmpty()) {
          break;
        }
        inTable = true;
        continue;
      }
      if (!inTable) {
        continue;
      }
      if (!line.startsWith("|")) {
        if (!rows.isEmpty()) {
          break;
        }
        continue;
      }
      String[] c = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
      if (c.length < 8 || c[0].trim().startsWith("---")) {
        continue;
      }
      try {
        rows.add(new KernelRow(c[0].trim(), c[1].trim(), Double.parseDouble(c[2].trim()), Double.parseDouble(c[4].trim()),
            Double.parseDouble(c[5].trim()), c[6].trim(), c[7].trim()));
      } catch (NumberFormatException e) {
        // a row that is not a measurement (a note): skip it
      }
    }
    return rows;
  }

  /** The kernel report's markdown, and where it came from: this run's JMH pass, or (--quick) the newest earlier results. */
  private record Results(String markdown, String source, boolean reused) {}

  private static Results results(boolean quick, Path root, PrintStream progress) throws Exception {
    Optional<Path> latest = quick ? latestResults(root) : Optional.empty();
    if (latest.isPresent()) {
      progress.println("5/9 kernels: --quick reuses " + root.relativize(latest.get()));
      return new Results(Files.readString(latest.get()), root.relativize(latest.get()).toString(), true);
    }
    progress.println("5/9 kernels: JMH kernel benchmarks" + (quick ? " (a very short pass: no earlier results to reuse)"
        : " (about 5 minutes)"));
    return new Results(runJmh(quick, progress), "kernels.md (this run)", false);
  }

  private static final Pattern MACHINE_LINE = Pattern.compile("(?m)^- Machine: (.*), \\d+ cores visible to the JVM, (.*)$");
  private static final Pattern VECTOR_BITS = Pattern.compile("(\\d+)-bit vectors");

  /**
   * Reused kernel results judge the claim only when they were measured on this machine: the same
   * CPU model and vector width. Results from another machine (an AVX2 file on an AVX-512 machine,
   * say) say nothing about this one's kernels, so the claim is then not measured, as with
   * {@code --skip kernels}.
   */
  static Claim reusedClaim(List<KernelRow> rows, String source, String markdown, Machine machine) {
    Optional<String> theirs = measuredOn(markdown);
    if (theirs.isEmpty() || !sameMachine(markdown, machine)) {
      return Claim.notMeasured("simd.kernels", STATEMENT, TARGET, "reused from " + source + ", measured on "
          + theirs.orElse("a machine it does not record") + ", not on this machine (" + machine.cpuModel() + ", "
          + machine.vectorExtensions() + "); `framefork bench kernels` measures them here");
    }
    String when = markdown.lines().findFirst().filter(l -> l.startsWith("# Kernel benchmarks, "))
        .map(l -> l.substring("# Kernel benchmarks, ".length()).trim()).orElse("an unrecorded date");
    return claim(rows, "; reused from " + source + ", measured on this machine on " + when);
  }

  /** "CPU model, vector extensions" from a kernel report's machine line, if it has one. */
  static Optional<String> measuredOn(String markdown) {
    Matcher m = MACHINE_LINE.matcher(markdown);
    return m.find() ? Optional.of(m.group(1).trim() + ", " + m.group(2).trim()) : Optional.empty();
  }

  private static boolean sameMachine(String markdown, Machine machine) {
    Matcher m = MACHINE_LINE.matcher(markdown);
    if (!m.find() || !m.group(1).trim().equals(machine.cpuModel().trim())
        || !Machine.recordedVectorExtensions(m.group(2)).equals(machine.vectorExtensions().trim())) {
      return false;
    }
    Matcher theirBits = VECTOR_BITS.matcher(markdown);
    Matcher ourBits = VECTOR_BITS.matcher(machine.kernels());
    return !(theirBits.find() && ourBits.find()) || theirBits.group(1).equals(ourBits.group(1));
  }

  /** Vector over plain for each of the four kernels that have a target; {@code provenance} ends the figures' note. */
  private static Claim claim(List<KernelRow> rows, String provenance) {
    List<String> measured = new ArrayList<>();
    int met = 0;
    int known = 0;
    for (Map.Entry<String, String> t : TARGETS.entrySet()) {
      Optional<KernelRow> v = rows.stream().filter(r -> r.benchmark().equals(t.getKey()) && r.impl().equals("vector")).findFirst();
      Optional<KernelRow> p = rows.stream().filter(r -> r.benchmark().equals(t.getKey()) && r.impl().equals("plain")).findFirst();
      if (v.isPresent() && p.isPresent()) {
        double x = v.get().opsPerSecond() / p.get().opsPerSecond();
        measured.add(t.getValue() + " " + f(x, 1) + "x");
        known++;
        if (x >= SPEEDUP_TARGET) {
          met++;
        }
      }
    }
    return known == 0
        ? Claim.notMeasured("simd.kernels", STATEMENT, TARGET, "the kernel results have none of the four kernels")
        : Claim.judged("simd.kernels", STATEMENT, TARGET, String.join(", ", measured) + " (" + met + " of " + known + " met"
            + provenance + ")", met == known && known == TARGETS.size());
  }
}
