package org.framefork.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.framefork.bench.pipeline.BenchOptions;
import org.framefork.bench.pipeline.PipelineHarness;
import org.framefork.bench.pipeline.StaleFolders;
import org.framefork.encoder.cli.ShellWords;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point of the bench jar, {@code framefork bench}. Without a command it runs the whole-pipeline
 * harness ({@link PipelineHarness}) and writes its report; {@code kernels} runs the JMH kernel
 * benchmarks and prints a markdown table (ops/s, GB/s, Vector API vs plain, vs libswscale, next to
 * copy bandwidth); {@code shared-state} runs the JMH progress-counter lessons. Every mistake on the
 * command line ends as one line on stderr and exit code 2, as in {@code framefork encode}.
 */
@Command(
    name = BenchOptions.COMMAND,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "The whole-pipeline harness and its report, nine sections measured on one input: 1 the engine's modes, 2 worker "
            + "counts, 3 chunk lengths, 4 FFmpeg's own threading, 5 the SIMD kernels, 6 shared progress counters, 7 the "
            + "desktop app's UI thread, 8 a cluster of two nodes on this machine, 9 target quality (not with --quick).",
        "A full run takes 25 to 60 minutes on 2 cores; run it on a quiet machine (nothing else running), because every "
            + "figure is a wall time."},
    subcommands = {KernelsCommand.class, SharedStateCommand.class, ColourCostCommand.class, QualityCommand.class})
public final class BenchMain implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERRUPTED = 130;

  static final String FOOTER_HEADING = "%nExit codes:%n";
  private static final String[] EXIT_CODES = {
      "  0    the report was written",
      "  1    the report could not be moved into its folder; the error says",
      "       where its files are",
      "  2    usage error (bad option, an input that is not a video);",
      "       nothing was written",
      "  130  interrupted (Ctrl-C); no report was written"};

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Mixin BenchOptions.Flags flags;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    int code = cl.execute(args);
    // The harness leaves the engine's and AWT's threads behind, so it ends the JVM; a JMH command
    // that succeeded ends by itself, when JMH's forks are done.
    if (code != EXIT_OK || cl.getParseResult() == null || !cl.getParseResult().hasSubcommand()) {
      System.out.flush();
      System.exit(code);
    }
  }

  /** The harness with {@code args}, as {@code framefork bench} runs it; returns the exit code. */
  static int harness(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with its error handling, writing to System.out/err. */
  static CommandLine commandLine() {
    CommandLine cl = BenchOptions.commandLine(new BenchMain());
    cl.setParameterExceptionHandler((e, args) -> {
      // Picocli's complaints (unknown option, missing value) as one line that says where to look.
      e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + BenchOptions.problem(e));
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      // The commands turn every expected failure into an exit code; this is a bug, so show the trace.
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": internal error: " + e);
      e.printStackTrace(line.getErr());
      return EXIT_FAILED;
    });
    cl.getCommandSpec().usageMessage().footerHeading(FOOTER_HEADING).footer(EXIT_CODES);
    exitCodeFooters(cl);
    return cl;
  }

  /** Each subcommand's help ends with its own exit codes; one that has none is a bug, found at once. */
  static void exitCodeFooters(CommandLine cl) {
    cl.getSubcommands().forEach((name, sub) -> {
      if (!(sub.getCommandSpec().userObject() instanceof BenchCommand command)) {
        throw new IllegalStateException("bench " + name + " lists no exit codes: make it a BenchCommand");
      }
      sub.getCommandSpec().usageMessage().footerHeading(FOOTER_HEADING).footer(command.exitCodes());
    });
  }

  @Override
  public Integer call() throws Exception {
    sweepStaleFolders();
    BenchOptions options;
    try {
      options = flags.checked();
    } catch (IllegalArgumentException e) {
      return refused(e.getMessage());
    }
    // Charts are drawn off screen; no window, and no display needed.
    System.setProperty("java.awt.headless", "true");
    String commandLine = recordedCommand(spec.commandLine().getParseResult().originalArgs());
    try {
      new PipelineHarness(options, checkoutRoot(), System.out).run(commandLine.strip());
      return EXIT_OK;
    } catch (PipelineHarness.Interrupted e) {
      return EXIT_INTERRUPTED; // the shutdown hook has said so; the JVM is ending
    } catch (PipelineHarness.NotPublished e) {
      spec.commandLine().getErr().println(BenchOptions.COMMAND + ": " + e.getMessage());
      return EXIT_FAILED;
    } catch (IllegalArgumentException | InputException e) {
      return refused(e.getMessage());
    } catch (MediaException e) {
      // The input (or its quick cut) does not open as a video: a bad --input, said in one line.
      return refused(e.getMessage() + "; pass --input a video FFmpeg can read");
    }
  }

  /**
   * Removes what runs killed with no chance to clean up (kill -9) left: their work and staging folders
   * (before --out is checked, which one would otherwise fill), and says so.
   */
  private void sweepStaleFolders() {
    Path out = spec.commandLine().getParseResult().matchedOptionValue("--out", null);
    List<Path> removed = StaleFolders.sweep(StaleFolders.tmp(), StaleFolders.results(checkoutRoot()), out);
    if (!removed.isEmpty()) {
      System.out.println("removed " + removed.size() + " folder" + (removed.size() == 1 ? "" : "s")
          + " that killed runs left: " + removed.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
  }

  private int refused(String problem) {
    spec.commandLine().getErr().println(BenchOptions.COMMAND + ": " + problem);
    return EXIT_USAGE;
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

  /** The command line as the report records it: each argument quoted as a POSIX shell needs, so that it runs again. */
  static String recordedCommand(java.util.List<String> args) {
    return (BenchOptions.COMMAND + " " + ShellWords.join(args)).strip();
  }
}
