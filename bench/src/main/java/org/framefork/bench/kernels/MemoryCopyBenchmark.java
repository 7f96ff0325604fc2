package org.framefork.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's copy bandwidth, the ceiling to read the kernels' GB/s against: {@code
 * System.arraycopy} (an intrinsic, wide moves) of 64 MiB, larger than any L3 here, so from DRAM; and
 * of 6 MiB, about one 1080p BGR24 frame, which stays in a 32 MiB L3 between invocations just as a
 * kernel's frame does. Bytes moved count the read and the write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1)
public class MemoryCopyBenchmark {
  static final int DRAM_BYTES = 64 << 20;
  static final int FRAME_BYTES = 6 << 20;

  private byte[] bigSrc;
  private byte[] bigDst;
  private byte[] frameSrc;
  private byte[] frameDst;

  @Setup
  public void setUp() {
    bigSrc = new byte[DRAM_BYTES];
    bigDst = new byte[DRAM_BYTES];
    frameSrc = new byte[FRAME_BYTES];
    frameDst = new byte[FRAME_BYTES];
    java.util.Arrays.fill(bigSrc, (byte) 1);
    java.util.Arrays.fill(frameSrc, (byte) 1);
  }

  @Benchmark
  @MovesBytes(2L * DRAM_BYTES)
  public byte[] arraycopy64MiB() {
    System.arraycopy(bigSrc, 0, bigDst, 0, DRAM_BYTES);
    return bigDst;
  }

  @Benchmark
  @MovesBytes(2L * FRAME_BYTES)
  public byte[] arraycopy6MiB() {
    System.arraycopy(frameSrc, 0, frameDst, 0, FRAME_BYTES);
    return frameDst;
  }
}
