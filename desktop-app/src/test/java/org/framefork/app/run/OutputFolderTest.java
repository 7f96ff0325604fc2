package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
    Path made = dir.resolve("a");
    assertNull(OutputFolder.prepare(made));
    assertTrue(Files.isDirectory(made));
    assertNull(OutputFolder.prepare(made), "and taken as it is the next time");
  }

  /** A folder above the output folder that is missing too is most often a drive that is not mounted: nothing is made. */
  @Test
  void aMissingFolderAboveItIsRefusedAsADriveNotMounted() {
    Path drive = dir.resolve("usbdrive");
    assertEquals(drive + " does not exist (a drive not mounted?); choose another output folder.",
        OutputFolder.prepare(drive.resolve("Videos/FrameFork")));
    assertEquals(drive + " does not exist (a drive not mounted?); choose another output folder.",
        OutputFolder.prepare(drive.resolve("Videos")));
    assertTrue(!Files.exists(drive), "nothing was made under the mount point");
  }

  /**
   * A folder whose existence cannot be told (no access to the one above it, a share that does not
   * answer; here a name too long) is not said to be missing, as a drive not mounted: making it says why.
   */
  @Test
  void aFolderThatCannotBeLookedAtIsNotCalledMissing() {
    Path unknown = dir.resolve("n".repeat(300)).resolve("Videos");
    String problem = OutputFolder.prepare(unknown);
    assertTrue(problem != null && problem.startsWith("Cannot create the output folder " + unknown + ": "), problem);
    assertTrue(!problem.contains("does not exist"), problem);
  }

  /**
   * A read-only file system is said so, not "permission denied" ({@code Files.isWritable} is false
   * for both): the system's reason (EROFS) is passed on, a denied access named as such.
   */
  @Test
  void aReadOnlyFileSystemIsToldFromADeniedAccess() {
    assertEquals("read-only file system (in " + dir + ")",
        OutputFolder.reason(dir, new FileSystemException(dir.resolve("x").toString(), null, "Read-only file system")));
    assertEquals("permission denied (in " + dir + ")",
        OutputFolder.reason(dir, new AccessDeniedException(dir.resolve("x").toString())));
  }

  /** A folder where no file can be made is refused at Start, whatever its access bits say (/proc, for root too). */
  @Test
  void aFolderThatTakesNoFileIsRefused() {
    String problem = OutputFolder.prepare(Path.of("/proc"));
    assertTrue(problem != null && problem.startsWith("Cannot write to the output folder /proc: "), problem);
  }
}
