package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start says why the output folder cannot be made, not only its path. */
class OutputFolderTest {
  @TempDir
  Path dir;

  @Test
  void aFileInTheWayIsNamed() throws IOException {
    Path clip = Files.writeString(dir.resolve("clip.mp4"), "x");
    assertEquals("Cannot create the output folder " + clip + ": " + clip + " is a file, not a folder; choose another folder.",
        OutputFolder.prepare(clip));
    Path under = clip.resolve("sub");
    assertEquals("Cannot create the output folder " + under + ": " + clip + " is a file, not a folder; choose another folder.",
        OutputFolder.prepare(under));
  }

  @Test
  void aSystemFolderThatTakesNoFoldersIsSaidSo() {
    Path proc = Path.of("/proc/framefork-qa");
    String problem = OutputFolder.prepare(proc);
    assertTrue(problem.startsWith("Cannot create the output folder /proc/framefork-qa: /proc "), problem);
    assertTrue(!problem.contains("(/proc/framefork-qa)"), "the reason is more than the path: " + problem);
  }

  @Test
  void aMissingFolderIsMade() {
    Path made = dir.resolve("a/b");
    assertNull(OutputFolder.prepare(made));
    assertTrue(Files.isDirectory(made));
  }
}
