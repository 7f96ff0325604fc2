package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.metric.PlaneMetrics;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SAD, SSE (the whole cost of PSNR: the logarithm is once per frame) and SSIM of two 1080p luma
 * planes, plain Java against the Vector API. What to expect: SAD and SSE are two loads and a few
 * byte/short operations per 32 samples, so the vector twin should be many times faster unless C2
 * auto-vectorises the plain loop too; SSIM is dominated by int multiplies and gains less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MetricBenchmark {
  @Param({"plain", "vector"})
  public String impl;

  private PlaneMetrics metrics;
  private Plane a;
  private Plane b;
  private SsimScratch scratch;

  @Setup
  public void setUp() {
    metrics = Hd.kernels(impl).metrics();
    a = Hd.plane(1, Hd.WIDTH, Hd.HEIGHT);
    b = Hd.plane(1, Hd.WIDTH, Hd.HEIGHT);
    // The same picture with its own noise: differences of a few levels, as after encoding.
    Plane noise = Hd.plane(99, Hd.WIDTH, Hd.HEIGHT);
    for (int i = 0; i < Hd.LUMA; i++) {
      b.data()[i] = (byte) Math.max(0, Math.min(255, (b.data()[i] & 0xFF) + (noise.data()[i] & 3) - 1));
    }
    scratch = new SsimScratch(Hd.WIDTH);
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA)
  public long sad() {
    return metrics.sad(a, b);
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA)
  public long sse() {
    return metrics.sse(a, b);
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA)
  public double ssim() {
    return metrics.ssim(a, b, scratch);
  }
}
