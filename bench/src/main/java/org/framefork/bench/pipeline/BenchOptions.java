package org.framefork.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.framefork.encoder.encode.VideoCodec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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
      List.of("modes", "workers", "granularity", "threading", "kernels", "shared-state", "ui", "cluster", "quality");

  /** Parses {@code args}; a mistake is an IllegalArgumentException whose message is one line. */
  public static BenchOptions parse(String... args) {
    Flags flags = new Flags();
    CommandLine cl = commandLine(CommandSpec.forAnnotatedObject(flags).name(COMMAND));
    try {
      cl.parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(problem(e), e);
    }
    return flags.checked();
  }

  /** How the bench's commands are called in their help and error lines. */
  public static final String COMMAND = "framefork bench";

  /**
   * A picocli command line for {@code spec} that reads the bench's options as the harness always
   * has: a whole number or its mistake in the harness's words, and an option given twice takes the
   * last value.
   */
  public static CommandLine commandLine(Object spec) {
    CommandLine cl = new CommandLine(spec);
    cl.registerConverter(Integer.class, BenchOptions::wholeNumber);
    cl.registerConverter(int.class, BenchOptions::wholeNumber);
    cl.setOverwrittenOptionsAllowed(true);
    return cl;
  }

  private static Integer wholeNumber(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("not a whole number");
    }
  }

  /** Picocli's complaint as one line that says what to do: the option, the value, the problem. */
  public static String problem(ParameterException e) {
    String help = "see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().getFirst();
      return (arg.startsWith("-") ? "unknown option '" : "unknown command '") + arg + "'; " + help;
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      // Picocli's "Missing required option: ..." (or parameter) when a required one is not given at
      // all; "Missing required parameter for option ..." when an option is given without its value.
      if (m.getMessage().startsWith("Missing required option") || m.getMessage().startsWith("Missing required parameter:")) {
        return "needs " + String.join(" and ", m.getMissing().stream().map(BenchOptions::synopsis).toList()) + "; " + help;
      }
      if (m.getMissing().getFirst() instanceof OptionSpec o) {
        return o.longestName() + " needs a value; " + help;
      }
    }
    if (e.getCause() instanceof CommandLine.TypeConversionException c && e.getArgSpec() instanceof OptionSpec o) {
      return o.longestName() + " " + e.getValue() + ": " + c.getMessage();
    }
    return e.getMessage() + "; " + help;
  }

  /** An option or parameter as a command line gives it: {@code --out FILE.md}, {@code SEQUENCE}. */
  private static String synopsis(CommandLine.Model.ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      return o.longestName() + (o.typeInfo().isBoolean() ? "" : " " + o.paramLabel());
    }
    return arg.paramLabel();
  }

  /**
   * The harness's options as given on the command line; {@link #checked} fills in the defaults and
   * refuses, in one line each, what cannot run. The help text is picocli's, from these.
   */
  public static final class Flags {
    @Option(names = "--input", paramLabel = "FILE",
        description = "Video to encode (default: samples/media/sample-720p30-10s.mp4).")
    Path input;

    @Option(names = "--quick", description = {
        "Every measurement briefly: the first 2 s of the input (to its next keyframe, before 4 s; default the 360p sample), "
            + "preset ultrafast, 1 run, tiny JMH passes, the newest kernel results reused, the cluster's idle node rested and "
            + "measured " + ClusterComparison.QUICK_SECONDS + " s each (not " + ClusterComparison.SETTLE_SECONDS + " and "
            + ClusterComparison.IDLE_SECONDS + "), no quality section.",
        "Checks the harness in about 2 minutes on a quiet 2-core machine (5 under load); its figures prove nothing."})
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = {
        "Report folder, new or empty (default: bench/results/DATE-HOST, DATE-HOST-quick with --quick; -2, -3, ... when taken).",
        "Its files appear when the run ends."})
    Path out;

    @Option(names = "--repeat", paramLabel = "N",
        description = "Runs per configuration, interleaved; the median is reported (default 3, 1 with --quick).")
    Integer repeat;

    @Option(names = "--max-workers", paramLabel = "N",
        description = "Largest worker count of the scaling curve, at most 8x the cores (default: 2x the cores).")
    Integer maxWorkers;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "x264 preset of every encode (default medium; ultrafast with --quick).")
    String preset;

    @Option(names = "--crf", paramLabel = "N", defaultValue = "23", description = "x264 CRF of every encode (default ${DEFAULT-VALUE}).")
    int crf;

    @Option(names = "--skip", paramLabel = "LIST", split = ",",
        description = "Sections not to run, comma-separated: modes, workers, granularity, threading, kernels, shared-state, ui, cluster, quality.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--launcher", paramLabel = "FILE",
        description = "The framefork launcher whose gui and cluster are measured (default: this checkout's).")
    Path launcher;

    /** The options with their defaults; each mistake an IllegalArgumentException whose message is one line. */
    public BenchOptions checked() {
      positive("--repeat", repeat);
      positive("--max-workers", maxWorkers);
      Set<String> sections = sections(skip);
      checkInput(input);
      if (sections.containsAll(SECTIONS)) {
        throw new IllegalArgumentException("--skip: every section is skipped, so there is nothing to run; leave at least one out");
      }
      checkMaxWorkers(maxWorkers);
      if (launcher != null && !sections.contains("ui") && !(Files.isRegularFile(launcher) && Files.isExecutable(launcher))) {
        throw new IllegalArgumentException("--launcher " + launcher + ": not an executable file; give a framefork launcher, or "
            + "--skip ui");
      }
      checkOut(out);
      if (preset != null && !VideoCodec.PRESETS.contains(preset)) {
        throw new IllegalArgumentException("--preset " + preset + ": use one of " + String.join(", ", VideoCodec.PRESETS));
      }
      if (crf < 0 || crf > 51) {
        throw new IllegalArgumentException("--crf " + crf + ": use 0 to 51");
      }
      return new BenchOptions(input, quick, out, repeat != null ? repeat : quick ? 1 : 3, maxWorkers != null ? maxWorkers : 0,
          preset != null ? preset : quick ? "ultrafast" : "medium", crf, Set.copyOf(sections), launcher);
    }

    private static void positive(String option, Integer n) {
      if (n != null && n < 1) {
        throw new IllegalArgumentException(option + " " + n + ": use 1 or more");
      }
    }

    private static Set<String> sections(List<String> names) {
      Set<String> sections = new LinkedHashSet<>();
      for (String s : names) {
        String name = s.trim();
        if (!SECTIONS.contains(name)) {
          throw new IllegalArgumentException("--skip " + name + ": no such section; use " + String.join(", ", SECTIONS));
        }
        sections.add(name);
      }
      return sections;
    }

    private static void checkInput(Path input) {
      if (input != null && Files.isDirectory(input)) {
        throw new IllegalArgumentException("--input " + input + ": is a folder; give one video file");
      }
      if (input != null && !Files.isRegularFile(input)) {
        throw new IllegalArgumentException("--input " + input + ": no such file");
      }
    }

    private static void checkMaxWorkers(Integer maxWorkers) {
      int cores = Runtime.getRuntime().availableProcessors();
      if (maxWorkers != null && maxWorkers > MAX_WORKERS_PER_CORE * cores) {
        throw new IllegalArgumentException("--max-workers " + maxWorkers + ": give 1 to " + MAX_WORKERS_PER_CORE * cores + " ("
            + MAX_WORKERS_PER_CORE + "x this machine's " + cores + " cores; every count is a run of its own)");
      }
    }

    private static void checkOut(Path out) {
      if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out " + out + ": is a file; give a folder for the report");
      }
      if (out != null && isNonEmptyFolder(out)) {
        throw new IllegalArgumentException("--out " + out + ": holds files already (an earlier report?); give a new folder, "
            + "or remove it");
      }
    }
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
}
