package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every {@code framefork bench} command's help, its own exit codes, and what a missing argument says. */
class BenchHelpTest {
  @TempDir Path dir;

  /** Each command's help: how it starts, and a line of its exit codes that only it has. */
  private static final Map<String, String> EXIT_CODE_LINES = Map.of(
      "kernels", "  0    the benchmarks ran (or were listed)",
      "shared-state", "  0    the benchmarks ran (or were listed)",
      "quality", "  0    the report was written",
      "colour-cost", "  0    the table was printed");

  @Test
  void everyCommandTakesHelpAndListsItsOwnExitCodes() {
    assertEquals(EXIT_CODE_LINES.keySet(), BenchMain.commandLine().getSubcommands().keySet(), "every command is checked");
    EXIT_CODE_LINES.forEach((command, exitCode) -> {
      for (String help : new String[] {"--help", "-h"}) {
        BenchMainTest.Run r = BenchMainTest.harness(command, help);
        assertEquals(0, r.code(), command + " " + help + ": " + r);
        assertEquals("", r.err(), command + " " + help);
        assertTrue(r.out().startsWith("Usage: framefork bench " + command), r.out());
        assertTrue(r.out().contains("\nExit codes:\n" + exitCode + "\n"), command + ":\n" + r.out());
        boolean jmh = command.equals("kernels") || command.equals("shared-state");
        assertEquals(jmh, r.out().contains("no benchmark matches"), "JMH's exit codes only for JMH's commands:\n" + r.out());
      }
    });
  }

  /**
   * Each command's help lists the exit codes that its class declares: a new command that declares
   * none does not quietly get JMH's (BenchMain picked them by name, JMH's by default).
   */
  @Test
  void everyCommandDeclaresTheExitCodesItsHelpLists() {
    BenchMain.commandLine().getSubcommands().forEach((name, sub) -> {
      BenchCommand command = assertInstanceOf(BenchCommand.class, sub.getCommandSpec().userObject(), name);
      String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(help.endsWith("\nExit codes:\n" + String.join("\n", command.exitCodes()) + "\n"), name + ":\n" + help);
    });
  }

  @CommandLine.Command(name = "undeclared")
  static final class Undeclared implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void aCommandWithoutItsOwnExitCodesIsRefused() {
    CommandLine cl = BenchMain.commandLine().addSubcommand(new Undeclared());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> BenchMain.exitCodeFooters(cl));
    assertEquals("bench undeclared lists no exit codes: make it a BenchCommand", e.getMessage());
  }

  @Test
  void aRequiredOptionLeftOutIsNamedWithItsValue() {
    BenchMainTest.Run r = BenchMainTest.harness("quality", dir.resolve("in.mp4").toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("framefork bench quality: needs --out FILE.md; see framefork bench quality --help", r.err().strip());
    // Given without its value, the option still says so.
    BenchMainTest.Run noValue = BenchMainTest.harness("quality", dir.resolve("in.mp4").toString(), "--out");
    assertEquals(2, noValue.code(), noValue.toString());
    assertEquals("framefork bench quality: --out needs a value; see framefork bench quality --help", noValue.err().strip());
  }

  @Test
  void colourCostSaysWhatIsMissingAndRefusesWhatIsNoSequenceInOneLine() {
    BenchMainTest.Run none = BenchMainTest.harness("colour-cost");
    assertEquals(2, none.code(), none.toString());
    assertEquals("framefork bench colour-cost: needs SEQUENCE; see framefork bench colour-cost --help", none.err().strip());
    Path missing = dir.resolve("no-such-folder");
    BenchMainTest.Run bad = BenchMainTest.harness("colour-cost", missing.toString());
    assertEquals(2, bad.code(), bad.toString());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().startsWith("framefork bench colour-cost: " + missing), bad.err());
    assertFalse(bad.err().contains("internal error"), bad.err());
    assertEquals("", bad.out());
  }

  /** --frames or --rounds below 1 measured nothing and ended in "internal error" and a stack trace. */
  @Test
  void colourCostRefusesFramesAndRoundsBelowOneInOneLine() throws Exception {
    String pattern = pngSequence().toString();
    for (List<String> args : List.of(List.of("--frames", "0"), List.of("--frames", "-3"), List.of("--rounds", "0"))) {
      BenchMainTest.Run r = BenchMainTest.harness("colour-cost", pattern, args.get(0), args.get(1));
      assertEquals(2, r.code(), args + ": " + r);
      assertEquals("framefork bench colour-cost: " + args.get(0) + " " + args.get(1) + ": give a whole number of 1 or more",
          r.err().strip());
      assertEquals("", r.out());
    }
  }

  /** --depth 10 converts to yuv420p10le (the colour kernels at 10 bits); another depth is one line, exit 2. */
  @Test
  void colourCostConvertsToTenBitsAndRefusesOtherDepthsInOneLine() throws Exception {
    String pattern = pngSequence().toString();
    BenchMainTest.Run ten = BenchMainTest.harness("colour-cost", pattern, "--rounds", "1", "--depth", "10");
    assertEquals(0, ten.code(), ten.toString());
    assertTrue(ten.out().contains("3 images 64x48 rgb24 to yuv420p10le"), ten.out());
    BenchMainTest.Run twelve = BenchMainTest.harness("colour-cost", pattern, "--depth", "12");
    assertEquals(2, twelve.code(), twelve.toString());
    assertEquals("framefork bench colour-cost: --depth 12: give 8 or 10", twelve.err().strip());
    assertEquals("", twelve.out());
  }

  /** An image of the sequence that does not decode is one line that names it, exit 1, and no table. */
  @Test
  void colourCostSaysWhichImageDoesNotDecodeInOneLine() throws Exception {
    Path pattern = pngSequence();
    BenchMainTest.Run whole = BenchMainTest.harness("colour-cost", pattern.toString(), "--rounds", "1");
    assertEquals(0, whole.code(), whole.toString());
    assertTrue(whole.out().contains("3 images 64x48"), whole.out());

    Path damaged = dir.resolve("f002.png");
    try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    BenchMainTest.Run r = BenchMainTest.harness("colour-cost", pattern.toString(), "--rounds", "1");
    assertEquals(1, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("framefork bench colour-cost: " + damaged + ": "), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    assertEquals("", r.out());
  }

  /** The refusal of a sequence with numbers missing suggests --allow-gaps, which colour-cost takes as encode does. */
  @Test
  void colourCostTakesTheAllowGapsItsRefusalSuggests() throws Exception {
    Path pattern = pngSequence();
    Files.move(dir.resolve("f003.png"), dir.resolve("f004.png"));
    BenchMainTest.Run refused = BenchMainTest.harness("colour-cost", pattern.toString(), "--rounds", "1");
    assertEquals(2, refused.code(), refused.toString());
    assertTrue(refused.err().contains("pass --allow-gaps"), refused.err());
    BenchMainTest.Run r = BenchMainTest.harness("colour-cost", pattern.toString(), "--rounds", "1", "--allow-gaps");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("3 images 64x48"), "each image once, the held frame not again:\n" + r.out());
  }

  /** Three 64x48 PNGs made by Debian's ffmpeg: f001.png to f003.png; returns their printf pattern. */
  private Path pngSequence() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "3",
        "-start_number", "1", dir.resolve("f%03d.png").toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg ended");
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    assertTrue(Files.size(dir.resolve("f003.png")) > 0);
    return dir.resolve("f%03d.png");
  }
}
