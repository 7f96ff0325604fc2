package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void aHiddenFileInAFolderIsNoVideo() throws IOException {
    // It said "the folder holds 2 video files ... (probe mac/._clip.mp4)", and encode then failed on that file.
    Path mac = Files.createDirectory(dir.resolve("mac"));
    Files.copy(clip, mac.resolve("clip.mp4"));
    Files.writeString(mac.resolve("._clip.mp4"), "Mac OS X        ATTR");
    assertEquals("framefork: " + mac + ": the folder holds 1 video file and no images; probe takes one video at a time (probe "
        + mac.resolve("clip.mp4") + "), encode takes the folder", refused("probe", mac.toString()));
  }

  @Test
  void aFolderThatCannotBeListedIsOneLine() throws IOException {
    // probe caught IllegalArgumentException, not the UsageException of a folder it cannot list:
    // "framefork: internal error" and a stack trace, exit 1.
    Path locked = unlistableFolder();
    assertEquals("framefork: " + locked + ": the folder cannot be read (permission denied)", refused("probe", locked.toString()));
    // encode lists it too: it let the unchecked exception of a folder that opened but could not be read through.
    assertEquals("framefork: " + locked + ": the folder cannot be read (permission denied)", refused("encode", locked.toString()));
  }

  @Test
  void anImagePatternInAFolderThatCannotBeListedSaysWhy() throws IOException {
    // It said "(java.nio.file.AccessDeniedException: /proc/1/map_files)": Java's exception, not the reason.
    Path locked = unlistableFolder();
    assertEquals("framefork: " + locked + ": the folder cannot be read (permission denied)",
        refused("probe", locked.resolve("frame_%04d.png").toString()));
  }

  /**
   * A folder this process cannot list: one with its permissions taken away, or, for root, whom they
   * do not stop, /proc/1/map_files (it needs CAP_SYS_ADMIN, on every Linux); the test fails where neither is,
   * rather than pass having checked nothing.
   */
  private Path unlistableFolder() throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, java.util.Set.of());
    for (Path p : java.util.List.of(locked, Path.of("/proc/1/map_files"))) {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.count();
        } catch (java.nio.file.AccessDeniedException | java.io.UncheckedIOException e) {
          return p; // refused as it opens (permissions) or as its names are read (/proc/1/map_files)
        }
      }
    }
    throw new AssertionError("no folder here that this process cannot list: neither a folder without permissions nor "
        + "/proc/1/map_files refuses its names");
  }
}
