package org.framefork.bench.kernels;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framefork.bench.pipeline.Machine;
import org.framefork.encoder.kernels.Kernels;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results into the kernel report: per benchmark and implementation the throughput, the
 * bytes it moves per second (from {@link MovesBytes}), the Vector API's speed-up over plain Java
 * and its ratio to libswscale where {@link SwscaleBenchmark} has a method of the same name.
 */
public final class KernelReport {
  private KernelReport() {}

  private record Row(String className, String method, String impl, double opsPerSecond,
      double error, long bytesPerOp) {
    String label() {
      return className.replace("Benchmark", "") + "." + method;
    }

    double gigabytesPerSecond() {
      return bytesPerOp * opsPerSecond / 1e9;
    }
  }

  public static String markdown(List<RunResult> results, String jmhArguments) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      int dot = benchmark.lastIndexOf('.');
      String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      String method = benchmark.substring(dot + 1);
      String impl = result.getParams().getParam("impl");
      if (impl == null) {
        impl = className.equals("SwscaleBenchmark") ? "libswscale" : "-";
      }
      var primary = result.getPrimaryResult();
      Row row = new Row(className, method, impl, primary.getScore(), primary.getScoreError(),
          bytesPerOp(benchmark));
      rows.put(className + "." + method + "/" + impl, row);
    }

    StringBuilder md = new StringBuilder();
    md.append("# Kernel benchmarks, ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()))
        .append("\n\n");
    md.append("- Machine: ").append(Machine.cpuModelHere()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores visible to the JVM, ")
        .append(Machine.vectorExtensionsHere()).append("\n");
    md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(Runtime.version()).append("; ").append(kernelsLine()).append("\n");
    md.append("- JMH: `").append(jmhArguments).append("`; each frame is 1920x1080 (8-bit planes), ")
        .append("Throughput mode, single thread\n\n");
    md.append("| benchmark | impl | ops/s | ± (99.9%) | ms/op | GB/s moved | vector ÷ plain | vector ÷ libswscale |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows.values()) {
      String speedup = "";
      String vsSwscale = "";
      if (row.impl().equals("vector")) {
        Row plain = rows.get(row.className() + "." + row.method() + "/plain");
        if (plain != null) {
          speedup = String.format(Locale.ROOT, "%.2fx", row.opsPerSecond() / plain.opsPerSecond());
        }
        Row swscale = rows.get("SwscaleBenchmark." + row.method() + "/libswscale");
        if (swscale != null) {
          vsSwscale = String.format(Locale.ROOT, "%.2fx", row.opsPerSecond() / swscale.opsPerSecond());
        }
      }
      md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.3f | %.2f | %s | %s |%n",
          row.label(), row.impl(), row.opsPerSecond(), row.error(), 1000 / row.opsPerSecond(),
          row.gigabytesPerSecond(), speedup, vsSwscale));
    }
    md.append("\nGB/s moved = bytes read from the inputs plus bytes written to the outputs per ")
        .append("operation (scratch not counted), times ops/s; compare with MemoryCopy, which ")
        .append("counts its read and its write the same way.\n");
    return md.toString();
  }

  /** The benchmark forks always add the module; this JVM may not have, so say which is which. */
  private static String kernelsLine() {
    return Kernels.vector().isPresent()
        ? "kernels: " + Kernels.choice()
        : "benchmark forks run with --add-modules jdk.incubator.vector (this launcher JVM: "
            + Kernels.choice() + ")";
  }

  private static long bytesPerOp(String benchmark) {
    try {
      int dot = benchmark.lastIndexOf('.');
      String name = benchmark.substring(dot + 1);
      // By name alone: a benchmark method may take JMH's Blackhole.
      return java.util.Arrays.stream(Class.forName(benchmark.substring(0, dot)).getMethods())
          .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(MovesBytes.class))
          .mapToLong(m -> m.getAnnotation(MovesBytes.class).value()).findFirst().orElse(0);
    } catch (ReflectiveOperationException e) {
      return 0;
    }
  }
}
