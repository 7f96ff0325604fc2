package org.framefork.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * A {@code framefork bench} command that runs JMH benchmarks as JMH's own command line would: every
 * argument picocli does not know goes to JMH, after the command's modest defaults (a flag on the
 * command line replaces its default). JMH's failures end as one line: a bad JMH option, or a regex
 * that picks no benchmark, is a usage error (exit 2); a benchmark that failed exits 1, and so does a
 * run that JMH refuses because another JMH run holds its lock, or because it cannot use its lock file.
 */
abstract class JmhCommand extends BenchCommand {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Unmatched List<String> jmhArgs = new ArrayList<>();

  private final String[][] defaults;
  private final String include;

  /**
   * @param defaults flag and value pairs that go in front of the command line unless it gives the flag
   * @param include the benchmarks run unless the command line names some: a regex
   */
  JmhCommand(String[][] defaults, String include) {
    super("  0    the benchmarks ran (or were listed)",
        "  1    a benchmark failed, or another benchmark run (JMH) is",
        "       running on this machine: wait for it, then run this again,",
        "       or JMH cannot use its lock file (java.io.tmpdir/jmh.lock)",
        "  2    usage error (bad option, no benchmark matches)");
    this.defaults = defaults;
    this.include = include;
  }

  /** What to do with the results of a run, beyond JMH's own summary; {@code jmhArgs} is the command line JMH ran with. */
  void report(Collection<RunResult> results, List<String> jmhArgs) throws IOException {}

  @Override
  public Integer call() throws IOException {
    List<String> args = withDefaults(jmhArgs);
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      return say(e.getMessage() + "; see " + spec.qualifiedName() + " --help", BenchMain.EXIT_USAGE);
    }
    try {
      Collection<RunResult> results = run(cli);
      if (results != null) {
        report(results, args);
      }
      return BenchMain.EXIT_OK;
    } catch (RunnerException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
      boolean noMatch = message.contains("No matching benchmarks") || message.contains("No benchmarks to run");
      // JMH's own lines name -Djmh.ignoreLock, which the launcher does not pass, and which would let two runs skew each other.
      if (anotherRunHoldsTheLock(e)) {
        return say("another benchmark run (JMH) is running on this machine: wait for it to end, then run "
            + spec.qualifiedName() + " again", BenchMain.EXIT_FAILED);
      }
      String lockProblem = lockFileProblem(e);
      if (lockProblem != null) {
        return say(lockProblem, BenchMain.EXIT_FAILED);
      }
      return noMatch
          ? say("no benchmark matches; " + spec.qualifiedName() + " -l lists them", BenchMain.EXIT_USAGE)
          : say(message + "; the benchmark failed", BenchMain.EXIT_FAILED);
    }
  }

  /** JMH refuses to run while another JMH run holds its lock file (java.io.tmpdir/jmh.lock). */
  static boolean anotherRunHoldsTheLock(RunnerException e) {
    return e.getMessage() != null && e.getMessage().contains("Another JMH instance might be running");
  }

  /**
   * The line to say when JMH could not create or open its lock file (java.io.tmpdir/jmh.lock: a
   * java.io.tmpdir that does not exist, or another user's file JMH may not write), else null. Waiting
   * would not help there, so the line says what would.
   */
  static String lockFileProblem(RunnerException e) {
    String message = e.getMessage();
    if (message == null || !(message.contains("Unable to create the JMH lock")
        || message.contains("Unexpected exception while trying to acquire the JMH lock"))) {
      return null;
    }
    int open = message.indexOf("the JMH lock (");
    int close = message.indexOf("), exiting", open);
    String path = open >= 0 && close > open
        ? message.substring(open + "the JMH lock (".length(), close)
        : System.getProperty("java.io.tmpdir") + "/jmh.lock";
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip().lines().findFirst().orElse("");
    if (why.startsWith(path + " (") && why.endsWith(")")) {
      why = why.substring(path.length() + 2, why.length() - 1); // FileNotFoundException's "PATH (REASON)"
    }
    return "cannot use JMH's lock file " + path + " (" + why + "): make java.io.tmpdir writable or remove the file";
  }

  private List<String> withDefaults(List<String> given) {
    List<String> args = new ArrayList<>(given);
    for (String[] option : defaults) {
      if (!args.contains(option[0])) {
        args.add(0, option[1]);
        args.add(0, option[0]);
      }
    }
    return args;
  }

  /**
   * Lists the benchmarks, profilers or result formats when asked (and returns null), else runs the
   * benchmarks {@link #include} matches, unless the command line names some, and returns the results.
   */
  private Collection<RunResult> run(CommandLineOptions cli) throws RunnerException {
    if (cli.shouldListProfilers()) {
      cli.listProfilers();
      return null;
    }
    if (cli.shouldListResultFormats()) {
      cli.listResultFormats();
      return null;
    }
    OptionsBuilder options = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      options.include(include);
    }
    Runner runner = new Runner(options.parent(cli).build());
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
}
