package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code framefork gui} says a mistaken option as encode, probe and compare say theirs. */
class AppArgsMistakesTest {
  private static String refused(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(args)).getMessage();
  }

  @Test
  void anEncodeOptionIsUnknownHereAndTheHelpIsQuoted() {
    // It said "unknown option '--depth'; see framefork gui --help", the help unquoted unlike encode's line.
    assertEquals("unknown option '--depth'; see 'framefork gui --help'", refused("--depth", "10"));
    assertEquals("unknown options '--depth', '--tonemap'; see 'framefork gui --help'", refused("--depth", "--tonemap"));
  }

  @Test
  void aMisspeltOptionGetsTheNearestName() {
    assertEquals("unknown option '--worker' (did you mean --workers?); see 'framefork gui --help'", refused("--worker", "2"));
  }

  @Test
  void aMissingValueSaysWhereToLook() {
    assertEquals("--workers needs a value; see 'framefork gui --help'", refused("--workers"));
  }
}
