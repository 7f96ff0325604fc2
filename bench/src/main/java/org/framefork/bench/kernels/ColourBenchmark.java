package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.colour.ColourConverter;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.HdrToSdr;
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
 *
 * <p>{@code --tonemap}: the same frame as 10-bit HDR10 (PQ BT.2020) to 8-bit BT.709 SDR, with each
 * curve. Its per-pixel stage (seven table lookups, two entries each, some 40 double operations) is
 * most of the cost; the Vector API twin gathers its table entries, so it should gain less than
 * kernels that load contiguous samples, and the shared scalar stages (samples to doubles,
 * rounding, the chroma means) are in both figures.
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
  private YuvFrame16 hdr;
  private YuvFrame sdr;
  private HdrToSdr bt2390;
  private HdrToSdr hable;

  @Setup
  public void setUp() {
    colour = Hd.kernels(impl).colour();
    bgr = Hd.bgr(7);
    bgrOut = PackedImage.allocate(Hd.WIDTH, Hd.HEIGHT, PixelLayout.BGR24);
    yuv = YuvFrame.allocate(Hd.WIDTH, Hd.HEIGHT);
    // The 8-bit test picture as PQ signals: luma codes 64 to 769 (0 to about 1000 cd/m²), chroma twice as far from neutral.
    YuvFrame picture = Hd.frame(5, Hd.WIDTH, Hd.HEIGHT);
    hdr = YuvFrame16.allocate(Hd.WIDTH, Hd.HEIGHT, 10);
    for (int i = 0; i < 3; i++) {
      for (int y = 0; y < hdr.plane(i).height(); y++) {
        for (int x = 0; x < hdr.plane(i).width(); x++) {
          int v = picture.plane(i).get(x, y);
          hdr.plane(i).set(x, y, i == 0 ? 64 + v * 705 / 255 : 512 + 2 * (v - 128));
        }
      }
    }
    sdr = YuvFrame.allocate(Hd.WIDTH, Hd.HEIGHT);
    bt2390 = new HdrToSdr(HdrToSdr.Curve.BT2390, 1000);
    hable = new HdrToSdr(HdrToSdr.Curve.HABLE, 1000);
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

  @Benchmark
  @MovesBytes(3L * Hd.FRAME_420)
  public YuvFrame toneMapBt2390() {
    bt2390.toSdr(hdr, sdr, colour);
    return sdr;
  }

  @Benchmark
  @MovesBytes(3L * Hd.FRAME_420)
  public YuvFrame toneMapHable() {
    hable.toSdr(hdr, sdr, colour);
    return sdr;
  }
}
