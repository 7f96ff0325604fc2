package org.framefork.encoder.kernels;

import org.framefork.encoder.kernels.Kernels.Work;

/**
 * Run in a fresh JVM by {@link KernelSelectionTest}, where no family is warm yet: prints what
 * {@link Kernels#forWork} picks for a sequence of jobs, one {@code key=value} line each.
 */
public final class ForWorkProbe {
  private ForWorkProbe() {}

  public static void main(String[] args) {
    print("none.bits", Kernels.forWork(Work.NONE).vectorBits());
    print("none.choice", Kernels.choiceFor(Work.NONE));
    Work tiny = new Work(1, 0, 0, 0);
    print("small.choice", Kernels.choiceFor(tiny));
    print("small.name", Kernels.forWork(tiny).name());
    Kernels mixed = Kernels.forWork(new Work(0, 0, 0, Long.MAX_VALUE));
    print("mixed.name", mixed.name());
    print("mixed.metrics", mixed.metrics().getClass().getSimpleName());
    print("mixed.filter", mixed.filter().getClass().getSimpleName());
    print("mixed.bits", mixed.vectorBits());
    print("get.bits", Kernels.get().vectorBits());
    // Metrics have run as Vector API kernels in this JVM now: a small job keeps them.
    print("warm.choice", Kernels.choiceFor(new Work(0, 0, 0, 1)));
    print("unknown.isGet", Kernels.forWork(Work.UNKNOWN) == Kernels.get());
  }

  private static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }
}
