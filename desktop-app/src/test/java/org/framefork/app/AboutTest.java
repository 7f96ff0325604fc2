package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Help > About gives FrameFork's, FFmpeg's and Java's versions, as {@code ./framefork --version} does. */
class AboutTest {
  @Test
  void aboutStartsWithTheThreeVersions() {
    List<String> lines = MainFrame.aboutText().lines().toList();
    // "FrameFork 0.1.0-SNAPSHOT" from the jar, "FrameFork development build" from target/classes, as --version says.
    assertTrue(lines.get(0).startsWith("FrameFork ") && !lines.get(0).contains("cannot be read"), lines.get(0));
    assertTrue(lines.get(1).matches("FFmpeg \\d+\\.\\d+.*\\(bytedeco JavaCPP .*"), lines.get(1));
    assertTrue(lines.get(2).startsWith("Java " + Runtime.version()), lines.get(2));
    assertTrue(lines.contains("FrameFork: a chunk-parallel video encoder for the JVM."), lines.toString());
  }
}
