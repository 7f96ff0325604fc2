package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Input names that are no video: refused in one line, exit 2, before any work. */
class UnusualInputNamesTest extends RefusedCommandLineTest {
  @Test
  void anEmptyNameIsRefusedNotTakenForTheCurrentFolder() {
    // encode "" took the current folder's every video and exited 0.
    assertEquals("framefork: an empty input name; give a file, folder or pattern", refused("encode", ""));
    assertEquals("framefork: an empty input name; give a file, folder or pattern", refused("encode", clip.toString(), ""));
    assertEquals("framefork: an empty input name; give a file, folder or pattern", refused("probe", ""));
    assertEquals("framefork: an empty input name; give two video files", refused("compare", clip.toString(), ""));
  }
}
