package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.framefork.encoder.kernels.scale.PlaneScaler;
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
 * A whole 1080p yuv420p frame scaled bilinearly to 720p (three planes, two plans), the same at 10
 * bits (yuv420p10le's 16-bit samples, twice the bytes), and a 2:1 box downscale of the luma plane.
 * Compare bilinear1080pTo720p with {@link SwscaleBenchmark}'s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ScaleBenchmark {
  @Param({"plain", "vector"})
  public String impl;

  private PlaneScaler scaler;
  private YuvFrame src;
  private YuvFrame dst;
  private BilinearPlan lumaPlan;
  private BilinearPlan chromaPlan;
  private Plane half;
  private YuvFrame16 src16;
  private YuvFrame16 dst16;

  @Setup
  public void setUp() {
    scaler = Hd.kernels(impl).scaler();
    src = Hd.frame(3, Hd.WIDTH, Hd.HEIGHT);
    dst = YuvFrame.allocate(Hd.SMALL_WIDTH, Hd.SMALL_HEIGHT);
    lumaPlan = BilinearPlan.of(src.y(), dst.y());
    chromaPlan = BilinearPlan.of(src.u(), dst.u());
    half = Plane.allocate(Hd.WIDTH / 2, Hd.HEIGHT / 2);
    src16 = Hd.tenBit(src);
    dst16 = YuvFrame16.allocate(Hd.SMALL_WIDTH, Hd.SMALL_HEIGHT, 10);
  }

  @Benchmark
  @MovesBytes((long) Hd.FRAME_420 + Hd.SMALL_FRAME_420)
  public YuvFrame bilinear1080pTo720p() {
    scaler.bilinear(src.y(), dst.y(), lumaPlan);
    scaler.bilinear(src.u(), dst.u(), chromaPlan);
    scaler.bilinear(src.v(), dst.v(), chromaPlan);
    return dst;
  }

  @Benchmark
  @MovesBytes(2L * (Hd.FRAME_420 + Hd.SMALL_FRAME_420))
  public YuvFrame16 bilinear1080pTo720p16() {
    for (int i = 0; i < 3; i++) {
      scaler.bilinear(src16.plane(i), dst16.plane(i), i == 0 ? lumaPlan : chromaPlan);
    }
    return dst16;
  }

  @Benchmark
  @MovesBytes(Hd.LUMA + Hd.LUMA / 4)
  public Plane halveLuma() {
    scaler.halve(src.y(), half);
    return half;
  }
}
