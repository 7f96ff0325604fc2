package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder dropped on the queue or chosen in its dialog brings in what {@code encode DIR} takes, not
 * earlier outputs: the engine's rule ({@code EarlierOutputs}, tested with {@code InputExpanderTest}).
 */
class FolderInputsTest {
  @TempDir
  Path dir;

  @Test
  void aFolderBringsItsVideosButNotTheEnginesOrTheAppsOutputs() throws IOException {
    for (String name : List.of("a.mp4", "a.framefork.mp4", "a-h264.mp4", "a-vp9-2.webm", "b.MOV", "b.framefork.mkv",
        "lone-h265.mp4", "take.y4m", "notes.txt")) {
      Files.writeString(dir.resolve(name), "x");
    }
    Files.writeString(Files.createDirectory(dir.resolve("render")).resolve("f_0001.png"), "x");
    Files.writeString(dir.resolve("render-av1.mkv"), "x"); // a sequence's output beside the sequence's folder
    List<String> names = QueuePanel.inputsIn(List.of(dir)).stream().map(p -> p.getFileName().toString()).toList();
    // lone-h265.mp4 has no source beside it: it may be a source named so, and is kept; .y4m is a video to encode.
    assertEquals(List.of("a.mp4", "b.MOV", "lone-h265.mp4", "take.y4m"), names);
  }

  @Test
  void aFileChosenByItselfIsTakenWhateverItsName() throws IOException {
    Path output = Files.writeString(dir.resolve("a.framefork.mp4"), "x");
    assertEquals(List.of(output), QueuePanel.inputsIn(List.of(output)));
  }
}
