package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A mistyped option or command is named as it was typed, with the nearest name it may have meant. */
class MistypedArgumentsTest extends RefusedCommandLineTest {
  @Test
  void aRunTogetherShortOptionIsNamedAsTyped() {
    // It said "unknown option '-f'" for -vf, the ffmpeg habit, a letter the user never typed alone.
    assertEquals("framefork: unknown option '-vf' (did you mean --vf?); see 'framefork encode --help'",
        refused("encode", clip.toString(), "-vf", "scale=64:36"));
    assertEquals("framefork: unknown option '-qz'; see 'framefork encode --help'", refused("encode", clip.toString(), "-qz"));
  }

  @Test
  void aMistypedOptionWithItsValueIsStillAnOption() {
    // Each said picocli's "Unknown options: '--worker', '2'", with no guess.
    assertEquals("framefork: unknown option '--worker' (did you mean --workers?); see 'framefork probe --help'",
        refused("probe", clip.toString(), "--worker", "2"));
    assertEquals("framefork: unknown option '-J' (did you mean -j?); see 'framefork compare --help'",
        refused("compare", clip.toString(), clip.toString(), "-J", "2"));
    assertEquals("framefork: unknown option '--liste' (did you mean --listen?); see 'framefork node --help'",
        refused("node", "--liste", "0.0.0.0:1"));
    assertEquals("framefork: unknown option '--cluster' (node takes --join HOST:PORT[,...]; --cluster is for "
        + "'framefork encode'); see 'framefork node --help'", refused("node", "--cluster", "1.2.3.4:5"));
  }

  @Test
  void eachMistypedOptionGetsItsOwnGuess() {
    // The guess, for the first only, came after every name: "unknown options '--jsno', '--frobnicate' (did you mean --json?)".
    assertEquals("framefork: unknown options '--frobnicate', '--jsno' (did you mean --json?); see 'framefork probe --help'",
        refused("probe", clip.toString(), "--frobnicate", "--jsno"));
  }

  @Test
  void theValueOfAMistypedOptionDoesNotHideTheGuess() {
    assertEquals("framefork: unknown option '--ovewrite=true' (did you mean --overwrite?); see 'framefork encode --help'",
        refused("encode", clip.toString(), "--ovewrite=true"));
  }

  @Test
  void caseIsASlipToo() {
    assertEquals("framefork: unknown option '--Overwrite' (did you mean --overwrite?); see 'framefork encode --help'",
        refused("encode", clip.toString(), "--Overwrite"));
    assertEquals("framefork: unknown command 'ENCODE' (did you mean encode?); see 'framefork --help'",
        refused("ENCODE", clip.toString()));
  }

  @Test
  void aLoneDashIsNoOption() {
    // It said "unknown option '-'"; picocli's own line says where the extra argument is.
    assertEquals("framefork: Unmatched argument at index 2: '-'; see 'framefork probe --help'",
        refused("probe", clip.toString(), "-"));
  }
}
