package org.framefork.encoder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests of refused command lines: a real clip in a fresh folder, so that a
 * missing check would let a real encode write there, and {@link CliRun#refused}'s checks.
 */
abstract class RefusedCommandLineTest {
  @TempDir Path dir;
  Path clip;

  @BeforeEach
  void copyClip() throws IOException {
    clip = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("clip.mp4"));
  }

  /** Runs {@code args} and checks the refusal (see {@link CliRun#refused}); returns the one error line. */
  String refused(String... args) {
    return CliRun.refused(dir, args);
  }
}
