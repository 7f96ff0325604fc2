package org.framefork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.framefork.bench.kernels.KernelReport;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Entry point of the bench jar. {@code kernels} runs the JMH kernel benchmarks and prints a
 * markdown table (ops/s, GB/s, Vector API vs plain, vs libswscale, next to copy bandwidth).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      usage();
      return;
    }
    switch (args[0]) {
      case "kernels" -> kernels(Arrays.copyOfRange(args, 1, args.length));
      default -> {
        System.err.println("unknown command '" + args[0] + "'");
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.out.println("""
        usage: java --add-modules jdk.incubator.vector -jar framefork-bench.jar kernels [--out FILE.md] [JMH options] [REGEX...]
          kernels   JMH benchmarks of the frame kernels on 1080p planes, plain Java vs Vector API vs libswscale.
                    Defaults: -f 1 -wi 5 -i 5 -w 1s -r 1s, all of org.framefork.bench.kernels.
                    JMH options override them (e.g. -i 10, -p impl=vector); REGEX picks benchmarks.
                    --out writes the markdown report to FILE.md as well as printing it.""");
  }

  private static void kernels(String[] args) throws IOException, RunnerException {
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
    for (String[] option : defaults) {
      if (!jmhArgs.contains(option[0])) {
        jmhArgs.add(0, option[1]);
        jmhArgs.add(0, option[0]);
      }
    }
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("kernels: " + e.getMessage());
      System.exit(2);
      return;
    }
    OptionsBuilder options = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      options.include("org\\.framefork\\.bench\\.kernels\\..*");
    }
    options.parent(cli);
    var results = new Runner(options.build()).run();
    String report = KernelReport.markdown(new ArrayList<RunResult>(results), String.join(" ", jmhArgs));
    System.out.println();
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report);
      System.out.println("written to " + out);
    }
  }
}
