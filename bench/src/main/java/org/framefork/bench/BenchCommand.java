package org.framefork.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code framefork bench} subcommand: it says its own exit codes, which its help lists under
 * "Exit codes:", and each of its mistakes in one line after its name. {@link BenchMain} refuses a
 * subcommand that is not one (and BenchHelpTest checks every one), so a new command cannot end up
 * with another command's list.
 */
abstract class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final String[] exitCodes;

  /** @param exitCodes the lines of its help's "Exit codes:" footer, each "  CODE  what it means" */
  BenchCommand(String... exitCodes) {
    this.exitCodes = exitCodes.clone();
  }

  /** The lines of its help's "Exit codes:" footer. */
  final String[] exitCodes() {
    return exitCodes.clone();
  }

  /** Says {@code problem} in one line, after the command's name, on its error stream; returns {@code code}. */
  final int say(String problem, int code) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + problem);
    return code;
  }
}
