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

  /**
   * A read-only file system is said so, not "permission denied" (Files.isWritable is false for
   * both). It needs a read-only mount: made here as root, else the test is skipped.
   */
  @Test
  void aReadOnlyFileSystemIsSaidSo() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", ro.toString())
        .redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "a read-only mount needs root");
    try {
      assertEquals("Cannot write to the output folder " + ro + ": read-only file system (in " + ro + "); choose another "
          + "folder.", OutputFolder.prepare(ro));
      assertTrue(OutputFolder.prepare(ro.resolve("sub")).contains("read-only file system"), OutputFolder.prepare(ro.resolve("sub")));
    } finally {
      new ProcessBuilder("umount", ro.toString()).start().waitFor();
    }
  }

  /** A folder where no file can be made is refused at Start, even where the access bits say it is writable (root in /sys). */
  @Test
  void aFolderThatTakesNoFileIsRefused() {
    Path sys = Path.of("/sys");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys) && Files.isWritable(sys), "root with a /sys");
    String problem = OutputFolder.prepare(sys);
    assertTrue(problem != null && problem.startsWith("Cannot write to the output folder /sys: permission denied"), problem);
  }
}
