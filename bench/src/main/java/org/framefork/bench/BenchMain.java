package org.framefork.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.framefork.bench.kernels.KernelReport;
import org.framefork.bench.pipeline.BenchOptions;
import org.framefork.bench.pipeline.PipelineHarness;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Entry point of the bench jar. Without a command it runs the whole-pipeline harness ({@link
 * PipelineHarness}) and writes its report; {@code kernels} runs the JMH kernel benchmarks and prints a
 * markdown table (ops/s, GB/s, Vector API vs plain, vs libswscale, next to copy bandwidth); {@code
 * shared-state} runs the JMH progress-counter lessons.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    String command = args.length == 0 || args[0].startsWith("-") ? "" : args[0];
    String[] rest = command.isEmpty() ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "" -> System.exit(harness(rest));
      case "kernels" -> jmhCommand("kernels", () -> kernels(rest));
      case "shared-state" -> jmhCommand("shared-state", () -> sharedState(rest));
      default -> {
        System.err.println("framefork bench: unknown command '" + command + "'");
        System.err.println(BenchOptions.USAGE);
        System.exit(2);
      }
    }
  }

  @FunctionalInterface
  private interface JmhRun {
    void run() throws IOException, RunnerException;
  }

  /**
   * Runs a JMH command; JMH's own failures end as one line: a regex that picks no benchmark is a
   * usage error (exit 2), a benchmark that failed exits 1.
   */
  private static void jmhCommand(String command, JmhRun body) throws IOException {
    try {
      body.run();
    } catch (RunnerException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
      boolean noMatch = message.contains("No matching benchmarks") || message.contains("No benchmarks to run");
      System.err.println("framefork bench " + command + ": " + (noMatch
          ? "no benchmark matches; framefork bench " + command + " -l lists them"
          : message + "; the benchmark failed"));
      System.exit(noMatch ? 2 : 1);
    }
  }

  static int harness(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("framefork bench: " + e.getMessage());
      return 2;
    }
    // Charts are drawn off screen; no window, and no display needed.
    System.setProperty("java.awt.headless", "true");
    try {
      new PipelineHarness(options, checkoutRoot(), System.out).run("framefork bench " + String.join(" ", args));
      return 0;
    } catch (PipelineHarness.Interrupted e) {
      return 130; // the shutdown hook has said so; the JVM is ending
    } catch (PipelineHarness.NotPublished e) {
      System.err.println("framefork bench: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | InputException e) {
      System.err.println("framefork bench: " + e.getMessage());
      return 2;
    } catch (MediaException e) {
      // The input (or its quick cut) does not open as a video: a bad --input, said in one line.
      System.err.println("framefork bench: " + e.getMessage() + "; pass --input a video FFmpeg can read");
      return 2;
    }
  }

  /**
   * The checkout this jar was built in (bench/target/*.jar or bench/target/classes, two or three
   * folders down), found by its launcher; the working folder when there is none.
   */
  public static Path checkoutRoot() {
    try {
      Path p = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
      for (; p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("framefork")) && Files.isDirectory(p.resolve("bench"))) {
          return p;
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through
    }
    return Path.of("").toAbsolutePath();
  }

  private static final String SHARED_STATE_USAGE = """
      usage: framefork bench shared-state [JMH options] [REGEX...]
        JMH benchmarks of progress counting: one shared counter against per-worker counters.
        Defaults: -f 1 -wi 3 -i 5 -w 1s -r 1s, all of org.framefork.bench.sharedstate.
        JMH options override them (e.g. -i 10, -t 2); REGEX picks benchmarks; -l lists them.""";

  private static void sharedState(String[] args) throws RunnerException {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(SHARED_STATE_USAGE);
      return;
    }
    List<String> jmhArgs = new ArrayList<>(List.of(args));
    String[][] defaults = {{"-f", "1"}, {"-wi", "3"}, {"-i", "5"}, {"-w", "1s"}, {"-r", "1s"}};
    runJmh("shared-state", jmhArgs, defaults, "org\\.framefork\\.bench\\.sharedstate\\..*");
  }

  /**
   * Runs JMH as its own command line would, with {@code jmhArgs}: lists the benchmarks, profilers or
   * result formats when asked (and returns null), else runs them and returns the results. See
   * {@link #jmhOptions} for the defaults and the benchmarks chosen.
   */
  private static java.util.Collection<RunResult> runJmh(String command, List<String> jmhArgs, String[][] defaults,
      String include) throws RunnerException {
    CommandLineOptions cli = parseJmh(command, jmhArgs, defaults);
    if (cli.shouldListProfilers()) {
      cli.listProfilers();
      return null;
    }
    if (cli.shouldListResultFormats()) {
      cli.listResultFormats();
      return null;
    }
    Runner runner = new Runner(jmhOptions(cli, include));
    if (cli.shouldList()) {
      runner.list();
      return null;
    }
    if (cli.shouldListWithParams()) {
      runner.listWithParams(cli);
      return null;
    }
    return runner.run();
  }

  /**
   * JMH's command line from {@code jmhArgs}, with each of {@code defaults} put in front of them unless
   * the command line gives that flag (so a flag replaces its default; {@code jmhArgs} gets them
   * too). A bad option ends the process with its message and exit code 2.
   */
  private static CommandLineOptions parseJmh(String command, List<String> jmhArgs, String[][] defaults) {
    for (String[] option : defaults) {
      if (!jmhArgs.contains(option[0])) {
        jmhArgs.add(0, option[1]);
        jmhArgs.add(0, option[0]);
      }
    }
    try {
      return new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("framefork bench " + command + ": " + e.getMessage() + "; see framefork bench " + command + " --help");
      System.exit(2);
      throw new IllegalStateException("unreachable");
    }
  }

  /** The options of {@code cli}, running the benchmarks {@code include} matches unless it names some. */
  private static Options jmhOptions(CommandLineOptions cli, String include) {
    OptionsBuilder options = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      options.include(include);
    }
    options.parent(cli);
    return options.build();
  }

  private static final String KERNELS_USAGE = """
      usage: framefork bench kernels [--out FILE.md] [JMH options] [REGEX...]
        JMH benchmarks of the frame kernels on 1080p planes, plain Java vs Vector API vs libswscale.
        Defaults: -f 1 -wi 5 -i 5 -w 1s -r 1s, all of org.framefork.bench.kernels.
        JMH options override them (e.g. -i 10, -p impl=vector); REGEX picks benchmarks; -l lists them.
        --out writes the markdown report to FILE.md as well as printing it.""";

  private static void kernels(String[] args) throws IOException, RunnerException {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(KERNELS_USAGE);
      return;
    }
    Path out = null;
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        jmhArgs.add(args[i]);
      }
    }
    // Modest defaults for a shared machine; a flag on the command line replaces its default.
    String[][] defaults = {{"-f", "1"}, {"-wi", "5"}, {"-i", "5"}, {"-w", "1s"}, {"-r", "1s"}};
    var results = runJmh("kernels", jmhArgs, defaults, "org\\.framefork\\.bench\\.kernels\\..*");
    if (results == null) {
      return; // a list was asked for, and printed
    }
    String report = KernelReport.markdown(new ArrayList<RunResult>(results), String.join(" ", jmhArgs));
    System.out.println();
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report);
      System.out.println("written to " + out);
    }
  }
}
