package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.testing.UnlistableFolder;
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
    UnlistableFolder locked = UnlistableFolder.in(dir);
    String said = "framefork: " + locked.path() + ": the folder cannot be read (permission denied)";
    assertEquals(said, CliRun.refused(dir, locked, "probe", locked.path().toString()));
    // encode lists it too: it let the unchecked exception of a folder that opened but could not be read through.
    assertEquals(said, CliRun.refused(dir, locked, "encode", locked.path().toString()));
  }

  @Test
  void anImagePatternInAFolderThatCannotBeListedSaysWhy() throws IOException {
    // It said "(java.nio.file.AccessDeniedException: /proc/1/map_files)": Java's exception, not the reason.
    UnlistableFolder locked = UnlistableFolder.in(dir);
    assertEquals("framefork: " + locked.path() + ": the folder cannot be read (permission denied)",
        CliRun.refused(dir, locked, "probe", locked.path().resolve("frame_%04d.png").toString()));
  }
}
