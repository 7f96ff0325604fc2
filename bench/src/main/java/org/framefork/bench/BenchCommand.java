package org.framefork.bench;

/**
 * A {@code framefork bench} subcommand: it says its own exit codes, which its help lists under
 * "Exit codes:". {@link BenchMain} refuses a subcommand that does not implement this (and
 * BenchHelpTest checks every one), so a new command cannot end up with another command's list.
 */
interface BenchCommand {
  /** The lines of its help's "Exit codes:" footer, each "  CODE  what it means". */
  String[] exitCodes();

  /** Says {@code problem} in one line, after the command's name, on its error stream; returns {@code code}. */
  static int say(picocli.CommandLine.Model.CommandSpec spec, String problem, int code) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + problem);
    return code;
  }
}
