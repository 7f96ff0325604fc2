package org.framefork.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs several contenders {@code repeat} times each, round-robin (A B C A B C, not A A B B C C), so
 * that a slow minute of the machine hurts every contender a little instead of one a lot, and prints a
 * progress line per run. Every trial is also appended to the bench's raw CSV.
 */
public record Interleaved(Path workDir, int repeat, PrintStream progress, RawTrials raw) {
  /**
   * Runs every contender; {@code keepOutputs} keeps each one's first output (the caller deletes it),
   * else outputs are deleted as soon as they are measured.
   */
  public List<TrialStats> run(String section, List<Contender> contenders, boolean keepOutputs) throws Exception {
    Map<Contender, List<Trial>> trials = new LinkedHashMap<>();
    Map<Contender, Path> kept = new LinkedHashMap<>();
    int total = contenders.size() * repeat;
    int done = 0;
    for (int r = 1; r <= repeat; r++) {
      for (int i = 0; i < contenders.size(); i++) {
        Contender c = contenders.get(i);
        Path out = workDir.resolve(section + "-" + i + "-run" + r + ".mp4");
        Trial t = c.run(r, out);
        done++;
        progress.printf(Locale.ROOT, "  [%s %d/%d] %-44s %7.2f s wall  %7.2f s CPU  %6.1f fps  %s%n",
            section, done, total, c.label(), t.wallSeconds(), t.cpuSeconds(), t.fps(), chunks(t.chunks()));
        raw.add(section, t);
        trials.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
        if (keepOutputs && r == 1) {
          kept.put(c, out);
        } else {
          deleteQuietly(out);
        }
      }
    }
    List<TrialStats> stats = new ArrayList<>();
    for (Contender c : contenders) {
      stats.add(new TrialStats(c.label(), List.copyOf(trials.get(c)), kept.get(c)));
    }
    return stats;
  }

  static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "1 chunk", "2 chunks". */
  static String chunks(int n) {
    return n + (n == 1 ? " chunk" : " chunks");
  }
}
