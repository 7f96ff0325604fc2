package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.PlaneFilter;
import org.framefork.encoder.kernels.filter.PlaneFilter16;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Separable Gaussian blur (radius 2, five taps per pass) and unsharp mask of a 1080p luma plane,
 * at 8 bits and (the {@code 16} methods) at 10 bits in 16-bit samples. Bytes count the input plane
 * read and the output written; the intermediate plane (another read and write) is scratch. The 16
 * methods run the 16-bit twins on a 10-bit plane (two bytes a sample): their vectors hold half as
 * many samples, on int lanes instead of short ones, so compare each with its 8-bit method to see
 * what the extra bits cost.
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
  private PlaneFilter16 filter16;
  private Plane16 src16;
  private Plane16 dst16;
  private Plane16 scratch16;

  @Setup
  public void setUp() {
    filter = Hd.kernels(impl).filter();
    src = Hd.plane(5, Hd.WIDTH, Hd.HEIGHT);
    dst = Plane.allocate(Hd.WIDTH, Hd.HEIGHT);
    scratch = Plane.allocate(Hd.WIDTH, Hd.HEIGHT);
    filter16 = filter.sixteenBit();
    src16 = Hd.tenBit(Hd.frame(5, Hd.WIDTH, Hd.HEIGHT)).y();
    dst16 = Plane16.allocate(Hd.WIDTH, Hd.HEIGHT);
    scratch16 = Plane16.allocate(Hd.WIDTH, Hd.HEIGHT);
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

  @Benchmark
  @MovesBytes(4L * Hd.LUMA)
  public void gaussianBlur16(Blackhole out) {
    filter16.gaussianBlur(src16, dst16, kernel, scratch16);
    out.consume(dst16);
  }

  @Benchmark
  @MovesBytes(4L * Hd.LUMA)
  public void unsharpMask16(Blackhole out) {
    filter16.unsharpMask(src16, dst16, kernel, 1.0, scratch16, 10);
    out.consume(dst16);
  }
}
