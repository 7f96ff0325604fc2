package org.framefork.bench.sharedstate;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Lesson: per-worker counters must not share a cache line.
 *
 * <p>The obvious way to give each worker its own counter is one {@code long[]} indexed by worker
 * ({@link #adjacentSlots}). The slots are 8 bytes apart, so up to eight workers write the same
 * 64-byte cache line, and the line moves between cores on every write exactly as a shared counter's
 * would: "false sharing", no value is shared but the line is. The right way spaces the slots a cache
 * line pair apart ({@link #paddedSlots}: 16 longs, 128 bytes, because adjacent-line prefetchers pull
 * lines in pairs), or uses {@link java.util.concurrent.atomic.LongAdder}, whose cells are padded
 * with {@code @Contended}.
 *
 * <p>What the numbers should show, with two or more threads on different cores: padded slots run
 * several times faster than adjacent ones (on one core, or with one thread, they are the same). It
 * matters only at a high event rate, like the shared counter in {@link ProgressCounterBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class CounterLayoutBenchmark {
  static final int MAX_WORKERS = 1024;
  static final int PAD = 16;

  private long[] adjacent;
  private long[] padded;

  @Setup
  public void setUp() {
    adjacent = new long[MAX_WORKERS];
    padded = new long[MAX_WORKERS * PAD + PAD];
  }

  @Benchmark
  public long adjacentSlots(ThreadParams thread) {
    // Plain (not atomic) increments: each slot has one writer, so no atomicity is needed; only the
    // layout differs between the two methods.
    return ++adjacent[thread.getThreadIndex()];
  }

  @Benchmark
  public long paddedSlots(ThreadParams thread) {
    return ++padded[PAD + thread.getThreadIndex() * PAD];
  }
}
