package org.framefork.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.framefork.encoder.encode.VideoCodec;

/**
 * The harness's command line.
 *
 * @param input the video to encode; null takes the bundled 720p sample (the 360p one with --quick)
 * @param quick every measurement briefly (first 2 s of the input, preset ultrafast, one run, tiny
 *     JMH passes): checks the harness, not the claims
 * @param out the report folder; null is bench/results/DATE-HOST
 * @param repeat runs per configuration, interleaved; the report gives their median
 * @param maxWorkers the largest worker count of the scaling curve; 0 is twice the cores
 * @param skip sections not to run (their claims read "not measured: skipped")
 * @param launcher the {@code framefork} launcher whose {@code gui} the UI section drives; null is the
 *     one of this checkout
 */
public record BenchOptions(
    Path input,
    boolean quick,
    Path out,
    int repeat,
    int maxWorkers,
    String preset,
    int crf,
    Set<String> skip,
    Path launcher) {

  public static final List<String> SECTIONS =
      List.of("modes", "workers", "granularity", "threading", "kernels", "shared-state", "ui");

  public static final String USAGE = """
      usage: framefork bench [OPTIONS]            the whole-pipeline harness and its report
             framefork bench kernels [...]        JMH kernel benchmarks (framefork bench kernels --help)
             framefork bench shared-state [...]   JMH progress-counter lessons (JMH options pass through)

        --input FILE       video to encode (default: samples/media/sample-720p30-10s.mp4)
        --quick            every measurement briefly: the first 2 s of the input (to its next
                           keyframe, before 4 s; default the 360p sample), preset ultrafast,
                           1 run, tiny JMH passes, the newest kernel results reused; checks the
                           harness in 1 to 2 minutes, its figures prove nothing
        --out DIR          report folder, new or empty (default: bench/results/DATE-HOST,
                           DATE-HOST-quick with --quick; -2, -3, ... when taken); its files appear when
                           the run ends
        --repeat N         runs per configuration, interleaved; the median is reported (default 3,
                           1 with --quick)
        --max-workers N    largest worker count of the scaling curve, at most 8x the cores
                           (default: 2x the cores)
        --preset NAME      x264 preset of every encode (default medium; ultrafast with --quick)
        --crf N            x264 CRF of every encode (default 23)
        --skip LIST        sections not to run, comma-separated:
                           modes, workers, granularity, threading, kernels, shared-state, ui
        --launcher FILE    the framefork launcher whose gui is measured (default: this checkout's)

      A full run takes 25 to 60 minutes on 2 cores; run it on a quiet machine (nothing else
      running), because every figure is a wall time.""";

  /** Parses {@code args}; a mistake is an IllegalArgumentException whose message is one line. */
  public static BenchOptions parse(String... args) {
    Path input = null;
    boolean quick = false;
    Path out = null;
    Integer repeat = null;
    int maxWorkers = 0;
    String preset = null;
    int crf = 23;
    Set<String> skip = new LinkedHashSet<>();
    Path launcher = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--input" -> input = Path.of(value(args, ++i, a));
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--repeat" -> repeat = positive(value(args, ++i, a), a);
        case "--max-workers" -> maxWorkers = positive(value(args, ++i, a), a);
        case "--preset" -> preset = value(args, ++i, a);
        case "--crf" -> crf = whole(value(args, ++i, a), a);
        case "--launcher" -> launcher = Path.of(value(args, ++i, a));
        case "--skip" -> {
          for (String s : value(args, ++i, a).split(",")) {
            String name = s.trim();
            if (!SECTIONS.contains(name)) {
              throw new IllegalArgumentException("--skip " + name + ": no such section; use " + String.join(", ", SECTIONS));
            }
            skip.add(name);
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'; see framefork bench --help");
      }
    }
    if (input != null && Files.isDirectory(input)) {
      throw new IllegalArgumentException("--input " + input + ": is a folder; give one video file");
    }
    if (input != null && !Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + ": no such file");
    }
    if (skip.containsAll(SECTIONS)) {
      throw new IllegalArgumentException("--skip: every section is skipped, so there is nothing to run; leave at least one out");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (maxWorkers > MAX_WORKERS_PER_CORE * cores) {
      throw new IllegalArgumentException("--max-workers " + maxWorkers + ": give 1 to " + MAX_WORKERS_PER_CORE * cores + " ("
          + MAX_WORKERS_PER_CORE + "x this machine's " + cores + " cores; every count is a run of its own)");
    }
    if (launcher != null && !skip.contains("ui") && !(Files.isRegularFile(launcher) && Files.isExecutable(launcher))) {
      throw new IllegalArgumentException("--launcher " + launcher + ": not an executable file; give a framefork launcher, or "
          + "--skip ui");
    }
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + ": is a file; give a folder for the report");
    }
    if (out != null && isNonEmptyFolder(out)) {
      throw new IllegalArgumentException("--out " + out + ": holds files already (an earlier report?); give a new folder, "
          + "or remove it");
    }
    if (preset != null && !VideoCodec.PRESETS.contains(preset)) {
      throw new IllegalArgumentException("--preset " + preset + ": use one of " + String.join(", ", VideoCodec.PRESETS));
    }
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("--crf " + crf + ": use 0 to 51");
    }
    return new BenchOptions(input, quick, out, repeat != null ? repeat : quick ? 1 : 3, maxWorkers,
        preset != null ? preset : quick ? "ultrafast" : "medium", crf, Set.copyOf(skip), launcher);
  }

  /** The scaling curve goes up to this many workers per core at most: past the cores it only shows the flat part. */
  static final int MAX_WORKERS_PER_CORE = 8;

  static boolean isNonEmptyFolder(Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (var entries = Files.list(p)) {
      return entries.findAny().isPresent();
    } catch (java.io.IOException e) {
      return true; // unreadable: not a place to write a report either
    }
  }

  public boolean runs(String section) {
    return !skip.contains(section);
  }

  public int maxWorkers(int cores) {
    return maxWorkers > 0 ? maxWorkers : 2 * cores;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value; see framefork bench --help");
    }
    return args[i];
  }

  private static int positive(String s, String option) {
    int n = whole(s, option);
    if (n < 1) {
      throw new IllegalArgumentException(option + " " + s + ": use 1 or more");
    }
    return n;
  }

  private static int whole(String s, String option) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + s + ": not a whole number");
    }
  }
}
