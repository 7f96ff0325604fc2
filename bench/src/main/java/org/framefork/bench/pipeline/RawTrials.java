package org.framefork.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every timed run of the bench, in the order it ran: the raw data behind the medians (runs.csv). */
public final class RawTrials {
  private final List<String> rows = new ArrayList<>();

  public synchronized void add(String section, Trial t) {
    rows.add(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%d,%d,%d,%d,%.4f,%.4f,%d,%.4f,%.4f,%.4f",
        section, Csv.quote(t.label()), t.run(), t.wallSeconds(), t.cpuSeconds(), t.frames(), t.outputBytes(),
        t.chunks(), t.workers(), t.encodeSeconds(), t.serialSeconds(), t.progressEvents(),
        t.chunkSeconds(), t.idleSeconds(), t.tailIdleSeconds()));
  }

  public synchronized String csv() {
    return "section,label,run,wall_s,cpu_s,frames,bytes,chunks,workers,encode_s,serial_s,progress_events,chunk_s,idle_s,tail_idle_s\n"
        + String.join("\n", rows) + "\n";
  }
}
