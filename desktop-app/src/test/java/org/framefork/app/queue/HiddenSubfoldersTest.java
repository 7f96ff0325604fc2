package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with no video whose subfolders hold some names those subfolders; hidden files and folders
 * (macOS's "._a.mp4" beside each copied file, its .Trashes) are no video, as for {@code encode DIR}.
 */
class HiddenSubfoldersTest {
  @TempDir
  Path dir;

  @Test
  void hiddenFilesAndFoldersAreNotSuggested() throws Exception {
    // It said "add .Trashes, mon themselves": mon holds only an AppleDouble file.
    Path days = Files.createDirectories(dir.resolve("days"));
    Files.writeString(Files.createDirectories(days.resolve("mon")).resolve("._a.mp4"), "Mac OS X        ATTR");
    Files.writeString(Files.createDirectories(days.resolve(".Trashes")).resolve("x.mp4"), "old");
    Files.writeString(Files.createDirectories(days.resolve("tue")).resolve("b.mp4"), "not read here");
    List<String> problems = new ArrayList<>();
    assertEquals(List.of(), QueueInputs.of(List.of(days.toString()), problems));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(days + ": the folder holds no video files"), problems.get(0));
    assertTrue(problems.get(0).endsWith("; its subfolders are not searched: add tue themselves"), problems.get(0));
  }
}
