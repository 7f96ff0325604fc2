package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.bench.BenchMain;
import org.framefork.bench.kernels.KernelReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimdKernelsTest {
  @Test
  void findsEveryKernelBenchmarkClassInTheJmhList() {
    List<String> classes = SimdKernels.benchmarkClasses().stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList();
    assertTrue(classes.containsAll(List.of("MemoryCopyBenchmark", "MetricBenchmark", "ColourBenchmark", "ScaleBenchmark",
        "BlurBenchmark", "SwscaleBenchmark")), classes.toString());
  }

  @Test
  void readsTheRowsOfAKernelReport() throws Exception {
    Path committed = BenchMain.checkoutRoot().resolve("bench/results/kernels-2026-11-26.md");
    List<SimdKernels.KernelRow> rows = SimdKernels.parse(Files.readString(committed));
    assertEquals(22, rows.size());
    SimdKernels.KernelRow sad = rows.stream().filter(r -> r.benchmark().equals("Metric.sad") && r.impl().equals("vector"))
        .findFirst().orElseThrow();
    assertEquals(36.37, sad.gigabytesPerSecond(), 1e-9);
    assertEquals("29.19x", sad.vectorOverPlain());
  }

  @Test
  void quickRunsReuseTheNewestFullResultsNeverAQuickRunsCopy(@TempDir Path root) throws Exception {
    String table = Files.readString(BenchMain.checkoutRoot().resolve("bench/results/kernels-2026-11-26.md"));
    Path results = Files.createDirectories(root.resolve("bench/results"));
    Files.writeString(results.resolve("kernels-2026-11-26.md"), table);
    Files.createDirectories(results.resolve("2026-12-01-host"));
    Files.writeString(results.resolve("2026-12-01-host/kernels.md"), table);
    Files.createDirectories(results.resolve("2026-12-02-host-quick"));
    Files.writeString(results.resolve("2026-12-02-host-quick/kernels.md"), table);
    Files.writeString(results.resolve("kernels-2026-12-03.md"), "no table here");
    assertEquals(results.resolve("2026-12-01-host/kernels.md"), SimdKernels.latestResults(root).orElseThrow());
  }

  @Test
  void runsOfOneDayAreToldApartByTheirTimesNotTheirNames(@TempDir Path root) throws Exception {
    String table = Files.readString(BenchMain.checkoutRoot().resolve("bench/results/kernels-2026-11-26.md"));
    String body = table.substring(table.indexOf('\n'));
    Path results = Files.createDirectories(root.resolve("bench/results"));
    // A bench run's copy takes its time from the run's report; a kernels file from its own first line.
    Files.createDirectories(results.resolve("2026-12-01-vm"));
    Files.writeString(results.resolve("2026-12-01-vm/kernels.md"), "# Kernel benchmarks, 2026-12-01" + body);
    Files.writeString(results.resolve("2026-12-01-vm/report.md"), "# FrameFork bench\n\n| date | 2026-12-01 10:19, 28.6 minutes |\n");
    Files.writeString(results.resolve("kernels-2026-12-01.md"), "# Kernel benchmarks, 2026-12-01" + body);
    assertEquals(results.resolve("2026-12-01-vm/kernels.md"), SimdKernels.latestResults(root).orElseThrow(),
        "a file with no time counts as the day's start");
    Files.writeString(results.resolve("kernels-2026-12-01.md"), "# Kernel benchmarks, 2026-12-01 11:05" + body);
    assertEquals(results.resolve("kernels-2026-12-01.md"), SimdKernels.latestResults(root).orElseThrow());
  }

  @Test
  void aKernelReportFromAMachineThatDoesNotTellItsVectorExtensionsIsOfTheSameMachine() throws Exception {
    // Kernel reports and bench reports name a machine's vector extensions in the same words.
    String line = SimdKernels.measuredOn(KernelReport.markdown(List.of(), "-f 1")).orElseThrow();
    assertEquals(Machine.cpuModelHere() + ", " + Machine.vectorExtensionsHere(), line);
    assertEquals(Machine.describe().vectorExtensions(), Machine.vectorExtensionsHere());

    // A file written before they shared the words said "vector extensions unknown" where the machine said "unknown".
    String avx2 = Files.readString(BenchMain.checkoutRoot().resolve("bench/results/2026-11-26-vm-h/kernels.md"));
    String old = avx2.replace("AMD EPYC", "aarch64").replace("AVX2 (no AVX-512)", "vector extensions unknown");
    assertTrue(old.contains("- Machine: aarch64, ") && old.contains(", vector extensions unknown\n"), old);
    Claim same = SimdKernels.reusedClaim(SimdKernels.parse(old), "x", old,
        machine("aarch64", Machine.UNKNOWN_VECTOR_EXTENSIONS, "Vector API kernels: 256-bit vectors (aarch64)"));
    assertEquals(Claim.Verdict.NO, same.verdict(), same.measured());
    assertTrue(same.measured().contains("measured on this machine"), same.measured());
  }

  private static Machine machine(String cpu, String vector, String kernels) {
    return new Machine("h", cpu, vector, 4, 1L << 34, "Linux", "JDK 25", "7.1", kernels, 0.5);
  }

  @Test
  void resultsReusedFromAnotherMachineAreNotMeasuredHere() throws Exception {
    String avx2 = Files.readString(BenchMain.checkoutRoot().resolve("bench/results/2026-11-26-vm-h/kernels.md"));
    List<SimdKernels.KernelRow> rows = SimdKernels.parse(avx2);
    Claim other = SimdKernels.reusedClaim(rows, "bench/results/2026-11-26-vm-h/kernels.md", avx2,
        machine("AMD EPYC", "AVX-512", "Vector API kernels: 512-bit vectors (amd64)"));
    assertEquals(Claim.Verdict.NOT_MEASURED, other.verdict(), other.measured());
    assertTrue(other.measured().contains("reused from bench/results/2026-11-26-vm-h/kernels.md, measured on AMD EPYC, "
        + "AVX2 (no AVX-512)"), other.measured());

    Claim unrecorded = SimdKernels.reusedClaim(rows, "bench/results/kernels-2026-11-26.md",
        Files.readString(BenchMain.checkoutRoot().resolve("bench/results/kernels-2026-11-26.md")),
        machine("AMD EPYC", "AVX2 (no AVX-512)", "Vector API kernels: 256-bit vectors (amd64)"));
    assertEquals(Claim.Verdict.NOT_MEASURED, unrecorded.verdict(), unrecorded.measured());

    Claim same = SimdKernels.reusedClaim(rows, "bench/results/2026-11-26-vm-h/kernels.md", avx2,
        machine("AMD EPYC", "AVX2 (no AVX-512)", "Vector API kernels: 256-bit vectors (amd64)"));
    assertEquals(Claim.Verdict.NO, same.verdict(), same.measured());
    assertTrue(same.measured().endsWith("(2 of 4 met; reused from bench/results/2026-11-26-vm-h/kernels.md, measured on "
        + "this machine on 2026-11-26 17:01)"), same.measured());

    Claim narrower = SimdKernels.reusedClaim(rows, "x", avx2,
        machine("AMD EPYC", "AVX2 (no AVX-512)", "Vector API kernels: 128-bit vectors (amd64)"));
    assertEquals(Claim.Verdict.NOT_MEASURED, narrower.verdict(), "another vector width is another machine");
  }
}
