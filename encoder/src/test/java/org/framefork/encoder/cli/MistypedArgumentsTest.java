package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A mistyped option or command is named as it was typed, with the nearest name it may have meant. */
class MistypedArgumentsTest extends RefusedCommandLineTest {
  /** Checks that {@code command} (its words split at spaces, CLIP the test's clip) is refused with "framefork: {@code line}". */
  private void says(String command, String line) {
    String[] args = Arrays.stream(command.split(" ")).map(a -> a.equals("CLIP") ? clip.toString() : a).toArray(String[]::new);
    assertEquals("framefork: " + line, refused(args));
  }

  @Test
  void unknownOptionSaysWhereToLook() {
    says("encode CLIP --frobnicate", "unknown option '--frobnicate'; see 'framefork encode --help'");
    says("encode CLIP --frobnicate -Z", "unknown options '--frobnicate', '-Z'; see 'framefork encode --help'");
  }

  @Test
  void aMisspeltOptionGetsTheNearestName() {
    says("encode CLIP --ovewrite", "unknown option '--ovewrite' (did you mean --overwrite?); see 'framefork encode --help'");
    says("probe CLIP --jsno", "unknown option '--jsno' (did you mean --json?); see 'framefork probe --help'");
    // Of the options that start as the typed one does, only the nearest is said.
    says("encode CLIP --quality-pol p50",
        "unknown option '--quality-pol' (did you mean --quality-pool?); see 'framefork encode --help'");
  }

  @Test
  void unknownCommandIsNamedAsACommand() {
    // picocli guesses probe for frobnicate: too far off to say.
    says("frobnicate CLIP", "unknown command 'frobnicate'; see 'framefork --help'");
    says("encdoe CLIP", "unknown command 'encdoe' (did you mean encode?); see 'framefork --help'");
    says("prob CLIP", "unknown command 'prob' (did you mean probe?); see 'framefork --help'");
  }

  @Test
  void aRunTogetherShortOptionIsNamedAsTyped() {
    // It said "unknown option '-f'" for -vf, the ffmpeg habit, a letter the user never typed alone.
    says("encode CLIP -vf scale=64:36", "unknown option '-vf' (did you mean --vf?); see 'framefork encode --help'");
    says("encode CLIP -qz", "unknown option '-qz'; see 'framefork encode --help'");
  }

  @Test
  void aMistypedOptionWithItsValueIsStillAnOption() {
    // Each said picocli's "Unknown options: '--worker', '2'", with no guess.
    says("probe CLIP --worker 2", "unknown option '--worker' (did you mean --workers?); see 'framefork probe --help'");
    says("compare CLIP CLIP -J 2", "unknown option '-J' (did you mean -j?); see 'framefork compare --help'");
    // A number run into a short option, as -j2 is taken: it had no guess.
    says("compare CLIP CLIP -J2", "unknown option '-J2' (did you mean -j?); see 'framefork compare --help'");
    says("node --liste 0.0.0.0:1", "unknown option '--liste' (did you mean --listen?); see 'framefork node --help'");
    says("node --cluster 1.2.3.4:5", "unknown option '--cluster' (node takes --join HOST:PORT[,...]; --cluster is for "
        + "'framefork encode'); see 'framefork node --help'");
  }

  @Test
  void eachMistypedOptionGetsItsOwnGuess() {
    // The guess, for the first only, came after every name: "unknown options '--jsno', '--frobnicate' (did you mean --json?)".
    says("probe CLIP --frobnicate --jsno",
        "unknown options '--frobnicate', '--jsno' (did you mean --json?); see 'framefork probe --help'");
  }

  @Test
  void theValueOfAMistypedOptionDoesNotHideTheGuess() {
    says("encode CLIP --ovewrite=true", "unknown option '--ovewrite=true' (did you mean --overwrite?); see 'framefork encode --help'");
  }

  @Test
  void caseIsASlipToo() {
    says("encode CLIP --Overwrite", "unknown option '--Overwrite' (did you mean --overwrite?); see 'framefork encode --help'");
    says("ENCODE CLIP", "unknown command 'ENCODE' (did you mean encode?); see 'framefork --help'");
  }

  @Test
  void aLoneDashIsNoOption() {
    // It said "unknown option '-'"; picocli's own line says where the extra argument is.
    says("probe CLIP -", "Unmatched argument at index 2: '-'; see 'framefork probe --help'");
    // Dashes with no name are no slip of any option: it guessed "-o or -j or -q".
    says("encode CLIP --=x", "unknown option '--=x'; see 'framefork encode --help'");
  }
}
