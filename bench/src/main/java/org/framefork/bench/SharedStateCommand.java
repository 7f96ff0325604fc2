package org.framefork.bench;

import picocli.CommandLine.Command;

/** {@code framefork bench shared-state}: the JMH lessons on counting progress from many threads. */
@Command(
    name = "shared-state",
    customSynopsis = "framefork bench shared-state [-h] [JMH options] [REGEX...]",
    usageHelpAutoWidth = true,
    description = {
        "JMH benchmarks of progress counting: one shared counter against per-worker counters.",
        "Defaults: -f 1 -wi 3 -i 5 -w 1s -r 1s, all of org.framefork.bench.sharedstate. JMH options override them "
            + "(e.g. -i 10, -t 2); REGEX picks benchmarks; -l lists them."})
final class SharedStateCommand extends JmhCommand {
  SharedStateCommand() {
    super(new String[][] {{"-f", "1"}, {"-wi", "3"}, {"-i", "5"}, {"-w", "1s"}, {"-r", "1s"}},
        "org\\.framefork\\.bench\\.sharedstate\\..*");
  }
}
