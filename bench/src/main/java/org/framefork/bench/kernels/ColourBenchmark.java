package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.colour.ColourConverter;
import org.framefork.encoder.kernels.colour.ColourMatrix;
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
 * A 1080p BGR24 frame to YUV 4:2:0 (BT.601, as libswscale's default, see {@link
 * SwscaleBenchmark}) and back. The plain loop cannot be auto-vectorised (3-byte pixels), so this
 * is where the Vector API should gain most; its costs are the BGR shuffle and int-lane arithmetic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ColourBenchmark {
  @Param({"plain", "vector"})
  public String impl;

  private ColourConverter colour;
  private PackedImage bgr;
  private PackedImage bgrOut;
  private YuvFrame yuv;

  @Setup
  public void setUp() {
    colour = Hd.kernels(impl).colour();
    bgr = Hd.bgr(7);
    bgrOut = PackedImage.allocate(Hd.WIDTH, Hd.HEIGHT, PixelLayout.BGR24);
    yuv = YuvFrame.allocate(Hd.WIDTH, Hd.HEIGHT);
  }

  @Benchmark
  @MovesBytes(3L * Hd.LUMA + Hd.FRAME_420)
  public YuvFrame bgrToYuv420() {
    colour.toYuv420(bgr, yuv, ColourMatrix.BT601);
    return yuv;
  }

  @Benchmark
  @MovesBytes(Hd.FRAME_420 + 3L * Hd.LUMA)
  public PackedImage yuv420ToBgr() {
    colour.fromYuv420(yuv, bgrOut, ColourMatrix.BT601);
    return bgrOut;
  }
}
