package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
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
 * auto-vectorises the plain loop too; SSIM is dominated by int multiplies and gains less. The
 * same at 10 bits (the pictures times four plus two bits of noise, 16-bit samples): expect less
 * gain from the Vector API than at 8 bits, each sample taking an int lane, not a byte.
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
  private Plane16 a16;
  private Plane16 b16;

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
    a16 = tenBit(a, Hd.plane(7, Hd.WIDTH, Hd.HEIGHT));
    b16 = tenBit(b, noise);
  }

  /** {@code picture} times four, plus the low two bits of {@code noise}: 10-bit samples. */
  private static Plane16 tenBit(Plane picture, Plane noise) {
    Plane16 p = Plane16.allocate(picture.width(), picture.height());
    for (int i = 0; i < p.data().length; i++) {
      p.data()[i] = (short) (4 * (picture.data()[i] & 0xFF) + (noise.data()[i] & 3));
    }
    return p;
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

  @Benchmark
  @MovesBytes(4L * Hd.LUMA)
  public double ssim16() {
    return metrics.ssim(a16, b16, 10, scratch);
  }

  @Benchmark
  @MovesBytes(4L * Hd.LUMA)
  public long sse16() {
    return metrics.sse(a16, b16);
  }
}
