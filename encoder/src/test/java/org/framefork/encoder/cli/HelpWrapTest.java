package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help text that users paste from must not be wrapped inside a word: picocli breaks lines where
 * Java's line BreakIterator allows, which is also after the ':' and '.' in {@code scale=1280:720} or
 * {@code docs/cluster.md}. Piped help is 80 columns wide; a terminal's help is as wide as it is.
 */
class HelpWrapTest {
  /** What a reader pastes: these start lines of their own, so no width from 80 up wraps inside them. */
  private static final List<String> PASTED = List.of(
      "--vf \"scale=1280:720,denoise=4,sharpen=0.6\"",
      "--vf \"scale=1280:-1,overlay=logo.png:-16:16\"",
      "See docs/cluster.md.");

  @ParameterizedTest
  @ValueSource(strings = {"encode", "probe", "compare", "node"})
  void at80ColumnsNoWordOfTheHelpIsSplit(String command) {
    CommandLine cl = command(command);
    String help = usage(cl, 80);
    Set<String> shown = new HashSet<>(Arrays.asList(help.split("\\s+")));
    Set<String> split = words(cl.getCommandSpec()).stream().filter(w -> !shown.contains(w))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), split, "words wrapped inside, in:\n" + help);
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= 80, "no line over 80 columns: " + line);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 81, 84, 90, 100, 117, 120, 124, 132, 150, 160, 200})
  void examplesAndFileNamesStayWholeAtAnyWidth(int width) {
    String help = usage(command("encode"), width) + usage(command("node"), width);
    String joined = help.lines().map(String::strip).collect(Collectors.joining("\n"));
    for (String pasted : PASTED) {
      assertTrue(joined.contains(pasted), "'" + pasted + "' whole on one line at " + width + " columns:\n" + help);
    }
    assertTrue(help.lines().filter(l -> l.contains("docs/cluster.md.")).count() >= 2, "encode's --cluster and node say it");
  }

  private static CommandLine command(String name) {
    CommandLine sub = Main.commandLine(InterruptGuard.none()).getSubcommands().get(name);
    sub.setUsageHelpAutoWidth(false);
    return sub;
  }

  private static String usage(CommandLine cl, int width) {
    cl.setUsageHelpWidth(width);
    return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** Every word of the command's own text: its description, its options' and parameters', its footer. */
  private static Set<String> words(CommandSpec spec) {
    List<String> texts = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
    texts.addAll(Arrays.asList(spec.usageMessage().footer()));
    for (ArgSpec arg : spec.args()) {
      texts.addAll(Arrays.asList(arg.description()));
    }
    Set<String> words = new TreeSet<>();
    for (String text : texts) {
      for (String word : text.split("\\s+")) {
        // ${DEFAULT-VALUE} and %n are filled in when shown.
        if (!word.isEmpty() && !word.contains("${") && !word.contains("%")) {
          words.add(word);
        }
      }
    }
    return words;
  }
}
