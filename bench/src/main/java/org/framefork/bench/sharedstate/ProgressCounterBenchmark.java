package org.framefork.bench.sharedstate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lesson: a progress counter shared by every worker costs only when events are frequent.
 *
 * <p>Each benchmark thread is a worker: it does {@code workTokens} of CPU work (one "step" of a
 * chunk) and then counts one progress event. The wrong way for a high event rate is one shared
 * counter that every worker writes ({@link #sharedAtomic}, {@link #sharedSynchronized}): its cache
 * line moves between cores on every event, and a lock adds a queue on top. The right way keeps one
 * counter per worker and adds them up when someone reads the total ({@link #perWorkerAdder}:
 * {@link LongAdder} stripes itself per contending thread; {@link #threadConfined}: a plain field of
 * the worker's own state, merged once at the end, as a worker would report its total when its chunk
 * is done). {@link #workOnly} is the same work without counting, the ceiling.
 *
 * <p>What the numbers should show. With {@code workTokens=0} (a "high rate": events back to back)
 * and one thread the four are within a few nanoseconds of each other; with two or more threads
 * running at once on different cores the shared counters fall behind, several times and up to an
 * order of magnitude (tens of ns per event, far more for the lock once threads outnumber cores and a
 * lock holder is descheduled), while the per-worker counters keep scaling with the threads. On a
 * loaded machine the gap shrinks: threads that seldom run at the same moment seldom contend. At the
 * engine's real rate (one event per 8 frames per worker: thousands of
 * microseconds of work per event, measured by {@code ./framefork bench}) all five are the same
 * within noise: a few tens of nanoseconds per event against milliseconds of work is under one part in
 * ten thousand. So the engine can count its progress events with whatever is simplest and correct;
 * what it must not do is count per frame, or per pixel, in a shared counter.
 *
 * <p>Run with {@code -t 2} and {@code -t} twice the cores ({@code ./framefork bench shared-state}
 * does both), {@code -p workTokens=...} for the engine's rate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class ProgressCounterBenchmark {
  /** CPU work between two events, in {@link Blackhole#consumeCPU} tokens; 0 is the high rate. */
  @Param({"0", "2000000"})
  public long workTokens;

  private final AtomicLong atomic = new AtomicLong();
  private final LongAdder adder = new LongAdder();
  private final Object lock = new Object();
  private long locked;
  /** Where thread-confined counters report their totals: touched once per worker per iteration. */
  private final AtomicLong merged = new AtomicLong();

  /** A worker's own counter; JMH gives each thread its own instance. */
  @State(Scope.Thread)
  public static class Worker {
    long events;

    @TearDown(Level.Iteration)
    public void report(ProgressCounterBenchmark shared) {
      shared.merged.addAndGet(events);
      events = 0;
    }
  }

  @Benchmark
  public void workOnly() {
    Blackhole.consumeCPU(workTokens);
  }

  @Benchmark
  public long sharedAtomic() {
    Blackhole.consumeCPU(workTokens);
    return atomic.incrementAndGet();
  }

  @Benchmark
  public long sharedSynchronized() {
    Blackhole.consumeCPU(workTokens);
    synchronized (lock) {
      return ++locked;
    }
  }

  @Benchmark
  public void perWorkerAdder() {
    Blackhole.consumeCPU(workTokens);
    adder.increment();
  }

  @Benchmark
  public long threadConfined(Worker worker) {
    Blackhole.consumeCPU(workTokens);
    return ++worker.events;
  }
}
