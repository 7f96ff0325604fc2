package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framefork gui INPUT...} takes what {@code encode} and the queue's dialog take. */
class AppArgsInputsTest {
  @TempDir
  Path dir;

  @Test
  void foldersPatternsAndGlobsAreTheQueuesInputs() throws IOException {
    Path render = Files.createDirectory(dir.resolve("render"));
    for (int i = 1; i <= 3; i++) {
      Files.writeString(render.resolve(String.format("frame_%04d.png", i)), "x");
    }
    Path clips = Files.createDirectory(dir.resolve("clips"));
    Files.writeString(clips.resolve("a.mp4"), "x");
    Files.writeString(clips.resolve("a.framefork.mp4"), "x");
    Files.writeString(clips.resolve("b.mov"), "x");

    assertEquals(List.of(render), AppArgs.parse(render.toString()).files(), "a folder of images is one sequence");
    Path pattern = render.resolve("frame_%04d.png");
    assertEquals(List.of(pattern), AppArgs.parse(pattern.toString()).files());
    Path glob = render.resolve("*.png");
    assertEquals(List.of(glob), AppArgs.parse(glob.toString()).files(), "a glob of images is one sequence");
    assertEquals(List.of(clips.resolve("a.mp4"), clips.resolve("b.mov")), AppArgs.parse(clips.toString()).files(),
        "a folder's videos, not FrameFork's outputs");
    assertEquals(List.of(clips.resolve("b.mov")), AppArgs.parse(clips + "/*.mov").files());
  }

  /** The app's own outputs beside their sources stay out, as they do from a drop of the same folder. */
  @Test
  void theAppsOutputsStayOutAsFromADrop() throws IOException {
    Path clips = Files.createDirectory(dir.resolve("clips"));
    Files.writeString(clips.resolve("a.mp4"), "x");
    Files.writeString(clips.resolve("a-h264.mp4"), "x");
    Files.writeString(clips.resolve("a-vp9-2.webm"), "x");
    Files.writeString(clips.resolve("lone-h265.mp4"), "x");
    List<Path> folder = List.of(clips.resolve("a.mp4"), clips.resolve("lone-h265.mp4"));
    assertEquals(folder, AppArgs.parse(clips.toString()).files());
    assertEquals(org.framefork.app.queue.QueuePanel.inputsIn(List.of(clips)), AppArgs.parse(clips.toString()).files());
    assertEquals(folder, AppArgs.parse(clips + "/*.mp4").files(), "a glob's videos as a folder's");
    assertEquals(List.of(clips.resolve("a-h264.mp4")), AppArgs.parse(clips.resolve("a-h264.mp4").toString()).files(),
        "a file named by itself is taken whatever its name");
    assertEquals(folder, AppArgs.parse(clips.toString(), clips.resolve("a.mp4").toString()).files(), "each once");
    Path link = Files.createSymbolicLink(dir.resolve("a-link.mp4"), clips.resolve("a.mp4"));
    assertEquals(List.of(clips.resolve("a.mp4")),
        AppArgs.parse(clips.resolve("a.mp4").toString(), clips + "/../clips/a.mp4", link.toString()).files(),
        "another spelling of a file, or a link to it, is the same input");
  }

  @Test
  void whatNamesNothingIsOneLine() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    String folder = assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(empty.toString())).getMessage();
    assertTrue(folder.startsWith(empty + ": the folder holds no video files"), folder);
    Path missing = dir.resolve("missing.mp4");
    assertEquals(missing + ": no such file",
        assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(missing.toString())).getMessage());
    String glob = assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(dir + "/*.mkv")).getMessage();
    assertTrue(glob.contains("no video file matches this pattern"), glob);
  }

  /** --strict-mode and --watchdog-ms set up a window as it opens: a hand-off to an open one refuses them. */
  @Test
  void aWindowsOwnFlagsAreNamedForAHandOff() {
    assertEquals(java.util.List.of("--strict-mode", "--watchdog-ms"),
        AppArgs.parse("--strict-mode", "log", "--watchdog-ms", "500").windowFlags());
    assertEquals(java.util.List.of(), AppArgs.parse("--codec", "av1").windowFlags());
    assertEquals(java.util.List.of("--codec"), AppArgs.parse("--codec", "av1", "--watchdog-ms", "500").settingFlags());
  }
}
