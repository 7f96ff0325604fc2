package org.framefork.bench.pipeline;

import java.util.Locale;

/** Every timed run of the bench, in the order it ran: the raw data behind the medians (runs.csv). */
public final class RawTrials {
  private final Csv rows = new Csv("section", "label", "run", "wall_s", "cpu_s", "frames", "bytes", "chunks", "workers", "encode_s",
      "serial_s", "progress_events", "chunk_s", "idle_s", "tail_idle_s", "split_off");

  public synchronized void add(String section, Trial t) {
    rows.row(section, t.label(), t.run(), seconds(t.wallSeconds()), seconds(t.cpuSeconds()), t.frames(), t.outputBytes(),
        t.chunks(), t.workers(), seconds(t.encodeSeconds()), seconds(t.serialSeconds()), t.progressEvents(),
        seconds(t.chunkSeconds()), seconds(t.idleSeconds()), seconds(t.tailIdleSeconds()), t.splitOff());
  }

  public synchronized String csv() {
    return rows.toString();
  }

  /** Four decimals: a tenth of a millisecond is finer than any wall time here. */
  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.4f", s);
  }
}
