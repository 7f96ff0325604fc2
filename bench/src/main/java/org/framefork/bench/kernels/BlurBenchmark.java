package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;
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
 * Separable Gaussian blur (radius 2, five taps per pass) and unsharp mask of a 1080p luma plane.
 * Bytes count the input plane read and the output written; the intermediate plane (another read
 * and write) is scratch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class BlurBenchmark {
  @Param({"plain", "vector"})
  public String impl;

  private PlaneFilter filter;
  private Plane src;
  private Plane dst;
  private Plane scratch;
  private final GaussianKernel kernel = new GaussianKernel(2);

  @Setup
  public void setUp() {
    filter = Hd.kernels(impl).filter();
    src = Hd.plane(5, Hd.WIDTH, Hd.HEIGHT);
    dst = Plane.allocate(Hd.WIDTH, Hd.HEIGHT);
    scratch = Plane.allocate(Hd.WIDTH, Hd.HEIGHT);
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA)
  public Plane gaussianBlur() {
    filter.gaussianBlur(src, dst, kernel, scratch);
    return dst;
  }

  @Benchmark
  @MovesBytes(2L * Hd.LUMA)
  public Plane unsharpMask() {
    filter.unsharpMask(src, dst, kernel, 1.0, scratch);
    return dst;
  }
}
