package org.framefork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.framefork.bench.kernels.KernelReport;
import org.openjdk.jmh.results.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code framefork bench kernels}: the frame kernels' JMH benchmarks and their markdown report. */
@Command(
    name = "kernels",
    customSynopsis = "framefork bench kernels [-h] [--out=FILE.md] [JMH options] [REGEX...]",
    usageHelpAutoWidth = true,
    description = {
        "JMH benchmarks of the frame kernels on 1080p planes, plain Java vs Vector API vs libswscale.",
        "Defaults: -f 1 -wi 5 -i 5 -w 1s -r 1s, all of org.framefork.bench.kernels. JMH options override them "
            + "(e.g. -i 10, -p impl=vector); REGEX picks benchmarks; -l lists them."})
final class KernelsCommand extends JmhCommand {
  @Option(names = "--out", paramLabel = "FILE.md", description = "Write the markdown report to FILE.md as well as printing it.")
  Path out;

  KernelsCommand() {
    // Modest defaults for a shared machine.
    super(new String[][] {{"-f", "1"}, {"-wi", "5"}, {"-i", "5"}, {"-w", "1s"}, {"-r", "1s"}}, "org\\.framefork\\.bench\\.kernels\\..*");
  }

  @Override
  void report(Collection<RunResult> results, List<String> jmhArgs) throws IOException {
    String report = KernelReport.markdown(new ArrayList<>(results), String.join(" ", jmhArgs));
    System.out.println();
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report);
      System.out.println("written to " + out);
    }
  }
}
